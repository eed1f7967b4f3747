import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Popconfirm, Space, Tag, Tooltip, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { userPage } from '../../../../src/modules/orgs/contract.ts';
import { errorMessage } from '../../api.ts';
import { formatTime } from '../../shared/format.ts';
import { optionsOf, roleOptions, statusColors, userStatusLabels } from '../../shared/labels.ts';
import { PagedTable, SearchFilter, SelectFilter } from '../../shared/PagedTable.tsx';
import { usePagedList } from '../../shared/usePagedList.ts';
import { updateUser, usersPath, type UserView } from './api.ts';
import { CreateUserModal } from './CreateUserModal.tsx';
import { ResetPasswordModal } from './ResetPasswordModal.tsx';

type UserFilters = { q: string | undefined; role: string | undefined; status: string | undefined };

export function UsersPage() {
  const list = usePagedList<typeof userPage, UserFilters>(usersPath, userPage, {
    q: undefined,
    role: undefined,
    status: undefined,
  });
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const [creating, setCreating] = useState(false);
  const [resetting, setResetting] = useState<UserView | null>(null);

  const refresh = () => queryClient.invalidateQueries({ queryKey: [usersPath] });

  const update = useMutation({
    mutationFn: ({
      user,
      change,
    }: {
      user: UserView;
      change: Parameters<typeof updateUser>[1];
      done: string;
    }) => updateUser(user.id, change),
    onSuccess: async (_user, { done }) => {
      void message.success(done);
      await refresh();
    },
    onError: (error) => void message.error(errorMessage(error)),
  });

  const columns: TableColumnsType<UserView> = [
    { title: '用户名', dataIndex: 'username', key: 'username' },
    { title: '姓名', dataIndex: 'displayName', key: 'displayName' },
    { title: '角色', dataIndex: 'roleLabel', key: 'role' },
    { title: '所属单位', dataIndex: 'orgName', key: 'orgName', render: (v: string | null) => v ?? '—' },
    { title: '手机号', dataIndex: 'phone', key: 'phone', render: (v: string | null) => v ?? '—' },
    {
      title: '状态',
      key: 'status',
      render: (_, user) => (
        <Space size={4} wrap>
          <Tag color={statusColors[user.status]}>{userStatusLabels[user.status]}</Tag>
          {user.lockedUntil && (
            <Tooltip title={`锁定至 ${formatTime(user.lockedUntil)}`}>
              <Tag color="red">已锁定</Tag>
            </Tooltip>
          )}
        </Space>
      ),
    },
    { title: '创建时间', dataIndex: 'createdAt', key: 'createdAt', render: (v: string) => formatTime(v) },
    {
      title: '操作',
      key: 'actions',
      fixed: 'right',
      render: (_, user) => {
        const canUpdate = user.abilities.includes('update');
        const busy = update.isPending && update.variables?.user.id === user.id;
        return (
          <Space size={0} wrap>
            {canUpdate &&
              (user.status === 'active' ? (
                <Popconfirm
                  title={`停用用户 ${user.username}？`}
                  description="停用后该用户无法登录。"
                  okText="停用"
                  cancelText="取消"
                  onConfirm={() => update.mutate({ user, change: { status: 'disabled' }, done: '已停用' })}
                >
                  <Button type="link" danger disabled={busy}>
                    停用
                  </Button>
                </Popconfirm>
              ) : (
                <Button
                  type="link"
                  disabled={busy}
                  onClick={() => update.mutate({ user, change: { status: 'active' }, done: '已启用' })}
                >
                  启用
                </Button>
              ))}
            {user.abilities.includes('resetPassword') && (
              <Button type="link" onClick={() => setResetting(user)}>
                重置密码
              </Button>
            )}
            {canUpdate && user.lockedUntil && (
              <Button
                type="link"
                disabled={busy}
                onClick={() => update.mutate({ user, change: { unlock: true }, done: '已解除锁定' })}
              >
                解锁
              </Button>
            )}
          </Space>
        );
      },
    },
  ];

  return (
    <Card
      title="用户管理"
      extra={
        list.query.data?.abilities.includes('create') && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
            新建用户
          </Button>
        )
      }
    >
      <PagedTable
        list={list}
        columns={columns}
        filters={
          <>
            <SearchFilter placeholder="用户名或姓名" width={240} onSearch={(v) => list.setFilter('q', v)} />
            <SelectFilter
              placeholder="全部角色"
              width={160}
              options={roleOptions}
              onChange={(v) => list.setFilter('role', v)}
            />
            <SelectFilter
              placeholder="全部状态"
              width={120}
              options={optionsOf(userStatusLabels)}
              onChange={(v) => list.setFilter('status', v)}
            />
          </>
        }
      />
      <CreateUserModal
        open={creating}
        onClose={() => setCreating(false)}
        onCreated={() => {
          setCreating(false);
          void refresh();
        }}
      />
      <ResetPasswordModal user={resetting} onClose={() => setResetting(null)} />
    </Card>
  );
}
