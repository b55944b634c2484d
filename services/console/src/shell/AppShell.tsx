import {
  AlertOutlined,
  AuditOutlined,
  CheckSquareOutlined,
  FileSearchOutlined,
  LogoutOutlined,
  SendOutlined,
} from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Badge, Breadcrumb, Button, Flex, Grid, Layout, Menu, Result, Spin, Typography } from 'antd';
import type { MenuProps } from 'antd';
import { useEffect, useState } from 'react';
import { Link, Navigate, Outlet, useLocation, useMatches, useNavigate } from 'react-router';
import { errorCodeOf } from '../api/apiError.ts';
import { gql } from '../api/client.ts';
import { hasRole, rememberedTitle, rememberTitle, useMe } from '../auth/me.ts';
import { signOut } from '../auth/session.ts';
import { graphql } from '../gql/index.ts';
import { agencyKindLabels, errorMessage, label, roleLabels } from '../i18n/dictionary.ts';
import type { RouteHandle } from '../routes.tsx';

const workCountQuery = graphql(`
  query WorkCount {
    myWork {
      key
      status
    }
  }
`);

/** 待办 count for the menu badge: the items not yet met. */
const useOpenWorkCount = (enabled: boolean) =>
  useQuery({
    queryKey: ['myWork', 'count'],
    queryFn: async () => (await gql(workCountQuery)).myWork.filter((item) => item.status !== 'MET').length,
    enabled,
    refetchInterval: 60_000,
  });

const selectedKey = (pathname: string): string => {
  const first = pathname.split('/')[1] ?? '';
  return first === '' || first === 'work' ? 'work' : first;
};

export default function AppShell() {
  const me = useMe();
  const location = useLocation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const matches = useMatches();
  const screens = Grid.useBreakpoint();
  const narrow = !screens.lg;
  const [collapsed, setCollapsed] = useState(narrow);
  useEffect(() => setCollapsed(narrow), [narrow]);
  const workCount = useOpenWorkCount(me.isSuccess);

  if (me.isPending) {
    return (
      <Flex align="center" justify="center" style={{ height: '100%' }}>
        <Spin size="large" description="正在加载…">
          <div style={{ width: 120, height: 80 }} />
        </Spin>
      </Flex>
    );
  }
  if (me.isError) {
    if (errorCodeOf(me.error) === 'UNAUTHENTICATED') {
      return <Navigate to={`/signin?next=${encodeURIComponent(location.pathname + location.search)}`} replace />;
    }
    return (
      <Result
        status="error"
        title={errorMessage(errorCodeOf(me.error))}
        extra={<Button onClick={() => void me.refetch()}>重试</Button>}
      />
    );
  }
  const user = me.data;
  const title = rememberedTitle();

  const items: MenuProps['items'] = [
    {
      key: 'work',
      // Collapsed (tablet), the label is hidden: a dot on the icon keeps the open work visible.
      icon: (
        <Badge dot={collapsed && (workCount.data ?? 0) > 0} offset={[2, 0]}>
          <CheckSquareOutlined />
        </Badge>
      ),
      label: (
        <Link to="/" data-testid="nav-work">
          待办{' '}
          <Badge count={workCount.data ?? 0} size="small" overflowCount={99} aria-label={`${workCount.data ?? 0} 项待办`} />
        </Link>
      ),
    },
    { key: 'cases', icon: <FileSearchOutlined />, label: <Link to="/cases" data-testid="nav-cases">案件</Link> },
    { key: 'transfers', icon: <SendOutlined />, label: <Link to="/transfers" data-testid="nav-transfers">移送</Link> },
    // 专项整治 are read by their participating agencies, overseers and admins: any signed-in user
    // may take part, so the list (possibly empty) is open to all.
    { key: 'operations', icon: <AuditOutlined />, label: <Link to="/operations" data-testid="nav-operations">专项整治</Link> },
    ...(user.agency.kind === 'DISCIPLINE_INSPECTION' && hasRole(user, 'overseer', 'supervisor', 'admin')
      ? [{ key: 'oversight', icon: <AlertOutlined />, label: <Link to="/oversight" data-testid="nav-oversight">监督</Link> }]
      : []),
  ];

  const crumbs = matches
    .filter((match) => (match.handle as RouteHandle | undefined)?.crumb)
    .map((match, index, all) => {
      const crumb = (match.handle as RouteHandle).crumb!;
      return { key: match.id, title: index < all.length - 1 ? <Link to={match.pathname}>{crumb}</Link> : crumb };
    });

  const onSignOut = async () => {
    try {
      await signOut();
    } finally {
      rememberTitle(null);
      queryClient.clear();
      await navigate('/signin', { replace: true });
    }
  };

  return (
    <Layout style={{ minHeight: '100%' }}>
      <a className="skip-link" href="#main">
        跳到主要内容
      </a>
      <Layout.Header
        role="banner"
        style={{ display: 'flex', alignItems: 'center', gap: 16, paddingInline: 16, background: '#0f3460' }}
      >
        <Typography.Text strong style={{ color: '#fff', fontSize: 18, whiteSpace: 'nowrap' }}>
          衔接<span style={{ fontWeight: 400, fontSize: 14, opacity: 0.85 }}> · 两法衔接协同工作台</span>
        </Typography.Text>
        <div style={{ flex: 1 }} />
        <div data-testid="current-user" style={{ color: '#fff', textAlign: 'right', lineHeight: 1.3, minWidth: 0 }}>
          <div style={{ whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis' }}>
            <strong>{user.name}</strong>
            <span style={{ opacity: 0.85 }}> · {title ?? user.roles.map((role) => label(roleLabels, role)).join('、')}</span>
          </div>
          {!narrow && (
            <div style={{ fontSize: 12, opacity: 0.85, whiteSpace: 'nowrap' }}>
              {user.agency.name}（{label(agencyKindLabels, user.agency.kind)}）
            </div>
          )}
        </div>
        <Button icon={<LogoutOutlined />} onClick={() => void onSignOut()} data-testid="sign-out" ghost>
          退出
        </Button>
      </Layout.Header>
      <Layout>
        <Layout.Sider
          collapsible
          collapsed={collapsed}
          onCollapse={setCollapsed}
          breakpoint="lg"
          width={184}
          theme="light"
          style={{ borderRight: '1px solid #f0f0f0' }}
        >
          <nav aria-label="主导航">
            <Menu mode="inline" selectedKeys={[selectedKey(location.pathname)]} items={items} style={{ borderInlineEnd: 0 }} />
          </nav>
        </Layout.Sider>
        {/* antd's Layout.Content is the page's one <main> (the skip link's target). */}
        <Layout.Content id="main" tabIndex={-1} style={{ padding: narrow ? 12 : 20, minWidth: 0, outline: 'none' }}>
          <Breadcrumb items={crumbs} style={{ marginBottom: 12 }} aria-label="面包屑导航" />
          <Outlet context={user} />
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
