/**
 * The store of 1,000,000 events shared by the catch-up and query cases, in schemas `bench_1m_*`
 * (the embedded platform's layout with prefix `bench_1m_`). Seeded once and reused while it holds
 * exactly 1,000,000 events in this layout (a marker table names it). 10,000 cases, each with its
 * transfer (when it has one) exactly 100 events:
 * - 8,000 closed cases of 100 case events (registered, filed, 96 evidence records, penalty decided,
 *   closed), real case events appended through the `postgres` adapter, one append per case, 16
 *   writers. 1 in 100 meets a criminal threshold and is closed with a penalty only (以罚代刑);
 *   subjects repeat across cases (repeat offenders).
 * - 2,000 cases (n % 5 = 1) transferred to police (CRIMINAL amr-650100 → police-650100): registered,
 *   filed, evidence records, then the transfer through the transfer service of each side (the
 *   service's own commands with the clock set to the business time, the consumer's work done by
 *   hand: the sent transfer kept in police's incoming_transfers, the other side's facts noted with
 *   the message ids the relays would publish) and CaseTransferred on the case stream as the
 *   market-regulation reaction appends it. A quarter each stops at: sent (not signed for),
 *   received, accepted and handed over, result recorded. The evidence records fill the case up to
 *   100 events with its transfer streams.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import { pino } from 'pino';
import { createAccessRules } from '@xianjie/auth';
import { TransferApproved, caseStreamId, demoDirectory, integrationEventNamed } from '@xianjie/contracts';
import type { CaseEvent } from '@xianjie/contracts';
import { decideCase, foldCase } from '@xianjie/domain';
import { createPgClient, createSqlEventStore, type EventStore, type NewEvent, type RecordedEvent, type SqlClient } from '@xianjie/event-store';
import { createTransferIntegrationMessages, createTransferService, type TransferService } from '@xianjie/transfer-service';
import type { BenchEnv } from './benchEnv.ts';
import { CASE_TEAM, principalOf } from './platformParts.ts';

export const MILLION_PREFIX = 'bench_1m_';
export const STORE_SCHEMA = `${MILLION_PREFIX}xianjie`;
export const CASES_SCHEMA = `${MILLION_PREFIX}market_regulation`;
export const OVERSIGHT_SCHEMA = `${MILLION_PREFIX}discipline_inspection`;
export const POLICE_SCHEMA = `${MILLION_PREFIX}police`;
/** Every schema of the embedded platform under the prefix (dropped together on a reseed). */
export const SERVICE_SCHEMAS = ['market_regulation', 'health', 'medical_insurance', 'police', 'discipline_inspection'].map((s) => `${MILLION_PREFIX}${s}`);
export const CASE_COUNT = 10_000;
export const EVENTS_PER_CASE = 100;
export const TOTAL_EVENTS = CASE_COUNT * EVENTS_PER_CASE;
/** Changes whenever the seed's layout does: a store of another layout is reseeded. */
const LAYOUT = 'cases+transfers/v1';
const SUBJECTS = 2_500;
const WRITERS = 16;

/** Where a case's transfer stops (n % 5 = 1; a quarter each), or null for a case closed with a penalty. */
export type TransferStage = 'SENT' | 'RECEIVED' | 'HANDED_OVER' | 'RESULT_RECORDED';
const stages: readonly TransferStage[] = ['SENT', 'RECEIVED', 'HANDED_OVER', 'RESULT_RECORDED'];
export const transferStageOf = (n: number): TransferStage | null => (n % 5 === 1 ? stages[Math.floor(n / 5) % stages.length]! : null);
export const TRANSFER_COUNT = CASE_COUNT / 5;
/** Cases closed with a penalty (the others are transferred). */
export const CLOSED_CASES = CASE_COUNT - TRANSFER_COUNT;
/** Transfers police signed for (a receiver stream each). */
export const RECEIVED_TRANSFERS = (TRANSFER_COUNT * 3) / 4;
/**
 * Events on both streams of a transfer that stopped at a stage: proposed + approved; + receipt
 * signed and noted by the sender; + accepted and noted, handed over and noted by police; + result
 * recorded and noted. Checked after the seed: a decider that emits otherwise fails it loudly.
 */
const transferEventsAt: Readonly<Record<TransferStage, number>> = { SENT: 2, RECEIVED: 4, HANDED_OVER: 8, RESULT_RECORDED: 10 };
/** Events on case streams (the catch-up reads these); the rest are on transfer streams. */
export const CASE_STREAM_EVENTS = TOTAL_EVENTS - stages.reduce((sum, stage) => sum + (transferEventsAt[stage] * TRANSFER_COUNT) / stages.length, 0);
/** Evidence records of a case: 96, or what a transferred case has room for beside its transfer and CaseTransferred. */
const evidenceCountOf = (n: number) => {
  const stage = transferStageOf(n);
  return stage ? EVENTS_PER_CASE - 3 - transferEventsAt[stage] : EVENTS_PER_CASE - 4;
};

type Actor = { name: string; roles: string[]; userId: string; agencyId: string };
const officer: Actor = { name: '帕丽旦·热合曼', roles: ['officer'], userId: 'u-amr-650100-officer', agencyId: 'amr-650100' };
const supervisor: Actor = { name: '周启航', roles: ['supervisor'], userId: 'u-amr-650100-supervisor', agencyId: 'amr-650100' };

/** Case `n` is registered 45 minutes after case n-1, from 2026-01-01, so a year holds many of them. */
const registeredAt = (n: number) => Date.parse('2026-01-01T00:00:00Z') + n * 45 * 60_000;
const atMinutes = (n: number, minutes: number) => new Date(registeredAt(n) + minutes * 60_000).toISOString();

/** The case events of case `n` appended at once: the shapes the case decider produces (see packages/domain). */
export const caseEvents = (n: number, caseId: string): NewEvent[] => {
  const at = (minutes: number) => atMinutes(n, minutes);
  const meta = (actor: Actor, minutes: number) => ({
    actor,
    commandId: null,
    occurredAt: at(minutes),
    causationId: null,
    correlationId: randomUUID(),
  });
  const s = n % SUBJECTS;
  const transferred = transferStageOf(n) !== null;
  // Transferred cases meet the criminal threshold; so does 1 closed case in 100 (以罚代刑).
  const threshold = transferred || n % 100 === 0;
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
  for (let e = 1; e <= evidenceCountOf(n); e += 1) {
    events.push({
      type: 'EvidenceRecorded',
      data: { kind: 'DOCUMENT', title: `购销记录 第${e}份`, caseId, evidenceId: `${caseId}-E${e}`, recordedAt: at(60 + e), description: null },
      metadata: meta(officer, 60 + e),
    });
  }
  if (transferred) return events;
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

const criminalMaterials = [
  { kind: 'TRANSFER_LETTER', title: '涉嫌犯罪案件移送书' },
  { kind: 'INVESTIGATION_REPORT', title: '涉嫌犯罪案件情况的调查报告' },
  { kind: 'SEIZED_ITEMS_LIST', title: '涉案物品清单' },
  { kind: 'TEST_REPORT', title: '药品检验报告书' },
];

/**
 * Both sides' transfer services on the store, with a clock each command sets (the business time
 * of the step, as the demo seed pins the platform clock), and the mapping each side's relay uses.
 */
const transferSides = (store: EventStore, sql: SqlClient) => {
  const clock = new AsyncLocalStorage<string>();
  const common = {
    store,
    sql,
    directory: demoDirectory,
    rules: createAccessRules((id) => demoDirectory.get(id)),
    logger: pino({ level: 'silent' }),
    now: () => clock.getStore() ?? new Date().toISOString(),
  };
  const side = (serviceName: string, kind: 'MARKET_REGULATION' | 'POLICE', schema: string) => ({
    serviceName,
    service: createTransferService({ ...common, schema, agencyKinds: [kind] }),
    messages: createTransferIntegrationMessages({ source: `/xianjie/${serviceName}`, agencyKinds: [kind], directory: demoDirectory }),
  });
  return { clock, sender: side('market-regulation', 'MARKET_REGULATION', CASES_SCHEMA), receiver: side('police', 'POLICE', POLICE_SCHEMA) };
};

type Side = ReturnType<typeof transferSides>['sender'];

/** The one public message of a recorded transfer event, as the side's relay publishes it. */
const messageOf = (side: Side, event: RecordedEvent) => {
  const [out] = side.messages(event);
  if (!out) throw new Error(`${event.type} on ${event.streamId} has no public message`);
  return out.message;
};

/** What the other side's consumer does with a fact: note it on its own stream of the transfer (transferConsumer.ts). */
const noteOn = async (on: Side, from: Side, event: RecordedEvent, noteSide: 'SENDER' | 'RECEIVER') => {
  const message = messageOf(from, event);
  const eventType = integrationEventNamed(message.type)!.eventType;
  const noted = await on.service.note({
    side: noteSide,
    transferId: String(event.data.transferId),
    fact: { type: eventType as Parameters<TransferService['note']>[0]['fact']['type'], data: message.data },
    messageId: message.id,
    correlationId: message.correlationid ?? null,
    serviceName: on.serviceName,
  });
  if (!noted || noted.events.length === 0) throw new Error(`${on.serviceName} did not note ${event.type} of ${event.streamId}`);
};

/** The transfer of case `n` up to its stage, through both sides' services; returns the events appended. */
const seedTransfer = async (sides: ReturnType<typeof transferSides>, store: EventStore, sql: SqlClient, n: number) => {
  const stage = transferStageOf(n)!;
  const caseId = caseIdOf(n);
  const { clock, sender, receiver } = sides;
  const correlationId = randomUUID();
  const as = (userId: string) => ({ principal: principalOf(userId), correlationId });
  const run = async (side: Side, minutes: number, name: Parameters<TransferService['execute']>[0], input: Record<string, unknown>, userId: string) =>
    clock.run(atMinutes(n, minutes), () => side.service.execute(name, { ...input, commandId: `bench-1m:${n}:${name}` }, as(userId)));
  const note = (on: Side, from: Side, event: RecordedEvent, minutes: number) =>
    clock.run(atMinutes(n, minutes), () => noteOn(on, from, event, on === sender ? 'SENDER' : 'RECEIVER'));

  const proposed = await run(sender, 1440, 'proposeTransfer', {
    caseId,
    kind: 'CRIMINAL',
    toAgencyId: 'police-650100',
    reason: '未取得批准文号配制制剂，货值逾 20 万元，涉嫌妨害药品管理罪',
    materials: criminalMaterials,
    caseTeam: CASE_TEAM,
  }, officer.userId);
  const { transferId } = proposed;
  const approved = (await run(sender, 1440 + 180, 'approveTransfer', { transferId }, supervisor.userId)).events[0]!;
  let appended = 2;

  // The market-regulation reaction to the approval (caseTransferredReaction.ts): CaseTransferred, with its commandId.
  const sent = TransferApproved.parse(approved.data);
  const caseEventsSoFar = await store.readStream(caseStreamId(caseId));
  const at = atMinutes(n, 1440 + 181);
  const system = { userId: 'system:market-regulation', name: 'market-regulation', agencyId: 'amr-650100', roles: [] };
  const [transferred] = decideCase(
    { type: 'MarkTransferred', caseId, at, actor: system, transferId, kind: sent.kind, toAgencyId: sent.toAgency.id, transferredAt: sent.sentAt },
    foldCase(caseEventsSoFar.map((e) => ({ type: e.type, data: e.data }) as CaseEvent)),
  );
  await store.appendToStream(
    caseStreamId(caseId),
    [
      {
        type: transferred!.type,
        data: transferred!.data as Record<string, unknown>,
        metadata: { actor: system, occurredAt: at, correlationId, causationId: `${approved.streamId}@${approved.version}`, commandId: `case-transferred:${transferId}` },
      },
    ],
    { expectedVersion: caseEventsSoFar.length, commandId: `case-transferred:${transferId}` },
  );

  // Police's consumer keeps the sent transfer (its inbox until signed for).
  const sentMessage = messageOf(sender, approved);
  await receiver.service.incoming.record(sql, TransferApproved.parse(sentMessage.data), sentMessage.id);
  if (stage === 'SENT') return appended;

  const receipt = (await run(receiver, 1440 + 20 * 60, 'receiveTransfer', { transferId }, 'u-police-650100-officer')).events[0]!;
  await note(sender, receiver, receipt, 1440 + 20 * 60 + 1);
  appended += 2;
  if (stage === 'RECEIVED') return appended;

  const accepted = (await run(receiver, 3 * 1440, 'acceptTransfer', { transferId, documentNumber: `乌公（食药环）立字〔2026〕${n}号` }, 'u-police-650100-supervisor')).events[0]!;
  await note(sender, receiver, accepted, 3 * 1440 + 1);
  const handedOver = (await run(sender, 4 * 1440, 'handOverMaterials', { transferId, materials: [{ kind: 'SEIZED_ITEMS_LIST', title: '涉案物品移交清单' }] }, officer.userId)).events[0]!;
  await note(receiver, sender, handedOver, 4 * 1440 + 1);
  appended += 4;
  if (stage === 'HANDED_OVER') return appended;

  const result = (
    await run(receiver, 60 * 1440, 'recordTransferResult', { transferId, outcome: 'PROSECUTED', result: `已移送审查起诉（乌公诉字〔2026〕${n}号）` }, 'u-police-650100-officer')
  ).events[0]!;
  await note(sender, receiver, result, 60 * 1440 + 1);
  return appended + 2;
};

const countEvents = async (sql: SqlClient): Promise<number> => {
  const { rows } = await sql.query<{ n: bigint | null }>(
    `SELECT CASE WHEN to_regclass($1) IS NULL THEN NULL ELSE (SELECT count(*) FROM "${STORE_SCHEMA}".events) END AS n`,
    [`"${STORE_SCHEMA}".events`],
  );
  return rows[0]?.n === null || rows[0]?.n === undefined ? -1 : Number(rows[0].n);
};

const layoutOf = async (sql: SqlClient): Promise<string | null> => {
  const { rows } = await sql
    .query<{ layout: string }>(`SELECT layout FROM "${STORE_SCHEMA}".bench_layout`)
    .catch(() => ({ rows: [] as { layout: string }[] }));
  return rows[0]?.layout ?? null;
};

/** Runs `work(n)` for n in [0, count) on `WRITERS` concurrent loops, reporting every `every`. */
const inParallel = async (count: number, work: (n: number) => Promise<void>, report: (done: number) => void, every: number) => {
  let next = 0;
  let done = 0;
  await Promise.all(
    Array.from({ length: WRITERS }, async () => {
      for (let n = next++; n < count; n = next++) {
        await work(n);
        done += 1;
        if (done % every === 0) report(done);
      }
    }),
  );
};

/** Makes sure the 1,000,000-event store exists (seeding it when missing or wrong); returns whether it seeded. */
/**
 * After a bulk load PostgreSQL has no statistics and no visibility map for the new table, and
 * autovacuum gets to it later, in the middle of whatever is measured then (the first run after a
 * seed measured command p99 and query times 1.5–2× worse). Vacuum and analyze it once, as an
 * operator would after a load; a store that was vacuumed before is left alone.
 */
const settleStore = async (env: BenchEnv, sql: SqlClient) => {
  const { rows } = await sql.query<{ vacuumed: boolean }>(
    `SELECT (coalesce(last_vacuum, last_autovacuum) IS NOT NULL AND coalesce(last_analyze, last_autoanalyze) IS NOT NULL) AS vacuumed
       FROM pg_stat_user_tables WHERE schemaname = $1 AND relname = 'events'`,
    [STORE_SCHEMA],
  );
  if (rows[0]?.vacuumed) return;
  env.progress(`1M store: VACUUM (ANALYZE) after the load (once)`);
  await sql.exec(`VACUUM (ANALYZE) "${STORE_SCHEMA}".events, "${STORE_SCHEMA}".commands`); // no transaction block: one statement
};

export const ensureMillionStore = async (env: BenchEnv): Promise<{ seeded: boolean; seconds: number }> => {
  const sql = createPgClient({ connectionString: env.databaseUrl, max: WRITERS });
  try {
    const existing = await countEvents(sql).catch(() => -1);
    const layout = existing < 0 ? null : await layoutOf(sql);
    if (existing === TOTAL_EVENTS && layout === LAYOUT) {
      env.progress(`1M store: reusing ${STORE_SCHEMA} (${existing.toLocaleString('en-US')} events, ${layout})`);
      await settleStore(env, sql);
      return { seeded: false, seconds: 0 };
    }
    const found = existing < 0 ? 'missing' : `${existing.toLocaleString('en-US')} events, layout ${layout ?? 'unmarked'}`;
    env.progress(`1M store: ${found}; seeding ${CASE_COUNT.toLocaleString('en-US')} cases (${WRITERS} writers, one append each), then ${TRANSFER_COUNT.toLocaleString('en-US')} transfers`);
    await sql.exec([STORE_SCHEMA, ...SERVICE_SCHEMAS].map((s) => `DROP SCHEMA IF EXISTS "${s}" CASCADE`).join('; '));
    const store = createSqlEventStore({ client: sql, schema: STORE_SCHEMA });
    await store.migrate();
    const started = performance.now();
    let events = 0;
    await inParallel(
      CASE_COUNT,
      async (n) => {
        const caseId = caseIdOf(n);
        const batch = caseEvents(n, caseId);
        await store.appendToStream(`case-${caseId}`, batch, { expectedVersion: 'no_stream' });
        events += batch.length;
      },
      (done) => env.progress(`  seeded ${done.toLocaleString('en-US')} cases, ${events.toLocaleString('en-US')} events`),
      2_000,
    );
    const casesSeconds = (performance.now() - started) / 1000;

    const sides = transferSides(store, sql);
    await sides.receiver.service.incoming.migrate();
    const transferred = Array.from({ length: CASE_COUNT }, (_, n) => n).filter((n) => transferStageOf(n) !== null);
    const transfersStarted = performance.now();
    await inParallel(
      transferred.length,
      async (i) => void (events += 1 + (await seedTransfer(sides, store, sql, transferred[i]!))),
      (done) => env.progress(`  seeded ${done.toLocaleString('en-US')} transfers`),
      500,
    );
    const total = await countEvents(sql);
    if (total !== TOTAL_EVENTS) {
      throw new Error(
        `the seed appended ${total} events, not ${TOTAL_EVENTS} (counted ${events}): a transfer step emits other events than millionStore.ts's transferEventsAt expects`,
      );
    }
    await sql.exec(`CREATE TABLE "${STORE_SCHEMA}".bench_layout (layout text NOT NULL); INSERT INTO "${STORE_SCHEMA}".bench_layout VALUES ('${LAYOUT}')`);
    await settleStore(env, sql);
    const seconds = (performance.now() - started) / 1000;
    env.progress(
      `1M store: seeded in ${seconds.toFixed(0)} s (cases ${casesSeconds.toFixed(0)} s, transfers ${((performance.now() - transfersStarted) / 1000).toFixed(0)} s)`,
    );
    return { seeded: true, seconds };
  } finally {
    await sql.close();
  }
};
