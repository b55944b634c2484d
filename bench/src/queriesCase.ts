/**
 * Case 5 — GraphQL queries on the 1,000,000-event store: `case(id)` (folds its stream of ~100
 * events), `cases(first: 20)`, police's inbox `transfers(filter: {direction: INCOMING}, first: 20)`
 * and the oversight queries `penaltyInsteadOfTransfer`, `repeatOffenders`, `overdueTransfers(asOf)`,
 * `awaitingFeedback(asOf)` and `agencyPerformance(from, to)`, p50/p95 through the embedded platform's gateway on PostgreSQL (schemas
 * `bench_1m_*`). Needs the case read model built (case 3). The commission's read model is fed once,
 * directly through its model (createCaseOversightModel.apply) from the public messages of the case
 * events, and reused; the transfer read models of market regulation and police are caught up by
 * their projectors (once; then nothing is new). Every relay, reaction and projector of the
 * platform then starts at the end of the store: nothing is republished or read again on start.
 */
import { pino } from 'pino';
import { createPgClient, createSqlEventStore, createSqlProjector, type EventMetadata, type SqlClient } from '@xianjie/event-store';
import { createTransferProjection } from '@xianjie/transfer-service';
import { createCaseOversightModel } from '@xianjie/discipline-inspection';
import { caseIntegrationMessagesWith } from '@xianjie/market-regulation';
import { randomSubjectRefOf } from '@xianjie/contracts';

// A bench run is one process with its own store: a per-run subject reference key.
const caseIntegrationMessages = caseIntegrationMessagesWith(randomSubjectRefOf());
import { createEmbeddedApp, createEmbeddedPlatform } from '@xianjie/embedded';
import { loadConfig } from '@xianjie/runtime';
import type { BenchEnv } from './benchEnv.ts';
import { percentile, sampleLatencies } from './measure.ts';
import {
  CASES_SCHEMA,
  CASE_COUNT,
  CLOSED_CASES,
  MILLION_PREFIX,
  OVERSIGHT_SCHEMA,
  POLICE_SCHEMA,
  RECEIVED_TRANSFERS,
  SERVICE_SCHEMAS,
  STORE_SCHEMA,
  TRANSFER_COUNT,
  caseIdOf,
  ensureMillionStore,
} from './millionStore.ts';
import { OFFICER, OVERSEER, POLICE_OFFICER, listenLocal, postJson, tokenFor } from './platformParts.ts';

// A benchmark measures throughput from one user on one address: the rate limits (decision 0009) would measure themselves.
const benchHttp = { rateLimits: { perAddress: 1_000_000_000, perUser: 1_000_000_000, badTokensPerAddress: 60 } };

const SECRET = 'bench-queries-secret-0123456789abcdef012345';

/**
 * The embedded platform over the 1,000,000-event store with every read model caught up, served on
 * a local port (the queries and the console's 待办 are measured against it).
 */
export const openMillionPlatform = async (env: BenchEnv) => {
  await ensureMillionStore(env);
  const sql = createPgClient({ connectionString: env.databaseUrl });
  try {
    await requireCaseReadModel(sql);
    await ensureOversightModel(env, sql);
    await ensureTransferModels(env, sql);
    await vacuumReadModels(env, sql);
    await startAllAtTheEnd(sql);
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
  const server = await listenLocal(createEmbeddedApp(platform, benchHttp));
  return { platform, server, secret: SECRET };
};

export const queriesCase = async (env: BenchEnv) => {
  const { platform, server } = await openMillionPlatform(env);
  try {
    const [officer, overseer, policeOfficer] = await Promise.all([tokenFor(SECRET, OFFICER), tokenFor(SECRET, OVERSEER), tokenFor(SECRET, POLICE_OFFICER)]);
    const queries: { name: string; token: string; list?: string; query: (i: number) => { query: string; variables?: Record<string, unknown> } }[] = [
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
        list: 'cases.edges',
        token: officer,
        query: () => ({ query: `{ cases(first: 20) { edges { node { id number status summary warnings version } } pageInfo { hasNextPage endCursor } } }` }),
      },
      {
        name: 'transfers.inbox',
        list: 'transfers.edges',
        token: policeOfficer,
        query: () => ({
          query: `{ transfers(filter: {direction: INCOMING}, first: 20) { edges { node { id kind status statusLabel caseId reason sentAt receivedAt
            fromAgency { id name } deadlines { step party dueAt metAt status } } } pageInfo { hasNextPage endCursor } } }`,
        }),
      },
      {
        name: 'oversight.penaltyInsteadOfTransfer',
        list: 'oversight.penaltyInsteadOfTransfer',
        token: overseer,
        query: () => ({ query: `{ oversight { penaltyInsteadOfTransfer { caseId number violations amountInvolvedFen closedAt agency { id } } } }` }),
      },
      {
        name: 'oversight.repeatOffenders',
        list: 'oversight.repeatOffenders',
        token: overseer,
        query: () => ({
          query: `{ oversight { repeatOffenders(asOf: "2026-12-31T00:00:00Z", windowDays: 365, minViolations: 2) { subjectName decisions caseIds } } }`,
        }),
      },
      {
        // Mid-year: the transfers of the first half exist; those left unsigned or undecided are overdue.
        name: 'oversight.overdueTransfers',
        list: 'oversight.overdueTransfers',
        token: overseer,
        query: () => ({
          query: `{ oversight { overdueTransfers(asOf: "2026-07-01T00:00:00Z") { step label party dueAt agency { id }
            transfer { id kind status caseId fromAgency { id } toAgency { id } } } } }`,
        }),
      },
      {
        // 首办负责制 mid-year: every transfer sent by then and not yet fed back, with its stage.
        name: 'oversight.awaitingFeedback',
        list: 'oversight.awaitingFeedback',
        token: overseer,
        query: () => ({
          query: `{ oversight { awaitingFeedback(asOf: "2026-07-01T00:00:00Z") { sentAt daysWaiting stage overdueSteps
            transfer { id kind status fromAgency { id } toAgency { id } } } } }`,
        }),
      },
      {
        name: 'oversight.agencyPerformance',
        list: 'oversight.agencyPerformance',
        token: overseer,
        query: () => ({
          query: `{ oversight { agencyPerformance(from: "2026-01-01T00:00:00+08:00", to: "2026-07-01T00:00:00+08:00") { agency { id }
            sent received accepted declined returned acceptanceRate declineRate medianHoursToReceipt medianHoursToDecision overdueSteps resultsFedBack } } }`,
        }),
      },
    ];
    for (const q of queries) {
      env.progress(`queries.${q.name}: ≤ 300 samples or 4 s`);
      let size = 0;
      let items = 0;
      const samples = await sampleLatencies(
        async (i) => {
          const started = performance.now();
          const { status, json } = await postJson(`${server.url}/graphql`, q.query(Math.abs(i)), q.token);
          const ms = performance.now() - started;
          if (status !== 200 || json.errors) throw new Error(`${q.name}: ${status} ${JSON.stringify(json.errors)}`);
          size = JSON.stringify(json.data).length;
          items = itemsAt(json.data, q.list);
          return ms;
        },
        { count: 300, budgetMs: 4_000, warmup: 10 },
      );
      env.results.add({ name: `queries.${q.name}.p50`, unit: 'ms', value: percentile(samples, 50) });
      env.results.add({ name: `queries.${q.name}.p95`, unit: 'ms', value: percentile(samples, 95) });
      env.progress(`queries.${q.name}: ${samples.length} samples, answer ${items} items, ${size} bytes, p50 ${percentile(samples, 50).toFixed(1)} ms`);
    }
  } finally {
    await server.close();
    await platform.close();
  }
};

/** The read models were just built or fed in bulk: give the planner statistics, as after any load. */
const vacuumReadModels = async (env: BenchEnv, sql: SqlClient) => {
  const { rows } = await sql.query<{ name: string }>(
    `SELECT format('%I.%I', schemaname, relname) AS name FROM pg_stat_user_tables
      WHERE schemaname LIKE $1 AND schemaname <> $2 AND coalesce(last_vacuum, last_autovacuum) IS NULL`,
    [`${MILLION_PREFIX}%`, STORE_SCHEMA],
  );
  if (rows.length === 0) return;
  env.progress(`queries: VACUUM (ANALYZE) of ${rows.length} read model tables (once)`);
  await sql.exec(`VACUUM (ANALYZE) ${rows.map((r) => r.name).join(', ')}`);
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
  const { rows } = await sql.query<{ closed: bigint; transferred: bigint }>(
    `SELECT count(*) FILTER (WHERE status = 'CLOSED') AS closed, count(*) FILTER (WHERE status = 'TRANSFERRED' AND transferred_to_police) AS transferred
       FROM "${OVERSIGHT_SCHEMA}".case_facts`,
  );
  if (Number(rows[0]?.closed) === CLOSED_CASES && Number(rows[0]?.transferred) === TRANSFER_COUNT) {
    env.progress(`queries: reusing the commission's read model in ${OVERSIGHT_SCHEMA}`);
    return;
  }
  env.progress(`queries: feeding the commission's read model from the case events (once, 4 workers)`);
  await sql.exec(`TRUNCATE "${OVERSIGHT_SCHEMA}".case_facts; TRUNCATE "${OVERSIGHT_SCHEMA}".penalty_decisions`);
  // The case events the commission's model uses (EvidenceRecorded, most of the store, is public but ignored by it).
  const publicTypes = ['CaseRegistered', 'CaseFiled', 'CaseNotFiled', 'PenaltyDecided', 'CaseClosed', 'CaseTransferred'];
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
 * The transfer read models of both parties (market regulation's sender rows, police's receiver
 * rows), built by the services' own projection from the store's transfer streams; a projector
 * resumes at its checkpoint, so after the first run this reads nothing.
 */
const ensureTransferModels = async (env: BenchEnv, sql: SqlClient) => {
  const store = createSqlEventStore({ client: sql, schema: STORE_SCHEMA });
  const parties = [
    { schema: CASES_SCHEMA, kind: 'MARKET_REGULATION', side: 'SENDER', rows: TRANSFER_COUNT },
    { schema: POLICE_SCHEMA, kind: 'POLICE', side: 'RECEIVER', rows: RECEIVED_TRANSFERS },
  ] as const;
  for (const party of parties) {
    const projector = createSqlProjector({ store, sql, schema: party.schema, projection: createTransferProjection({ schema: party.schema, agencyKinds: [party.kind] }) });
    await projector.migrate();
    const applied = await projector.catchUp();
    const { rows } = await sql.query<{ n: bigint }>(`SELECT count(*) AS n FROM "${party.schema}".transfers WHERE side = $1`, [party.side]);
    if (Number(rows[0]?.n) !== party.rows) throw new Error(`${party.schema}.transfers holds ${rows[0]?.n} ${party.side} rows, expected ${party.rows}`);
    if (applied > 0) env.progress(`queries: projected ${applied} transfer events into ${party.schema}.transfers`);
  }
};

/**
 * Started on this store, the platform's relays would publish every public event of the 1M again
 * (the commission's model is already fed, police's incoming transfers already kept) and the other
 * services' projectors would read it all to find none of theirs. Every relay, store subscription
 * and projection of the five services therefore starts at the end of the store. Names as the
 * services give them: relays `<service>.case` and `<service>.transfer` (outbox_checkpoints),
 * projections `<schema>.cases` and `<schema>.transfers` (projection_checkpoints), the case
 * services' reaction `<service>.case-transferred` (the store's checkpoints).
 */
const startAllAtTheEnd = async (sql: SqlClient) => {
  const { rows } = await sql.query<{ checkpoint: string }>(
    `SELECT transaction_id::text || ':' || global_position AS checkpoint FROM "${STORE_SCHEMA}".events
      ORDER BY transaction_id DESC, global_position DESC LIMIT 1`,
  );
  const end = rows[0]!.checkpoint;
  const caseServices = new Set(['market_regulation', 'health', 'medical_insurance']);
  await sql.transaction(async (tx) => {
    for (const schema of SERVICE_SCHEMAS) {
      const name = schema.slice(MILLION_PREFIX.length);
      const service = name.replaceAll('_', '-');
      const isCaseService = caseServices.has(name);
      await tx.exec(`CREATE SCHEMA IF NOT EXISTS "${schema}";
        CREATE TABLE IF NOT EXISTS "${schema}".outbox_checkpoints (
          relay_id text PRIMARY KEY, checkpoint text, updated_at timestamptz NOT NULL DEFAULT now());
        CREATE TABLE IF NOT EXISTS "${schema}".projection_checkpoints (
          projection text PRIMARY KEY, checkpoint text, updated_at timestamptz NOT NULL DEFAULT now())`);
      const relays = isCaseService ? [`${service}.case`, `${service}.transfer`] : [`${service}.transfer`];
      const projections = isCaseService ? [`${schema}.cases`, `${schema}.transfers`] : [`${schema}.transfers`];
      await tx.query(
        `INSERT INTO "${schema}".outbox_checkpoints (relay_id, checkpoint) SELECT unnest($1::text[]), $2
         ON CONFLICT (relay_id) DO UPDATE SET checkpoint = EXCLUDED.checkpoint, updated_at = now()`,
        [relays, end],
      );
      await tx.query(
        `INSERT INTO "${schema}".projection_checkpoints (projection, checkpoint) SELECT unnest($1::text[]), $2
         ON CONFLICT (projection) DO UPDATE SET checkpoint = EXCLUDED.checkpoint, updated_at = now()`,
        [projections, end],
      );
      if (isCaseService) {
        await tx.query(
          `INSERT INTO "${STORE_SCHEMA}".checkpoints (subscription_id, checkpoint) VALUES ($1, $2)
           ON CONFLICT (subscription_id) DO UPDATE SET checkpoint = EXCLUDED.checkpoint, updated_at = now()`,
          [`${service}.case-transferred`, end],
        );
      }
    }
  });
};

/** The length of the list at `path` in an answer (`cases.edges`), or 1 for a single object. */
const itemsAt = (data: unknown, path: string | undefined): number => {
  if (!path) return 1;
  const list = path.split('.').reduce<unknown>((value, key) => (value as Record<string, unknown> | undefined)?.[key], data);
  return Array.isArray(list) ? list.length : 0;
};
