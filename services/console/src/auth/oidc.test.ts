import { describe, expect, it } from 'vitest';
import { authorizationUrl, codeChallenge, newCodeVerifier, redirectUriOf } from './oidc.ts';

describe('OIDC with PKCE', () => {
  it('derives the S256 challenge of RFC 7636 appendix B', async () => {
    await expect(codeChallenge('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk')).resolves.toBe('E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM');
  });

  it('makes fresh 43-character base64url verifiers', () => {
    const a = newCodeVerifier();
    expect(a).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(newCodeVerifier()).not.toBe(a);
  });

  it('asks for a code with the challenge, state, scope and the callback', () => {
    const url = new URL(
      authorizationUrl('https://idp.example/auth?prompt=login', {
        clientId: 'xianjie-console',
        redirectUri: redirectUriOf('https://xianjie.example'),
        scope: 'openid profile',
        state: 's1',
        challenge: 'c1',
      }),
    );
    expect(Object.fromEntries(url.searchParams)).toEqual({
      prompt: 'login',
      response_type: 'code',
      client_id: 'xianjie-console',
      redirect_uri: 'https://xianjie.example/signin/callback',
      scope: 'openid profile',
      state: 's1',
      code_challenge: 'c1',
      code_challenge_method: 'S256',
    });
  });
});
