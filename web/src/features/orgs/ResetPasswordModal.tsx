import { useMutation } from '@tanstack/react-query';
import { App, Form, Modal } from 'antd';
import { resetPasswordBody } from '../../../../src/modules/orgs/contract.ts';
import { errorMessage } from '../../api.ts';
import { applyServerErrors } from '../../shared/forms.ts';
import { NewPasswordFields } from '../../shared/NewPasswordFields.tsx';
import { resetPassword, type UserView } from './api.ts';

interface ResetValues {
  password: string;
  confirmPassword: string;
}

export function ResetPasswordModal({ user, onClose }: { user: UserView | null; onClose: () => void }) {
  const [form] = Form.useForm<ResetValues>();
  const { message } = App.useApp();

  const close = () => {
    form.resetFields();
    onClose();
  };

  const mutation = useMutation({
    mutationFn: ({ id, password }: { id: string; password: string }) => resetPassword(id, password),
    onSuccess: () => {
      void message.success('密码已重置，用户下次登录时须修改密码');
      close();
    },
    onError: (error) => {
      if (!applyServerErrors(form, ['password'], error)) void message.error(errorMessage(error));
    },
  });

  return (
    <Modal
      title={user ? `重置密码：${user.displayName}（${user.username}）` : '重置密码'}
      open={user !== null}
      okText="重置"
      okButtonProps={{ disabled: mutation.isPending }}
      onOk={() => form.submit()}
      onCancel={close}
      forceRender
    >
      <Form<ResetValues>
        name="resetPassword"
        form={form}
        layout="vertical"
        disabled={mutation.isPending}
        onFinish={(values) => user && mutation.mutate({ id: user.id, password: values.password })}
      >
        <NewPasswordFields
          name="password"
          schema={resetPasswordBody.shape.password}
          mismatch="两次输入的密码不一致"
        />
      </Form>
    </Modal>
  );
}
