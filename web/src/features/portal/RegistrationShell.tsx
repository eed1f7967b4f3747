import { Alert, Button, Card, Form, Result, Typography, type FormInstance, type FormProps } from 'antd';
import type { ReactNode } from 'react';
import { useNavigate } from 'react-router-dom';
import { errorMessage } from '../../api.ts';
import { PortalLayout } from './PortalLayout.tsx';

/**
 * A self-registration page on the portal: a card holding the form, the server's error above the submit button,
 * and the form disabled while the registration is being sent.
 */
export function RegistrationShell<V>({
  title,
  intro,
  name,
  form,
  initialValues,
  onFinish,
  pending,
  error,
  errorTestId,
  submitLabel,
  children,
}: {
  title: string;
  intro?: ReactNode;
  name: string;
  form: FormInstance<V>;
  initialValues?: FormProps<V>['initialValues'];
  onFinish: (values: V) => void;
  pending: boolean;
  /** The failed registration's error, or null. */
  error: Error | null;
  errorTestId?: string;
  submitLabel: string;
  children: ReactNode;
}) {
  return (
    <PortalLayout>
      <Card title={title}>
        {intro && <Typography.Paragraph type="secondary">{intro}</Typography.Paragraph>}
        <Form<V>
          name={name}
          form={form}
          layout="vertical"
          disabled={pending}
          initialValues={initialValues}
          onFinish={onFinish}
        >
          {children}
          {error && (
            <Alert
              type="error"
              showIcon
              data-testid={errorTestId}
              title={errorMessage(error)}
              style={{ marginBottom: 16 }}
            />
          )}
          <Button type="primary" htmlType="submit" size="large" disabled={pending}>
            {submitLabel}
          </Button>
        </Form>
      </Card>
    </PortalLayout>
  );
}

/** What the portal shows once a registration has been accepted for review. */
export function RegistrationDone({
  title,
  subTitle,
  testId,
  extra,
}: {
  title: string;
  subTitle: string;
  testId?: string;
  extra: ReactNode;
}) {
  return (
    <PortalLayout>
      <Card>
        <Result status="success" title={title} data-testid={testId} subTitle={subTitle} extra={extra} />
      </Card>
    </PortalLayout>
  );
}

/** The registrant's next step: signing in with the account the registration opened. */
export function ToLoginButton() {
  const navigate = useNavigate();
  return (
    <Button type="primary" onClick={() => void navigate('/login')}>
      前往登录
    </Button>
  );
}
