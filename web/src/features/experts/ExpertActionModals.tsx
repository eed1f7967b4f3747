import { useMutation } from '@tanstack/react-query';
import { App, Form, Input, InputNumber, Modal, Select } from 'antd';
import type { z } from 'zod';
import {
  EXPERT_STATUS_LABELS,
  expertRatingBody,
  expertStatusBody,
} from '../../../../src/modules/orgs/experts/contract.ts';
import { errorMessage } from '../../api.ts';
import { applyServerErrors, parseForm, withoutBlanks, zodRule } from '../../shared/forms.ts';
import { changeExpertStatus, rateExpert, type ExpertDetail } from './api.ts';

/** A modal form that sends one body checked by the route's own schema. */
function useModalForm<S extends z.ZodType>(
  schema: S,
  fields: string[],
  send: (body: z.output<S>) => Promise<ExpertDetail>,
  onDone: (next: ExpertDetail) => void,
) {
  const [form] = Form.useForm<Record<string, unknown>>();
  const { message } = App.useApp();
  const mutation = useMutation({
    mutationFn: send,
    onSuccess: (next) => {
      void message.success('已保存');
      form.resetFields();
      onDone(next);
    },
    onError: (error) => {
      if (!applyServerErrors(form, fields, error)) void message.error(errorMessage(error));
    },
  });
  const finish = (values: Record<string, unknown>) => {
    const body = parseForm(form, fields, schema, withoutBlanks(values));
    if (body) mutation.mutate(body);
  };
  return { form, mutation, finish };
}

const statusFields = ['status', 'reason'];
/** The statuses the route accepts; which move is allowed from the current one is the server's answer. */
const statusOptions = expertStatusBody.shape.status.options.map((s) => ({
  value: s,
  label: EXPERT_STATUS_LABELS[s],
}));

export function ExpertStatusModal({
  record,
  open,
  onClose,
  onDone,
}: {
  record: ExpertDetail;
  open: boolean;
  onClose: () => void;
  onDone: (next: ExpertDetail) => void;
}) {
  const { form, mutation, finish } = useModalForm(
    expertStatusBody,
    statusFields,
    (body) => changeExpertStatus(record.id, body),
    onDone,
  );
  return (
    <Modal
      title={`变更专家状态：${record.name}`}
      open={open}
      okText="保存"
      okButtonProps={{ disabled: mutation.isPending }}
      onOk={() => form.submit()}
      onCancel={() => {
        form.resetFields();
        onClose();
      }}
      forceRender
    >
      <Form form={form} name="expertStatus" layout="vertical" disabled={mutation.isPending} onFinish={finish}>
        <Form.Item label="新状态" name="status" rules={[{ required: true, message: '请选择新状态' }]}>
          <Select options={statusOptions.filter((o) => o.value !== record.status)} placeholder="请选择" />
        </Form.Item>
        <Form.Item label="理由" name="reason" required rules={[zodRule(expertStatusBody.shape.reason)]}>
          <Input.TextArea rows={3} maxLength={500} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}

const ratingFields = ['projectRef', 'specialtyCode', 'reviewedOn', 'rating', 'note'];
const r = expertRatingBody.shape;

export function ExpertRatingModal({
  record,
  open,
  onClose,
  onDone,
}: {
  record: ExpertDetail;
  open: boolean;
  onClose: () => void;
  onDone: (next: ExpertDetail) => void;
}) {
  const { form, mutation, finish } = useModalForm(
    expertRatingBody,
    ratingFields,
    (body) => rateExpert(record.id, body),
    onDone,
  );
  return (
    <Modal
      title={`记录评审及评价：${record.name}`}
      open={open}
      okText="保存"
      okButtonProps={{ disabled: mutation.isPending }}
      onOk={() => form.submit()}
      onCancel={() => {
        form.resetFields();
        onClose();
      }}
      forceRender
    >
      <Form form={form} name="expertRating" layout="vertical" disabled={mutation.isPending} onFinish={finish}>
        <Form.Item label="项目编号" name="projectRef" required rules={[zodRule(r.projectRef)]}>
          <Input />
        </Form.Item>
        <Form.Item
          label="评审专业"
          name="specialtyCode"
          rules={[{ required: true, message: '请选择评审专业' }]}
        >
          <Select
            placeholder="请选择"
            options={record.specialties.map((s) => ({ value: s.code, label: `${s.name}（${s.code}）` }))}
          />
        </Form.Item>
        <Form.Item label="评审日期" name="reviewedOn" required rules={[zodRule(r.reviewedOn)]}>
          <Input type="date" />
        </Form.Item>
        <Form.Item label="评价（1–5 分）" name="rating" required rules={[zodRule(r.rating)]}>
          <InputNumber min={1} max={5} precision={0} />
        </Form.Item>
        <Form.Item label="说明" name="note">
          <Input.TextArea rows={2} maxLength={500} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}
