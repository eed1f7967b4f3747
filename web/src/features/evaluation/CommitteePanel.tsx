import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Descriptions, Popconfirm, Space, Spin, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { ApiError, errorMessage } from '../../api.ts';
import { formatTime } from '../../shared/format.ts';
import { can, useSession } from '../auth/session.ts';
import type { ProjectView } from '../tendering/api.ts';
import { committeeKey, fetchCommittee, prepareDraw, type CommitteeView, type SeatView } from './api.ts';
import { CommitteeForm } from './CommitteeForm.tsx';
import { DrawCard } from './DrawCard.tsx';
import { ExplainPanel } from './ExplainPanel.tsx';

/** The evaluation room is open from the opening on (the review starts there) and read afterwards. */
const ROOM = ['opened', 'evaluating', 'awarded', 'contracted', 'failed'];

/** 进入评审室: for the centre, the supervisors and the purchaser's representative (the server checks the seat). */
function RoomLink({ project }: { project: ProjectView }) {
  return (
    <Space wrap data-testid="evaluation-room-link">
      <Link to={`/app/projects/${project.id}/evaluation`}>
        <Button type="primary">进入评审室</Button>
      </Link>
      <Typography.Text type="secondary">
        {project.status === 'opened' ? '评审时间到达后，在评审室开始评审。' : '评审过程、排序和评审报告。'}
      </Typography.Text>
    </Space>
  );
}

/**
 * What the project page shows of the evaluation to those who do not read the committee: the purchaser's
 * representative goes to the room; a bidder answers the committee's request to explain an abnormally low price.
 */
function EvaluationEntry({ project }: { project: ProjectView }) {
  const abilities = useSession().data?.abilities;
  if (can(abilities, 'evaluation', 'explain') && ['evaluating', 'awarded', 'failed'].includes(project.status))
    return <ExplainPanel projectId={project.id} />;
  if (can(abilities, 'evaluation', 'sit') && ['evaluating', 'awarded', 'contracted'].includes(project.status))
    return (
      <Card size="small" title="评审">
        <RoomLink project={project} />
      </Card>
    );
  return null;
}

/** A committee may be formed and drawn while the project is published and not yet evaluated. */
const FORMING = ['published', 'corrected', 'bidsClosed', 'opened'];
/** After that the committee is still read (who sat, the draws). */
const LATER = ['evaluating', 'awarded', 'contracted', 'failed', 'terminated'];

const SEAT_COLORS: Record<SeatView['status'], string> = {
  invited: 'processing',
  confirmed: 'success',
  declined: 'error',
  recused: 'warning',
  absent: 'default',
};

async function committeeOrNull(projectId: string): Promise<CommitteeView | null> {
  try {
    return await fetchCommittee(projectId);
  } catch (e) {
    if (e instanceof ApiError && e.status === 404) return null;
    throw e;
  }
}

function SeatsTable({ committee }: { committee: CommitteeView }) {
  const nameOf = new Map(committee.seats.map((s) => [s.id, s.name]));
  return (
    <Table
      rowKey="id"
      size="small"
      pagination={false}
      dataSource={committee.seats}
      data-testid="committee-seats"
      locale={{ emptyText: '尚未抽取评审专家' }}
      columns={[
        {
          title: '成员',
          key: 'name',
          render: (_: unknown, s) => (
            <span data-testid="seat-name">
              {s.name}
              {s.employer ? `（${s.employer}）` : ''}
              {s.chair && <Tag style={{ marginLeft: 8 }}>组长</Tag>}
            </span>
          ),
        },
        {
          title: '类别',
          dataIndex: 'kind',
          key: 'kind',
          render: (k: SeatView['kind']) => (k === 'expert' ? '评审专家' : '采购人代表'),
        },
        {
          title: '专业',
          dataIndex: 'specialtyName',
          key: 'specialty',
          render: (v: string | null) => v ?? '—',
        },
        {
          title: '状态',
          key: 'status',
          render: (_: unknown, s) => (
            <Tag color={SEAT_COLORS[s.status]} data-testid="seat-status">
              {s.statusLabel}
            </Tag>
          ),
        },
        {
          title: '不能参加的原因',
          dataIndex: 'declineReason',
          key: 'declineReason',
          render: (v: string | null) => <span data-testid="seat-decline-reason">{v ?? '—'}</span>,
        },
        {
          title: '递补',
          dataIndex: 'replaces',
          key: 'replaces',
          render: (v: string | null) =>
            v ? <span data-testid="seat-replaces">递补 {nameOf.get(v) ?? '—'}</span> : '—',
        },
        {
          title: '答复时间',
          dataIndex: 'respondedAt',
          key: 'respondedAt',
          render: (v: string | null) => formatTime(v),
        },
      ]}
    />
  );
}

function Plan({ committee }: { committee: CommitteeView }) {
  const missing = committee.vacancies.reduce((sum, v) => sum + v.missing, 0);
  return (
    <Space orientation="vertical" size={8} style={{ width: '100%' }}>
      <Descriptions size="small" column={{ xs: 1, md: 2 }} bordered data-testid="committee-plan">
        <Descriptions.Item label="评审时间">{formatTime(committee.reviewAt)}</Descriptions.Item>
        <Descriptions.Item label="评审地点">
          {committee.reviewPlace}
          {committee.remote && (
            <Tag color="blue" style={{ marginLeft: 8 }}>
              异地评审
            </Tag>
          )}
          {committee.complex && <Tag color="purple">技术复杂</Tag>}
        </Descriptions.Item>
        <Descriptions.Item label="法定人数" span={2}>
          <span data-testid="committee-required">
            不少于 {committee.required.min} 人（单数）
            {committee.required.legalExpertRequired ? '，须含 1 名法律专家' : ''}。依据：
            {committee.required.basis}
          </span>
        </Descriptions.Item>
        <Descriptions.Item label="抽取专业">
          {committee.slots
            .map((s) => `${s.specialtyName} ${s.count} 人（候补 ${s.alternates} 人）`)
            .join('；')}
          ；采购人代表 {committee.purchaserReps} 人
        </Descriptions.Item>
        <Descriptions.Item label="抽取地区">
          {committee.regionCodes.length ? committee.regionCodes.join('、') : '不限'}
        </Descriptions.Item>
        <Descriptions.Item label="最早抽取日">
          <span data-testid="committee-earliest">
            {committee.earliestDrawDay
              ? `${committee.earliestDrawDay}（评审前 2 个工作日内，财库〔2016〕198号）`
              : '不限（异地评审或谈判、磋商项目）'}
          </span>
        </Descriptions.Item>
        <Descriptions.Item label="专家缺额">
          <span data-testid="committee-vacancies">
            {missing === 0
              ? '无，已足额'
              : committee.vacancies
                  .filter((v) => v.missing > 0)
                  .map((v) => `${v.specialtyName} 缺 ${v.missing} 人`)
                  .join('；')}
          </span>
        </Descriptions.Item>
      </Descriptions>
      {committee.problems.map((p) => (
        <Alert key={p.code} type="error" showIcon title={p.message} />
      ))}
      {!committee.namesVisible && (
        <Typography.Text type="secondary">
          评审开始前不显示专家姓名，以“专家 n”代替（87号令第四十七条）。
        </Typography.Text>
      )}
    </Space>
  );
}

function PrepareButton({ committee }: { committee: CommitteeView }) {
  const queryClient = useQueryClient();
  const [refusal, setRefusal] = useState<string | null>(null);
  const mutation = useMutation({
    mutationFn: () => prepareDraw(committee.projectId),
    onSuccess: (view) => {
      setRefusal(null);
      queryClient.setQueryData(committeeKey(committee.projectId), view);
    },
    onError: (error) => setRefusal(errorMessage(error)),
  });
  const pending = committee.draws.some((d) => d.status === 'committed');
  const missing = committee.vacancies.some((v) => v.missing > 0);
  if (!committee.abilities.includes('prepareDraw') || !missing) return null;
  const button = (
    <Button
      type="primary"
      loading={mutation.isPending}
      onClick={pending ? undefined : () => mutation.mutate()}
    >
      {pending ? '重新准备抽取' : '准备抽取'}
    </Button>
  );
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Space wrap>
        {pending ? (
          <Popconfirm
            title="重新准备抽取"
            description="尚未现场抽取的承诺将作废，平台重新冻结候选名单并公布新的承诺值。"
            okText="重新准备"
            cancelText="取消"
            onConfirm={() => mutation.mutate()}
          >
            {button}
          </Popconfirm>
        ) : (
          button
        )}
        <Typography.Text type="secondary">
          准备抽取：冻结各专业的候选专家名单（已排除应回避、请假和地区外的专家），并公布平台种子的承诺值。
        </Typography.Text>
      </Space>
      {refusal && <Alert type="error" showIcon title={refusal} data-testid="prepare-error" />}
    </Space>
  );
}

function CommitteeDetail({ committee }: { committee: CommitteeView }) {
  const [editing, setEditing] = useState(false);
  if (editing)
    return (
      <CommitteeForm projectId={committee.projectId} existing={committee} onDone={() => setEditing(false)} />
    );
  const draws = [...committee.draws].reverse();
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Plan committee={committee} />
      {committee.abilities.includes('form') && (
        <Button onClick={() => setEditing(true)} style={{ alignSelf: 'flex-start' }}>
          修改组成
        </Button>
      )}
      <Typography.Text strong>成员</Typography.Text>
      <SeatsTable committee={committee} />
      <Typography.Text strong>专家抽取</Typography.Text>
      <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
        抽取分三步：平台先冻结候选名单并公布其随机种子的承诺值（种子的
        SHA-256）；监督人员在现场输入一段平台事先无法知道的随机内容；
        平台据此按公开算法抽取并公开种子。任何人都可导出记录，用公开算法重放，核对结果与承诺值。
      </Typography.Paragraph>
      <PrepareButton committee={committee} />
      {draws.length === 0 && <Typography.Text type="secondary">尚未准备抽取。</Typography.Text>}
      {draws.map((d) => (
        <DrawCard key={d.id} committee={committee} draw={d} />
      ))}
    </Space>
  );
}

/**
 * 评审委员会 on the project page: the centre forms it and prepares the draws; supervisors watch and give the
 * on-site input. Nobody else reads it before the result notice (the server answers 403).
 */
export function CommitteePanel({ project }: { project: ProjectView }) {
  const session = useSession();
  const abilities = session.data?.abilities;
  const readable = can(abilities, 'committee', 'read') && [...FORMING, ...LATER].includes(project.status);
  const query = useQuery({
    queryKey: committeeKey(project.id),
    queryFn: () => committeeOrNull(project.id),
    enabled: readable,
  });
  if (!readable) return <EvaluationEntry project={project} />;
  const committee = query.data;
  return (
    <Card
      size="small"
      data-testid="committee-panel"
      title={
        <Space wrap>
          <span>评审委员会</span>
          {committee && (
            <Tag
              color={committee.status === 'formed' ? 'success' : 'processing'}
              data-testid="committee-status"
            >
              {committee.statusLabel}
            </Tag>
          )}
        </Space>
      }
    >
      {query.isPending && <Spin />}
      {committee &&
        committee.status === 'formed' &&
        can(abilities, 'evaluation', 'watch') &&
        ROOM.includes(project.status) && (
          <div style={{ marginBottom: 16 }}>
            <RoomLink project={project} />
          </div>
        )}
      {query.isError && <Alert type="error" showIcon title={errorMessage(query.error)} />}
      {committee === null &&
        (can(abilities, 'committee', 'form') && FORMING.includes(project.status) ? (
          <CommitteeForm projectId={project.id} existing={null} />
        ) : (
          <Typography.Text type="secondary">本项目尚未组建评审委员会。</Typography.Text>
        ))}
      {committee && <CommitteeDetail committee={committee} />}
    </Card>
  );
}
