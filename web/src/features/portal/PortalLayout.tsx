import { ApiOutlined, LoginOutlined, SafetyCertificateOutlined, WifiOutlined } from '@ant-design/icons';
import { Button, Layout, Space, Tooltip } from 'antd';
import type { ReactNode } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { monospace, shortHash } from '../../shared/format.ts';
import { centreTitle, feedUrl, useHealth, usePortalSummary } from './api.ts';

/** A link that stays inside the single-page app (and still works as a plain link). */
function NavButton({
  to,
  icon,
  primary,
  children,
}: {
  to: string;
  icon?: ReactNode;
  primary?: boolean;
  children: ReactNode;
}) {
  const navigate = useNavigate();
  return (
    <Button
      href={to}
      type={primary ? 'default' : 'text'}
      icon={icon}
      className={primary ? undefined : 'zc-header-link'}
      onClick={(e) => {
        e.preventDefault();
        void navigate(to);
      }}
    >
      {children}
    </Button>
  );
}

/** The public portal's frame: the centre's header with the public services, and the footer. */
export function PortalLayout({ banner, children }: { banner?: ReactNode; children: ReactNode }) {
  const summary = usePortalSummary();
  const health = useHealth();
  const navigate = useNavigate();

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header className="zc-portal-header">
        <div className="zc-portal-bar">
          <div className="zc-brand" style={{ cursor: 'pointer' }} onClick={() => void navigate('/')}>
            <span className="zc-emblem">采</span>
            <span>
              <span className="zc-brand-title">{centreTitle(summary.data)}</span>
              <span className="zc-brand-sub">政府采购电子化交易平台</span>
            </span>
          </div>
          <Space wrap size={4}>
            <NavButton to="/intentions">采购意向</NavButton>
            <NavButton to="/monthly-plan">月度采购计划</NavButton>
            <NavButton to="/notices">采购公告</NavButton>
            <NavButton to="/half-year">半年公告</NavButton>
            <NavButton to="/draws/verify">抽取验证</NavButton>
            <NavButton to="/intermediaries">中介机构名录</NavButton>
            <NavButton to="/intermediaries/register">中介机构入驻</NavButton>
            <NavButton to="/register/supplier">供应商注册</NavButton>
            <NavButton to="/apply/expert">专家申请</NavButton>
            <Button href="/api/docs" type="text" icon={<ApiOutlined />} className="zc-header-link">
              接口文档
            </Button>
            <NavButton to="/login" icon={<LoginOutlined />} primary>
              登录
            </NavButton>
          </Space>
        </div>
      </Layout.Header>
      {banner}
      <Layout.Content>
        <div className="zc-page" style={{ paddingTop: 24, paddingBottom: 24 }}>
          {children}
        </div>
      </Layout.Content>
      <Layout.Footer style={{ textAlign: 'center', color: 'rgba(0,0,0,0.45)' }}>
        <div>
          政采（zhengcai）开源政府采购平台 ·{' '}
          <a href={feedUrl()} target="_blank" rel="noreferrer">
            <WifiOutlined /> 公告订阅（Atom）
          </a>
        </div>
        {summary.data && summary.data.auditHead.seq > 0 && (
          <div style={{ fontSize: 12, marginTop: 4 }} data-testid="footer-audit-head">
            <Tooltip
              title={`审计日志链头哈希：${summary.data.auditHead.hash}（任何人可据此日后核对日志未被篡改）`}
            >
              <SafetyCertificateOutlined style={{ color: '#389e0d' }} /> 审计日志第{' '}
              {summary.data.auditHead.seq} 条 · 链头{' '}
              <span style={monospace}>{shortHash(summary.data.auditHead.hash, 16)}</span>
            </Tooltip>{' '}
            <Link to="/">详情</Link>
          </div>
        )}
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
