import { useMutation } from '@tanstack/react-query';
import { App, Form, Input, Modal, Select } from 'antd';
import { sanctionBody } from '../../../../src/modules/orgs/contract.ts';
import { errorMessage } from '../../api.ts';
import { applyServerErrors, parseForm } from '../../shared/forms.ts';
import { SANCTION_KIND_LABELS } from '../../../../src/modules/orgs/suppliers/contract.ts';
import { optionsOf } from '../../shared/labels.ts';
import { addSanction } from './api.ts';

interface SanctionValues {
  kind?: string;
  reason?: string;
  source?: string;
  startsOn?: string;
  endsOn?: string;
}

const fields = ['kind', 'reason', 'source', 'startsOn', 'endsOn'];

export function SanctionModal({
  supplierId,
  open,
  onClose,
  onDone,
}: {
  supplierId: string;
  open: boolean;
  onClose: () => void;
  onDone: () => void;
}) {
  const [form] = Form.useForm<SanctionValues>();
  const { message } = App.useApp();
  const mutation = useMutation({
    mutationFn: (body: Parameters<typeof addSanction>[1]) => addSanction(supplierId, body),
    onSuccess: () => {
      void message.success('处罚记录已登记');
      form.resetFields();
      onDone();
    },
    onError: (error) => {
      if (!applyServerErrors(form, fields, error)) void message.error(errorMessage(error));
    },
  });

  return (
    <Modal
      title="登记失信或处罚记录"
      open={open}
      okText="登记"
      okButtonProps={{ disabled: mutation.isPending }}
      onOk={() => form.submit()}
      onCancel={() => {
        form.resetFields();
        onClose();
      }}
      forceRender
    >
      <Form<SanctionValues>
        name="sanction"
        form={form}
        layout="vertical"
        disabled={mutation.isPending}
        onFinish={(values) => {
          const body = parseForm(form, fields, sanctionBody, { ...values, endsOn: values.endsOn || null });
          if (body) mutation.mutate(body);
        }}
      >
        <Form.Item label="类别" name="kind" rules={[{ required: true, message: '请选择类别' }]}>
          <Select options={optionsOf(SANCTION_KIND_LABELS)} placeholder="请选择类别" />
        </Form.Item>
        <Form.Item label="事由" name="reason" required>
          <Input.TextArea rows={3} maxLength={500} />
        </Form.Item>
        <Form.Item label="决定书文号或名单来源" name="source" required>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item label="起始日期" name="startsOn" required>
          <Input type="date" />
        </Form.Item>
        <Form.Item label="截止日期" name="endsOn" extra="不填表示长期">
          <Input type="date" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
