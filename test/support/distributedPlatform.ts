import { randomBytes } from 'node:crypto';
import { gatewayEntry, serviceRegistry, type ServiceName } from '@xianjie/runtime';
import { createRequire } from 'node:module';
import { createServer, type AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { findDemoUser, mintDevToken } from '@xianjie/auth';
import { dropSchema, uniqueSchema } from '@xianjie/testing';
import { startProcess, stopProcess, waitForHealth, type ServiceProcess } from './processes.ts';
import type { GraphQLResult } from './embeddedGateway.ts';

/** The processes of distributed mode, as `pnpm start:distributed` runs them (every service of the registry from its own main.ts, and the gateway). */
export const platformProcesses: readonly { name: PlatformProcessName; file: string; env: string | null }[] = [
  ...serviceRegistry.map((s) => ({ name: s.name, file: s.entry, env: s.portVariable.replace(/_PORT$/, '') })),
  { name: gatewayEntry.name, file: gatewayEntry.entry, env: null },
];

export type PlatformProcessName = ServiceName | typeof gatewayEntry.name;
export type AgencyServiceProcessName = Exclude<PlatformProcessName, 'gateway'>;

export interface DistributedPlatformOptions {
  databaseUrl: string;
  /** `host:port[,host:port]` */
  brokers: string;
  /** Names the run's schemas (`<tag>_<time>_<random>_...`). */
  tag: string;
  /** Extra environment for every process. */
  env?: Record<string, string>;
}

export interface DistributedPlatform {
  /**
   * `XIANJIE_SCHEMA_PREFIX` of every process: the store is `<prefix>xianjie`, a service `<prefix><name with _>`;
   * Kafka topics and consumer groups carry it too (a probe bus needs `namespace: prefix`).
   */
  prefix: string;
  secret: string;
  /** Base URL of each process (`http://127.0.0.1:<port>`). */
  urls: Readonly<Record<PlatformProcessName, string>>;
  /** The SQL schema of a service's read models, or `xianjie` for the store. */
  schemaOf(name: AgencyServiceProcessName | 'xianjie'): string;
  /** (Re)starts one process with the run's environment and waits for its /healthz. */
  start(name: PlatformProcessName): Promise<void>;
  /** Stops one process (SIGTERM: graceful; SIGKILL: a crash). */
  stop(name: PlatformProcessName, signal?: NodeJS.Signals): Promise<void>;
  /** A development token of a demo user (packages/auth demoUsers). */
  tokenFor(userId: string): Promise<string>;
  /** POST /graphql on the gateway process. */
  gql<T = Record<string, unknown>>(
    query: string,
    variables: Record<string, unknown>,
    token: string,
  ): Promise<GraphQLResult<T>>;
  /** The last output lines of a process (for failure messages). */
  logsOf(name: PlatformProcessName): string;
  /** Stops every process and drops the run's schemas, topics and consumer groups. */
  close(): Promise<void>;
}

/** Free TCP ports on 127.0.0.1, all held until each is known so none is handed out twice. */
const freePorts = async (count: number): Promise<number[]> => {
  const servers = Array.from({ length: count }, () => createServer());
  const ports = await Promise.all(
    servers.map(
      (server) =>
        new Promise<number>((resolve, reject) => {
          server.once('error', reject);
          server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port));
        }),
    ),
  );
  await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
  return ports;
};

interface KafkaAdmin {
  connect(): Promise<void>;
  disconnect(): Promise<void>;
  listTopics(): Promise<string[]>;
  deleteTopics(options: { topics: string[] }): Promise<void>;
  listGroups(): Promise<{ groups: { groupId: string }[] }>;
  deleteGroups(groupIds: string[]): Promise<unknown>;
}

/**
 * Deletes the run's topics and consumer groups (the processes prefix both with XIANJIE_SCHEMA_PREFIX),
 * so test runs do not pile up on a long-lived broker. kafkajs is the client @xianjie/messaging uses.
 */
const dropKafkaNamespace = async (brokers: string, prefix: string): Promise<void> => {
  const require = createRequire(
    path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../packages/messaging/package.json'),
  );
  const { Kafka, logLevel } = require('kafkajs') as {
    Kafka: new (config: Record<string, unknown>) => { admin(): KafkaAdmin };
    logLevel: { NOTHING: number };
  };
  const admin = new Kafka({
    clientId: 'xianjie-e2e-cleanup',
    brokers: brokers.split(','),
    logLevel: logLevel.NOTHING,
  }).admin();
  await admin.connect();
  try {
    const topics = (await admin.listTopics()).filter((t) => t.startsWith(prefix));
    if (topics.length > 0) await admin.deleteTopics({ topics });
    const groups = (await admin.listGroups()).groups
      .map((g) => g.groupId)
      .filter((g) => g.startsWith(prefix));
    if (groups.length > 0) await admin.deleteGroups(groups).catch(() => undefined); // a group still closing stays; it expires
  } finally {
    await admin.disconnect();
  }
};

/**
 * Distributed mode as it runs in production: the five agency services and the gateway, each its
 * own process, on PostgreSQL (one store schema and one schema per service, all under a fresh
 * prefix) and Kafka. Processes start in parallel: start-up dominates on a small machine.
 */
export const startDistributedPlatform = async (
  options: DistributedPlatformOptions,
): Promise<DistributedPlatform> => {
  const prefix = `${uniqueSchema(options.tag)}_`;
  const secret = 'distributed-e2e-secret-0123456789abcdef';
  const ports = await freePorts(platformProcesses.length);
  const urls = Object.fromEntries(
    platformProcesses.map((p, i) => [p.name, `http://127.0.0.1:${ports[i]}`]),
  ) as Record<PlatformProcessName, string>;
  const env: Record<string, string> = {
    XIANJIE_STORE: 'postgres',
    XIANJIE_BUS: 'kafka',
    DATABASE_URL: options.databaseUrl,
    KAFKA_BROKERS: options.brokers,
    AUTH_DEV_SECRET: secret,
    XIANJIE_ALLOW_DEV_SECRET: '1',
    // The platform's keys, the same in every process of the deployment (ADR 0008).
    XIANJIE_SUBJECT_REF_KEY: randomBytes(32).toString('hex'),
    XIANJIE_SERVICE_KEY: randomBytes(32).toString('hex'),
    XIANJIE_SCHEMA_PREFIX: prefix,
    LOG_LEVEL: 'info',
    ...options.env,
  };
  platformProcesses.forEach((p, i) => {
    if (p.env === null) env.PORT = String(ports[i]);
    else {
      env[`${p.env}_PORT`] = String(ports[i]);
      env[`${p.env}_URL`] = urls[p.name];
    }
  });

  const procs = new Map<PlatformProcessName, ServiceProcess>();
  const start = async (name: PlatformProcessName) => {
    const spec = platformProcesses.find((p) => p.name === name)!;
    // The gateway holds no platform key (it records, hashes and matches nothing).
    const { XIANJIE_SUBJECT_REF_KEY: _ref, XIANJIE_SERVICE_KEY: _service, ...withoutKeys } = env;
    const proc = startProcess(name, spec.file, spec.env === null ? withoutKeys : env);
    procs.set(name, proc);
    // Six processes starting at once on two cores take a while.
    await waitForHealth(urls[name], proc, 120_000);
  };
  const stop = async (name: PlatformProcessName, signal: NodeJS.Signals = 'SIGTERM') => {
    const proc = procs.get(name);
    if (proc) await stopProcess(proc, signal);
  };
  const schemaOf = (name: AgencyServiceProcessName | 'xianjie') => `${prefix}${name.replaceAll('-', '_')}`;
  /** Every schema of the run (the store's, each service's, and any a service adds later). */
  const dropAll = async () => {
    const db = new pg.Client({ connectionString: options.databaseUrl });
    await db.connect();
    const { rows } = await db
      .query<{ name: string }>('SELECT nspname AS name FROM pg_namespace WHERE starts_with(nspname, $1)', [
        prefix,
      ])
      .finally(() => db.end());
    for (const { name } of rows) await dropSchema(options.databaseUrl, name);
  };
  const close = async () => {
    await Promise.all(platformProcesses.map((p) => stop(p.name)));
    await dropAll();
    await dropKafkaNamespace(options.brokers, prefix);
  };

  const started = await Promise.allSettled(platformProcesses.map((p) => start(p.name)));
  const failed = started.flatMap((r) => (r.status === 'rejected' ? [r.reason as Error] : []));
  if (failed.length > 0) {
    await close();
    throw new Error(`distributed platform did not start:\n${failed.map((e) => e.message).join('\n\n')}`);
  }

  return {
    prefix,
    secret,
    urls,
    schemaOf,
    start,
    stop,
    async tokenFor(userId) {
      const user = findDemoUser(userId);
      if (!user) throw new Error(`no demo user ${userId}`);
      return mintDevToken({ secret, ...user, roles: [...user.roles] });
    },
    async gql<T>(query: string, variables: Record<string, unknown>, token: string) {
      const res = await fetch(`${urls.gateway}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query, variables }),
      });
      return (await res.json()) as GraphQLResult<T>;
    },
    logsOf: (name) => procs.get(name)?.output.join('') ?? '',
    close,
  };
};
