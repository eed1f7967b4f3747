import { useQuery } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Card,
  Form,
  Input,
  Modal,
  Radio,
  Select,
  Space,
  Switch,
  Table,
  Typography,
} from 'antd';
import { useState } from 'react';
import {
  REMEDY_LABELS,
  affectsResultBody,
  replyBody,
} from '../../../../../src/modules/award/challenges/contract.ts';
import { errorMessage } from '../../../api.ts';
import { zodRule } from '../../../shared/forms.ts';
import {
  fetchProjectChallenges,
  markAffectsResult,
  projectChallengesKey,
  replyToChallenge,
  useChallengeMutation,
  type ChallengeView,
} from './api.ts';
import { ChallengeDetails, ComplaintDetails, DueText, OutcomeTag, StatusTag } from './common.tsx';

function AffectsDialog({ c }: { c: ChallengeView }) {
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<{ affectsResult: boolean; reason?: string }>();
  const mark = useChallengeMutation(
    (v: { affectsResult: boolean; reason?: string }) =>
      markAffectsResult(c.id, { affectsResult: v.affectsResult, reason: v.reason ?? '' }),
    () => setOpen(false),
  );
  if (!c.abilities.includes('markAffectsResult')) return null;
  return (
    <>
      <Button onClick={() => setOpen(true)}>认定是否影响结果</Button>
      <Modal
        open={open}
        title="认定质疑是否可能影响中标（成交）结果"
        okText="保存"
        cancelText="取消"
        confirmLoading={mark.isPending}
        onOk={() => form.submit()}
        onCancel={() => setOpen(false)}
        destroyOnHidden
      >
        <Typography.Paragraph type="secondary">
          质疑可能影响中标、成交结果的，应当暂停签订合同，已经签订合同的，应当中止履行合同（政府采购法实施条例第五十四条）。
        </Typography.Paragraph>
        {mark.isError && (
          <Alert type="error" showIcon title={errorMessage(mark.error)} style={{ marginBottom: 16 }} />
        )}
        <Form
          form={form}
          layout="vertical"
          initialValues={{ affectsResult: c.affectsResult }}
          onFinish={(v) => mark.mutate(v)}
        >
          <Form.Item label="可能影响中标（成交）结果" name="affectsResult" valuePropName="checked">
            <Switch checkedChildren="影响，暂停签订合同" unCheckedChildren="不影响" />
          </Form.Item>
          <Form.Item label="理由" name="reason" rules={[zodRule(affectsResultBody.shape.reason)]}>
            <Input.TextArea rows={3} maxLength={1000} showCount />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}

interface ReplyValues {
  reply?: string;
  outcome?: 'dismissed' | 'upheld';
  remedy?: keyof typeof REMEDY_LABELS;
}

function ReplyDialog({ c }: { c: ChallengeView }) {
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<ReplyValues>();
  const outcome = Form.useWatch('outcome', form);
  const reply = useChallengeMutation(
    (v: ReplyValues) =>
      replyToChallenge(c.id, {
        reply: v.reply ?? '',
        outcome: v.outcome ?? 'dismissed',
        remedy: v.outcome === 'upheld' ? (v.remedy ?? null) : null,
      }),
    () => setOpen(false),
  );
  if (!c.abilities.includes('reply')) return null;
  const remedies: (keyof typeof REMEDY_LABELS)[] =
    c.subject === 'documents' ? ['documentsCorrected'] : ['winnerChanged', 'reevaluation', 'retender'];
  return (
    <>
      <Button type="primary" onClick={() => setOpen(true)}>
        答复
      </Button>
      <Modal
        open={open}
        title="答复质疑"
        okText="发出答复"
        cancelText="取消"
        width={720}
        confirmLoading={reply.isPending}
        onOk={() => form.submit()}
        onCancel={() => setOpen(false)}
        destroyOnHidden
      >
        <Typography.Paragraph type="secondary">
          应当在收到质疑函后 7
          个工作日内作出答复，并以书面形式通知质疑供应商和其他有关供应商；答复内容不得涉及商业秘密（政府采购法第五十三条；94号令第十三条、第十四条）。
        </Typography.Paragraph>
        <DueText due={c.replyDue} label="答复期限" />
        {reply.isError && (
          <Alert type="error" showIcon title={errorMessage(reply.error)} style={{ margin: '16px 0' }} />
        )}
        <Form
          form={form}
          layout="vertical"
          initialValues={{ outcome: 'dismissed' }}
          onFinish={(v) => reply.mutate(v)}
        >
          <Form.Item label="答复内容" name="reply" rules={[zodRule(replyBody.shape.reply)]}>
            <Input.TextArea rows={6} maxLength={10000} showCount />
          </Form.Item>
          <Form.Item label="质疑是否成立" name="outcome">
            <Radio.Group
              options={[
                { value: 'dismissed', label: '不成立' },
                { value: 'upheld', label: '成立' },
              ]}
            />
          </Form.Item>
          {outcome === 'upheld' && (
            <Form.Item
              label="处理措施（94号令第十六条）"
              name="remedy"
              rules={[{ required: true, message: '请选择处理措施' }]}
            >
              <Select options={remedies.map((r) => ({ value: r, label: REMEDY_LABELS[r] }))} />
            </Form.Item>
          )}
        </Form>
      </Modal>
    </>
  );
}

/** 质疑处理 (the centre's panel on a project page, e.g. /app/projects/:id tab 质疑): list, affects-result, reply. */
export function ChallengesPanel({ projectId }: { projectId: string }) {
  const q = useQuery({
    queryKey: projectChallengesKey(projectId),
    queryFn: () => fetchProjectChallenges(projectId),
  });
  return (
    <Card title="质疑">
      {q.isError && <Alert type="error" showIcon title={errorMessage(q.error)} />}
      <Table<ChallengeView>
        rowKey="id"
        loading={q.isLoading}
        dataSource={q.data?.items ?? []}
        pagination={false}
        locale={{ emptyText: '暂无质疑' }}
        expandable={{
          expandedRowRender: (c) => (
            <Space orientation="vertical" style={{ width: '100%' }}>
              <ChallengeDetails c={c} />
              {c.complaints.map((k) => (
                <Card key={k.id} size="small" title="投诉">
                  <ComplaintDetails k={k} />
                </Card>
              ))}
            </Space>
          ),
        }}
        columns={[
          { title: '包', render: (_, c) => (c.lotNo === null ? '整个项目' : `第${c.lotNo}包`) },
          { title: '质疑对象', dataIndex: 'subjectLabel' },
          { title: '质疑供应商', render: (_, c) => c.supplierName ?? '（不公开）' },
          { title: '提出日期', dataIndex: 'filedOn' },
          { title: '答复期限', render: (_, c) => <DueText due={c.replyDue} /> },
          {
            title: '状态',
            render: (_, c) => (
              <>
                <StatusTag status={c.status} label={c.statusLabel} />
                <OutcomeTag outcome={c.outcome} label={c.outcomeLabel} />
              </>
            ),
          },
          {
            title: '操作',
            render: (_, c) => (
              <Space>
                <AffectsDialog c={c} />
                <ReplyDialog c={c} />
              </Space>
            ),
          },
        ]}
      />
    </Card>
  );
}
