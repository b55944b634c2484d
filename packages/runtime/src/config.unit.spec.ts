import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, platformKeyProblems } from './config.ts';

describe('configuration from the environment', () => {
  it('defaults to embedded mode on PGlite with the memory bus', () => {
    expect(loadConfig({})).toMatchObject({
      XIANJIE_MODE: 'embedded',
      XIANJIE_STORE: 'pglite',
      XIANJIE_BUS: 'memory',
      XIANJIE_DATA_DIR: './data',
      PORT: 4000,
      XIANJIE_HASH: 'sm3',
    });
  });

  const problemsOf = (env: Record<string, string>) => {
    try {
      loadConfig(env);
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      return (error as ConfigError).problems;
    }
    throw new Error('expected a ConfigError');
  };

  it.each([
    [{ XIANJIE_STORE: 'mysql' }, /^XIANJIE_STORE: .*"mysql"/],
    [{ PORT: 'eighty' }, /^PORT: /],
    [{ XIANJIE_STORE: 'postgres' }, /^DATABASE_URL: is required when XIANJIE_STORE=postgres/],
    [{ XIANJIE_STORE: 'eventstoredb' }, /^EVENTSTORE_CONNECTION_STRING: is required/],
    [{ XIANJIE_BUS: 'kafka' }, /^KAFKA_BROKERS: is required/],
    [{ KAFKA_BROKERS: 'localhost' }, /^KAFKA_BROKERS: must be host:port/],
  ])('names the bad variable: %o', (env, pattern) => {
    expect(problemsOf(env as Record<string, string>)).toEqual(expect.arrayContaining([expect.stringMatching(pattern)]));
  });

  it('refuses a development secret in distributed mode unless explicitly allowed, without echoing it', () => {
    const secret = 'a-development-secret-of-32-characters!!';
    const distributed = {
      XIANJIE_MODE: 'distributed',
      XIANJIE_STORE: 'postgres',
      DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/test',
      XIANJIE_BUS: 'kafka',
      KAFKA_BROKERS: '127.0.0.1:9092',
    };
    const problems = problemsOf({ ...distributed, AUTH_DEV_SECRET: secret });
    expect(problems.join('\n')).toMatch(/AUTH_DEV_SECRET: is refused in distributed mode/);
    expect(problems.join('\n')).not.toContain(secret);
    expect(loadConfig({ ...distributed, AUTH_DEV_SECRET: secret, XIANJIE_ALLOW_DEV_SECRET: '1' }).AUTH_DEV_SECRET).toBe(secret);
  });

  it('refuses the embedded-only choices in distributed mode', () => {
    const problems = problemsOf({ XIANJIE_MODE: 'distributed' }).join('\n');
    expect(problems).toMatch(/XIANJIE_STORE: must be postgres or eventstoredb in distributed mode/);
    expect(problems).toMatch(/DATABASE_URL: is required in distributed mode/);
    expect(problems).toMatch(/XIANJIE_BUS: must be kafka in distributed mode/);
    expect(problems).toMatch(/AUTH_JWKS_URL: is required in distributed mode/);
  });

  it('reads the HTTP edge settings (decision 0009): an origin allow-list, trust proxy, limits with defaults', () => {
    const config = loadConfig({ CORS_ORIGINS: 'https://portal.gov.example, http://localhost:5173', XIANJIE_TRUST_PROXY: '1' });
    expect(config.CORS_ORIGINS).toEqual(['https://portal.gov.example', 'http://localhost:5173']);
    expect(config.XIANJIE_TRUST_PROXY).toBe(1);
    expect(loadConfig({ XIANJIE_TRUST_PROXY: 'loopback' }).XIANJIE_TRUST_PROXY).toBe('loopback');
    expect(loadConfig({})).toMatchObject({ CORS_ORIGINS: [], XIANJIE_TRUST_PROXY: false, HTTP_BODY_LIMIT_BYTES: 1048576, GRAPHQL_MAX_COST: 20000 });
    // A wildcard or a URL with a path is not an origin: no "allow everything" by accident.
    expect(problemsOf({ CORS_ORIGINS: '*' })).toEqual(expect.arrayContaining([expect.stringMatching(/^CORS_ORIGINS: .*scheme:\/\/host/)]));
    expect(problemsOf({ CORS_ORIGINS: 'https://portal.gov.example/app' })).toEqual([expect.stringMatching(/^CORS_ORIGINS: .*scheme:\/\/host/)]);
  });

  it('names each platform key a service alone needs, and never echoes a key (ADR 0008)', () => {
    const problems = platformKeyProblems(loadConfig({})).join('\n');
    expect(problems).toMatch(/XIANJIE_SUBJECT_REF_KEY: is required in distributed mode/);
    expect(problems).toMatch(/XIANJIE_SERVICE_KEY: is required in distributed mode/);
    const keys = { XIANJIE_SUBJECT_REF_KEY: 'a-subject-reference-key-of-32-characters', XIANJIE_SERVICE_KEY: 'a-service-key-of-at-least-32-characters!' };
    expect(platformKeyProblems(loadConfig(keys))).toEqual([]);
    const short = 'too-short-a-key';
    const shortProblems = problemsOf({ XIANJIE_SUBJECT_REF_KEY: short }).join('\n');
    expect(shortProblems).toMatch(/XIANJIE_SUBJECT_REF_KEY: must be at least 32 characters/);
    expect(shortProblems).not.toContain(short);
  });
});
