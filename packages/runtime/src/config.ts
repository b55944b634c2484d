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
    XIANJIE_ALLOW_DEV_SECRET: z.enum(['0', '1']).default('0'),
    XIANJIE_SEED: z.enum(['demo', 'none']).optional(),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    /** A JSON calendar file (or array) of 国务院 holiday notices, over the built-in years. */
    XIANJIE_CALENDAR_FILE: z.string().min(1).optional(),
    /** The directory of agencies (a JSON file: name, regions, agencies); default the demo directory. */
    XIANJIE_DIRECTORY_FILE: z.string().min(1).optional(),
    /** Prefix of every SQL schema, and of Kafka topics and consumer groups (isolates test runs sharing one database and broker). */
    /** The commission's checkpoint signing key (Ed25519, PKCS#8 PEM); default a key kept in XIANJIE_DATA_DIR (decision 0011). */
    XIANJIE_CHECKPOINT_KEY: z.string().min(1).optional(),
    /** Seconds between the commission's signed checkpoints of every stream's head. */
    XIANJIE_CHECKPOINT_INTERVAL: z.coerce.number().int().min(10).default(600),
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
    if (c.XIANJIE_MODE === 'distributed' && c.AUTH_DEV_SECRET && c.XIANJIE_ALLOW_DEV_SECRET !== '1')
      ctx.addIssue({
        code: 'custom',
        path: ['AUTH_DEV_SECRET'],
        message: 'is refused in distributed mode (use AUTH_JWKS_URL); set XIANJIE_ALLOW_DEV_SECRET=1 for local test runs only',
      });
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

/** Where a service listens (its own process) and where the gateway finds it, from the config. */
export const serviceAddress = (config: Config, name: ServiceName): { port: number; url: string } => {
  const entry = serviceEntry(name);
  const values = config as unknown as Record<string, unknown>;
  return { port: values[entry.portVariable] as number, url: values[entry.urlVariable] as string };
};
