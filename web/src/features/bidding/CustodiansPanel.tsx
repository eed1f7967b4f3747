import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Descriptions,
  Form,
  Input,
  Select,
  Space,
  Spin,
  Typography,
  type SelectProps,
} from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { ApiError, errorMessage } from '../../api.ts';
import { formatTime, monospace } from '../../shared/format.ts';
import { can, useSession } from '../auth/session.ts';
import type { ProjectView } from '../tendering/api.ts';
import {
  assignCustodians,
  custodiansKey,
  fetchCustodians,
  fetchFinanceSupervisors,
  type CustodiansView,
} from './api.ts';
import { useFingerprint } from './OpeningKeyPage.tsx';

/** Custodians may be named until the deadline, and only while no bid has been sealed to them. */
const ASSIGNABLE = ['draft', 'linted', 'approved', 'published', 'corrected'];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function Holder({ holder }: { holder: CustodiansView['centre'] }) {
  const fingerprint = useFingerprint(holder.publicKey);
  return (
    <span>
      {holder.holder}
      <Typography.Text type="secondary" style={{ ...monospace, marginLeft: 8 }}>
        公钥指纹 {fingerprint ?? '…'}
      </Typography.Text>
    </span>
  );
}

/** Form.Item hands the value and onChange down; they pass through to the Select. */
function SupervisorPicker(props: SelectProps<string>) {
  const supervisors = useQuery({
    queryKey: ['/api/users', 'financeSupervisor'],
    queryFn: fetchFinanceSupervisors,
  });
  return (
    <Select
      {...props}
      aria-label="财政监督人员"
      placeholder="选择财政监督人员"
      loading={supervisors.isPending}
      style={{ width: 280 }}
      options={(supervisors.data?.items ?? []).map((u) => ({
        value: u.id,
        label: `${u.displayName}（${u.username}）`,
      }))}
    />
  );
}

function AssignForm({
  project,
  assigned,
  onDone,
}: {
  project: ProjectView;
  assigned: boolean;
  onDone: () => void;
}) {
  const [form] = Form.useForm<{ supervisorUserId?: string }>();
  const session = useSession();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  // Only the director may list users; an agent types the supervisor's user id, which the supervisor reads on
  // their own 开标密钥 page.
  const mayList = can(session.data?.abilities, 'user', 'list');
  const mutation = useMutation({
    mutationFn: (supervisorUserId: string) => assignCustodians(project.id, supervisorUserId),
    onSuccess: (view) => {
      queryClient.setQueryData(custodiansKey(project.id), view);
      form.resetFields();
      onDone();
      void message.success('开标密钥保管人已指定');
    },
    onError: (error) => {
      if (error instanceof ApiError && error.path === 'body.supervisorUserId')
        form.setFields([{ name: 'supervisorUserId', errors: [error.message] }]);
      else void message.error(errorMessage(error));
    },
  });
  return (
    <Form
      form={form}
      layout="vertical"
      disabled={mutation.isPending}
      onFinish={(v) => v.supervisorUserId && mutation.mutate(v.supervisorUserId.trim())}
      data-testid="custodians-form"
    >
      <Typography.Paragraph type="secondary">
        您本人的开标密钥保管采购中心的一份，另选一名财政监督人员保管第三份。双方须已在“
        <Link to="/app/opening-key">开标密钥</Link>”页设置密钥。
        {assigned && '供应商递交投标文件后不能再更换。'}
      </Typography.Paragraph>
      {mayList ? (
        <Form.Item
          label="财政监督人员"
          name="supervisorUserId"
          rules={[{ required: true, message: '请选择财政监督人员' }]}
        >
          <SupervisorPicker />
        </Form.Item>
      ) : (
        <Form.Item
          label="财政监督人员用户编号"
          name="supervisorUserId"
          extra="财政监督人员登录后在“开标密钥”页可查看并复制本人的用户编号。"
          rules={[
            { required: true, message: '请输入财政监督人员的用户编号' },
            { pattern: UUID, message: '用户编号格式不正确' },
          ]}
        >
          <Input style={{ maxWidth: 420, ...monospace }} placeholder="例如 0b6c…（36 位）" />
        </Form.Item>
      )}
      <Space>
        <Button type="primary" htmlType="submit" loading={mutation.isPending}>
          指定保管人
        </Button>
        {assigned && <Button onClick={onDone}>取消</Button>}
      </Space>
    </Form>
  );
}

/** 开标密钥保管人 of a project, for the centre and the supervisors; the agent or director names them. */
export function CustodiansPanel({ project }: { project: ProjectView }) {
  const session = useSession();
  const [reassigning, setReassigning] = useState(false);
  const abilities = session.data?.abilities;
  const readable = can(abilities, 'custodian', 'readAssignment');
  const query = useQuery({
    queryKey: custodiansKey(project.id),
    queryFn: () => fetchCustodians(project.id),
    enabled: readable,
    retry: false,
  });
  if (!readable) return null;
  const mayAssign = can(abilities, 'custodian', 'assign') && ASSIGNABLE.includes(project.status);
  const missing = query.isError && query.error instanceof ApiError && query.error.status === 404;
  const view = query.data;
  return (
    <Card size="small" title="开标密钥保管人" data-testid="custodians-panel">
      {query.isPending ? (
        <Spin />
      ) : (
        <Space orientation="vertical" size={12} style={{ width: '100%' }}>
          {view ? (
            <Descriptions size="small" column={1} data-testid="custodians">
              <Descriptions.Item label="采购中心">
                <Holder holder={view.centre} />
              </Descriptions.Item>
              <Descriptions.Item label="财政监督">
                <Holder holder={view.supervisor} />
              </Descriptions.Item>
              <Descriptions.Item label="指定时间">{formatTime(view.assignedAt)}</Descriptions.Item>
            </Descriptions>
          ) : missing ? (
            <Alert
              type="warning"
              showIcon
              data-testid="custodians-missing"
              title="本项目尚未指定开标密钥保管人，供应商暂不能递交投标文件。"
            />
          ) : (
            <Alert type="error" showIcon title={errorMessage(query.error)} />
          )}
          {mayAssign &&
            (view && !reassigning ? (
              <Button onClick={() => setReassigning(true)} style={{ alignSelf: 'flex-start' }}>
                重新指定
              </Button>
            ) : (
              <AssignForm project={project} assigned={Boolean(view)} onDone={() => setReassigning(false)} />
            ))}
        </Space>
      )}
    </Card>
  );
}
