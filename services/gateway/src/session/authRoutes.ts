import express, { type Request, type Response, type Router } from 'express';
import { demoStaff, demoOperationUsers, demoUsers, findDemoUser, mintDevToken, type TokenVerifier } from '@xianjie/auth';
import { isXianjieError, type AgencyDirectory } from '@xianjie/contracts';
import { clearedSessionCookie, csrfHeaderName, secondsUntilExpiry, sessionCookie } from './sessionCookie.ts';

/** How the console signs people in: the demo user list (development only) or an OpenID Connect issuer. */
export interface SignInOptions {
  /** The development secret demo sign-ins are minted with; null wherever the secret is refused (DESIGN §6). */
  demoSecret: string | null;
  /** The OpenID Connect issuer the console sends people to (authorization code + PKCE); null without AUTH_JWKS_URL. */
  oidc: { authority: string; clientId: string; scope: string } | null;
}

const refuse = (res: Response, status: number, code: string, message: string) =>
  void res.status(status).json({ errors: [{ message, extensions: { code } }] });

/** A state-changing request from another site cannot set this header (nor, across origins, pass CORS with it). */
const fromConsole = (req: Request, res: Response): boolean => {
  if (req.get(csrfHeaderName) === '1') return true;
  refuse(res, 403, 'FORBIDDEN', `缺少请求头 ${csrfHeaderName}：请从工作台登录`);
  return false;
};

/** The demo session lasts a working day; the token inside it says the same. */
const demoSessionHours = 12;

/**
 * /auth/*: what the console needs to sign in and out. Demo sign-in exists only where the development
 * secret is accepted (embedded mode on a loopback address, never with NODE_ENV=production), the
 * same rule as `pnpm dev-token`; OIDC sessions hold the issuer's access token once it verifies.
 */
export const authRoutes = ({ signIn, directory, verifier }: { signIn: SignInOptions; directory: AgencyDirectory; verifier: TokenVerifier }): Router => {
  const router = express.Router();
  const json = express.json({ limit: 4096 });

  router.get('/auth/config', (_req, res) => {
    res.json(signIn.oidc ? { signIn: 'oidc', oidc: signIn.oidc } : { signIn: signIn.demoSecret ? 'demo' : 'none' });
  });

  router.get('/auth/demo-users', (_req, res) => {
    if (!signIn.demoSecret) return refuse(res, 404, 'NOT_FOUND', '演示登录未开启');
    res.json({
      users: [...demoUsers, ...demoStaff, ...demoOperationUsers].map((user) => {
        const agency = directory.get(user.agencyId);
        return {
          userId: user.userId,
          name: user.name,
          title: user.title,
          roles: user.roles,
          capacity: user.capacity ?? null,
          agency: { id: user.agencyId, name: agency?.name ?? user.agencyId, kind: agency?.kind ?? null },
        };
      }),
    });
  });

  router.post('/auth/demo-sign-in', json, async (req, res) => {
    if (!fromConsole(req, res)) return;
    if (!signIn.demoSecret) return refuse(res, 404, 'NOT_FOUND', '演示登录未开启');
    const userId: unknown = (req.body as { userId?: unknown } | undefined)?.userId;
    if (typeof userId !== 'string') return refuse(res, 400, 'BAD_USER_INPUT', 'userId：必须是演示用户的编号');
    const user = findDemoUser(userId);
    if (!user) return refuse(res, 400, 'BAD_USER_INPUT', `userId：没有演示用户 ${userId.slice(0, 80)}`);
    const token = await mintDevToken({
      secret: signIn.demoSecret,
      userId: user.userId,
      name: user.name,
      agencyId: user.agencyId,
      roles: user.roles,
      capacity: user.capacity,
      expiresIn: `${demoSessionHours}h`,
    });
    res.setHeader('Set-Cookie', sessionCookie(token, demoSessionHours * 3600, req.secure));
    res.status(204).end();
  });

  // OIDC: the console got an access token from the issuer; it becomes the session once it verifies here.
  router.post('/auth/session', async (req, res) => {
    if (!fromConsole(req, res)) return;
    const header = req.get('authorization');
    if (!header) return refuse(res, 401, 'UNAUTHENTICATED', '缺少访问令牌');
    try {
      await verifier.verify(header);
    } catch (error) {
      if (isXianjieError(error)) return refuse(res, 401, error.code, '访问令牌无效或已过期，请重新登录');
      throw error;
    }
    const token = header.replace(/^Bearer\s+/i, '');
    res.setHeader('Set-Cookie', sessionCookie(token, secondsUntilExpiry(token), req.secure));
    res.status(204).end();
  });

  router.post('/auth/sign-out', (req, res) => {
    if (!fromConsole(req, res)) return;
    res.setHeader('Set-Cookie', clearedSessionCookie(req.secure));
    res.status(204).end();
  });
  return router;
};

/**
 * Sign-in from the config: OIDC when AUTH_JWKS_URL and AUTH_OIDC_CLIENT_ID are set (the issuer is
 * AUTH_ISSUER); demo sign-in wherever the development secret is in use and NODE_ENV is not
 * production (the config already refuses the public built-in secret off a loopback address).
 */
export const signInOptionsFrom = (
  config: { AUTH_JWKS_URL?: string | undefined; AUTH_ISSUER?: string | undefined; AUTH_OIDC_CLIENT_ID?: string | undefined; AUTH_OIDC_SCOPE: string; NODE_ENV?: string | undefined },
  devSecret: string | null,
): SignInOptions => ({
  demoSecret: devSecret && config.NODE_ENV !== 'production' ? devSecret : null,
  oidc:
    config.AUTH_JWKS_URL && config.AUTH_ISSUER && config.AUTH_OIDC_CLIENT_ID
      ? { authority: config.AUTH_ISSUER, clientId: config.AUTH_OIDC_CLIENT_ID, scope: config.AUTH_OIDC_SCOPE }
      : null,
});
