import { readFileSync } from 'node:fs';
import { demoDirectoryFile, loadAgencyDirectory, ValidationError, type AgencyDirectory, type LoadedDirectory } from '@xianjie/contracts';
import { createAccessRules, createTokenVerifier, type AccessRules, type TokenVerifier } from '@xianjie/auth';
import { ConfigError, EMBEDDED_DEV_SECRET, type Config } from './config.ts';

export interface Identity {
  directory: AgencyDirectory;
  /** 行政区划代码 → name, from the directory file (reports by region). */
  regionNames: ReadonlyMap<string, string>;
  rules: AccessRules;
  verifier: TokenVerifier;
  /** The HS256 secret in use, when tokens are development tokens. */
  devSecret: string | null;
}

/**
 * The agency directory as data: XIANJIE_DIRECTORY_FILE (a province's own file), else the demo
 * directory. A bad file stops the process naming the variable and the field, like any bad variable.
 */
export const loadDirectory = (config: Pick<Config, 'XIANJIE_DIRECTORY_FILE'>): LoadedDirectory => {
  const file = config.XIANJIE_DIRECTORY_FILE;
  if (!file) return demoDirectoryFile;
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new ConfigError([`XIANJIE_DIRECTORY_FILE: cannot read ${file} as JSON (${(error as Error).message})`]);
  }
  try {
    return loadAgencyDirectory(parsed);
  } catch (error) {
    const detail =
      error instanceof ValidationError ? error.issues.map((i) => `${i.path || '(file)'}: ${i.message}`).join('; ') : (error as Error).message;
    throw new ConfigError([`XIANJIE_DIRECTORY_FILE: ${file} is not a valid directory file (${detail})`]);
  }
};

/**
 * The directory, the access rules and the token verifier, the same in every process. A token may
 * name any agency of the directory, and no other (DESIGN §6).
 */
export const createIdentity = (config: Config): Identity => {
  const { directory, regionNames } = loadDirectory(config);
  const knownAgency = (id: string) => directory.get(id) !== undefined;
  const rules = createAccessRules((id) => directory.get(id));
  if (config.AUTH_JWKS_URL) {
    // Config made AUTH_ISSUER and AUTH_AUDIENCE required with AUTH_JWKS_URL; the verifier refuses to run without them.
    const verifier = createTokenVerifier({
      mode: 'jwks',
      jwksUrl: config.AUTH_JWKS_URL,
      issuer: config.AUTH_ISSUER ?? '',
      audience: config.AUTH_AUDIENCE ?? '',
      knownAgency,
    });
    return { directory, regionNames, rules, verifier, devSecret: null };
  }
  // Embedded mode falls back to a built-in development secret; distributed mode was refused one by config.
  const devSecret = config.AUTH_DEV_SECRET ?? EMBEDDED_DEV_SECRET;
  return { directory, regionNames, rules, verifier: createTokenVerifier({ mode: 'dev', secret: devSecret, knownAgency }), devSecret };
};
