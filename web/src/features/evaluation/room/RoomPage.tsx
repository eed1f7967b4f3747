import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Card,
  Descriptions,
  Form,
  Result,
  Select,
  Space,
  Spin,
  Table,
  Tabs,
  Tag,
  Typography,
} from 'antd';
import { useEffect, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { ApiError, errorMessage } from '../../../api.ts';
import { formatTime } from '../../../shared/format.ts';
import { AbnormalPanel } from './AbnormalPanel.tsx';
import { ChecksTable } from './ChecksTable.tsx';
import { METHOD_LABELS, sitting } from './common.tsx';
import { Conclusions } from './Conclusions.tsx';
import { Declaration } from './Declaration.tsx';
import { Documents } from './Documents.tsx';
import { LotDraws } from './LotDraws.tsx';
import { RankingTable } from './RankingTable.tsx';
import { ReportPanel } from './ReportPanel.tsx';
import { fetchRoom, roomKey, startReview, type EvaluationView, type RoomLot } from './roomApi.ts';
import { ScoreSheet } from './ScoreSheet.tsx';

const STATUS_COLORS: Record<string, string> = {
  blindScoring: 'purple',
  checking: 'processing',
  abnormal: 'warning',
  scoring: 'processing',
  awaitingDraw: 'warning',
  reporting: 'cyan',
  signed: 'success',
  failed: 'error',
};

/** 开始评审: the centre names the chair the committee elected — an expert, never the purchaser's representative. */
function StartPanel({ room }: { room: EvaluationView }) {
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ chairSeatId?: string }>();
  const start = useMutation({
    mutationFn: (chairSeatId: string) => startReview(room.projectId, chairSeatId),
    onSuccess: (view) => queryClient.setQueryData(roomKey(room.projectId), view),
  });
  const experts = room.members.filter((m) => m.role === '评审专家');
  return (
    <Card title="开始评审" data-testid="start-review">
      <Space orientation="vertical" size={12} style={{ width: '100%' }}>
        <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
          评审时间到达后，由评审委员会推选组长（采购人代表不得担任组长，财库〔2012〕69号），采购中心在此记录并开始评审。开始后，各成员签署承诺书再查看投标文件。
        </Typography.Paragraph>
        <Form
          form={form}
          layout="inline"
          name="start-review"
          disabled={start.isPending}
          onFinish={(v) => start.mutate(v.chairSeatId ?? '')}
        >
          <Form.Item
            label="评审组长"
            name="chairSeatId"
            rules={[{ required: true, message: '请选择评审委员会推选的组长' }]}
          >
            <Select
              style={{ minWidth: 220 }}
              placeholder="从评审专家中选择"
              options={experts.map((m) => ({ value: m.seatId, label: m.name }))}
            />
          </Form.Item>
          <Form.Item>
            <Button type="primary" htmlType="submit" loading={start.isPending}>
              开始评审
            </Button>
          </Form.Item>
        </Form>
        {start.isError && (
          <Alert type="error" showIcon title={errorMessage(start.error)} data-testid="start-error" />
        )}
      </Space>
    </Card>
  );
}

/** The members, whether each declared, and for each lot the phases each has locked and whether it signed. */
function Members({ room }: { room: EvaluationView }) {
  const progress = (lot: RoomLot, seatId: string) => {
    const tags: { label: string; color: string }[] = [];
    if (lot.locked.blind.includes(seatId)) tags.push({ label: '暗标评分已提交', color: 'purple' });
    if (lot.locked.checks.includes(seatId)) tags.push({ label: '审查已提交', color: 'blue' });
    if (lot.locked.scores.includes(seatId)) tags.push({ label: '评分已提交', color: 'cyan' });
    if (lot.signatures.some((s) => s.seatId === seatId)) tags.push({ label: '报告已签署', color: 'green' });
    return tags;
  };
  return (
    <Table
      rowKey="seatId"
      size="small"
      pagination={false}
      dataSource={room.members}
      data-testid="room-members"
      onRow={(m) => ({ 'data-testid': 'room-member', 'data-name': m.name }) as object}
      columns={[
        {
          title: '成员',
          key: 'name',
          render: (_: unknown, m) => (
            <span>
              {m.name}
              {m.chair && (
                <Tag color="gold" style={{ marginLeft: 8 }} data-testid="member-chair">
                  组长
                </Tag>
              )}
            </span>
          ),
        },
        { title: '身份', dataIndex: 'role', key: 'role' },
        {
          title: '承诺书',
          key: 'declared',
          render: (_: unknown, m) =>
            m.declared ? (
              <Tag color="success" data-testid="member-declared">
                已签署
              </Tag>
            ) : (
              <Tag data-testid="member-declared">未签署</Tag>
            ),
        },
        ...room.lots.map((lot) => ({
          title: room.lots.length > 1 ? `第 ${lot.lotNo} 包进度` : '评审进度',
          key: `lot-${lot.lotNo}`,
          render: (_: unknown, m: EvaluationView['members'][number]) => {
            const tags = progress(lot, m.seatId);
            return tags.length ? (
              <Space size={4} wrap>
                {tags.map((t) => (
                  <Tag key={t.label} color={t.color}>
                    {t.label}
                  </Tag>
                ))}
              </Space>
            ) : (
              '—'
            );
          },
        })),
      ]}
    />
  );
}

type TabKey = 'documents' | 'checks' | 'abnormal' | 'scoring' | 'ranking' | 'draws' | 'report';

function tabFor(lot: RoomLot, watcher: boolean): TabKey {
  switch (lot.status) {
    case 'blindScoring':
      return watcher ? 'documents' : 'scoring';
    case 'checking':
    case 'failed':
      return 'checks';
    case 'abnormal':
      return 'abnormal';
    case 'scoring':
      return watcher ? 'checks' : 'scoring';
    case 'awaitingDraw':
      return watcher ? 'draws' : 'ranking';
    default:
      return 'report';
  }
}

function LotPanel({ room, lot }: { room: EvaluationView; lot: RoomLot }) {
  const member = sitting(room);
  const watcher = !room.me.member;
  const [active, setActive] = useState<TabKey>(() => tabFor(lot, watcher));
  // The lot moving on (everyone locked a phase, a decision, a draw) brings its new step to the front.
  const [seen, setSeen] = useState(lot.status);
  useEffect(() => {
    if (seen !== lot.status) {
      setSeen(lot.status);
      setActive(tabFor(lot, watcher));
    }
  }, [lot, seen, watcher]);
  const checksDone = lot.locked.checks.length;
  const items = [
    { key: 'documents', label: '投标文件', children: <Documents room={room} lot={lot} /> },
    {
      key: 'checks',
      label: '资格性和符合性审查',
      children: (
        <Space orientation="vertical" size={12} style={{ width: '100%' }}>
          {lot.status === 'checking' && (
            <Typography.Text type="secondary" data-testid="checks-progress">
              已提交审查结果：{checksDone} / {room.members.length} 名成员
            </Typography.Text>
          )}
          {member && lot.status !== 'blindScoring' && (
            <ChecksTable key={`${lot.lotNo}-${lot.status}`} room={room} lot={lot} />
          )}
          <Typography.Text strong>审查结论</Typography.Text>
          <Conclusions lot={lot} />
        </Space>
      ),
    },
    ...(lot.abnormal.length > 0
      ? [
          {
            key: 'abnormal',
            label: '异常低价',
            children: <AbnormalPanel room={room} reviews={lot.abnormal} />,
          },
        ]
      : []),
    ...(lot.scoringItems.length > 0 && member
      ? [
          {
            key: 'scoring',
            label: lot.status === 'blindScoring' ? '暗标评分' : '评分',
            children:
              lot.status === 'blindScoring' || lot.status === 'scoring' || lot.myScores.length > 0 ? (
                <ScoreSheet key={`${lot.lotNo}-${lot.status}`} room={room} lot={lot} />
              ) : (
                <Typography.Text type="secondary">
                  资格性和符合性审查及异常低价认定完成后评分。
                </Typography.Text>
              ),
          },
        ]
      : []),
    { key: 'ranking', label: '排序', children: <RankingTable room={room} lot={lot} /> },
    ...(watcher ? [{ key: 'draws', label: '抽签', children: <LotDraws room={room} lot={lot} /> }] : []),
    { key: 'report', label: '评审报告', children: <ReportPanel room={room} lot={lot} /> },
  ];
  return (
    <Card
      size="small"
      data-testid={`lot-${lot.lotNo}`}
      title={
        <Space wrap>
          <span>
            第 {lot.lotNo} 包 {lot.lotName}
          </span>
          <Tag color={STATUS_COLORS[lot.status] ?? 'default'} data-testid="lot-status">
            {lot.statusLabel}
          </Tag>
          <Typography.Text type="secondary">{METHOD_LABELS[lot.method] ?? lot.method}</Typography.Text>
          {lot.blind && <Tag color="purple">暗标</Tag>}
        </Space>
      }
    >
      {lot.failedReason && (
        <Alert type="error" showIcon style={{ marginBottom: 12 }} title={`废标：${lot.failedReason}`} />
      )}
      <Tabs
        activeKey={items.some((i) => i.key === active) ? active : 'documents'}
        onChange={(k) => setActive(k as TabKey)}
        items={items}
      />
    </Card>
  );
}

/**
 * 评审室: the centre starts the review with the chair; members declare, then check, score and sign per lot;
 * the centre and the supervisors watch everything and run the draws a lot may need.
 */
export function RoomPage() {
  const { id = '' } = useParams();
  const query = useQuery({
    queryKey: roomKey(id),
    queryFn: () => fetchRoom(id),
    // Other members lock their work, the chair decides, a draw is made: the room follows until every lot is done.
    refetchInterval: (q) => {
      const room = q.state.data;
      const done =
        room?.started &&
        room.lots.length > 0 &&
        room.lots.every((l) => l.status === 'signed' || l.status === 'failed');
      return done ? false : 5000;
    },
  });
  if (query.isPending) return <Spin />;
  if (query.isError)
    return query.error instanceof ApiError && query.error.status === 404 ? (
      <Result
        status="404"
        title="评审项目不存在"
        subTitle="只有本项目评审委员会成员、采购中心和监督人员可以进入评审室。"
      />
    ) : (
      <Alert type="error" showIcon title={errorMessage(query.error)} />
    );
  const room = query.data;
  const watcher = !room.me.member;
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }} data-testid="evaluation-room">
      <Card
        title={
          <Space wrap>
            <span>评审室</span>
            <Typography.Text type="secondary">
              {room.projectCode} {room.projectName}
            </Typography.Text>
          </Space>
        }
        extra={watcher ? <Link to={`/app/projects/${room.projectId}`}>返回项目</Link> : undefined}
      >
        <Descriptions size="small" column={{ xs: 1, md: 3 }}>
          <Descriptions.Item label="评审时间">{formatTime(room.reviewAt)}</Descriptions.Item>
          <Descriptions.Item label="评审地点">{room.reviewPlace}</Descriptions.Item>
          <Descriptions.Item label="我的身份">
            <span data-testid="room-role">
              {room.me.member
                ? `评审委员会成员${room.me.chair ? '（组长）' : ''}`
                : room.abilities.includes('conduct')
                  ? '采购中心'
                  : '监督人员'}
            </span>
          </Descriptions.Item>
        </Descriptions>
      </Card>
      {!room.started &&
        (room.abilities.includes('conduct') ? (
          <StartPanel room={room} />
        ) : (
          <Alert
            type="info"
            showIcon
            data-testid="room-not-started"
            title="评审尚未开始，请等待采购中心开始评审。"
          />
        ))}
      {room.started && room.me.member && !room.me.declared && <Declaration room={room} />}
      {(room.started || watcher) && (
        <Card size="small" title="评审委员会">
          <Members room={room} />
        </Card>
      )}
      {room.lots.map((lot) => (
        <LotPanel key={lot.lotNo} room={room} lot={lot} />
      ))}
    </Space>
  );
}
