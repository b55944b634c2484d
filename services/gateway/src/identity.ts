import { demoDirectory, type AgencyDirectory } from '@xianjie/contracts';
import { createAccessRules, createTokenVerifier, type AccessRules, type TokenVerifier } from '@xianjie/auth';
import { EMBEDDED_DEV_SECRET, type Config } from './config.ts';

export interface Identity {
  directory: AgencyDirectory;
  rules: AccessRules;
  verifier: TokenVerifier;
  /** The HS256 secret in use, when tokens are development tokens. */
  devSecret: string | null;
}

/**
 * The directory, the access rules and the token verifier, the same in every process. A token may
 * name any agency of the directory, and no other (DESIGN §6).
 */
export const createIdentity = (config: Config): Identity => {
  const directory = demoDirectory;
  const knownAgency = (id: string) => directory.get(id) !== undefined;
  const rules = createAccessRules((id) => directory.get(id));
  if (config.AUTH_JWKS_URL) {
    return { directory, rules, verifier: createTokenVerifier({ mode: 'jwks', jwksUrl: config.AUTH_JWKS_URL, knownAgency }), devSecret: null };
  }
  // Embedded mode falls back to a built-in development secret; distributed mode was refused one by config.
  const devSecret = config.AUTH_DEV_SECRET ?? EMBEDDED_DEV_SECRET;
  return { directory, rules, verifier: createTokenVerifier({ mode: 'dev', secret: devSecret, knownAgency }), devSecret };
};
