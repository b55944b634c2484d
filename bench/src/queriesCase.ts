/**
 * Case 5 — GraphQL queries on the 1,000,000-event store: `case(id)` (folds its 100-event stream),
 * `cases(first: 20)`, and the oversight queries `penaltyInsteadOfTransfer` and `repeatOffenders`,
 * p50/p95 through the embedded platform's gateway on PostgreSQL (schemas `bench_1m_*`). Needs the
 * case read model built (case 3); the commission's read model is fed once, directly through its
 * model (createCaseOversightModel.apply) from the public messages of the case events, and reused.
 */
import { pino } from 'pino';
import { createPgClient, type EventMetadata, type SqlClient } from '@xianjie/event-store';
import { createCaseOversightModel } from '@xianjie/discipline-inspection';
import { caseIntegrationMessages } from '@xianjie/market-regulation';
import { createEmbeddedPlatform, createGatewayApp, loadConfig } from '@xianjie/gateway';
import type { BenchEnv } from './benchEnv.ts';
import { percentile, sampleLatencies } from './measure.ts';
import { CASES_SCHEMA, CASE_COUNT, MILLION_PREFIX, OVERSIGHT_SCHEMA, STORE_SCHEMA, caseIdOf, ensureMillionStore } from './millionStore.ts';
import { OFFICER, OVERSEER, listenLocal, postJson, tokenFor } from './platformParts.ts';

const SECRET = 'bench-queries-secret-0123456789abcdef012345';

export const queriesCase = async (env: BenchEnv) => {
  await ensureMillionStore(env);
  const sql = createPgClient({ connectionString: env.databaseUrl });
  try {
    await requireCaseReadModel(sql);
    await ensureOversightModel(env, sql);
    await skipRelayToEnd(sql);
  } finally {
    await sql.close();
  }
  const config = loadConfig({
    XIANJIE_STORE: 'postgres',
    DATABASE_URL: env.databaseUrl,
    XIANJIE_SEED: 'none',
    LOG_LEVEL: 'silent',
    AUTH_DEV_SECRET: SECRET,
  });
  const platform = await createEmbeddedPlatform(config, { logger: pino({ level: 'silent' }), schemaPrefix: MILLION_PREFIX });
  const server = await listenLocal(createGatewayApp({ platform }));
  try {
    const [officer, overseer] = await Promise.all([tokenFor(SECRET, OFFICER), tokenFor(SECRET, OVERSEER)]);
    const queries: { name: string; token: string; query: (i: number) => { query: string; variables?: Record<string, unknown> } }[] = [
      {
        name: 'case',
        token: officer,
        query: (i) => ({
          query: `query($id: ID!) { case(id: $id) { id number status version summary violations warnings amountInvolvedFen subject { kind name creditCode } agency { id name } } }`,
          variables: { id: caseIdOf((i * 7919) % CASE_COUNT) },
        }),
      },
      {
        name: 'cases',
        token: officer,
        query: () => ({ query: `{ cases(first: 20) { edges { node { id number status summary warnings version } } pageInfo { hasNextPage endCursor } } }` }),
      },
      {
        name: 'oversight.penaltyInsteadOfTransfer',
        token: overseer,
        query: () => ({ query: `{ oversight { penaltyInsteadOfTransfer { caseId number violations amountInvolvedFen closedAt agency { id } } } }` }),
      },
      {
        name: 'oversight.repeatOffenders',
        token: overseer,
        query: () => ({
          query: `{ oversight { repeatOffenders(asOf: "2026-12-31T00:00:00Z", windowDays: 365, minViolations: 2) { subjectName decisions caseIds } } }`,
        }),
      },
    ];
    for (const q of queries) {
      env.progress(`queries.${q.name}: ≤ 300 samples or 4 s`);
      let size = 0;
      const samples = await sampleLatencies(
        async (i) => {
          const started = performance.now();
          const { status, json } = await postJson(`${server.url}/graphql`, q.query(Math.abs(i)), q.token);
          const ms = performance.now() - started;
          if (status !== 200 || json.errors) throw new Error(`${q.name}: ${status} ${JSON.stringify(json.errors)}`);
          size = JSON.stringify(json.data).length;
          return ms;
        },
        { count: 300, budgetMs: 4_000, warmup: 10 },
      );
      env.results.add({ name: `queries.${q.name}.p50`, unit: 'ms', value: percentile(samples, 50) });
      env.results.add({ name: `queries.${q.name}.p95`, unit: 'ms', value: percentile(samples, 95) });
      env.progress(`queries.${q.name}: ${samples.length} samples, answer ${size} bytes`);
    }
  } finally {
    await server.close();
    await platform.close();
  }
};

const requireCaseReadModel = async (sql: SqlClient) => {
  const { rows } = await sql.query<{ n: bigint }>(`SELECT count(*) AS n FROM "${CASES_SCHEMA}".cases`).catch(() => ({ rows: [{ n: 0n }] }));
  if (Number(rows[0]?.n) !== CASE_COUNT) {
    throw new Error(`the case read model in ${CASES_SCHEMA} is not built (run the catchup case first: BENCH_CASES=catchup,queries)`);
  }
};

/** Feeds the commission's read model from the store's case events, in transactions of 2,000 messages (once). */
const ensureOversightModel = async (env: BenchEnv, sql: SqlClient) => {
  const model = createCaseOversightModel(OVERSIGHT_SCHEMA);
  await model.migrate(sql);
  const { rows } = await sql.query<{ n: bigint }>(`SELECT count(*) AS n FROM "${OVERSIGHT_SCHEMA}".case_facts WHERE status = 'CLOSED'`);
  if (Number(rows[0]?.n) === CASE_COUNT) {
    env.progress(`queries: reusing the commission's read model in ${OVERSIGHT_SCHEMA}`);
    return;
  }
  env.progress(`queries: feeding the commission's read model from the case events (once, 4 workers)`);
  await sql.exec(`TRUNCATE "${OVERSIGHT_SCHEMA}".case_facts; TRUNCATE "${OVERSIGHT_SCHEMA}".penalty_decisions`);
  // Only these case events have a public message (EvidenceRecorded, 96% of the store, has none).
  const publicTypes = ['CaseRegistered', 'CaseFiled', 'CaseNotFiled', 'PenaltyDecided', 'CaseClosed'];
  const workers = 4;
  await Promise.all(
    Array.from({ length: workers }, async (_, worker) => {
      const { rows } = await sql.query<{ stream_id: string; version: number; type: string; data: Record<string, unknown>; metadata: EventMetadata; global_position: bigint }>(
        `SELECT stream_id, version, type, data, metadata, global_position FROM "${STORE_SCHEMA}".events
          WHERE type = ANY($1::text[]) AND abs(hashtext(stream_id)) % $2 = $3 ORDER BY global_position`,
        [publicTypes, workers, worker],
      );
      const messages = rows.flatMap((r) =>
        caseIntegrationMessages({
          streamId: r.stream_id,
          version: r.version,
          globalPosition: r.global_position,
          checkpoint: '',
          type: r.type,
          data: r.data,
          metadata: r.metadata,
          hash: '',
          prevHash: null,
          hashAlgorithm: 'sm3',
          recordedAt: '',
        }).map((m) => m.message),
      );
      for (let i = 0; i < messages.length; i += 2_000) {
        await sql.transaction(async (tx) => {
          for (const message of messages.slice(i, i + 2_000)) await model.apply(tx, message);
        });
      }
    }),
  );
};

/**
 * The platform's outbox relay would publish every integration message of the 1M events to the
 * memory bus on start; the commission's model is already fed, so its checkpoint starts at the end.
 */
const skipRelayToEnd = async (sql: SqlClient) => {
  await sql.exec(`CREATE TABLE IF NOT EXISTS "${CASES_SCHEMA}".outbox_checkpoints (
    relay_id text PRIMARY KEY, checkpoint text, updated_at timestamptz NOT NULL DEFAULT now())`);
  await sql.query(
    `INSERT INTO "${CASES_SCHEMA}".outbox_checkpoints (relay_id, checkpoint)
     SELECT 'market-regulation', transaction_id::text || ':' || global_position FROM "${STORE_SCHEMA}".events
      ORDER BY transaction_id DESC, global_position DESC LIMIT 1
     ON CONFLICT (relay_id) DO UPDATE SET checkpoint = EXCLUDED.checkpoint, updated_at = now()`,
  );
};
