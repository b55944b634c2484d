import { SafetyCertificateOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Typography } from 'antd';
import { useState } from 'react';
import type { OidcSettings } from './oidcSignIn.ts';

/** The sign-in page in OIDC mode: one button to the issuer's login page. */
export function OidcSignInButton({ oidc, next }: { oidc: OidcSettings; next: string }) {
  const [pending, setPending] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);

  const start = async () => {
    setPending(true);
    setFailure(null);
    try {
      // The OIDC client loads only when someone signs in this way (demo mode never fetches it).
      const { startOidcSignIn } = await import('./oidcSignIn.ts');
      await startOidcSignIn(oidc, next);
    } catch (error) {
      // The issuer's discovery document could not be fetched (down, or blocked).
      console.warn('OIDC sign-in could not start', error);
      setFailure('无法连接统一身份认证服务，请稍后重试或联系系统管理员');
      setPending(false);
    }
  };

  return (
    <Card style={{ maxWidth: 420 }}>
      <Typography.Paragraph>请使用本单位统一身份认证账号登录，登录后以账号所属机关和角色办理。</Typography.Paragraph>
      {failure && <Alert type="error" showIcon title={failure} style={{ marginBottom: 16 }} data-testid="oidc-start-error" />}
      <Button type="primary" size="large" block icon={<SafetyCertificateOutlined />} loading={pending} onClick={() => void start()} data-testid="oidc-sign-in">
        使用统一身份认证登录
      </Button>
    </Card>
  );
}
