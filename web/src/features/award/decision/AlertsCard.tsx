import { useQuery } from '@tanstack/react-query';
import { Card, Empty, List, Tag, Tooltip, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { can, useSession } from '../../auth/session.ts';
import { alertsKey, fetchAlerts } from './api.ts';

/** 逾期预警 on the workspace: every clock of award to payment that ran out with its step undone. */
export function AlertsCard() {
  const session = useSession();
  const enabled = can(session.data?.abilities, 'awardAlert', 'list');
  const query = useQuery({ queryKey: alertsKey, queryFn: fetchAlerts, enabled });
  if (!enabled) return null;
  const items = query.data?.items ?? [];
  return (
    <Card
      title={<span>逾期预警 {items.length > 0 && <Tag color="red">{items.length}</Tag>}</span>}
      data-testid="alerts-card"
    >
      {!query.isPending && items.length === 0 ? (
        <Empty description="没有逾期事项" />
      ) : (
        <List
          size="small"
          loading={query.isPending}
          dataSource={items}
          renderItem={(a) => (
            <List.Item>
              <Tooltip title={a.basis}>
                <Link to={a.href}>{a.title}</Link>
              </Tooltip>
              <Typography.Text type="danger">
                期限 {a.dueOn}，已逾期 {a.daysLate} 天
              </Typography.Text>
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}
