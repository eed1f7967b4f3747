import { ApartmentOutlined, SafetyCertificateOutlined, ShopOutlined, TeamOutlined } from '@ant-design/icons';
import { Card, Col, Empty, Row, Skeleton, Statistic, Typography } from 'antd';
import { formatTime, monospace } from '../../shared/format.ts';
import type { PortalSummary } from './api.ts';

export function CountsRow({ summary, loading }: { summary: PortalSummary | undefined; loading: boolean }) {
  const items = [
    { key: 'purchasers', title: '采购单位', value: summary?.counts.purchasers, icon: <ApartmentOutlined /> },
    { key: 'suppliers', title: '已审核供应商', value: summary?.counts.suppliers, icon: <ShopOutlined /> },
    { key: 'experts', title: '在库评审专家', value: summary?.counts.experts, icon: <TeamOutlined /> },
  ];
  return (
    <Row gutter={[16, 16]}>
      {items.map((item) => (
        <Col xs={24} sm={8} key={item.key}>
          <Card>
            <Statistic
              title={item.title}
              value={item.value ?? 0}
              loading={loading}
              prefix={item.icon}
              suffix={item.key === 'experts' ? '名' : '家'}
            />
          </Card>
        </Col>
      ))}
    </Row>
  );
}

/** The chain head is published so that anyone can later prove the log was not rewritten behind their back. */
export function AuditHeadCard({
  summary,
  loading,
}: {
  summary: PortalSummary | undefined;
  loading: boolean;
}) {
  const head = summary?.auditHead;
  return (
    <Card
      title={
        <span>
          <SafetyCertificateOutlined style={{ color: '#389e0d', marginRight: 8 }} />
          审计日志链头
        </span>
      }
    >
      {loading ? (
        <Skeleton active paragraph={{ rows: 2 }} />
      ) : !head || head.seq === 0 ? (
        <Empty description="审计日志尚无记录" />
      ) : (
        <>
          <Row gutter={[16, 8]}>
            <Col xs={24} sm={6}>
              <Statistic title="最新序号" value={head.seq} groupSeparator="" />
            </Col>
            <Col xs={24} sm={18}>
              <Typography.Text type="secondary">链头哈希</Typography.Text>
              <Typography.Paragraph
                copyable={{ text: head.hash, tooltips: ['复制哈希', '已复制'] }}
                style={{ ...monospace, wordBreak: 'break-all', fontSize: 15, margin: '4px 0 0' }}
                data-testid="audit-head-hash"
              >
                {head.hash}
              </Typography.Paragraph>
              <Typography.Text type="secondary">记录时间：{formatTime(head.at)}（北京时间）</Typography.Text>
            </Col>
          </Row>
          <Typography.Paragraph type="secondary" style={{ marginTop: 16, marginBottom: 0 }}>
            平台的每一次数据变更都按顺序写入哈希链式审计日志，每条记录都包含上一条记录的哈希。任何人都可以记下此处公布的序号与哈希，日后据此核对审计日志，确认此前的记录未被篡改或删除。
          </Typography.Paragraph>
        </>
      )}
    </Card>
  );
}
