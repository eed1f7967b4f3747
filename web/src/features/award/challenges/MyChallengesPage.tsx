import { useQuery } from '@tanstack/react-query';
import { Alert, App, Button, Card, Popconfirm, Space, Table, Typography } from 'antd';
import { errorMessage } from '../../../api.ts';
import {
  fetchMyChallenges,
  myChallengesKey,
  useChallengeMutation,
  withdrawChallenge,
  type ChallengeView,
} from './api.ts';
import { ChallengeForm } from './ChallengeForm.tsx';
import { ChallengeDetails, ComplaintDetails, DueText, OutcomeTag, StatusTag, WindowText } from './common.tsx';
import { ComplaintForm } from './ComplaintForm.tsx';

function Withdraw({ c }: { c: ChallengeView }) {
  const { message } = App.useApp();
  const withdraw = useChallengeMutation(
    () => withdrawChallenge(c.id),
    () => void message.success('质疑已撤回'),
  );
  if (!c.abilities.includes('withdraw')) return null;
  return (
    <Popconfirm
      title="撤回质疑"
      description="撤回后不能就该质疑投诉。"
      okText="撤回"
      cancelText="取消"
      onConfirm={() => withdraw.mutate(undefined, { onError: (e) => void message.error(errorMessage(e)) })}
    >
      <Button danger loading={withdraw.isPending}>
        撤回
      </Button>
    </Popconfirm>
  );
}

/** 我的质疑 (URL /app/my/challenges): the supplier's challenges and complaints, the windows open now, the forms. */
export function MyChallengesPage() {
  const q = useQuery({ queryKey: myChallengesKey, queryFn: fetchMyChallenges });
  const data = q.data;
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card
        title="我的质疑"
        extra={data?.abilities.includes('file') && <ChallengeForm projects={data.projects} />}
      >
        {q.isError && <Alert type="error" showIcon title={errorMessage(q.error)} />}
        <Table<ChallengeView>
          rowKey="id"
          loading={q.isLoading}
          dataSource={data?.items ?? []}
          pagination={false}
          locale={{ emptyText: '尚未提出质疑' }}
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
            {
              title: '项目',
              render: (_, c) =>
                `${c.projectCode} ${c.projectName}${c.lotNo === null ? '' : ` 第${c.lotNo}包`}`,
            },
            { title: '质疑对象', dataIndex: 'subjectLabel' },
            { title: '提出日期', dataIndex: 'filedOn' },
            { title: '答复期限', render: (_, c) => <DueText due={c.replyDue} /> },
            {
              title: '状态',
              render: (_, c) => (
                <>
                  <StatusTag status={c.status} label={c.statusLabel} />
                  <OutcomeTag outcome={c.outcome} label={c.outcomeLabel} />
                  {c.complaints.length > 0 && (
                    <StatusTag
                      status={c.complaints[c.complaints.length - 1]?.status ?? ''}
                      label={`投诉：${c.complaints[c.complaints.length - 1]?.statusLabel ?? ''}`}
                    />
                  )}
                </>
              ),
            },
            {
              title: '操作',
              render: (_, c) => (
                <Space>
                  <Withdraw c={c} />
                  <ComplaintForm challenge={c} />
                </Space>
              ),
            },
          ]}
        />
      </Card>
      <Card title="可质疑的项目与期限">
        <Table
          rowKey="id"
          loading={q.isLoading}
          dataSource={data?.projects ?? []}
          pagination={false}
          locale={{ emptyText: '尚未参与采购项目' }}
          columns={[
            { title: '项目', render: (_, p) => `${p.code} ${p.name}` },
            {
              title: '质疑期限',
              render: (_, p) => (
                <Space orientation="vertical" size={2}>
                  {p.options.map((o) => (
                    <span key={`${o.subject}:${o.lotNo ?? ''}`}>
                      <Typography.Text strong>
                        {o.subjectLabel}
                        {o.lotNo === null ? '' : `（第${o.lotNo}包）`}：
                      </Typography.Text>
                      {o.window ? (
                        <WindowText window={o.window} />
                      ) : (
                        <Typography.Text type="secondary">{o.note}</Typography.Text>
                      )}
                    </span>
                  ))}
                </Space>
              ),
            },
          ]}
        />
      </Card>
    </Space>
  );
}
