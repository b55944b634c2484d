import { useQueryClient } from '@tanstack/react-query';
import { Result, Spin } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { completeOidcSignIn } from '../auth/oidc.ts';
import { usePageTitle } from '../shell/usePageTitle.ts';

/** /signin/callback: where the identity provider sends the browser back (OIDC). */
export default function SignInCallbackPage() {
  usePageTitle('登录');
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [failed, setFailed] = useState(false);
  // The code can be redeemed once: StrictMode's second effect run must not try again.
  const started = useRef(false);
  useEffect(() => {
    if (started.current) return;
    started.current = true;
    completeOidcSignIn(new URLSearchParams(window.location.search))
      .then(async (next) => {
        queryClient.clear();
        await navigate(next.startsWith('/') && !next.startsWith('//') ? next : '/', { replace: true });
      })
      .catch(() => setFailed(true));
  }, [navigate, queryClient]);
  return (
    <main style={{ padding: 48 }}>
      {failed ? (
        <Result status="error" title="登录未完成" subTitle="统一身份认证未能完成，请重新登录。" extra={<Link to="/signin">重新登录</Link>} />
      ) : (
        <Spin description="正在完成登录…">
          <div style={{ height: 120 }} />
        </Spin>
      )}
    </main>
  );
}
