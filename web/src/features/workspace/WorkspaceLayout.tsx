import {
  ApartmentOutlined,
  AuditOutlined,
  BankOutlined,
  BarChartOutlined,
  CloudUploadOutlined,
  ContactsOutlined,
  DashboardOutlined,
  FileTextOutlined,
  FolderOpenOutlined,
  ProfileOutlined,
  ProjectOutlined,
  SafetyCertificateOutlined,
  IdcardOutlined,
  SolutionOutlined,
  KeyOutlined,
  LineChartOutlined,
  MailOutlined,
  LogoutOutlined,
  ShopOutlined,
  TeamOutlined,
  UserOutlined,
} from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Layout, Menu, Space, Tag, Typography, type MenuProps } from 'antd';
import type { ReactNode } from 'react';
import { useState } from 'react';
import { Link, Outlet, useLocation, useNavigate } from 'react-router-dom';
import { errorMessage } from '../../api.ts';
import { can, logout, sessionKey, useSession, type Abilities, type SessionUser } from '../auth/session.ts';
import { centreTitle, usePortalSummary } from '../portal/api.ts';

interface NavEntry {
  path: string;
  label: string;
  icon: ReactNode;
  /** The ability (entity, action) that shows the entry; none means every signed-in user sees it. */
  needs?: readonly [string, string];
  /** Where the entry leads for this user, when that depends on the account's own record; null hides it. */
  to?: (user: SessionUser | undefined) => string | null;
}

export const navEntries: readonly NavEntry[] = [
  { path: '/app', label: '工作台', icon: <DashboardOutlined /> },
  { path: '/app/users', label: '用户管理', icon: <UserOutlined />, needs: ['user', 'list'] },
  { path: '/app/purchasers', label: '采购单位', icon: <ApartmentOutlined />, needs: ['purchaser', 'list'] },
  { path: '/app/plans', label: '采购计划', icon: <FileTextOutlined />, needs: ['planLine', 'list'] },
  { path: '/app/projects', label: '采购项目', icon: <ProjectOutlined />, needs: ['project', 'list'] },
  { path: '/app/contracts', label: '合同与履约', icon: <SolutionOutlined />, needs: ['contract', 'list'] },
  {
    path: '/app/my/award-letters',
    label: '中标通知书',
    icon: <MailOutlined />,
    needs: ['awardLetter', 'listMine'],
  },
  {
    path: '/app/my/challenges',
    label: '我的质疑',
    icon: <AuditOutlined />,
    needs: ['challenge', 'listMine'],
  },
  { path: '/app/complaints', label: '投诉处理', icon: <AuditOutlined />, needs: ['complaint', 'list'] },
  {
    path: '/app/signing-key',
    label: '电子签名密钥',
    icon: <SafetyCertificateOutlined />,
    needs: ['signingKey', 'readOwn'],
  },
  { path: '/app/programmes', label: '专项', icon: <FolderOpenOutlined />, needs: ['programme', 'list'] },
  { path: '/app/templates', label: '招标文件范本', icon: <ProfileOutlined />, needs: ['template', 'list'] },
  { path: '/app/suppliers', label: '供应商', icon: <ShopOutlined />, needs: ['supplier', 'list'] },
  { path: '/app/experts', label: '评审专家', icon: <TeamOutlined />, needs: ['expert', 'list'] },
  {
    path: '/app/experts/coverage',
    label: '专家库覆盖分析',
    icon: <BarChartOutlined />,
    needs: ['expert', 'coverage'],
  },
  {
    path: '/app/intermediaries',
    label: '中介机构',
    icon: <SolutionOutlined />,
    needs: ['intermediary', 'listAll'],
  },
  { path: '/app/my-supplier', label: '本单位资料', icon: <IdcardOutlined />, needs: ['supplier', 'update'] },
  {
    path: '/app/my-expert',
    label: '我的专家档案',
    icon: <ContactsOutlined />,
    needs: ['expert', 'viewOwn'],
  },
  { path: '/app/invitations', label: '评审邀请', icon: <MailOutlined />, needs: ['invitation', 'listMine'] },
  {
    // A purchaser's account reads its own unit (`purchaser: ['read']` without `list`).
    path: '/app/purchasers/own',
    label: '本单位',
    icon: <BankOutlined />,
    needs: ['purchaser', 'read'],
    to: (user) => (user?.purchaserId ? `/app/purchasers/${user.purchaserId}` : null),
  },
  {
    path: '/app/opening-key',
    label: '开标密钥',
    icon: <SafetyCertificateOutlined />,
    needs: ['custodian', 'manageOwnKey'],
  },
  { path: '/app/statistics', label: '统计分析', icon: <LineChartOutlined />, needs: ['statistics', 'read'] },
  { path: '/app/imports', label: '数据导入', icon: <CloudUploadOutlined />, needs: ['import', 'import'] },
  { path: '/app/audit', label: '审计日志', icon: <AuditOutlined />, needs: ['audit', 'list'] },
  { path: '/app/password', label: '修改密码', icon: <KeyOutlined />, needs: ['session', 'changePassword'] },
];

/** The entries this user sees, each with the path it leads to. */
function visibleEntries(abilities: Abilities | undefined, user: SessionUser | undefined): NavEntry[] {
  return navEntries
    .filter((e) => !e.needs || can(abilities, e.needs[0], e.needs[1]))
    .flatMap((e) => {
      if (!e.to) return [e];
      const path = e.to(user);
      return path ? [{ ...e, path }] : [];
    });
}

function menuItems(entries: readonly NavEntry[]): NonNullable<MenuProps['items']> {
  return entries.map((e) => ({ key: e.path, icon: e.icon, label: <Link to={e.path}>{e.label}</Link> }));
}

function selectedKey(entries: readonly NavEntry[], pathname: string): string {
  const match = entries
    .filter((e) => pathname === e.path || pathname.startsWith(`${e.path}/`))
    .sort((a, b) => b.path.length - a.path.length)[0];
  return match?.path ?? '/app';
}

export function WorkspaceLayout() {
  const session = useSession();
  const summary = usePortalSummary();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const location = useLocation();
  const { message } = App.useApp();
  const [collapsed, setCollapsed] = useState(false);
  const user = session.data?.user;
  const abilities = session.data?.abilities;
  const entries = visibleEntries(abilities, user ?? undefined);

  const logoutMutation = useMutation({
    mutationFn: logout,
    onSuccess: async () => {
      // Nothing the signed-in user saw may stay in memory for the next person at this browser.
      queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== sessionKey[0] });
      await navigate('/login', { replace: true });
      await queryClient.invalidateQueries({ queryKey: sessionKey });
    },
    onError: (error) => void message.error(errorMessage(error)),
  });

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Sider collapsible collapsed={collapsed} onCollapse={setCollapsed} breakpoint="lg" width={208}>
        <div className="zc-sider-brand">
          <span className="zc-emblem" style={{ width: 32, height: 32, fontSize: 16 }}>
            采
          </span>
          {!collapsed && <span>政采工作台</span>}
        </div>
        <Menu
          theme="dark"
          mode="inline"
          selectedKeys={[selectedKey(entries, location.pathname)]}
          items={menuItems(entries)}
        />
      </Layout.Sider>
      <Layout>
        <Layout.Header className="zc-app-header">
          <Typography.Text strong style={{ fontSize: 16 }} ellipsis>
            {centreTitle(summary.data)}
          </Typography.Text>
          <Space size="middle">
            <span>
              <UserOutlined style={{ marginRight: 6 }} />
              {user?.displayName}
            </span>
            <Tag color="volcano" data-testid="current-role" style={{ marginInlineEnd: 0 }}>
              {user?.roleLabel}
            </Tag>
            <Button
              data-testid="logout"
              icon={<LogoutOutlined />}
              disabled={logoutMutation.isPending}
              onClick={() => logoutMutation.mutate()}
            >
              退出登录
            </Button>
          </Space>
        </Layout.Header>
        <Layout.Content style={{ padding: 24 }}>
          {user?.mustChangePassword && (
            <Alert
              type="warning"
              showIcon
              banner
              style={{ marginBottom: 16 }}
              data-testid="must-change-password"
              title={
                can(abilities, 'session', 'changePassword') ? (
                  <span>
                    您正在使用初始密码或管理员重置的密码，请尽快<Link to="/app/password">修改密码</Link>。
                  </span>
                ) : (
                  '您正在使用初始密码或管理员重置的密码，请尽快修改密码。'
                )
              }
            />
          )}
          <Outlet />
        </Layout.Content>
        <Layout.Footer style={{ textAlign: 'center', color: 'rgba(0,0,0,0.45)', padding: '12px 24px' }}>
          政采（zhengcai）开源政府采购平台 · <a href="/api/docs">接口文档</a>
        </Layout.Footer>
      </Layout>
    </Layout>
  );
}
