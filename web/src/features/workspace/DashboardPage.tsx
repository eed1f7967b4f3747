import { Card, Col, Descriptions, Row, Space, Typography } from 'antd';
import { AlertsCard } from '../award/decision/AlertsCard.tsx';
import { useSession } from '../auth/session.ts';
import { usePortalSummary } from '../portal/api.ts';
import { AuditHeadCard, CountsRow } from '../portal/PortalWidgets.tsx';
import { StatisticsCard } from '../statistics/StatisticsCard.tsx';

export function DashboardPage() {
  const session = useSession();
  const summary = usePortalSummary();
  const user = session.data?.user;
  if (!user) return null;

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Typography.Title level={3} style={{ margin: 0 }} data-testid="workspace-title">
        {`${user.roleLabel}工作台`}
      </Typography.Title>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={8}>
          <Card title="当前账号" style={{ height: '100%' }}>
            <Descriptions
              column={1}
              items={[
                { key: 'username', label: '用户名', children: user.username },
                { key: 'displayName', label: '姓名', children: user.displayName },
                { key: 'role', label: '角色', children: user.roleLabel },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} lg={16}>
          <CountsRow summary={summary.data} loading={summary.isPending} />
        </Col>
      </Row>
      <AlertsCard />
      <StatisticsCard />
      <AuditHeadCard summary={summary.data} loading={summary.isPending} />
    </Space>
  );
}
