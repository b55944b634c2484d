import { LoginOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Flex, Result, Spin, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { errorCodeOf } from '../api/apiError.ts';
import { rememberTitle } from '../auth/title.ts';
import { OidcSignInButton } from '../auth/OidcSignInButton.tsx';
import { safeNext } from '../auth/safeNext.ts';
import { demoSignIn, fetchAuthConfig, fetchDemoUsers } from '../auth/session.ts';
import type { DemoUser } from '../auth/session.ts';
import { agencyKindLabels, errorMessage, label, roleLabels } from '../i18n/dictionary.ts';
import { usePageTitle } from '../shell/usePageTitle.ts';

interface AgencyGroup {
  agency: DemoUser['agency'];
  users: DemoUser[];
}

const groupByAgency = (users: DemoUser[]): AgencyGroup[] => {
  const groups = new Map<string, AgencyGroup>();
  for (const user of users) {
    const group = groups.get(user.agency.id) ?? { agency: user.agency, users: [] };
    group.users.push(user);
    groups.set(user.agency.id, group);
  }
  return [...groups.values()];
};

function DemoSignIn() {
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const queryClient = useQueryClient();
  const users = useQuery({ queryKey: ['demo-users'], queryFn: fetchDemoUsers });
  const [pending, setPending] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);

  const signIn = async (user: DemoUser) => {
    setPending(user.userId);
    setFailure(null);
    try {
      await demoSignIn(user.userId);
      rememberTitle(user.title);
      queryClient.clear();
      await navigate(safeNext(params.get('next')), { replace: true });
    } catch (error) {
      setFailure(errorMessage(errorCodeOf(error)));
    } finally {
      setPending(null);
    }
  };

  if (users.isPending) return <Spin description="正在加载演示用户…"><div style={{ height: 120 }} /></Spin>;
  if (users.isError) return <Result status="error" title={errorMessage(errorCodeOf(users.error))} />;

  return (
    <>
      {failure && <Alert type="error" showIcon title={`登录失败：${failure}`} style={{ marginBottom: 16 }} data-testid="sign-in-error" />}
      <Flex vertical gap={16}>
        {groupByAgency(users.data).map((group) => (
          <Card
            key={group.agency.id}
            size="small"
            title={
              <span>
                {group.agency.name} <Tag color="blue">{label(agencyKindLabels, group.agency.kind)}</Tag>
              </span>
            }
          >
            <ul style={{ listStyle: 'none', margin: 0, padding: 0 }}>
              {group.users.map((user) => (
                <li key={user.userId} style={{ borderTop: '1px solid #f0f0f0', padding: '8px 0' }}>
                  <Flex align="center" gap={12} wrap>
                    <strong style={{ minWidth: 72 }}>{user.name}</strong>
                    <span style={{ flex: 1, minWidth: 160 }}>{user.title}</span>
                    <span>
                      {user.roles.map((role) => (
                        <Tag key={role}>{label(roleLabels, role)}</Tag>
                      ))}
                    </span>
                    <Button
                      type="primary"
                      icon={<LoginOutlined />}
                      loading={pending === user.userId}
                      disabled={pending !== null && pending !== user.userId}
                      onClick={() => void signIn(user)}
                      data-testid={`sign-in-${user.userId}`}
                      aria-label={`以 ${user.name}（${user.agency.name} ${user.title}）登录`}
                    >
                      登录
                    </Button>
                  </Flex>
                </li>
              ))}
            </ul>
          </Card>
        ))}
      </Flex>
    </>
  );
}

export default function SignInPage() {
  usePageTitle('登录');
  const config = useQuery({ queryKey: ['auth-config'], queryFn: fetchAuthConfig, retry: false });
  const [params] = useSearchParams();
  return (
    <div style={{ minHeight: '100%', background: '#f0f2f5' }}>
      <header style={{ background: '#0f3460', color: '#fff', padding: '14px 24px' }}>
        <Typography.Text strong style={{ color: '#fff', fontSize: 18 }}>
          衔接 · 两法衔接协同工作台
        </Typography.Text>
      </header>
      <main style={{ maxWidth: 1000, margin: '0 auto', padding: 24 }}>
        <Typography.Title level={1} style={{ fontSize: 22 }}>
          登录
        </Typography.Title>
        {config.isPending && <Spin />}
        {config.isError && <Result status="error" title={errorMessage(errorCodeOf(config.error))} />}
        {config.data?.signIn === 'demo' && (
          <>
            <Alert
              type="info"
              showIcon
              data-testid="demo-notice"
              style={{ marginBottom: 16 }}
              title="演示环境"
              description="这是演示环境：以下为演示用户，数据均为虚构。请选择一名用户登录，以其所在机关和角色办理。"
            />
            <DemoSignIn />
          </>
        )}
        {config.data?.signIn === 'oidc' && config.data.oidc && <OidcSignInButton oidc={config.data.oidc} next={safeNext(params.get('next'))} />}
      </main>
    </div>
  );
}
