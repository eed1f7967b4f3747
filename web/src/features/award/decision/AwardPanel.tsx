import { useQuery } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Descriptions,
  Form,
  Input,
  Modal,
  Select,
  Space,
  Table,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { errorMessage } from '../../../api.ts';
import { formatYuan } from '../../../shared/money.ts';
import { can, useSession } from '../../auth/session.ts';
import { ChallengesPanel } from '../challenges/ChallengesPanel.tsx';
import { GenerateContractsForm } from '../contracts/GenerateContractsForm.tsx';
import {
  awardKey,
  confirmWinner,
  fetchAward,
  publishResult,
  recordDelay,
  recordReevaluation,
  useAwardMutation,
  type AwardView,
  type LotAward,
} from './api.ts';

const STATUS_COLORS: Record<LotAward['status'], string> = {
  awaitingConfirmation: 'processing',
  confirmed: 'warning',
  noticed: 'success',
  reevaluation: 'orange',
  failed: 'error',
};

/** The statuses in which a project has (or had) an award to show. */
export const AWARD_STATES = ['evaluating', 'awarded', 'contracted', 'failed'];

function Due({ d, done }: { d: LotAward['confirmation']; done?: boolean }) {
  return (
    <Tooltip title={d.basis}>
      <span>
        {d.dueOn} 前{' '}
        {d.late ? (
          <Tag color="red">{done ? '逾期办理' : '已逾期'}</Tag>
        ) : done ? (
          <Tag color="green">按期</Tag>
        ) : null}
      </span>
      <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
        {d.text}
      </Typography.Text>
    </Tooltip>
  );
}

/** 确定中标（成交）供应商: the purchaser picks in the report's order, giving a reason for each candidate passed over. */
function ConfirmForm({ projectId, lot }: { projectId: string; lot: LotAward }) {
  const { message } = App.useApp();
  const standing = lot.candidates.filter((c) => !c.passedOver);
  const [chosen, setChosen] = useState(standing[0]?.bidId ?? '');
  const [reasons, setReasons] = useState<Record<string, string>>({});
  const [delayOpen, setDelayOpen] = useState(false);
  const [delayForm] = Form.useForm<{ reason: string }>();
  const rankOf = lot.candidates.find((c) => c.bidId === chosen)?.rank ?? 1;
  const before = standing.filter((c) => c.rank < rankOf);
  const confirm = useAwardMutation(projectId, () =>
    confirmWinner(projectId, lot.lotNo, {
      bidId: chosen,
      passedOver: before.map((c) => ({ bidId: c.bidId, reason: reasons[c.bidId] ?? '' })),
    }),
  );
  const delay = useAwardMutation(projectId, (reason: string) =>
    recordDelay(projectId, lot.lotNo, { reason }),
  );
  return (
    <Space orientation="vertical" style={{ width: '100%' }} data-testid={`confirm-lot-${lot.lotNo}`}>
      <Space wrap>
        <span>确定中标（成交）供应商：</span>
        <Select
          style={{ minWidth: 280 }}
          value={chosen}
          onChange={setChosen}
          options={standing.map((c) => ({
            value: c.bidId,
            label: `第 ${c.rank} 名 ${c.supplierName}（￥${formatYuan(c.priceFen)}）`,
          }))}
          data-testid="confirm-candidate"
        />
        <Button
          type="primary"
          loading={confirm.isPending}
          data-testid="confirm-winner"
          onClick={() =>
            confirm.mutate(undefined, {
              onSuccess: () => void message.success('已确定中标（成交）供应商'),
              onError: (e) => void message.error(errorMessage(e)),
            })
          }
        >
          确认
        </Button>
        <Button onClick={() => setDelayOpen(true)}>说明不能按期确认的理由</Button>
      </Space>
      {before.map((c) => (
        <Input
          key={c.bidId}
          addonBefore={`不确定第 ${c.rank} 名 ${c.supplierName} 的法定理由`}
          value={reasons[c.bidId] ?? ''}
          onChange={(e) => setReasons({ ...reasons, [c.bidId]: e.target.value })}
        />
      ))}
      <Modal
        title="不能按期确定中标（成交）供应商的合法理由"
        open={delayOpen}
        okText="提交"
        confirmLoading={delay.isPending}
        onCancel={() => setDelayOpen(false)}
        onOk={() =>
          void delayForm.validateFields().then((v) =>
            delay.mutate(v.reason, {
              onSuccess: () => {
                setDelayOpen(false);
                void message.success('已记录；逾期不再视为确定排名第一的候选人');
              },
              onError: (e) => void message.error(errorMessage(e)),
            }),
          )
        }
      >
        <Typography.Paragraph type="secondary">
          逾期未确定且不能说明合法理由的，视为确定排名第一的候选人（87号令第六十八条）。
        </Typography.Paragraph>
        <Form form={delayForm} layout="vertical">
          <Form.Item name="reason" label="理由" rules={[{ required: true, min: 4, message: '请填写理由' }]}>
            <Input.TextArea rows={3} />
          </Form.Item>
        </Form>
      </Modal>
    </Space>
  );
}

/** 重新评审后的候选人顺序 (the centre records the committee's revised order). */
function ReevaluationForm({ projectId, lot }: { projectId: string; lot: LotAward }) {
  const { message } = App.useApp();
  const [order, setOrder] = useState<string[]>([]);
  const [note, setNote] = useState('');
  const save = useAwardMutation(projectId, () => recordReevaluation(projectId, lot.lotNo, { order, note }));
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Alert
        type="warning"
        showIcon
        title="本包正在由原评审委员会重新评审（87号令第六十四条），请录入重新评审的结果。"
      />
      <Select
        mode="multiple"
        placeholder="按重新评审结果依次选择候选人"
        value={order}
        onChange={setOrder}
        options={lot.candidates.map((c) => ({ value: c.bidId, label: c.supplierName }))}
        style={{ width: '100%' }}
      />
      <Input.TextArea
        rows={2}
        placeholder="重新评审结果说明"
        value={note}
        onChange={(e) => setNote(e.target.value)}
      />
      <Button
        type="primary"
        loading={save.isPending}
        onClick={() =>
          save.mutate(undefined, {
            onSuccess: () => void message.success('已录入重新评审结果'),
            onError: (e) => void message.error(errorMessage(e)),
          })
        }
      >
        录入
      </Button>
    </Space>
  );
}

function LotCard({ view, lot }: { view: AwardView; lot: LotAward }) {
  const abilities = view.abilities;
  const session = useSession();
  const mayGenerate = can(session.data?.abilities, 'contract', 'generate');
  return (
    <Card
      size="small"
      type="inner"
      data-testid={`award-lot-${lot.lotNo}`}
      title={
        <Space wrap>
          <span>
            第 {lot.lotNo} 包 {lot.lotName}
          </span>
          <Tag color={STATUS_COLORS[lot.status]} data-testid="award-status">
            {lot.statusLabel}
          </Tag>
          {lot.suspension.suspended && <Tag color="red">暂停签订合同</Tag>}
        </Space>
      }
    >
      {lot.suspension.suspended && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 12 }}
          title="存在可能影响中标（成交）结果的质疑或投诉"
          description={lot.suspension.reasons.join('；')}
        />
      )}
      {lot.status === 'failed' && (
        <Alert type="error" showIcon style={{ marginBottom: 12 }} title={`废标：${lot.failedReason ?? ''}`} />
      )}
      <Descriptions
        size="small"
        column={{ xs: 1, md: 2 }}
        items={[
          { key: 'budget', label: '预算金额', children: `￥${formatYuan(lot.budgetFen)}` },
          { key: 'report', label: '评审报告送达', children: lot.reportDeliveredOn },
          ...(lot.status !== 'failed'
            ? [
                {
                  key: 'confirm',
                  label: '确认期限',
                  children: <Due d={lot.confirmation} done={lot.winner !== null} />,
                },
              ]
            : []),
          ...(lot.winner
            ? [
                {
                  key: 'winner',
                  label: '中标（成交）供应商',
                  children: (
                    <span data-testid="award-winner">
                      {lot.winner.supplierName}（￥{formatYuan(lot.winner.amountFen)}）
                      {lot.winner.deemed && <Tag color="orange">逾期视为确定</Tag>}
                    </span>
                  ),
                },
                { key: 'savings', label: '节约资金', children: `￥${formatYuan(lot.savingsFen ?? '0')}` },
              ]
            : []),
          ...(lot.resultNotice
            ? [
                {
                  key: 'notice',
                  label: '结果公告',
                  children: lot.noticeId ? (
                    <Link to={`/notices/${lot.noticeId}`}>
                      {lot.noticedOn} 已发布，公告期至 {lot.noticePeriodEndsOn}
                    </Link>
                  ) : (
                    <Due d={lot.resultNotice} />
                  ),
                },
              ]
            : []),
          ...(lot.delayReason ? [{ key: 'delay', label: '延期理由', children: lot.delayReason }] : []),
        ]}
      />
      {lot.candidates.length > 0 && (
        <Table
          size="small"
          rowKey="bidId"
          pagination={false}
          style={{ marginTop: 8 }}
          dataSource={lot.candidates}
          columns={[
            { title: '推荐排序', dataIndex: 'rank', width: 90 },
            { title: '候选人', dataIndex: 'supplierName' },
            { title: '报价（元）', dataIndex: 'priceFen', render: (v: string) => formatYuan(v) },
            {
              title: '说明',
              dataIndex: 'passedOver',
              render: (v: string | null, c) =>
                v ? (
                  <Tag color="default">未确定：{v}</Tag>
                ) : lot.winner?.bidId === c.bidId ? (
                  <Tag color="green">中标（成交）</Tag>
                ) : null,
            },
          ]}
        />
      )}
      <div style={{ marginTop: 12 }}>
        {lot.status === 'awaitingConfirmation' && abilities.includes('confirm') && (
          <ConfirmForm projectId={view.projectId} lot={lot} />
        )}
        {lot.status === 'reevaluation' && abilities.includes('reevaluate') && (
          <ReevaluationForm projectId={view.projectId} lot={lot} />
        )}
        {lot.status === 'noticed' && mayGenerate && !lot.suspension.suspended && (
          <Space wrap>
            <GenerateContractsForm projectId={view.projectId} lotNo={lot.lotNo} />
            <Link to={`/app/projects/${view.projectId}/contracts`}>查看本项目合同</Link>
          </Space>
        )}
      </div>
    </Card>
  );
}

/** 定标: the award of every lot, the purchaser's confirmation, the result notice, and the project's challenges. */
export function AwardPanel({ projectId, status }: { projectId: string; status: string }) {
  const { message } = App.useApp();
  const session = useSession();
  const readable = can(session.data?.abilities, 'award', 'read') && AWARD_STATES.includes(status);
  const query = useQuery({
    queryKey: awardKey(projectId),
    queryFn: () => fetchAward(projectId),
    enabled: readable,
  });
  const publish = useAwardMutation(projectId, () => publishResult(projectId));
  const challenges = can(session.data?.abilities, 'challenge', 'listProject');
  if (!readable) return null;
  const view = query.data;
  return (
    <>
      <Card
        size="small"
        title="定标"
        data-testid="award-panel"
        extra={
          view?.resultReady &&
          view.abilities.includes('publish') && (
            <Button
              type="primary"
              loading={publish.isPending}
              data-testid="publish-result"
              onClick={() =>
                publish.mutate(undefined, {
                  onSuccess: () => void message.success('已发布结果公告并发出通知书'),
                  onError: (e) => void message.error(errorMessage(e)),
                })
              }
            >
              发布结果公告
            </Button>
          )
        }
      >
        {query.isPending && <Typography.Text type="secondary">加载中…</Typography.Text>}
        {query.isError && <Alert type="error" title={errorMessage(query.error)} />}
        {view && view.lots.length === 0 && (
          <Typography.Text type="secondary">
            评审报告签署后，各包的候选人和确认期限显示在这里。
          </Typography.Text>
        )}
        <Space orientation="vertical" style={{ width: '100%' }}>
          {view?.lots.map((lot) => (
            <LotCard key={lot.lotNo} view={view} lot={lot} />
          ))}
        </Space>
      </Card>
      {challenges && ['awarded', 'contracted', 'evaluating'].includes(status) && (
        <ChallengesPanel projectId={projectId} />
      )}
    </>
  );
}
