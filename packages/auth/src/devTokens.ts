import { SignJWT } from 'jose';
import { devSecretKey, devTokenAlgorithm, devTokenAudience, devTokenIssuer } from './devSecret.ts';
import type { AgencyCapacity } from '@xianjie/contracts';
import { principalFromClaims, type Role } from './principal.ts';

export interface MintDevTokenOptions {
  /** The development secret, at least 32 bytes (same as the verifier's). */
  secret: string;
  userId: string;
  name: string;
  agencyId: string;
  roles: Role[];
  /** HEAD or ACTING_HEAD of the agency (the `capacity` claim); omitted for everyone else. */
  capacity?: AgencyCapacity | undefined;
  /** A jose time span from now: `'12h'`, `'30m'`, `'7d'`; a past span (`'-1h'`) mints an expired token for tests. */
  expiresIn?: string;
}

/**
 * Mints an HS256 development token (issuer `xianjie-dev`, audience `xianjie`) for embedded mode and
 * tests; `pnpm token` uses it for the seeded users. The claims are checked first, so a token this
 * returns always passes the claims check of the verifier.
 */
export const mintDevToken = async ({
  secret,
  userId,
  name,
  agencyId,
  roles,
  capacity,
  expiresIn = '12h',
}: MintDevTokenOptions): Promise<string> => {
  const key = devSecretKey(secret);
  const claims = { sub: userId, name, agency: agencyId, roles, ...(capacity ? { capacity } : {}) };
  try {
    principalFromClaims(claims);
  } catch (error) {
    throw new Error(`cannot mint a development token: ${(error as Error).message}`, { cause: error });
  }
  return new SignJWT({ name, agency: agencyId, roles, ...(capacity ? { capacity } : {}) })
    .setProtectedHeader({ alg: devTokenAlgorithm, typ: 'JWT' })
    .setSubject(userId)
    .setIssuer(devTokenIssuer)
    .setAudience(devTokenAudience)
    .setIssuedAt()
    .setExpirationTime(expiresIn)
    .sign(key);
};
