import { useMutation } from '@tanstack/react-query';
import { App, Form, Input, Modal, Radio } from 'antd';
import type { z } from 'zod';
import { REVIEW_DECISION_LABELS } from '../../../../src/modules/orgs/suppliers/contract.ts';
import { errorMessage } from '../../api.ts';
import { applyServerErrors, parseForm } from '../../shared/forms.ts';

interface ReviewValues {
  decision?: 'approved' | 'rejected';
  reason?: string;
}

const fields = ['decision', 'reason'];

/**
 * Approve or reject a registration or an application. The rule that a rejection needs a reason is the server's
 * schema (`schema`, the route's review body), checked here too so the user sees it before sending.
 */
export function ReviewModal<S extends z.ZodType>({
  open,
  title,
  schema,
  rejectLabel = REVIEW_DECISION_LABELS.rejected,
  onClose,
  submit,
  onDone,
}: {
  open: boolean;
  title: string;
  schema: S;
  rejectLabel?: string;
  onClose: () => void;
  submit: (body: z.output<S>) => Promise<unknown>;
  onDone: () => void;
}) {
  const [form] = Form.useForm<ReviewValues>();
  const { message } = App.useApp();
  const mutation = useMutation({
    mutationFn: submit,
    onSuccess: () => {
      void message.success('审核结果已保存');
      form.resetFields();
      onDone();
    },
    onError: (error) => {
      if (!applyServerErrors(form, fields, error)) void message.error(errorMessage(error));
    },
  });

  return (
    <Modal
      title={title}
      open={open}
      okText="提交审核结果"
      okButtonProps={{ disabled: mutation.isPending }}
      onOk={() => form.submit()}
      onCancel={() => {
        form.resetFields();
        onClose();
      }}
      forceRender
    >
      <Form<ReviewValues>
        name="review"
        form={form}
        layout="vertical"
        disabled={mutation.isPending}
        onFinish={(values) => {
          // A blank opinion is left out: the schema's default (or its "reason required" rule) decides.
          const body = parseForm(form, fields, schema, {
            decision: values.decision,
            reason: values.reason?.trim() ? values.reason : undefined,
          });
          if (body) mutation.mutate(body);
        }}
      >
        <Form.Item label="审核结论" name="decision" rules={[{ required: true, message: '请选择审核结论' }]}>
          <Radio.Group
            options={[
              { value: 'approved', label: REVIEW_DECISION_LABELS.approved },
              { value: 'rejected', label: rejectLabel },
            ]}
          />
        </Form.Item>
        <Form.Item label="审核意见" name="reason" extra={`${rejectLabel}时须说明理由`}>
          <Input.TextArea rows={3} maxLength={500} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}
