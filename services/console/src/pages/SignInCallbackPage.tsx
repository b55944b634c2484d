import { useQueryClient } from '@tanstack/react-query';
import { Button, Result, Spin } from 'antd';
import { useEffect, useState } from 'react';
import { useNavigate } from 'react-router';
import { isApiError } from '../api/apiError.ts';
import { rememberTitle } from '../auth/me.ts';
import { completeOidcSignIn, OidcSignInError } from '../auth/oidcSignIn.ts';
import { errorMessage } from '../i18n/dictionary.ts';
import { usePageTitle } from '../shell/usePageTitle.ts';

// One completion per callback URL: React's StrictMode runs effects twice, and the state in
// sessionStorage may be used once only.
const completions = new Map<string, Promise<string>>();
const completeOnce = (url: string): Promise<string> => {
  let completion = completions.get(url);
  if (!completion) {
    completion = completeOidcSignIn(url);
    completions.set(url, completion);
  }
  return completion;
};

const failureMessage = (error: unknown): string => {
  if (error instanceof OidcSignInError) return error.message;
  if (isApiError(error) && error.code === 'UNAUTHENTICATED') return '本系统未接受统一身份认证签发的令牌（无效、已过期或不是签发给本系统的），请联系系统管理员';
  if (isApiError(error)) return errorMessage(error.code);
  return '统一身份认证登录失败，请稍后重试';
};

/** `/signin/callback`: the issuer sends the browser back here with the code; finish and go on. */
export default function SignInCallbackPage() {
  usePageTitle('正在登录');
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [failure, setFailure] = useState<string | null>(null);

  useEffect(() => {
    let current = true;
    completeOnce(window.location.href).then(
      async (next) => {
        if (!current) return;
        // The token names no 职务: the header shows the roles.
        rememberTitle(null);
        queryClient.clear();
        await navigate(next, { replace: true });
      },
      (error: unknown) => {
        console.warn('OIDC sign-in failed', error);
        if (current) setFailure(failureMessage(error));
      },
    );
    return () => {
      current = false;
    };
  }, [navigate, queryClient]);

  if (failure) {
    return (
      <Result
        status="error"
        title="登录未完成"
        subTitle={failure}
        data-testid="oidc-callback-error"
        extra={
          <Button type="primary" onClick={() => void navigate('/signin', { replace: true })}>
            返回登录页
          </Button>
        }
      />
    );
  }
  return (
    <Spin description="正在完成统一身份认证登录…" size="large">
      <div style={{ height: 240 }} />
    </Spin>
  );
}
