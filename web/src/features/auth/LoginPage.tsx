import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { Navigate, useLocation, useNavigate } from 'react-router-dom';
import type { z } from 'zod';
import { loginBody } from '../../../../src/platform/auth/contract.ts';
import { errorMessage } from '../../api.ts';
import { applyServerErrors, zodRule } from '../../shared/forms.ts';
import { centreTitle, usePortalSummary } from '../portal/api.ts';
import { login, sessionKey, useSession } from './session.ts';

type LoginValues = z.input<typeof loginBody>;

function returnPath(state: unknown): string {
  if (typeof state === 'object' && state !== null && 'from' in state && typeof state.from === 'string') {
    // Only paths inside the workspace: a crafted link must not bounce the user off to another site.
    if (state.from.startsWith('/app')) return state.from;
  }
  return '/app';
}

export function LoginPage() {
  const [form] = Form.useForm<LoginValues>();
  const session = useSession();
  const summary = usePortalSummary();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const location = useLocation();
  const target = returnPath(location.state);

  const mutation = useMutation({
    mutationFn: login,
    onSuccess: (next) => {
      // Whatever was cached belonged to the previous (anonymous) visitor.
      queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== sessionKey[0] });
      queryClient.setQueryData(sessionKey, next);
      void navigate(target, { replace: true });
    },
    onError: (error) => applyServerErrors(form, ['username', 'password'], error),
  });

  if (session.data?.user && !mutation.isPending && !mutation.isSuccess)
    return <Navigate to={target} replace />;

  return (
    <div className="zc-login-bg">
      <Card style={{ width: 400, maxWidth: '100%', boxShadow: '0 8px 24px rgba(0,0,0,0.12)' }}>
        <div style={{ textAlign: 'center', marginBottom: 24 }}>
          <Typography.Title level={3} style={{ marginBottom: 4 }}>
            {centreTitle(summary.data)}
          </Typography.Title>
          <Typography.Text type="secondary">政府采购电子化交易平台 · 用户登录</Typography.Text>
        </div>
        <Form<LoginValues>
          name="login"
          form={form}
          layout="vertical"
          requiredMark={false}
          disabled={mutation.isPending}
          onFinish={(values) => mutation.mutate(values)}
        >
          <Form.Item label="用户名" name="username" rules={[zodRule(loginBody.shape.username)]}>
            <Input prefix={<UserOutlined />} autoComplete="username" autoFocus size="large" />
          </Form.Item>
          <Form.Item label="密码" name="password" rules={[zodRule(loginBody.shape.password)]}>
            <Input.Password prefix={<LockOutlined />} autoComplete="current-password" size="large" />
          </Form.Item>
          {mutation.isError && (
            <Alert
              type="error"
              showIcon
              title={errorMessage(mutation.error)}
              data-testid="login-error"
              style={{ marginBottom: 16 }}
            />
          )}
          {session.isError && !mutation.isError && (
            <Alert type="warning" showIcon title={errorMessage(session.error)} style={{ marginBottom: 16 }} />
          )}
          {/* Buttons in this app are disabled rather than `loading` while a request runs: antd's loading icon can
              stay stuck in its exit animation when the form re-renders meanwhile, and its "loading" label then
              lingers in the button's accessible name. */}
          <Button type="primary" htmlType="submit" block size="large" disabled={mutation.isPending}>
            登录
          </Button>
        </Form>
        <div style={{ textAlign: 'center', marginTop: 16 }}>
          <Typography.Link onClick={() => void navigate('/')}>返回门户首页</Typography.Link>
        </div>
      </Card>
    </div>
  );
}
