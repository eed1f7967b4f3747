import { useQuery } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Form,
  Input,
  InputNumber,
  Modal,
  Popconfirm,
  Radio,
  Select,
  Space,
  Table,
  Typography,
} from 'antd';
import { useState, type ReactNode } from 'react';
import {
  REMEDY_LABELS,
  decideBody,
  excludedDaysBody,
  rejectBody,
  suspendBody,
} from '../../../../../src/modules/award/challenges/contract.ts';
import { errorMessage } from '../../../api.ts';
import { zodRule } from '../../../shared/forms.ts';
import {
  actOnComplaint,
  complaintsKey,
  fetchComplaints,
  useChallengeMutation,
  type ComplaintAction,
  type ComplaintView,
} from './api.ts';
import { ComplaintDetails, DueText, OutcomeTag, StatusTag } from './common.tsx';

type Values = Record<string, unknown>;

/** One handling step in a dialog: its form fields, and how the values become the request. */
function ActionDialog({
  k,
  ability,
  label,
  title,
  note,
  danger,
  children,
  toAction,
  initialValues,
}: {
  k: ComplaintView;
  ability: string;
  label: string;
  title: string;
  note: ReactNode;
  danger?: boolean;
  children: ReactNode;
  toAction: (v: Values) => ComplaintAction;
  initialValues?: Values;
}) {
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<Values>();
  const act = useChallengeMutation(
    (v: Values) => actOnComplaint(k.id, toAction(v)),
    () => setOpen(false),
  );
  if (!k.abilities.includes(ability)) return null;
  return (
    <>
      <Button danger={danger} onClick={() => setOpen(true)}>
        {label}
      </Button>
      <Modal
        open={open}
        title={title}
        okText="确定"
        cancelText="取消"
        width={640}
        confirmLoading={act.isPending}
        onOk={() => form.submit()}
        onCancel={() => setOpen(false)}
        destroyOnHidden
      >
        <Typography.Paragraph type="secondary">{note}</Typography.Paragraph>
        {act.isError && (
          <Alert type="error" showIcon title={errorMessage(act.error)} style={{ marginBottom: 16 }} />
        )}
        <Form form={form} layout="vertical" initialValues={initialValues} onFinish={(v) => act.mutate(v)}>
          {children}
        </Form>
      </Modal>
    </>
  );
}

const str = (v: unknown): string => (typeof v === 'string' ? v : '');

function DecideFields({ k }: { k: ComplaintView }) {
  const form = Form.useFormInstance();
  const outcome = Form.useWatch('outcome', form) as string | undefined;
  const remedies: (keyof typeof REMEDY_LABELS)[] =
    k.subject === 'documents' ? ['documentsCorrected'] : ['winnerChanged', 'reevaluation', 'retender'];
  return (
    <>
      <Form.Item label="处理决定" name="decision" rules={[zodRule(decideBody.shape.decision)]}>
        <Input.TextArea rows={6} maxLength={10000} showCount />
      </Form.Item>
      <Form.Item label="投诉是否成立" name="outcome">
        <Radio.Group
          options={[
            { value: 'dismissed', label: '不成立，驳回投诉' },
            { value: 'upheld', label: '成立' },
          ]}
        />
      </Form.Item>
      {outcome === 'upheld' && (
        <Form.Item
          label="处理措施（94号令第三十二条）"
          name="remedy"
          rules={[{ required: true, message: '请选择处理措施' }]}
        >
          <Select options={remedies.map((r) => ({ value: r, label: REMEDY_LABELS[r] }))} />
        </Form.Item>
      )}
    </>
  );
}

function Actions({ k }: { k: ComplaintView }) {
  const { message } = App.useApp();
  const accept = useChallengeMutation(
    () => actOnComplaint(k.id, { kind: 'accept' }),
    () => void message.success('已受理'),
  );
  const lift = useChallengeMutation(
    () => actOnComplaint(k.id, { kind: 'liftSuspension', body: { reason: '' } }),
    () => void message.success('已解除暂停'),
  );
  const onError = (e: unknown) => void message.error(errorMessage(e));
  return (
    <Space wrap>
      {k.abilities.includes('accept') && (
        <Popconfirm
          title="受理投诉"
          description="处理期限自收到投诉之日起 30 个工作日（政府采购法第五十六条）。"
          okText="受理"
          cancelText="取消"
          onConfirm={() => accept.mutate(undefined, { onError })}
        >
          <Button type="primary" loading={accept.isPending}>
            受理
          </Button>
        </Popconfirm>
      )}
      <ActionDialog
        k={k}
        ability="reject"
        label="不予受理"
        title="不予受理投诉"
        danger
        note="投诉不符合法定受理条件的，书面告知投诉人不予受理，并说明理由（94号令第二十一条）。"
        toAction={(v) => ({ kind: 'reject', body: { reason: str(v.reason) } })}
      >
        <Form.Item label="理由" name="reason" rules={[zodRule(rejectBody.shape.reason)]}>
          <Input.TextArea rows={4} maxLength={2000} showCount />
        </Form.Item>
      </ActionDialog>
      <ActionDialog
        k={k}
        ability="suspend"
        label="暂停采购活动"
        title="暂停采购活动"
        note="财政部门处理投诉期间，可以视具体情况书面通知采购人暂停采购活动，但暂停时间最长不得超过 30 日（政府采购法第五十七条）；暂停期间不得签订合同。截止日留空即为最长期限。"
        toAction={(v) => ({
          kind: 'suspend',
          body: { endsOn: str(v.endsOn) || null, reason: str(v.reason) },
        })}
      >
        <Form.Item label="暂停截止日（可选）" name="endsOn">
          <Input type="date" />
        </Form.Item>
        <Form.Item label="理由" name="reason" rules={[zodRule(suspendBody.shape.reason)]}>
          <Input.TextArea rows={3} maxLength={2000} showCount />
        </Form.Item>
      </ActionDialog>
      {k.abilities.includes('liftSuspension') && (
        <Popconfirm
          title="解除暂停采购活动"
          okText="解除"
          cancelText="取消"
          onConfirm={() => lift.mutate(undefined, { onError })}
        >
          <Button loading={lift.isPending}>解除暂停</Button>
        </Popconfirm>
      )}
      <ActionDialog
        k={k}
        ability="recordExcludedDays"
        label="不计入期限的时间"
        title="检验、检测、鉴定、专家评审、补正材料所用时间"
        note="所需时间不计算在投诉处理期限内（政府采购法实施条例第五十八条；94号令第二十七条）。请填写累计工作日数。"
        initialValues={{ workingDays: k.excludedWorkingDays }}
        toAction={(v) => ({
          kind: 'recordExcludedDays',
          body: { workingDays: typeof v.workingDays === 'number' ? v.workingDays : 0, reason: str(v.reason) },
        })}
      >
        <Form.Item
          label="累计工作日"
          name="workingDays"
          rules={[zodRule(excludedDaysBody.shape.workingDays)]}
        >
          <InputNumber min={0} max={250} precision={0} />
        </Form.Item>
        <Form.Item label="情况说明" name="reason" rules={[zodRule(excludedDaysBody.shape.reason)]}>
          <Input.TextArea rows={3} maxLength={2000} showCount />
        </Form.Item>
      </ActionDialog>
      <ActionDialog
        k={k}
        ability="decide"
        label="作出处理决定"
        title="投诉处理决定"
        note="投诉处理决定书应当载明处理意见及依据；投诉成立的，依法采取处理措施（94号令第二十九条至第三十二条）。"
        initialValues={{ outcome: 'dismissed' }}
        toAction={(v) => ({
          kind: 'decide',
          body: {
            decision: str(v.decision),
            outcome: v.outcome === 'upheld' ? 'upheld' : 'dismissed',
            remedy:
              v.outcome === 'upheld' ? ((str(v.remedy) || null) as keyof typeof REMEDY_LABELS | null) : null,
          },
        })}
      >
        <DecideFields k={k} />
      </ActionDialog>
    </Space>
  );
}

/** 投诉处理 (URL /app/complaints): the finance department's desk; the centre and discipline supervisors read it. */
export function ComplaintsPage() {
  const q = useQuery({ queryKey: complaintsKey, queryFn: fetchComplaints });
  return (
    <Card title="投诉处理">
      {q.isError && <Alert type="error" showIcon title={errorMessage(q.error)} />}
      <Table<ComplaintView>
        rowKey="id"
        loading={q.isLoading}
        dataSource={q.data?.items ?? []}
        pagination={false}
        locale={{ emptyText: '暂无投诉' }}
        expandable={{ expandedRowRender: (k) => <ComplaintDetails k={k} /> }}
        columns={[
          {
            title: '项目',
            render: (_, k) => `${k.projectCode} ${k.projectName}${k.lotNo === null ? '' : ` 第${k.lotNo}包`}`,
          },
          { title: '投诉人', dataIndex: 'supplierName' },
          { title: '收到日期', dataIndex: 'filedOn' },
          { title: '受理审查期限', render: (_, k) => <DueText due={k.acceptance} /> },
          { title: '处理期限', render: (_, k) => <DueText due={k.decisionDue} /> },
          {
            title: '状态',
            render: (_, k) => (
              <>
                <StatusTag status={k.status} label={k.statusLabel} />
                <OutcomeTag outcome={k.outcome} label={k.outcomeLabel} />
              </>
            ),
          },
          { title: '操作', render: (_, k) => <Actions k={k} /> },
        ]}
      />
    </Card>
  );
}
