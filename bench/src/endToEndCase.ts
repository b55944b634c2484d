/**
 * Case 4 — end to end: a `closeCase` mutation through the gateway until the discipline
 * commission's read model shows the case closed (its 以罚代刑 view), p50/p99. The read model is
 * polled directly with SQL every 2 ms. Embedded: one process, PGlite, memory bus. Kafka: the three
 * distributed-mode processes (market regulation, commission, gateway) on PostgreSQL and Kafka, as
 * in test/distributed. Transfers replace this flow when they land.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { pino } from 'pino';
import { createEmbeddedPlatform, createGatewayApp, loadConfig } from '@xianjie/gateway';
import type { BenchEnv } from './benchEnv.ts';
import { percentile, sleep } from './measure.ts';
import { OFFICER, SUPERVISOR, listenLocal, postJson, principalOf, tokenFor } from './platformParts.ts';

const SAMPLES = 100;
const WARMUP = 5;
const SECRET = 'bench-e2e-secret-0123456789abcdef0123456789';

const registerCase = `mutation($input: RegisterCaseInput!) { registerCase(input: $input) { id } }`;
const step = (name: string, type: string) => `mutation($input: ${type}!) { ${name}(input: $input) { id status } }`;
const closeCase = step('closeCase', 'CaseStepInput');

const caseInput = (i: number) => ({
  subject: { kind: 'ORGANIZATION', name: '乌鲁木齐天山康宁医院', creditCode: '12650100MB1234567P' },
  source: 'INSPECTION',
  summary: `未取得批准文号配制制剂 #${i}`,
  violations: ['UNAPPROVED_PREPARATION'],
  amountInvolvedFen: 2_000_000,
});

export const endToEndCase = async (env: BenchEnv) => {
  await embedded(env);
  if (await reachable(env.kafkaBrokers)) await viaKafka(env);
  else {
    const reason = `Kafka at ${env.kafkaBrokers} does not answer (start it with \`pnpm kafka:up\`)`;
    console.error(`\n!!! SKIPPED e2e.caseClosedToOversight.kafka: ${reason}\n`);
    env.results.skip('e2e.caseClosedToOversight.kafka', reason);
  }
};

/** Times `closeCase` on prepared cases until the probe sees each one. */
const measure = async (caseIds: string[], close: (caseId: string) => Promise<void>, seen: (caseId: string) => Promise<boolean>) => {
  const samples: number[] = [];
  for (const [i, caseId] of caseIds.entries()) {
    const started = performance.now();
    await close(caseId);
    const deadline = started + 10_000;
    while (!(await seen(caseId))) {
      if (performance.now() > deadline) throw new Error(`case ${caseId} did not reach the commission's read model within 10 s`);
      await sleep(2);
    }
    if (i >= WARMUP) samples.push(performance.now() - started);
  }
  return samples;
};

const record = (env: BenchEnv, mode: string, samples: number[]) => {
  env.results.add({ name: `e2e.caseClosedToOversight.${mode}.p50`, unit: 'ms', value: percentile(samples, 50) });
  env.results.add({ name: `e2e.caseClosedToOversight.${mode}.p99`, unit: 'ms', value: percentile(samples, 99) });
  env.progress(`e2e.${mode}: ${samples.length} samples`);
};

const embedded = async (env: BenchEnv) => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'xianjie-bench-'));
  const config = loadConfig({ XIANJIE_DATA_DIR: dataDir, XIANJIE_SEED: 'none', LOG_LEVEL: 'silent', AUTH_DEV_SECRET: SECRET });
  const platform = await createEmbeddedPlatform(config, { logger: pino({ level: 'silent' }) });
  const server = await listenLocal(createGatewayApp({ platform }));
  try {
    env.progress(`e2e.embedded: preparing ${SAMPLES + WARMUP} cases up to a penalty decision (in process)`);
    const officer = principalOf(OFFICER);
    const supervisor = principalOf(SUPERVISOR);
    const cases = platform.marketRegulation.cases;
    const caseIds: string[] = [];
    for (let i = 0; i < SAMPLES + WARMUP; i += 1) {
      const { caseId } = await cases.execute('registerCase', caseInput(i), { principal: officer });
      await cases.execute('fileCase', { caseId }, { principal: supervisor });
      await cases.execute('recordEvidence', { caseId, kind: 'DOCUMENT', title: '配制记录' }, { principal: officer });
      await cases.execute('decidePenalty', { caseId, decisionNumber: `罚-${i}`, penalties: [{ kind: 'FINE', amountFen: 500_000 }], personsResponsible: [] }, { principal: supervisor });
      caseIds.push(caseId);
    }
    const token = await tokenFor(SECRET, OFFICER);
    env.progress(`e2e.embedded: closeCase → commission read model, ${SAMPLES} samples`);
    const samples = await measure(
      caseIds,
      async (caseId) => {
        const { json } = await postJson(`${server.url}/graphql`, { query: closeCase, variables: { input: { caseId } } }, token);
        if (json.errors) throw new Error(`closeCase: ${JSON.stringify(json.errors)}`);
      },
      async (caseId) =>
        (await platform.sql.query(`SELECT 1 FROM discipline_inspection.case_facts WHERE case_id = $1 AND status = 'CLOSED'`, [caseId])).rows.length > 0,
    );
    record(env, 'embedded', samples);
  } finally {
    await server.close();
    await platform.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
};

const here = path.dirname(fileURLToPath(import.meta.url));
const distributedDir = path.resolve(here, '../../services/gateway/src/distributed');

const viaKafka = async (env: BenchEnv) => {
  const prefix = `bench_dist_${env.runId}_`;
  const base = 5300 + Math.floor(Math.random() * 400);
  const ports = { gateway: base, mr: base + 1, di: base + 5 };
  const processEnv: Record<string, string> = {
    XIANJIE_MODE: 'distributed',
    XIANJIE_STORE: 'postgres',
    XIANJIE_BUS: 'kafka',
    DATABASE_URL: env.databaseUrl,
    KAFKA_BROKERS: env.kafkaBrokers,
    AUTH_DEV_SECRET: SECRET,
    XIANJIE_ALLOW_DEV_SECRET: '1',
    XIANJIE_SCHEMA_PREFIX: prefix,
    PORT: String(ports.gateway),
    MARKET_REGULATION_PORT: String(ports.mr),
    DISCIPLINE_INSPECTION_PORT: String(ports.di),
    MARKET_REGULATION_URL: `http://127.0.0.1:${ports.mr}`,
    DISCIPLINE_INSPECTION_URL: `http://127.0.0.1:${ports.di}`,
    LOG_LEVEL: 'warn',
  };
  const tsx = createRequire(path.join(distributedDir, 'x.js')).resolve('tsx');
  const children: { name: string; child: ChildProcess; output: string[] }[] = [];
  const start = async (name: string, file: string, port: number) => {
    const child = spawn(process.execPath, ['--import', tsx, path.join(distributedDir, file)], {
      env: { ...process.env, ...processEnv },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const output: string[] = [];
    const keep = (chunk: Buffer) => void (output.push(chunk.toString('utf8')), output.length > 200 && output.shift());
    child.stdout!.on('data', keep);
    child.stderr!.on('data', keep);
    children.push({ name, child, output });
    const deadline = performance.now() + 60_000;
    for (;;) {
      if (child.exitCode !== null) throw new Error(`${name} exited (${child.exitCode}):\n${output.join('')}`);
      if ((await fetch(`http://127.0.0.1:${port}/healthz`).catch(() => null))?.ok) return;
      if (performance.now() > deadline) throw new Error(`${name} did not become healthy:\n${output.join('')}`);
      await sleep(200);
    }
  };
  const db = new pg.Client({ connectionString: env.databaseUrl });
  await db.connect();
  try {
    env.progress('e2e.kafka: starting market-regulation, discipline-inspection and gateway processes');
    await start('market-regulation', 'marketRegulationProcess.ts', ports.mr);
    await start('discipline-inspection', 'disciplineInspectionProcess.ts', ports.di);
    await start('gateway', 'gatewayProcess.ts', ports.gateway);
    const [officer, supervisor] = await Promise.all([tokenFor(SECRET, OFFICER), tokenFor(SECRET, SUPERVISOR)]);
    const gql = async (query: string, input: Record<string, unknown>, token: string) => {
      const { json } = await postJson(`http://127.0.0.1:${ports.gateway}/graphql`, { query, variables: { input } }, token);
      if (json.errors) throw new Error(JSON.stringify(json.errors));
      return json.data as Record<string, { id: string }>;
    };
    env.progress(`e2e.kafka: preparing ${SAMPLES + WARMUP} cases up to a penalty decision (through the gateway)`);
    const caseIds: string[] = [];
    for (let i = 0; i < SAMPLES + WARMUP; i += 1) {
      const caseId = (await gql(registerCase, caseInput(i), officer)).registerCase!.id;
      await gql(step('fileCase', 'CaseStepInput'), { caseId }, supervisor);
      await gql(step('recordEvidence', 'RecordEvidenceInput'), { caseId, kind: 'DOCUMENT', title: '配制记录' }, officer);
      await gql(step('decidePenalty', 'DecidePenaltyInput'), { caseId, decisionNumber: `罚-${i}`, penalties: [{ kind: 'FINE', amountFen: 500_000 }], personsResponsible: [] }, supervisor);
      caseIds.push(caseId);
    }
    env.progress(`e2e.kafka: closeCase → Kafka → commission read model, ${SAMPLES} samples`);
    const probe = `SELECT 1 FROM "${prefix}discipline_inspection".case_facts WHERE case_id = $1 AND status = 'CLOSED'`;
    const samples = await measure(
      caseIds,
      async (caseId) => void (await gql(closeCase, { caseId }, officer)),
      async (caseId) => (await db.query({ name: 'bench_probe', text: probe, values: [caseId] })).rows.length > 0,
    );
    record(env, 'kafka', samples);
  } finally {
    await Promise.all(
      children.map(
        ({ child }) =>
          new Promise<void>((resolve) => {
            if (child.exitCode !== null || child.signalCode !== null) return resolve();
            child.once('exit', () => resolve());
            child.kill('SIGTERM');
          }),
      ),
    );
    for (const s of ['xianjie', 'market_regulation', 'discipline_inspection']) await db.query(`DROP SCHEMA IF EXISTS "${prefix}${s}" CASCADE`);
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
