import { LineChartOutlined } from '@ant-design/icons';
import { Card, Col, Row, Skeleton, Statistic, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { can, useSession } from '../auth/session.ts';
import { useReport } from './api.ts';
import { shanghaiToday } from '../planning/api.ts';

/** The workbench's glance at this year's figures, for the accounts that read the statistics. */
export function StatisticsCard() {
  const session = useSession();
  const allowed = can(session.data?.abilities, 'statistics', 'read');
  const today = shanghaiToday();
  const report = useReport({ from: `${today.slice(0, 4)}-01-01`, to: today }, allowed);
  if (!allowed) return null;
  const t = report.data?.total;
  return (
    <Card
      data-testid="statistics-card"
      title={
        <span>
          <LineChartOutlined style={{ marginRight: 8 }} />
          {today.slice(0, 4)}年采购统计（截至{today}）
        </span>
      }
      extra={<Link to="/app/statistics">统计分析</Link>}
    >
      {!t ? (
        <Skeleton active paragraph={{ rows: 1 }} />
      ) : (
        <Row gutter={[16, 8]}>
          <Col xs={12} md={6}>
            <Statistic title="采购次数" value={t.procurements} suffix="次" />
          </Col>
          <Col xs={12} md={6}>
            <Statistic title="采购预算" value={t.budgetText} />
          </Col>
          <Col xs={12} md={6}>
            <Statistic title="节约资金" value={t.savingsText} />
          </Col>
          <Col xs={12} md={6}>
            <Statistic title="资金节约率" value={t.savingsRateText} />
          </Col>
          <Col span={24}>
            <Typography.Text type="secondary">{report.data?.headline}</Typography.Text>
          </Col>
        </Row>
      )}
    </Card>
  );
}
