import { authRequest } from '../api/client.ts';

/**
 * The sign-in seam: how the gateway signs in (demo or OIDC), the demo users, and the calls that
 * set or clear the session cookie. The cookie is HttpOnly: nothing here ever holds a token, except
 * an OIDC access token passed straight on to `/auth/session`.
 */

export type SignInMode = 'demo' | 'oidc';

export interface AuthConfig {
  signIn: SignInMode;
  oidc?: { authority: string; clientId: string; scope: string };
}

export interface DemoUser {
  userId: string;
  name: string;
  /** 职务 */
  title: string;
  roles: string[];
  agency: { id: string; name: string; kind: string };
}

export const fetchAuthConfig = async (): Promise<AuthConfig> => (await authRequest<AuthConfig>('/auth/config')) ?? { signIn: 'demo' };

export const fetchDemoUsers = async (): Promise<DemoUser[]> =>
  (await authRequest<{ users: DemoUser[] }>('/auth/demo-users'))?.users ?? [];

export const demoSignIn = async (userId: string): Promise<void> => {
  await authRequest('/auth/demo-sign-in', { method: 'POST', body: { userId } });
};

/** OIDC: trade the identity provider's access token for the session cookie (the OIDC client calls this). */
export const exchangeOidcAccessToken = async (accessToken: string): Promise<void> => {
  await authRequest('/auth/session', { method: 'POST', headers: { authorization: `Bearer ${accessToken}` } });
};

export const signOut = async (): Promise<void> => {
  await authRequest('/auth/sign-out', { method: 'POST' });
};
