import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Form, Input } from 'antd';
import type { z } from 'zod';
import { changePasswordBody } from '../../../../src/platform/auth/contract.ts';
import { apiVoid, errorMessage } from '../../api.ts';
import { applyServerErrors, zodRule } from '../../shared/forms.ts';
import { NewPasswordFields } from '../../shared/NewPasswordFields.tsx';
import { sessionKey } from './session.ts';

type PasswordValues = z.input<typeof changePasswordBody> & { confirmPassword: string };

export function ChangePasswordPage() {
  const [form] = Form.useForm<PasswordValues>();
  const { message } = App.useApp();
  const queryClient = useQueryClient();

  const mutation = useMutation({
    mutationFn: ({ currentPassword, newPassword }: PasswordValues) =>
      // A wrong current password comes back as 400 with path body.currentPassword, so a 401 here really is an
      // expired session and the usual redirect to login applies.
      apiVoid('/api/auth/password', { method: 'POST', body: { currentPassword, newPassword } }),
    onSuccess: async () => {
      form.resetFields();
      void message.success('密码已修改');
      // The session clears its must-change flag and may rotate the CSRF token.
      await queryClient.invalidateQueries({ queryKey: sessionKey });
    },
    onError: (error) => {
      if (!applyServerErrors(form, ['currentPassword', 'newPassword'], error))
        void message.error(errorMessage(error));
    },
  });

  return (
    <Card title="修改密码" style={{ maxWidth: 520 }}>
      <Form<PasswordValues>
        name="changePassword"
        form={form}
        layout="vertical"
        disabled={mutation.isPending}
        onFinish={(values) => mutation.mutate(values)}
      >
        <Form.Item
          label="当前密码"
          name="currentPassword"
          required
          rules={[zodRule(changePasswordBody.shape.currentPassword)]}
        >
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        <NewPasswordFields
          name="newPassword"
          schema={changePasswordBody.shape.newPassword}
          extra="至少 8 位"
          mismatch="两次输入的新密码不一致"
        />
        <Button type="primary" htmlType="submit">
          确认修改
        </Button>
      </Form>
    </Card>
  );
}
