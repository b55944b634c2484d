/**
 * The store of 1,000,000 case events shared by the catch-up and query cases, in schemas
 * `bench_1m_*` (the embedded platform's layout with prefix `bench_1m_`). Seeded once and reused
 * while its event count is right: 10,000 cases of 100 events each (registered, filed, 96 evidence
 * records, penalty decided, closed), real case events appended through the `postgres` adapter,
 * one append of 100 events per case, 16 writers. 1 case in 100 meets a criminal threshold and is
 * closed with a penalty only (a 以罚代刑 warning); subjects repeat across cases (repeat offenders).
 */
import { randomUUID } from 'node:crypto';
import { createPgClient, createSqlEventStore, type NewEvent, type SqlClient } from '@xianjie/event-store';
import type { BenchEnv } from './benchEnv.ts';

export const MILLION_PREFIX = 'bench_1m_';
export const STORE_SCHEMA = `${MILLION_PREFIX}xianjie`;
export const CASES_SCHEMA = `${MILLION_PREFIX}market_regulation`;
export const OVERSIGHT_SCHEMA = `${MILLION_PREFIX}discipline_inspection`;
export const CASE_COUNT = 10_000;
export const EVENTS_PER_CASE = 100;
export const TOTAL_EVENTS = CASE_COUNT * EVENTS_PER_CASE;
const SUBJECTS = 2_500;
const WRITERS = 16;

const officer = { name: '帕丽旦·热合曼', roles: ['officer'], userId: 'u-amr-650100-officer', agencyId: 'amr-650100' };
const supervisor = { name: '周启航', roles: ['supervisor'], userId: 'u-amr-650100-supervisor', agencyId: 'amr-650100' };

/** The 100 events of case `n`: the shapes the case decider produces (see services/market-regulation). */
export const caseEvents = (n: number, caseId: string): NewEvent[] => {
  // Cases registered every 45 minutes from 2026-01-01, so windows of 365 days hold many of them.
  const registered = Date.parse('2026-01-01T00:00:00Z') + n * 45 * 60_000;
  const at = (minutes: number) => new Date(registered + minutes * 60_000).toISOString();
  const meta = (actor: typeof officer, minutes: number) => ({
    actor,
    commandId: null,
    occurredAt: at(minutes),
    causationId: null,
    correlationId: randomUUID(),
  });
  const s = n % SUBJECTS;
  const threshold = n % 100 === 0;
  const events: NewEvent[] = [
    {
      type: 'CaseRegistered',
      data: {
        caseId,
        number: `AMR650100〔2026〕${String(n + 1).padStart(5, '0')}号`,
        source: 'INSPECTION',
        subject: { kind: 'ORGANIZATION', name: `乌鲁木齐安泰大药房第${s}分店有限公司`, idNumber: null, creditCode: `91650102MA7X${String(s).padStart(5, '0')}E` },
        summary: threshold ? '未取得批准文号配制制剂，涉案金额较大' : '超范围经营处方药',
        agencyId: 'amr-650100',
        violations: [threshold ? 'UNAPPROVED_PREPARATION' : 'OUT_OF_SCOPE_TRADE'],
        registeredAt: at(0),
        amountInvolvedFen: threshold ? 2_000_000 : 50_000,
      },
      metadata: meta(officer, 0),
    },
    { type: 'CaseFiled', data: { caseId, reason: null, filedAt: at(60) }, metadata: meta(supervisor, 60) },
  ];
  for (let e = 1; e <= EVENTS_PER_CASE - 4; e += 1) {
    events.push({
      type: 'EvidenceRecorded',
      data: { kind: 'DOCUMENT', title: `购销记录 第${e}份`, caseId, evidenceId: `${caseId}-E${e}`, recordedAt: at(60 + e), description: null },
      metadata: meta(officer, 60 + e),
    });
  }
  events.push(
    {
      type: 'PenaltyDecided',
      data: {
        caseId,
        reason: null,
        decidedAt: at(3 * 1440),
        penalties: [{ kind: 'FINE', amountFen: 500_000, description: null }],
        decisionNumber: `乌市监处罚〔2026〕${n + 1}号`,
        repeatOffender: n >= SUBJECTS,
        personsResponsible: [],
        priorViolationsInWindow: n >= SUBJECTS ? 1 : 0,
      },
      metadata: meta(supervisor, 3 * 1440),
    },
    { type: 'CaseClosed', data: { caseId, reason: null, closedAt: at(4 * 1440) }, metadata: meta(officer, 4 * 1440) },
  );
  return events;
};

/** Case ids are stable per run of the seed: `00000000-0000-4000-8000-<n>`. */
export const caseIdOf = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

const countEvents = async (sql: SqlClient): Promise<number> => {
  const { rows } = await sql.query<{ n: bigint | null }>(
    `SELECT CASE WHEN to_regclass($1) IS NULL THEN NULL ELSE (SELECT count(*) FROM "${STORE_SCHEMA}".events) END AS n`,
    [`"${STORE_SCHEMA}".events`],
  );
  return rows[0]?.n === null || rows[0]?.n === undefined ? -1 : Number(rows[0].n);
};

/** Makes sure the 1,000,000-event store exists (seeding it when missing or wrong); returns whether it seeded. */
export const ensureMillionStore = async (env: BenchEnv): Promise<{ seeded: boolean; seconds: number }> => {
  const sql = createPgClient({ connectionString: env.databaseUrl, max: WRITERS });
  try {
    const existing = await countEvents(sql).catch(() => -1);
    if (existing === TOTAL_EVENTS) {
      env.progress(`1M store: reusing ${STORE_SCHEMA} (${existing.toLocaleString('en-US')} events)`);
      return { seeded: false, seconds: 0 };
    }
    env.progress(`1M store: ${existing < 0 ? 'missing' : `${existing} events`}; seeding ${TOTAL_EVENTS.toLocaleString('en-US')} case events (${WRITERS} writers, 100 per append)`);
    await sql.exec(
      `DROP SCHEMA IF EXISTS "${STORE_SCHEMA}" CASCADE; DROP SCHEMA IF EXISTS "${CASES_SCHEMA}" CASCADE; DROP SCHEMA IF EXISTS "${OVERSIGHT_SCHEMA}" CASCADE`,
    );
    const store = createSqlEventStore({ client: sql, schema: STORE_SCHEMA });
    await store.migrate();
    const started = performance.now();
    let next = 0;
    let done = 0;
    await Promise.all(
      Array.from({ length: WRITERS }, async () => {
        for (let n = next++; n < CASE_COUNT; n = next++) {
          const caseId = caseIdOf(n);
          await store.appendToStream(`case-${caseId}`, caseEvents(n, caseId), { expectedVersion: 'no_stream' });
          done += 1;
          if (done % 2000 === 0) env.progress(`  seeded ${(done * EVENTS_PER_CASE).toLocaleString('en-US')} events`);
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    env.progress(`1M store: seeded in ${seconds.toFixed(0)} s`);
    return { seeded: true, seconds };
  } finally {
    await sql.close();
  }
};
