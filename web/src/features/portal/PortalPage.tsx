import { ApiOutlined, EnvironmentOutlined, LoginOutlined, PhoneOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Layout, Space, Typography } from 'antd';
import { useNavigate } from 'react-router-dom';
import { errorMessage } from '../../api.ts';
import { centreTitle, useHealth, usePortalSummary } from './api.ts';
import { AuditHeadCard, CountsRow } from './PortalWidgets.tsx';

export function PortalPage() {
  const summary = usePortalSummary();
  const health = useHealth();
  const navigate = useNavigate();
  const centre = summary.data?.centre;

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header className="zc-portal-header">
        <div className="zc-portal-bar">
          <div className="zc-brand">
            <span className="zc-emblem">采</span>
            <span>
              <span className="zc-brand-title">{centreTitle(summary.data)}</span>
              <span className="zc-brand-sub">政府采购电子化交易平台</span>
            </span>
          </div>
          <Space>
            <Button href="/api/docs" type="text" icon={<ApiOutlined />} className="zc-header-link">
              接口文档
            </Button>
            <Button
              href="/login"
              icon={<LoginOutlined />}
              onClick={(e) => {
                e.preventDefault();
                void navigate('/login');
              }}
            >
              登录
            </Button>
          </Space>
        </div>
      </Layout.Header>
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
      <Layout.Content>
        <div className="zc-page" style={{ paddingTop: 24, paddingBottom: 24 }}>
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
        </div>
      </Layout.Content>
      <Layout.Footer style={{ textAlign: 'center', color: 'rgba(0,0,0,0.45)' }}>
        <div>政采（zhengcai）开源政府采购平台</div>
        {health.data && (
          <div style={{ fontSize: 12, marginTop: 4 }}>
            版本 {health.data.version} · 数据库{' '}
            {health.data.database === 'pglite' ? '内置 PGlite' : 'PostgreSQL'} · 服务状态{' '}
            {health.data.status === 'ok' ? '正常' : '降级'}
          </div>
        )}
      </Layout.Footer>
    </Layout>
  );
}
