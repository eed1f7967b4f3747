import { useMutation } from '@tanstack/react-query';
import { App, Checkbox, Form, Input, InputNumber, Modal, Radio, Select, type FormInstance } from 'antd';
import type { ReactNode } from 'react';
import {
  commissionBody,
  commissionDecisionBody,
  fen,
  intentionBody,
  planLineBody,
} from '../../../../src/modules/planning/contract.ts';
import { errorMessage } from '../../api.ts';
import { applyServerErrors, parseForm, zodRule } from '../../shared/forms.ts';
import { categoryLabels, optionsOf } from '../../shared/labels.ts';
import { yuanToFen } from '../../shared/money.ts';
import { OrgSelect } from '../orgs/OrgSelect.tsx';
import {
  commissionPlanLine,
  createPlanLine,
  decideCommission,
  publishIntention,
  shanghaiToday,
  type PlanLineView,
} from './api.ts';

/** A modal around one form whose submission is one request; the server's field errors land on the fields. */
function FormModal<V extends object>({
  title,
  okText,
  open,
  form,
  fields,
  name,
  success,
  onClose,
  onDone,
  toRequest,
  children,
  initialValues,
}: {
  title: string;
  okText: string;
  open: boolean;
  form: FormInstance<V>;
  fields: readonly string[];
  name: string;
  success: string;
  onClose: () => void;
  onDone: (saved: PlanLineView) => void;
  /** The request for these values, or null when they fail the server's schema (problems already shown). */
  toRequest: (values: V) => (() => Promise<PlanLineView>) | null;
  children: ReactNode;
  initialValues?: Partial<V>;
}) {
  const { message } = App.useApp();
  const mutation = useMutation({
    mutationFn: (send: () => Promise<PlanLineView>) => send(),
    onSuccess: (saved) => {
      void message.success(success);
      form.resetFields();
      onDone(saved);
    },
    onError: (error) => {
      if (!applyServerErrors(form, fields, error)) void message.error(errorMessage(error));
    },
  });
  return (
    <Modal
      title={title}
      open={open}
      okText={okText}
      okButtonProps={{ disabled: mutation.isPending }}
      onOk={() => form.submit()}
      onCancel={() => {
        form.resetFields();
        onClose();
      }}
      destroyOnHidden
    >
      <Form<V>
        name={name}
        form={form}
        layout="vertical"
        disabled={mutation.isPending}
        initialValues={initialValues}
        onFinish={(values) => {
          const send = toRequest(values);
          if (send) mutation.mutate(send);
        }}
      >
        {children}
      </Form>
    </Modal>
  );
}

// ---- 新增计划 ------------------------------------------------------------------------------------------

interface CreateValues {
  purchaserId?: string;
  year?: number;
  plannedMonth?: number;
  budgetItem?: string;
  category?: 'goods' | 'works' | 'services';
  itemCode?: string;
  itemName?: string;
  quantity?: string;
  /** What the user types: 元 with up to two decimals; sent as fen. */
  amountFen?: string;
  description?: string;
}

const createFields = [
  'purchaserId',
  'year',
  'plannedMonth',
  'budgetItem',
  'category',
  'itemCode',
  'itemName',
  'quantity',
  'amountFen',
  'description',
];
const p = planLineBody.shape;
const monthOptions = Array.from({ length: 12 }, (_, i) => ({ value: i + 1, label: `${i + 1} 月` }));

const yuanRule = {
  validator: (_rule: unknown, value: unknown) => {
    if (value === undefined || value === null || value === '')
      return Promise.reject(new Error('请输入预算金额'));
    const amount = typeof value === 'string' ? yuanToFen(value) : null;
    if (amount === null) return Promise.reject(new Error('金额应为元，最多两位小数'));
    const checked = fen.safeParse(amount);
    return checked.success
      ? Promise.resolve()
      : Promise.reject(new Error(checked.error.issues[0]?.message ?? '金额不正确'));
  },
};

export function CreatePlanLineModal({
  open,
  pickUnit,
  onClose,
  onDone,
}: {
  open: boolean;
  /** The centre's staff enter a line for a unit; a purchaser's account enters its own unit's. */
  pickUnit: boolean;
  onClose: () => void;
  onDone: (saved: PlanLineView) => void;
}) {
  const [form] = Form.useForm<CreateValues>();
  const year = Number(shanghaiToday().slice(0, 4));
  const blank = (v: string | undefined) => (v?.trim() ? v : null);
  return (
    <FormModal<CreateValues>
      title="新增采购计划"
      okText="保存"
      name="planLine"
      success="已新增采购计划"
      open={open}
      form={form}
      fields={createFields}
      onClose={onClose}
      onDone={onDone}
      initialValues={{ year }}
      toRequest={(v) => {
        const body = parseForm(form, createFields, planLineBody, {
          ...(pickUnit ? { purchaserId: v.purchaserId } : {}),
          year: v.year,
          plannedMonth: v.plannedMonth,
          budgetItem: v.budgetItem,
          category: v.category,
          itemCode: v.itemCode,
          itemName: v.itemName,
          quantity: blank(v.quantity),
          amountFen: yuanToFen(v.amountFen ?? ''),
          description: blank(v.description),
        });
        return body ? () => createPlanLine(body) : null;
      }}
    >
      {pickUnit && (
        <Form.Item
          label="采购单位"
          name="purchaserId"
          rules={[{ required: true, message: '请选择采购单位' }]}
        >
          <OrgSelect kind="purchaser" />
        </Form.Item>
      )}
      <Form.Item label="预算年度" name="year" rules={[{ required: true, message: '请输入预算年度' }]}>
        <InputNumber min={2000} max={2100} precision={0} style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item label="计划采购月份" name="plannedMonth" rules={[{ required: true, message: '请选择月份' }]}>
        <Select options={monthOptions} virtual={false} />
      </Form.Item>
      <Form.Item label="预算项目" name="budgetItem" required rules={[zodRule(p.budgetItem)]}>
        <Input />
      </Form.Item>
      <Form.Item label="采购类别" name="category" rules={[{ required: true, message: '请选择采购类别' }]}>
        <Select options={optionsOf(categoryLabels)} />
      </Form.Item>
      <Form.Item
        label="品目代码"
        name="itemCode"
        required
        rules={[zodRule(p.itemCode)]}
        extra="政府采购品目分类目录代码，如 A02010104"
      >
        <Input />
      </Form.Item>
      <Form.Item label="品目名称" name="itemName" required rules={[zodRule(p.itemName)]}>
        <Input />
      </Form.Item>
      <Form.Item label="数量" name="quantity">
        <Input placeholder="如 120 台" maxLength={50} />
      </Form.Item>
      <Form.Item
        label="预算金额（元）"
        name="amountFen"
        required
        rules={[yuanRule]}
        extra="以元为单位，最多两位小数"
      >
        <Input inputMode="decimal" />
      </Form.Item>
      <Form.Item label="说明" name="description">
        <Input.TextArea rows={2} maxLength={2000} />
      </Form.Item>
    </FormModal>
  );
}

// ---- 公开采购意向 ----------------------------------------------------------------------------------------

interface IntentionValues {
  summary?: string;
  expectedStartOn?: string;
  urgent?: boolean;
  urgentReason?: string;
}
const intentionFields = ['summary', 'expectedStartOn', 'urgent', 'urgentReason'];

export function IntentionModal({
  line,
  onClose,
  onDone,
}: {
  line: PlanLineView | null;
  onClose: () => void;
  onDone: (saved: PlanLineView) => void;
}) {
  const [form] = Form.useForm<IntentionValues>();
  const urgent = Form.useWatch('urgent', form);
  return (
    <FormModal<IntentionValues>
      title={`公开采购意向：${line?.itemName ?? ''}`}
      okText="公开意向"
      name="intention"
      success="采购意向已公开"
      open={line !== null}
      form={form}
      fields={intentionFields}
      onClose={onClose}
      onDone={onDone}
      initialValues={{ urgent: false }}
      toRequest={(v) => {
        const body = parseForm(form, intentionFields, intentionBody, {
          summary: v.summary,
          expectedStartOn: v.expectedStartOn,
          urgent: v.urgent ?? false,
          urgentReason: v.urgent && v.urgentReason?.trim() ? v.urgentReason : null,
        });
        return body && line ? () => publishIntention(line.id, body) : null;
      }}
    >
      <Form.Item label="采购需求概况" name="summary" required rules={[zodRule(intentionBody.shape.summary)]}>
        <Input.TextArea rows={3} maxLength={2000} showCount />
      </Form.Item>
      <Form.Item
        label="预计采购时间"
        name="expectedStartOn"
        required
        rules={[{ required: true, message: '请选择预计采购时间' }]}
        extra="采购意向应在采购活动开始前至少 30 日公开"
      >
        <Input type="date" />
      </Form.Item>
      <Form.Item name="urgent" valuePropName="checked">
        <Checkbox>因紧急需要少于 30 日公开</Checkbox>
      </Form.Item>
      {urgent && (
        <Form.Item label="紧急原因" name="urgentReason" required>
          <Input.TextArea rows={2} maxLength={500} showCount />
        </Form.Item>
      )}
    </FormModal>
  );
}

// ---- 委托中心 --------------------------------------------------------------------------------------------

interface NoteValues {
  note?: string;
}

export function CommissionModal({
  line,
  onClose,
  onDone,
}: {
  line: PlanLineView | null;
  onClose: () => void;
  onDone: (saved: PlanLineView) => void;
}) {
  const [form] = Form.useForm<NoteValues>();
  return (
    <FormModal<NoteValues>
      title={`委托采购中心：${line?.itemName ?? ''}`}
      okText="提交委托"
      name="commission"
      success="已委托采购中心"
      open={line !== null}
      form={form}
      fields={['note']}
      onClose={onClose}
      onDone={onDone}
      toRequest={(v) => {
        const body = parseForm(form, ['note'], commissionBody, { note: v.note?.trim() ? v.note : null });
        return body && line ? () => commissionPlanLine(line.id, body) : null;
      }}
    >
      <Form.Item label="委托说明" name="note">
        <Input.TextArea rows={3} maxLength={500} showCount />
      </Form.Item>
    </FormModal>
  );
}

// ---- 受理 / 退回 -----------------------------------------------------------------------------------------

interface DecisionValues {
  decision?: 'accept' | 'return';
  note?: string;
}
const decisionFields = ['decision', 'note'];

export function DecisionModal({
  line,
  onClose,
  onDone,
}: {
  line: PlanLineView | null;
  onClose: () => void;
  onDone: (saved: PlanLineView) => void;
}) {
  const [form] = Form.useForm<DecisionValues>();
  return (
    <FormModal<DecisionValues>
      title={`受理委托：${line ? `${line.purchaserName} · ${line.itemName}` : ''}`}
      okText="提交"
      name="decision"
      success="已处理委托"
      open={line !== null}
      form={form}
      fields={decisionFields}
      onClose={onClose}
      onDone={onDone}
      toRequest={(v) => {
        const body = parseForm(form, decisionFields, commissionDecisionBody, {
          decision: v.decision,
          note: v.note?.trim() ? v.note : null,
        });
        return body && line ? () => decideCommission(line.id, body) : null;
      }}
    >
      <Form.Item label="处理结果" name="decision" rules={[{ required: true, message: '请选择受理或退回' }]}>
        <Radio.Group
          options={[
            { value: 'accept', label: '受理' },
            { value: 'return', label: '退回' },
          ]}
        />
      </Form.Item>
      <Form.Item label="处理意见" name="note" extra="退回时须说明理由">
        <Input.TextArea rows={3} maxLength={500} showCount />
      </Form.Item>
    </FormModal>
  );
}
