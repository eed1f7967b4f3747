import { EnvironmentOutlined, PhoneOutlined } from '@ant-design/icons';
import { Alert, Card, Space, Typography } from 'antd';
import { errorMessage } from '../../api.ts';
import { centreTitle, usePortalSummary } from './api.ts';
import { PortalLayout } from './PortalLayout.tsx';
import { AuditHeadCard, CountsRow } from './PortalWidgets.tsx';

export function PortalPage() {
  const summary = usePortalSummary();
  const centre = summary.data?.centre;

  return (
    <PortalLayout
      banner={
        <div className="zc-portal-banner">
          <div className="zc-page">
            <Typography.Title level={2} style={{ color: '#fff', margin: 0 }}>
              {centre ? `${centre.regionName} · ${centre.name}` : centreTitle(summary.data)}
            </Typography.Title>
            <Typography.Paragraph style={{ color: 'rgba(255,255,255,0.85)', margin: '8px 0 0' }}>
              公开、公平、公正、诚实信用 —— 采购信息依法公开，交易全程留痕可查。
            </Typography.Paragraph>
          </div>
        </div>
      }
    >
      <Space orientation="vertical" size={16} style={{ width: '100%' }}>
        {summary.isError && <Alert type="error" showIcon title={errorMessage(summary.error)} />}
        {centre && (
          <Card>
            <Space size="large" wrap>
              <span>
                <EnvironmentOutlined /> 地址：{centre.address ?? '—'}
              </span>
              <span>
                <PhoneOutlined /> 电话：{centre.phone ?? '—'}
              </span>
            </Space>
          </Card>
        )}
        <CountsRow summary={summary.data} loading={summary.isPending} />
        <AuditHeadCard summary={summary.data} loading={summary.isPending} />
      </Space>
    </PortalLayout>
  );
}
