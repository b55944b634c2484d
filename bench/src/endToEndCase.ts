/**
 * Case 4 — end to end: one transfer step across services, from the sender's mutation to the
 * receiver's read model, p50/p99. The head of amr-650100 approves (sends) a CRIMINAL transfer to
 * police-650100 with the `approveTransfer` GraphQL mutation through the gateway; the step is over
 * when police's read model holds it in its inbox: the `incoming_transfers` row police's transfer
 * consumer writes when `xianjie.transfer.sent.v1` arrives, which is what `transfers(filter:
 * {direction: INCOMING})` lists until police sign for it. Polled with SQL every 2 ms.
 *
 * Not measured to police's `transfers` row after `receiveTransfer`: that is police's own command
 * on its own stream, projected in its own process — no service boundary, no bus; it would add a
 * local command's latency to the step, not measure the step.
 *
 * Embedded: one process, PGlite, memory bus. Kafka: the five agency services and the gateway as
 * six processes on PostgreSQL and Kafka, as in test/distributed, stopped after.
 */
import { randomBytes } from 'node:crypto';
import { gatewayEntry, serviceRegistry } from '@xianjie/runtime';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createConnection, createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { pino } from 'pino';
import { createEmbeddedApp, createEmbeddedPlatform } from '@xianjie/embedded';
import { loadConfig } from '@xianjie/runtime';
import type { BenchEnv } from './benchEnv.ts';
import { percentile, sleep } from './measure.ts';
import { CASE_TEAM, OFFICER, SUPERVISOR, listenLocal, postJson, principalOf, tokenFor } from './platformParts.ts';

// A benchmark measures throughput from one user on one address: the rate limits (decision 0009) would measure themselves.
const benchHttp = { rateLimits: { perAddress: 1_000_000_000, perUser: 1_000_000_000, badTokensPerAddress: 60 } };

const SAMPLES = 100;
const WARMUP = 5;
/** Sampling stops after this long per mode (fewer samples are reported as such). */
const SAMPLING_BUDGET_MS = 45_000;
/** One step not seen by then fails the mode. */
const STEP_TIMEOUT_MS = 10_000;
const SECRET = 'bench-e2e-secret-0123456789abcdef0123456789';

const registerCase = `mutation($input: RegisterCaseInput!) { registerCase(input: $input) { id } }`;
const proposeTransfer = `mutation($input: ProposeTransferInput!) { proposeTransfer(input: $input) { id status } }`;
const approveTransfer = `mutation($input: TransferStepInput!) { approveTransfer(input: $input) { id status } }`;

const caseInput = (i: number) => ({
  subject: { kind: 'ORGANIZATION', name: '乌鲁木齐天山康宁医院', creditCode: '12650100MB1234567P' },
  source: 'INSPECTION',
  summary: `未取得批准文号配制制剂 #${i}`,
  violations: ['UNAPPROVED_PREPARATION'],
  amountInvolvedFen: 2_000_000,
});

const proposalInput = (caseId: string) => ({
  caseId,
  kind: 'CRIMINAL',
  toAgencyId: 'police-650100',
  reason: '未取得批准文号配制制剂，货值逾 20 万元，涉嫌妨害药品管理罪',
  materials: [
    { kind: 'TRANSFER_LETTER', title: '涉嫌犯罪案件移送书' },
    { kind: 'INVESTIGATION_REPORT', title: '涉嫌犯罪案件情况的调查报告' },
    { kind: 'SEIZED_ITEMS_LIST', title: '涉案物品清单' },
    { kind: 'TEST_REPORT', title: '药品检验报告书' },
  ],
  caseTeam: CASE_TEAM,
});

export const endToEndCase = async (env: BenchEnv) => {
  await embedded(env);
  if (await reachable(env.kafkaBrokers)) await viaKafka(env);
  else {
    const reason = `Kafka at ${env.kafkaBrokers} does not answer (start it with \`pnpm kafka:up\`)`;
    console.error(`\n!!! SKIPPED e2e.transferStep.kafka: ${reason}\n`);
    env.results.skip('e2e.transferStep.kafka', reason);
  }
};

/** Times `approve` on prepared transfers until the probe sees each one in police's inbox. */
const measure = async (transferIds: string[], approve: (transferId: string) => Promise<void>, seen: (transferId: string) => Promise<boolean>) => {
  const samples: number[] = [];
  /** The mutation's own round trip, within each sample: where the time goes (printed, not a figure). */
  const answered: number[] = [];
  const budgetEnds = performance.now() + SAMPLING_BUDGET_MS;
  for (const [i, transferId] of transferIds.entries()) {
    if (i >= WARMUP && performance.now() > budgetEnds) break;
    const started = performance.now();
    await approve(transferId);
    if (i >= WARMUP) answered.push(performance.now() - started);
    const deadline = started + STEP_TIMEOUT_MS;
    while (!(await seen(transferId))) {
      if (performance.now() > deadline) throw new Error(`transfer ${transferId} did not reach police's inbox within ${STEP_TIMEOUT_MS / 1000} s`);
      await sleep(2);
    }
    if (i >= WARMUP) samples.push(performance.now() - started);
  }
  return { samples, answered };
};

const record = (env: BenchEnv, mode: string, { samples, answered }: { samples: number[]; answered: number[] }) => {
  env.results.add({ name: `e2e.transferStep.${mode}.p50`, unit: 'ms', value: percentile(samples, 50) });
  env.results.add({ name: `e2e.transferStep.${mode}.p99`, unit: 'ms', value: percentile(samples, 99) });
  const short = samples.length < SAMPLES ? ` (sampling budget of ${SAMPLING_BUDGET_MS / 1000} s reached)` : '';
  const ms = (values: number[], p: number) => `${percentile(values, p).toFixed(1)} ms`;
  env.progress(
    `e2e.${mode}: ${samples.length} samples${short}: step p50 ${ms(samples, 50)}, p99 ${ms(samples, 99)}, max ${ms(samples, 100)}; ` +
      `of which the approveTransfer answer p50 ${ms(answered, 50)}, p99 ${ms(answered, 99)}`,
  );
};

const embedded = async (env: BenchEnv) => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'xianjie-bench-'));
  const config = loadConfig({ XIANJIE_DATA_DIR: dataDir, XIANJIE_SEED: 'none', LOG_LEVEL: 'silent', AUTH_DEV_SECRET: SECRET });
  const platform = await createEmbeddedPlatform(config, { logger: pino({ level: 'silent' }) });
  const server = await listenLocal(createEmbeddedApp(platform, benchHttp));
  try {
    env.progress(`e2e.embedded: preparing ${SAMPLES + WARMUP} proposed transfers (in process)`);
    const officer = { principal: principalOf(OFFICER) };
    const cases = platform.services['market-regulation'].instance.cases;
    const transfers = platform.services['market-regulation'].instance.transfers.transfers;
    const transferIds: string[] = [];
    for (let i = 0; i < SAMPLES + WARMUP; i += 1) {
      const { caseId } = await cases.execute('registerCase', caseInput(i), officer);
      transferIds.push((await transfers.execute('proposeTransfer', proposalInput(caseId), officer)).transferId);
    }
    const token = await tokenFor(SECRET, SUPERVISOR);
    env.progress(`e2e.embedded: approveTransfer → police's inbox (memory bus), ≤ ${SAMPLES} samples`);
    const measured = await measure(
      transferIds,
      async (transferId) => {
        const { json } = await postJson(`${server.url}/graphql`, { query: approveTransfer, variables: { input: { transferId } } }, token);
        if (json.errors) throw new Error(`approveTransfer: ${JSON.stringify(json.errors)}`);
      },
      async (transferId) => (await platform.sql.query(`SELECT 1 FROM police.incoming_transfers WHERE transfer_id = $1`, [transferId])).rows.length > 0,
    );
    record(env, 'embedded', measured);
  } finally {
    await server.close();
    await platform.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
};

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');

/** The processes of distributed mode (every service of the registry from its own main.ts, and the gateway), with the env prefix of their port and URL. */
const processes = [
  ...serviceRegistry.map((s) => ({ name: s.name, file: s.entry, env: s.portVariable.replace(/_PORT$/, '') as string | null })),
  { name: gatewayEntry.name, file: gatewayEntry.entry, env: null as string | null },
];

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
  describeGroups(groupIds: string[]): Promise<{ groups: { groupId: string; members: unknown[] }[] }>;
  listTopics(): Promise<string[]>;
  deleteTopics(options: { topics: string[] }): Promise<void>;
  deleteGroups(groupIds: string[]): Promise<unknown>;
}

/** A kafkajs admin for one call (kafkajs: the client the services use, through @xianjie/messaging). */
const withKafkaAdmin = async <T>(brokers: string, use: (admin: KafkaAdmin) => Promise<T>): Promise<T> => {
  const require = createRequire(path.resolve(here, '../../packages/messaging/package.json'));
  const { Kafka, logLevel } = require('kafkajs') as {
    Kafka: new (config: Record<string, unknown>) => { admin(): KafkaAdmin };
    logLevel: { NOTHING: number };
  };
  const admin = new Kafka({ clientId: 'xianjie-bench-probe', brokers: brokers.split(','), logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  try {
    return await use(admin);
  } finally {
    await admin.disconnect();
  }
};

/** Members of police's transfer consumer group: `namespaced` under the run's prefix, `shared` without one. */
const policeGroupMembers = (brokers: string, prefix: string) =>
  withKafkaAdmin(brokers, async (admin) => {
    const { groups } = await admin.describeGroups([`${prefix}police.transfer`, 'police.transfer']);
    const members = (id: string) => groups.find((g) => g.groupId === id)?.members.length ?? 0;
    return { namespaced: members(`${prefix}police.transfer`), shared: members('police.transfer') };
  });

/**
 * Whether police's consumer has the topic to itself. The services prefix Kafka topics and groups
 * with XIANJIE_SCHEMA_PREFIX, so a run is alone on a shared broker. Where they do not (group ids
 * global on the broker), a second distributed platform — a test run beside the bench — would split
 * the group's partitions with ours and take our messages: wait (bounded) until ours is alone.
 */
const waitUntilAlone = async (env: BenchEnv, prefix: string, waitMs: number): Promise<string | null> => {
  const deadline = performance.now() + waitMs;
  let said = false;
  for (;;) {
    const { namespaced, shared } = await policeGroupMembers(env.kafkaBrokers, prefix);
    if (namespaced > 0 || shared <= 1) return null;
    if (!said) env.progress(`e2e.kafka: consumer group police.transfer has ${shared} members (another distributed platform on ${env.kafkaBrokers}, not namespaced); waiting ≤ ${waitMs / 1000} s`);
    said = true;
    if (performance.now() > deadline) return `another distributed platform shares the consumer group police.transfer on ${env.kafkaBrokers} (${shared} members) and would take our messages`;
    await sleep(2_000);
  }
};

/** Drops the run's topics and consumer groups (namespaced by its prefix) from the broker; best effort, said when it fails. */
const dropKafkaNamespace = (env: BenchEnv, prefix: string) =>
  withKafkaAdmin(env.kafkaBrokers, async (admin) => {
    const topics = (await admin.listTopics()).filter((t) => t.startsWith(prefix));
    if (topics.length > 0) await admin.deleteTopics({ topics });
    const groups = [...processes.filter((p) => p.env !== null).map((p) => `${prefix}${p.name}.transfer`), `${prefix}discipline-inspection.case-facts`];
    await admin.deleteGroups(groups).catch(() => undefined);
  }).catch((error: Error) => env.progress(`e2e.kafka: could not drop the run's topics (${prefix}*) from the broker: ${error.message}`));

const viaKafka = async (env: BenchEnv) => {
  const prefix = `bench_dist_${env.runId}_`;
  const ports = await freePorts(processes.length);
  const url = (i: number) => `http://127.0.0.1:${ports[i]}`;
  const processEnv: Record<string, string> = {
    XIANJIE_MODE: 'distributed',
    XIANJIE_STORE: 'postgres',
    XIANJIE_BUS: 'kafka',
    DATABASE_URL: env.databaseUrl,
    KAFKA_BROKERS: env.kafkaBrokers,
    AUTH_DEV_SECRET: SECRET,
    XIANJIE_ALLOW_DEV_SECRET: '1',
    XIANJIE_SUBJECT_REF_KEY: randomBytes(32).toString('hex'),
    XIANJIE_SERVICE_KEY: randomBytes(32).toString('hex'),
    XIANJIE_SCHEMA_PREFIX: prefix,
    LOG_LEVEL: 'warn',
  };
  processes.forEach((p, i) => {
    if (p.env === null) processEnv.PORT = String(ports[i]);
    else {
      processEnv[`${p.env}_PORT`] = String(ports[i]);
      processEnv[`${p.env}_URL`] = url(i);
    }
  });
  const gatewayUrl = url(processes.findIndex((p) => p.name === 'gateway'));
  const children: { name: string; child: ChildProcess; output: string[] }[] = [];
  // A case past its budget is abandoned, not awaited: its processes must not outlive the bench.
  const killAll = () => children.forEach(({ child }) => child.exitCode === null && child.signalCode === null && child.kill('SIGKILL'));
  process.once('exit', killAll);
  const start = async (name: string, file: string, baseUrl: string) => {
    const child = spawn(process.execPath, [path.join(root, file)], {
      env: { ...process.env, ...processEnv },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const output: string[] = [];
    const keep = (chunk: Buffer) => void (output.push(chunk.toString('utf8')), output.length > 200 && output.shift());
    child.stdout!.on('data', keep);
    child.stderr!.on('data', keep);
    children.push({ name, child, output });
    // Six processes starting at once on two cores take a while.
    const deadline = performance.now() + 120_000;
    for (;;) {
      if (child.exitCode !== null) throw new Error(`${name} exited (${child.exitCode}):\n${output.join('')}`);
      if ((await fetch(`${baseUrl}/healthz`).catch(() => null))?.ok) return;
      if (performance.now() > deadline) throw new Error(`${name} did not become healthy:\n${output.join('')}`);
      await sleep(200);
    }
  };
  const db = new pg.Client({ connectionString: env.databaseUrl });
  await db.connect();
  try {
    env.progress('e2e.kafka: starting the five agency services and the gateway (six processes, in parallel)');
    const startedAt = performance.now();
    const started = await Promise.allSettled(processes.map((p, i) => start(p.name, p.file, url(i))));
    const failed = started.flatMap((r) => (r.status === 'rejected' ? [String((r.reason as Error).message)] : []));
    if (failed.length > 0) throw new Error(`distributed platform did not start:\n${failed.join('\n\n')}`);
    env.progress(`e2e.kafka: all six healthy in ${((performance.now() - startedAt) / 1000).toFixed(0)} s`);
    const shared = await waitUntilAlone(env, prefix, 60_000);
    if (shared) {
      console.error(`\n!!! SKIPPED e2e.transferStep.kafka: ${shared}\n`);
      env.results.skip('e2e.transferStep.kafka', shared);
      return;
    }
    const [officer, supervisor] = await Promise.all([tokenFor(SECRET, OFFICER), tokenFor(SECRET, SUPERVISOR)]);
    const gql = async (query: string, input: Record<string, unknown>, token: string) => {
      const { json } = await postJson(`${gatewayUrl}/graphql`, { query, variables: { input } }, token);
      if (json.errors) throw new Error(JSON.stringify(json.errors));
      return json.data as Record<string, { id: string }>;
    };
    env.progress(`e2e.kafka: preparing ${SAMPLES + WARMUP} proposed transfers (through the gateway)`);
    const transferIds: string[] = [];
    for (let i = 0; i < SAMPLES + WARMUP; i += 1) {
      const caseId = (await gql(registerCase, caseInput(i), officer)).registerCase!.id;
      transferIds.push((await gql(proposeTransfer, proposalInput(caseId), officer)).proposeTransfer!.id);
    }
    env.progress(`e2e.kafka: approveTransfer → Kafka → police's inbox, ≤ ${SAMPLES} samples`);
    const probe = `SELECT 1 FROM "${prefix}police".incoming_transfers WHERE transfer_id = $1`;
    const measured = await measure(
      transferIds,
      async (transferId) => void (await gql(approveTransfer, { transferId }, supervisor)),
      async (transferId) => (await db.query({ name: 'bench_probe', text: probe, values: [transferId] })).rows.length > 0,
    ).catch(async (error: Error) => {
      const members = await policeGroupMembers(env.kafkaBrokers, prefix).catch(() => ({ namespaced: 0, shared: 0 }));
      const hint = members.namespaced === 0 && members.shared > 1 ? `; another distributed platform joined police.transfer meanwhile (${members.shared} members)` : '';
      const police = children.find((c) => c.name === 'police')?.output.join('').slice(-2_000) ?? '';
      throw new Error(`${error.message}${hint}${police ? `\npolice's last output:\n${police}` : ''}`);
    });
    record(env, 'kafka', measured);
  } finally {
    await Promise.all(
      children.map(
        ({ child }) =>
          new Promise<void>((resolve) => {
            if (child.exitCode !== null || child.signalCode !== null) return resolve();
            const killer = setTimeout(() => child.kill('SIGKILL'), 25_000);
            child.once('exit', () => (clearTimeout(killer), resolve()));
            child.kill('SIGTERM');
          }),
      ),
    );
    process.removeListener('exit', killAll);
    await dropKafkaNamespace(env, prefix);
    for (const s of ['xianjie', ...processes.filter((p) => p.env !== null).map((p) => p.name.replaceAll('-', '_'))]) {
      await db.query(`DROP SCHEMA IF EXISTS "${prefix}${s}" CASCADE`);
    }
    await db.end();
  }
};

const reachable = (brokers: string) =>
  new Promise<boolean>((resolve) => {
    const [host, port] = (brokers.split(',')[0] ?? '').split(':');
    const socket = createConnection({ host: host ?? '127.0.0.1', port: Number(port) });
    socket.setTimeout(1500);
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('timeout', () => (socket.destroy(), resolve(false)));
    socket.once('error', () => resolve(false));
  });
