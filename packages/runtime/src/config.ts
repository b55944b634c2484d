import { z } from 'zod';
import { serviceEntry, serviceRegistry, type ServiceName } from './serviceRegistry.ts';

const port = z.coerce.number().int().min(1).max(65535);

const serviceAddressShape: Record<string, z.ZodType> = Object.fromEntries(
  serviceRegistry.flatMap((s) => [
    [s.portVariable, port.default(s.defaultPort)],
    [s.urlVariable, z.url().default(`http://127.0.0.1:${s.defaultPort}`)],
  ]),
);

/**
 * Start-up configuration from the environment (DESIGN §5), validated once; a bad value stops the
 * process with a message naming the variable.
 */
const BaseConfigSchema = z.object({
    XIANJIE_MODE: z.enum(['embedded', 'distributed']).default('embedded'),
    XIANJIE_STORE: z.enum(['pglite', 'postgres', 'eventstoredb']).default('pglite'),
    XIANJIE_BUS: z.enum(['memory', 'kafka']).default('memory'),
    XIANJIE_HASH: z.enum(['sm3', 'sha256']).default('sm3'),
    DATABASE_URL: z.string().url().optional(),
    EVENTSTORE_CONNECTION_STRING: z.string().startsWith('esdb', 'must be an esdb:// or esdb+discover:// URL').optional(),
    KAFKA_BROKERS: z.string().regex(/^[^,\s]+:\d+(,[^,\s]+:\d+)*$/, 'must be host:port[,host:port...]').optional(),
    XIANJIE_DATA_DIR: z.string().min(1).default('./data'),
    PORT: z.coerce.number().int().min(1).max(65535).default(4000),
    HOST: z.string().default('127.0.0.1'),
    AUTH_DEV_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
    AUTH_JWKS_URL: z.string().url().optional(),
    /** With AUTH_JWKS_URL: the `iss` and `aud` a token must carry (a token minted for another application is refused). */
    AUTH_ISSUER: z.string().min(1).optional(),
    AUTH_AUDIENCE: z.string().min(1).optional(),
    /** With AUTH_JWKS_URL: the console's OAuth client at the issuer (authorization code + PKCE) and the scopes it asks for. */
    AUTH_OIDC_CLIENT_ID: z.string().min(1).optional(),
    AUTH_OIDC_SCOPE: z.string().min(1).default('openid profile'),
    /** `production` refuses the built-in development secret even on a loopback address. */
    NODE_ENV: z.string().optional(),
    /** Browser origins allowed to call the API with credentials (comma-separated); default none: same-origin only. */
    CORS_ORIGINS: z
      .string()
      .default('')
      .transform((v) => v.split(',').map((o) => o.trim()).filter(Boolean))
      .pipe(z.array(z.url().refine((o) => URL.canParse(o) && new URL(o).origin === o, 'each origin is scheme://host[:port], nothing more'))),
    /** express `trust proxy`: `true`, a hop count, or addresses/subnets; default false (HSTS and per-address limits use the socket). */
    XIANJIE_TRUST_PROXY: z
      .string()
      .default('false')
      .transform((v): boolean | number | string => (v === 'true' ? true : v === 'false' || v === '' ? false : /^\d+$/.test(v) ? Number(v) : v)),
    /** Largest request body (bytes) of /graphql and every service's JSON routes; more is 413. */
    HTTP_BODY_LIMIT_BYTES: z.coerce.number().int().min(1024).default(1024 * 1024),
    /** Requests per minute per client address (token bucket: bursts up to this many). */
    RATE_LIMIT_PER_ADDRESS: z.coerce.number().int().min(1).default(3000),
    /** Requests per minute per authenticated user (token subject). */
    RATE_LIMIT_PER_USER: z.coerce.number().int().min(1).default(1200),
    /** Requests with a bad token per minute per client address (guessing tokens is slow). */
    RATE_LIMIT_BAD_TOKENS_PER_ADDRESS: z.coerce.number().int().min(1).default(60),
    /** GraphQL documents refused before execution above these (QUERY_TOO_COMPLEX). */
    GRAPHQL_MAX_DEPTH: z.coerce.number().int().min(1).default(12),
    GRAPHQL_MAX_ALIASES: z.coerce.number().int().min(0).default(30),
    GRAPHQL_MAX_DIRECTIVES: z.coerce.number().int().min(0).default(50),
    GRAPHQL_MAX_TOKENS: z.coerce.number().int().min(100).default(5000),
    /** Fields × the page sizes (`first`/`last`) of the lists around them. */
    GRAPHQL_MAX_COST: z.coerce.number().int().min(1).default(20000),
    XIANJIE_ALLOW_DEV_SECRET: z.enum(['0', '1']).default('0'),
    XIANJIE_SEED: z.enum(['demo', 'none']).optional(),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    /** A JSON calendar file (or array) of 国务院 holiday notices, over the built-in years. */
    XIANJIE_CALENDAR_FILE: z.string().min(1).optional(),
    /** A JSON file of the province's local rules (地方规则) for the windows no statute fixes (decision 0014). */
    XIANJIE_LOCAL_RULES_FILE: z.string().min(1).optional(),
    /** The directory of agencies (a JSON file: name, regions, agencies); default the demo directory. */
    XIANJIE_DIRECTORY_FILE: z.string().min(1).optional(),
    /**
     * The platform's key of `subjectRef` (HMAC-SHA256 of a subject's identity, ADR 0008), at least 32
     * characters, the same in every service of a deployment. Embedded mode without it: one generated
     * and kept in the data dir (`subject-ref.key`, mode 0600). Never in a response, log or event.
     */
    XIANJIE_SUBJECT_REF_KEY: z.string().min(32, 'must be at least 32 characters').optional(),
    /** The platform's service key: services sign their internal calls with it (查询留痕 records, ADR 0008). Distributed mode. */
    XIANJIE_SERVICE_KEY: z.string().min(32, 'must be at least 32 characters').optional(),
    /** Prefix of every SQL schema, and of Kafka topics and consumer groups (isolates test runs sharing one database and broker). */
    /** The commission's checkpoint signing key (Ed25519, PKCS#8 PEM); default a key kept in XIANJIE_DATA_DIR (decision 0011). */
    XIANJIE_CHECKPOINT_KEY: z.string().min(1).optional(),
    /** Seconds between the commission's signed checkpoints of every stream's head. */
    XIANJIE_CHECKPOINT_INTERVAL: z.coerce.number().int().min(10).default(600),
    /** The SMTP server reminders are e-mailed through (smtp:// or smtps://, credentials in the URL); unset: no e-mail (decision 0018). */
    SMTP_URL: z.url({ protocol: /^smtps?$/, error: 'must be an smtp:// or smtps:// URL' }).optional(),
    /** The sender of reminder e-mails. */
    SMTP_FROM: z.string().min(3).default('衔接平台 <noreply@xianjie.invalid>'),
    XIANJIE_SCHEMA_PREFIX: z.string().regex(/^[a-z0-9_]*$/, 'lower-case letters, digits and _ only').default(''),
  });

/** The configuration; each service's port and URL are read with `serviceAddress`. */
export type Config = z.infer<typeof BaseConfigSchema>;

const refineConfig = (c: Config, ctx: z.RefinementCtx) => {
    if (c.XIANJIE_STORE === 'postgres' && !c.DATABASE_URL)
      ctx.addIssue({ code: 'custom', path: ['DATABASE_URL'], message: 'is required when XIANJIE_STORE=postgres' });
    if (c.XIANJIE_STORE === 'eventstoredb' && !c.EVENTSTORE_CONNECTION_STRING)
      ctx.addIssue({ code: 'custom', path: ['EVENTSTORE_CONNECTION_STRING'], message: 'is required when XIANJIE_STORE=eventstoredb' });
    if (c.XIANJIE_BUS === 'kafka' && !c.KAFKA_BROKERS)
      ctx.addIssue({ code: 'custom', path: ['KAFKA_BROKERS'], message: 'is required when XIANJIE_BUS=kafka' });
    if (c.XIANJIE_MODE === 'distributed' && c.XIANJIE_STORE === 'pglite')
      ctx.addIssue({ code: 'custom', path: ['XIANJIE_STORE'], message: 'must be postgres or eventstoredb in distributed mode (PGlite is one process)' });
    if (c.XIANJIE_MODE === 'distributed' && !c.DATABASE_URL)
      ctx.addIssue({ code: 'custom', path: ['DATABASE_URL'], message: 'is required in distributed mode (each service keeps its read models there)' });
    if (c.XIANJIE_MODE === 'distributed' && c.XIANJIE_BUS !== 'kafka')
      ctx.addIssue({ code: 'custom', path: ['XIANJIE_BUS'], message: 'must be kafka in distributed mode' });
    if (c.XIANJIE_MODE === 'distributed' && !c.AUTH_DEV_SECRET && !c.AUTH_JWKS_URL)
      ctx.addIssue({ code: 'custom', path: ['AUTH_JWKS_URL'], message: 'is required in distributed mode (or AUTH_DEV_SECRET with XIANJIE_ALLOW_DEV_SECRET=1 for local runs)' });
    if (c.AUTH_JWKS_URL && !c.AUTH_ISSUER)
      ctx.addIssue({ code: 'custom', path: ['AUTH_ISSUER'], message: 'is required with AUTH_JWKS_URL (the `iss` of your identity provider\'s tokens)' });
    if (c.AUTH_JWKS_URL && !c.AUTH_AUDIENCE)
      ctx.addIssue({ code: 'custom', path: ['AUTH_AUDIENCE'], message: 'is required with AUTH_JWKS_URL (the `aud` your identity provider issues for Xianjie)' });
    const builtInSecret = c.XIANJIE_MODE === 'embedded' && !c.AUTH_DEV_SECRET && !c.AUTH_JWKS_URL;
    if (builtInSecret && c.NODE_ENV === 'production')
      ctx.addIssue({
        code: 'custom',
        path: ['AUTH_JWKS_URL'],
        message:
          '内置开发密钥是公开的 the built-in development secret is public and refused with NODE_ENV=production: set AUTH_JWKS_URL (with AUTH_ISSUER and AUTH_AUDIENCE), or AUTH_DEV_SECRET to a secret of your own (openssl rand -hex 32)',
      });
    else if (builtInSecret && !isLoopback(c.HOST))
      ctx.addIssue({
        code: 'custom',
        path: ['HOST'],
        message:
          `内置开发密钥是公开的 the built-in development secret is public and refused on a non-loopback address: set AUTH_JWKS_URL (with AUTH_ISSUER and AUTH_AUDIENCE), or AUTH_DEV_SECRET to a secret of your own (openssl rand -hex 32), or HOST=127.0.0.1`,
      });
    if (c.XIANJIE_MODE === 'distributed' && c.AUTH_DEV_SECRET && c.XIANJIE_ALLOW_DEV_SECRET !== '1')
      ctx.addIssue({
        code: 'custom',
        path: ['AUTH_DEV_SECRET'],
        message: 'is refused in distributed mode (use AUTH_JWKS_URL); set XIANJIE_ALLOW_DEV_SECRET=1 for local test runs only',
      });
};

/** Whether a listen address only takes connections from this machine. */
export const isLoopback = (host: string): boolean => {
  const h = host.trim().toLowerCase().replace(/^\[|\]$/g, '');
  return h === 'localhost' || h === '::1' || /^127(\.\d{1,3}){3}$/.test(h) || h === '::ffff:127.0.0.1';
};

/**
 * Start-up configuration from the environment (DESIGN §5), validated once; a bad value stops the
 * process with a message naming the variable. Distributed mode: where each service of the registry
 * listens and where the gateway finds it (`<SERVICE>_PORT`, `<SERVICE>_URL`).
 */
export const ConfigSchema = BaseConfigSchema.extend(serviceAddressShape).superRefine((c, ctx) => refineConfig(c as unknown as Config, ctx));

/** The development secret used when none is configured in embedded mode (never in distributed mode). */
export const EMBEDDED_DEV_SECRET = 'xianjie-embedded-development-secret-do-not-use-in-production';

export class ConfigError extends Error {
  readonly problems: string[];
  constructor(problems: string[]) {
    super(`invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.problems = problems;
    this.name = 'ConfigError';
  }
}

export const loadConfig = (env: Record<string, string | undefined> = process.env): Config => {
  const result = ConfigSchema.safeParse(env);
  if (!result.success) {
    throw new ConfigError(
      result.error.issues.map((i) => {
        const name = String(i.path[0] ?? '(env)');
        // Never echo a secret back into logs.
        const shown = /SECRET|PASSWORD|KEY/.test(name) ? '' : ` (got ${JSON.stringify(env[name] ?? null)})`;
        return `${name}: ${i.message}${shown}`;
      }),
    );
  }
  return result.data as unknown as Config;
};

/**
 * The platform keys a service needs alone (distributed mode; decision 0008), as config problems
 * naming each missing variable. Not the gateway's: it holds no key (it records and hashes nothing).
 */
export const platformKeyProblems = (config: Config): string[] => [
  ...(config.XIANJIE_SUBJECT_REF_KEY
    ? []
    : ['XIANJIE_SUBJECT_REF_KEY: is required in distributed mode (the same secret in every service: subjectRef is an HMAC under it; e.g. openssl rand -hex 32)']),
  ...(config.XIANJIE_SERVICE_KEY
    ? []
    : ['XIANJIE_SERVICE_KEY: is required in distributed mode (the same secret in every service: they sign their internal calls with it; e.g. openssl rand -hex 32)']),
];

/** Where a service listens (its own process) and where the gateway finds it, from the config. */
export const serviceAddress = (config: Config, name: ServiceName): { port: number; url: string } => {
  const entry = serviceEntry(name);
  const values = config as unknown as Record<string, unknown>;
  return { port: values[entry.portVariable] as number, url: values[entry.urlVariable] as string };
};
