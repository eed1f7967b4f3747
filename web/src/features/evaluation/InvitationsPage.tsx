import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Form,
  Input,
  Modal,
  Popconfirm,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { errorMessage } from '../../api.ts';
import { formatTime } from '../../shared/format.ts';
import { fetchInvitations, invitationsKey, respondToInvitation, type Invitation } from './api.ts';

const STATUS_COLORS: Record<Invitation['status'], string> = {
  invited: 'processing',
  confirmed: 'success',
  declined: 'error',
  recused: 'warning',
  absent: 'default',
};

function useRespond(onDone?: () => void) {
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  return useMutation({
    mutationFn: (o: { seatId: string; accept: boolean; reason: string | null }) =>
      respondToInvitation(o.seatId, { accept: o.accept, reason: o.reason }),
    onSuccess: (inv) => {
      void queryClient.invalidateQueries({ queryKey: invitationsKey });
      void message.success(
        inv.status === 'confirmed' ? '已确认参加评审' : '已答复不能参加，平台将按抽取顺序递补',
      );
      onDone?.();
    },
  });
}

/** 不能参加: a reason is required; the next expert in the committed order is invited in this one's place. */
function DeclineDialog({ invitation }: { invitation: Invitation }) {
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<{ reason?: string }>();
  const respond = useRespond(() => setOpen(false));
  return (
    <>
      <Button danger onClick={() => setOpen(true)}>
        不能参加
      </Button>
      <Modal
        open={open}
        title="不能参加评审"
        okText="提交"
        cancelText="取消"
        okButtonProps={{ danger: true }}
        confirmLoading={respond.isPending}
        onOk={() => form.submit()}
        onCancel={() => {
          setOpen(false);
          respond.reset();
        }}
        destroyOnHidden
      >
        <Typography.Paragraph>
          {invitation.projectCode} {invitation.projectName}，评审时间 {formatTime(invitation.reviewAt)}。
          答复后不能更改，平台将按抽取时已确定的顺序邀请下一位专家。
        </Typography.Paragraph>
        {respond.isError && (
          <Alert type="error" showIcon title={errorMessage(respond.error)} style={{ marginBottom: 16 }} />
        )}
        <Form
          form={form}
          layout="vertical"
          name="decline"
          disabled={respond.isPending}
          onFinish={(v) =>
            respond.mutate({ seatId: invitation.seatId, accept: false, reason: (v.reason ?? '').trim() })
          }
        >
          <Form.Item
            label="不能参加的原因"
            name="reason"
            rules={[
              { required: true, whitespace: true, message: '请说明不能参加的原因' },
              { min: 2, message: '请说明不能参加的原因' },
            ]}
          >
            <Input.TextArea rows={3} maxLength={500} showCount />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}

function Actions({ invitation }: { invitation: Invitation }) {
  const { message } = App.useApp();
  const respond = useRespond();
  if (invitation.status === 'confirmed')
    return (
      <Link to={`/app/projects/${invitation.projectId}/evaluation`}>
        <Button type="primary">进入评审室</Button>
      </Link>
    );
  if (!invitation.abilities.includes('respond')) return null;
  return (
    <Space>
      <Popconfirm
        title="确认参加评审"
        description={`请按时到达：${invitation.reviewPlace}`}
        okText="确认参加"
        cancelText="取消"
        onConfirm={() =>
          respond.mutate(
            { seatId: invitation.seatId, accept: true, reason: null },
            { onError: (e) => void message.error(errorMessage(e)) },
          )
        }
      >
        <Button type="primary" loading={respond.isPending}>
          确认参加
        </Button>
      </Popconfirm>
      <DeclineDialog invitation={invitation} />
    </Space>
  );
}

/** 评审邀请: the expert's invitations to review committees, to confirm or decline with a reason. */
export function InvitationsPage() {
  const query = useQuery({ queryKey: invitationsKey, queryFn: fetchInvitations });
  return (
    <Card title="评审邀请">
      <Typography.Paragraph type="secondary">
        您被随机抽取为以下项目的评审专家。请尽快答复；不能参加的，请说明原因。评审开始前请勿向他人透露被抽取的信息。
      </Typography.Paragraph>
      {query.isError && <Alert type="error" showIcon title={errorMessage(query.error)} />}
      <Table
        rowKey="seatId"
        loading={query.isPending}
        dataSource={query.data?.items ?? []}
        pagination={false}
        locale={{ emptyText: '暂无评审邀请' }}
        data-testid="invitations"
        onRow={(r) => ({ 'data-testid': `invitation-${r.projectCode}` }) as object}
        columns={[
          {
            title: '项目',
            key: 'project',
            render: (_: unknown, r) => (
              <span>
                {r.projectName}
                <Typography.Text type="secondary" style={{ display: 'block' }}>
                  {r.projectCode}
                </Typography.Text>
              </span>
            ),
          },
          { title: '评审时间', dataIndex: 'reviewAt', key: 'reviewAt', render: (v: string) => formatTime(v) },
          {
            title: '评审地点',
            key: 'place',
            render: (_: unknown, r) => (
              <span>
                {r.reviewPlace}
                {r.remote && (
                  <Tag color="blue" style={{ marginLeft: 8 }}>
                    异地评审
                  </Tag>
                )}
              </span>
            ),
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
            render: (_: unknown, r) => (
              <Space orientation="vertical" size={0}>
                <Tag color={STATUS_COLORS[r.status]} data-testid="invitation-status">
                  {r.statusLabel}
                </Tag>
                {r.declineReason && <Typography.Text type="secondary">{r.declineReason}</Typography.Text>}
              </Space>
            ),
          },
          {
            title: '通知时间',
            dataIndex: 'invitedAt',
            key: 'invitedAt',
            render: (v: string) => formatTime(v),
          },
          { title: '操作', key: 'actions', render: (_: unknown, r) => <Actions invitation={r} /> },
        ]}
      />
    </Card>
  );
}
