import { useMutation } from '@tanstack/react-query';
import { App, Form, Input, Modal, Radio } from 'antd';
import { supplierReviewBody } from '../../../../src/modules/orgs/contract.ts';
import { errorMessage } from '../../api.ts';
import { applyServerErrors, parseForm } from '../../shared/forms.ts';

type ReviewBody = { decision: 'approved' | 'rejected'; reason: string | null };
interface ReviewValues {
  decision?: 'approved' | 'rejected';
  reason?: string;
}

const fields = ['decision', 'reason'];

/**
 * Approve or reject a registration. The rule that a rejection needs a reason is the server's schema, checked
 * here too so the user sees it before sending.
 */
export function ReviewModal({
  open,
  title,
  onClose,
  submit,
  onDone,
}: {
  open: boolean;
  title: string;
  onClose: () => void;
  submit: (body: ReviewBody) => Promise<unknown>;
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
          const body = parseForm(form, fields, supplierReviewBody, {
            decision: values.decision,
            reason: values.reason?.trim() ? values.reason : null,
          });
          if (body) mutation.mutate(body);
        }}
      >
        <Form.Item label="审核结论" name="decision" rules={[{ required: true, message: '请选择审核结论' }]}>
          <Radio.Group
            options={[
              { value: 'approved', label: '通过' },
              { value: 'rejected', label: '驳回' },
            ]}
          />
        </Form.Item>
        <Form.Item label="审核意见" name="reason" extra="驳回时须说明理由">
          <Input.TextArea rows={3} maxLength={500} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}
