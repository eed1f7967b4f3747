import { Button, Result } from 'antd';
import type { ReactNode } from 'react';
import { useNavigate } from 'react-router-dom';
import { can, useSession } from '../auth/session.ts';

/** A page reached by a typed URL still obeys the abilities that hide its menu entry. */
export function RequireAbility({
  entity,
  action,
  children,
}: {
  entity: string;
  action: string;
  children: ReactNode;
}) {
  const session = useSession();
  const navigate = useNavigate();
  if (!can(session.data?.abilities, entity, action)) {
    return (
      <Result
        status="403"
        title="无权访问"
        subTitle="您的账号没有访问此页面的权限。"
        extra={
          <Button type="primary" onClick={() => void navigate('/app')}>
            返回工作台
          </Button>
        }
      />
    );
  }
  return children;
}

export function NotFoundPage() {
  const navigate = useNavigate();
  return (
    <Result
      status="404"
      title="页面不存在"
      extra={
        <Button type="primary" onClick={() => void navigate('/')}>
          返回首页
        </Button>
      }
    />
  );
}
