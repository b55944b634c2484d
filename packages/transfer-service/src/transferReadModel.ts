import { statusAsOf } from '@xianjie/contracts';
import type { AgencyKind, Deadline, Material, TransferEvent } from '@xianjie/contracts';
import { createReceiverDecider, createSenderDecider } from '@xianjie/domain';
import type { Transfer, TransferDeciderOptions, TransferSide, TransferState } from '@xianjie/domain';
import type { RecordedEvent, SqlClient, SqlProjection } from '@xianjie/event-store';
import { performanceParts } from './agencyPerformance.ts';
import type { AgencyPerformancePart } from './agencyPerformance.ts';
import { awaitingFeedbackOf, byOldestSent } from './awaitingFeedback.ts';
import type { AwaitingFeedback } from './awaitingFeedback.ts';

/**
 * The transfer read model of one service: one row per transfer stream it owns (the sender's
 * `transfer-out-<id>` of its agencies, the receiver's `transfer-in-<id>` of its agencies). The row
 * keeps the folded state (the deciders' own evolve, so status and deadlines mean what the domain
 * says) and the columns lists filter on. Built only from the store; rebuildable.
 */
export interface TransferRow {
  id: string;
  side: TransferSide;
  streamId: string;
  kind: string;
  status: string;
  caseId: string;
  fromAgencyId: string;
  toAgencyId: string;
  reason: string;
  materials: Material[];
  deadlines: Deadline[];
  version: number;
  /** When it was sent and signed for, as the row's side knows (lists show them without a fold). */
  sentAt: string | null;
  receivedAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface TransferProjectionOptions {
  schema: string;
  agencyKinds: readonly AgencyKind[];
  decider?: TransferDeciderOptions;
}

const sideOf = (streamId: string): { side: TransferSide; id: string } | null => {
  if (streamId.startsWith('transfer-out-')) return { side: 'SENDER', id: streamId.slice('transfer-out-'.length) };
  if (streamId.startsWith('transfer-in-')) return { side: 'RECEIVER', id: streamId.slice('transfer-in-'.length) };
  return null;
};

interface Folded {
  isNew: boolean;
  state: Transfer;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export const createTransferProjection = (options: TransferProjectionOptions): SqlProjection => {
  const { schema } = options;
  const kinds = new Set<string>(options.agencyKinds);
  const table = `"${schema}".transfers`;
  const deciders = { SENDER: createSenderDecider(options.decider), RECEIVER: createReceiverDecider(options.decider) };

  const applyBatch = async (tx: SqlClient, events: RecordedEvent[]) => {
    const keys = [...new Set(events.map((e) => e.streamId))].flatMap((streamId) => {
      const key = sideOf(streamId);
      return key ? [{ ...key, streamId }] : [];
    });
    if (keys.length === 0) return;
    const { rows } = await tx.query<Record<string, unknown>>(
      `SELECT id, side, state, version, created_at FROM ${table}
        WHERE (id, side) IN (SELECT * FROM unnest($1::text[], $2::text[]))`,
      [keys.map((k) => k.id), keys.map((k) => k.side)],
    );
    const folded = new Map<string, Folded>();
    for (const r of rows) {
      const streamId = `${r.side === 'SENDER' ? 'transfer-out-' : 'transfer-in-'}${String(r.id)}`;
      folded.set(streamId, {
        isNew: false,
        state: r.state as Transfer,
        version: Number(r.version),
        createdAt: iso(r.created_at),
        updatedAt: iso(r.created_at),
      });
    }
    const touched = new Set<string>();
    for (const recorded of events) {
      const key = sideOf(recorded.streamId);
      if (!key) continue;
      const row = folded.get(recorded.streamId);
      if (row && recorded.version <= row.version) continue; // already applied
      const event = { type: recorded.type, data: recorded.data } as TransferEvent;
      const evolve = deciders[key.side].evolve;
      if (!row) {
        // A stream is this service's when the agency that started it is of its kinds.
        if (recorded.version !== 1) continue;
        const owner =
          event.type === 'TransferProposed' ? event.data.fromAgency : event.type === 'TransferReceiptSigned' ? event.data.toAgency : null;
        if (!owner || !kinds.has(owner.kind)) continue;
        const state = evolve({ status: 'NONE' } as TransferState, event) as Transfer;
        const at = recorded.metadata.occurredAt;
        folded.set(recorded.streamId, { isNew: true, state, version: recorded.version, createdAt: at, updatedAt: at });
      } else {
        row.state = evolve(row.state, event) as Transfer;
        row.version = recorded.version;
        row.updatedAt = recorded.metadata.occurredAt;
      }
      touched.add(recorded.streamId);
    }
    const changed = [...touched].map((streamId) => ({ streamId, row: folded.get(streamId)! }));
    if (changed.length === 0) return;
    await tx.query(
      `INSERT INTO ${table} (id, side, stream_id, kind, status, case_id, from_agency_id, to_agency_id, reason, materials,
          deadlines, state, version, created_at, updated_at)
       SELECT id, side, stream_id, kind, status, case_id, from_agency_id, to_agency_id, reason, materials,
          deadlines, state, version, created_at, updated_at
         FROM jsonb_to_recordset($1::jsonb) AS r (id text, side text, stream_id text, kind text, status text, case_id text,
           from_agency_id text, to_agency_id text, reason text, materials jsonb, deadlines jsonb, state jsonb,
           version integer, created_at timestamptz, updated_at timestamptz)
       ON CONFLICT (id, side) DO UPDATE SET status = excluded.status, to_agency_id = excluded.to_agency_id,
          materials = excluded.materials, deadlines = excluded.deadlines, state = excluded.state,
          version = excluded.version, updated_at = excluded.updated_at`,
      [
        JSON.stringify(
          changed.map(({ streamId, row }) => ({
            id: row.state.transferId,
            side: row.state.side,
            stream_id: streamId,
            kind: row.state.kind,
            status: row.state.status,
            case_id: row.state.caseId,
            from_agency_id: row.state.fromAgency.id,
            to_agency_id: row.state.toAgency.id,
            reason: row.state.reason,
            materials: row.state.materials,
            deadlines: row.state.deadlines,
            state: row.state,
            version: row.version,
            created_at: row.createdAt,
            updated_at: row.updatedAt,
          })),
        ),
      ],
    );
  };

  return {
    name: `${schema}.transfers`,
    // Bump on any change to this read model's tables or apply logic: the projector then rebuilds it.
    version: 1,
    streamPrefixes: ['transfer-'],
    async migrate(sql) {
      await sql.exec(`CREATE SCHEMA IF NOT EXISTS "${schema}";
        CREATE TABLE IF NOT EXISTS ${table} (
          id text NOT NULL,
          side text NOT NULL,
          stream_id text NOT NULL,
          kind text NOT NULL,
          status text NOT NULL,
          case_id text NOT NULL,
          from_agency_id text NOT NULL,
          to_agency_id text NOT NULL,
          reason text NOT NULL,
          materials jsonb NOT NULL,
          deadlines jsonb NOT NULL,
          state jsonb NOT NULL,
          version integer NOT NULL,
          created_at timestamptz NOT NULL,
          updated_at timestamptz NOT NULL,
          PRIMARY KEY (id, side));
        CREATE INDEX IF NOT EXISTS transfers_from_idx ON ${table} (from_agency_id, created_at DESC, id DESC);
        CREATE INDEX IF NOT EXISTS transfers_to_idx ON ${table} (to_agency_id, created_at DESC, id DESC);
        CREATE INDEX IF NOT EXISTS transfers_case_idx ON ${table} (case_id);`);
    },
    async reset(tx) {
      await tx.exec(`TRUNCATE ${table};`);
    },
    apply: (tx, event) => applyBatch(tx, [event]),
    applyBatch,
  };
};

export interface TransferListFilter {
  /** The agencies whose transfers are listed (the principal's, decided by access rules). */
  agencyIds: readonly string[];
  /** INCOMING: received by them (receiver streams); OUTGOING: sent by them (sender streams). */
  direction: 'INCOMING' | 'OUTGOING';
  kind?: string;
  status?: string[];
  /** Only transfers with a DUTY step overdue at this time. */
  overdueAsOf?: string;
}

/** Keyset cursor: newest first by (created_at, id). */
export interface TransferCursor {
  createdAt: string;
  id: string;
}

export interface TransferPage {
  rows: TransferRow[];
  hasMore: boolean;
}

export interface OverdueStep {
  transfer: TransferRow;
  step: string;
  /** Who owns the step. */
  party: TransferSide;
  /** The agency that owns the step. */
  agencyId: string;
  dueAt: string;
  legalBasis: string;
}

/** A transfer the sender still follows (首办负责制), as of a time: see awaitingFeedback.ts. */
export type AwaitingFeedbackItem = AwaitingFeedback<TransferRow>;

export const createTransferQueries = (sql: SqlClient, schema: string) => {
  const table = `"${schema}".transfers`;
  const incomingTable = `"${schema}".incoming_transfers`;
  const columns = `id, side, stream_id, kind, status, case_id, from_agency_id, to_agency_id, reason, materials,
      deadlines, version, state->>'sentAt' AS sent_at, state->>'receivedAt' AS received_at, created_at, updated_at`;
  const select = `SELECT ${columns} FROM ${table}`;
  const selectWithState = `SELECT ${columns}, state FROM ${table}`;
  /** A business timestamp of the state by its keys (`'result', 'recordedAt'`): text, and as timestamptz. */
  const text = (...keys: string[]) => `state${keys.map((k, i) => `${i === keys.length - 1 ? '->>' : '->'}'${k}'`).join('')}`;
  const at = (...keys: string[]) => `(${text(...keys)})::timestamptz`;
  /** Not happened as of the parameter `p` (no such fact, or later). */
  const notBy = (p: string, ...keys: string[]) => `(${text(...keys)} IS NULL OR ${at(...keys)} > ${p}::timestamptz)`;
  return {
    async getTransfer(id: string, side: TransferSide): Promise<TransferRow | null> {
      const { rows } = await sql.query<Record<string, unknown>>(`${select} WHERE id = $1 AND side = $2`, [id, side]);
      return rows[0] ? toRow(rows[0]) : null;
    },
    /** The transfers of a case (the sender's rows: a case belongs to the sending agency). */
    async transfersOfCase(caseId: string): Promise<TransferRow[]> {
      const { rows } = await sql.query<Record<string, unknown>>(
        `${select} WHERE case_id = $1 AND side = 'SENDER' ORDER BY created_at, id`,
        [caseId],
      );
      return rows.map(toRow);
    },
    async listTransfers(filter: TransferListFilter, limit: number, after?: TransferCursor | null): Promise<TransferPage> {
      const params: unknown[] = [];
      const param = (value: unknown) => {
        params.push(value);
        return `$${params.length}`;
      };
      const agencies = param(filter.agencyIds);
      // INCOMING also lists what was sent to the agency and not yet signed for (its stream starts at
      // the receipt): from incoming_transfers, status SENT, with the receipt's clock.
      const source =
        filter.direction === 'OUTGOING'
          ? `SELECT ${columns} FROM ${table} WHERE side = 'SENDER' AND from_agency_id = ANY(${agencies}::text[])`
          : `SELECT ${columns} FROM ${table} WHERE side = 'RECEIVER' AND to_agency_id = ANY(${agencies}::text[])
             UNION ALL
             SELECT i.transfer_id, 'RECEIVER', 'transfer-in-' || i.transfer_id, i.kind, 'SENT', i.sent->>'caseId',
                    i.from_agency_id, i.to_agency_id, i.sent->>'reason', i.sent->'materials', i.deadlines, 0,
                    i.sent->>'sentAt', NULL, i.sent_at, i.sent_at
               FROM ${incomingTable} i
              WHERE i.to_agency_id = ANY(${agencies}::text[])
                AND NOT EXISTS (SELECT 1 FROM ${table} t WHERE t.id = i.transfer_id AND t.side = 'RECEIVER')`;
      const where: string[] = [];
      if (filter.kind) where.push(`kind = ${param(filter.kind)}`);
      if (filter.status?.length) where.push(`status = ANY(${param(filter.status)}::text[])`);
      if (filter.overdueAsOf) {
        // statusAsOf(d, asOf) === 'OVERDUE', in SQL so pages stay exact; checked again below.
        const p = param(filter.overdueAsOf);
        where.push(`EXISTS (SELECT 1 FROM jsonb_array_elements(deadlines) d
          WHERE d->>'obligation' = 'DUTY' AND (d->>'dueAt')::timestamptz < ${p}::timestamptz
            AND (d->>'metAt' IS NULL OR (d->>'metAt')::timestamptz > ${p}::timestamptz))`);
      }
      if (after) where.push(`(created_at, id) < (${param(after.createdAt)}::timestamptz, ${param(after.id)})`);
      const { rows } = await sql.query<Record<string, unknown>>(
        `SELECT * FROM (${source}) AS listed ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
          ORDER BY created_at DESC, id DESC LIMIT ${param(limit + 1)}`,
        params,
      );
      const page = rows.map(toRow);
      const asOf = filter.overdueAsOf;
      const matching = asOf ? page.filter((r) => r.deadlines.some((d) => statusAsOf(d, asOf) === 'OVERDUE')) : page;
      return { rows: matching.slice(0, limit), hasMore: rows.length > limit };
    },
    /**
     * Every DUTY step overdue at `asOf` that one of `agencyIds` owns, taken from the owner's own
     * stream (the sender's row for sender steps, the receiver's for receiver steps), earliest due first.
     */
    async overdueSteps(agencyIds: readonly string[], asOf: string): Promise<OverdueStep[]> {
      const { rows } = await sql.query<Record<string, unknown>>(
        // Only rows with some DUTY step overdue at asOf (statusAsOf's rule, in SQL): the others
        // never leave the database; the rows found are checked again below, step by step.
        `${select} WHERE ((side = 'SENDER' AND (from_agency_id = ANY($1::text[]) OR to_agency_id = ANY($1::text[])))
                      OR (side = 'RECEIVER' AND to_agency_id = ANY($1::text[])))
           AND EXISTS (SELECT 1 FROM jsonb_array_elements(deadlines) d
                        WHERE d->>'obligation' = 'DUTY' AND (d->>'dueAt')::timestamptz < $2::timestamptz
                          AND (d->>'metAt' IS NULL OR (d->>'metAt')::timestamptz > $2::timestamptz))`,
        [agencyIds, asOf],
      );
      const wanted = new Set(agencyIds);
      return rows
        .map(toRow)
        .flatMap((transfer) =>
          transfer.deadlines
            // A step is read from its owner's stream; the receipt is the exception: until it is
            // signed the receiver has no stream, so only the sender's knows it is due.
            .filter((d) => d.party === transfer.side || (d.step === 'signReceipt' && transfer.side === 'SENDER'))
            .filter((d) => statusAsOf(d, asOf) === 'OVERDUE')
            .flatMap((d) => {
              const agencyId = d.party === 'SENDER' ? transfer.fromAgencyId : transfer.toAgencyId;
              if (!wanted.has(agencyId)) return [];
              return [{ transfer, step: d.step, party: d.party, agencyId, dueAt: d.dueAt, legalBasis: d.legalBasis }];
            }),
        )
        .sort((a, b) => Date.parse(a.dueAt) - Date.parse(b.dueAt) || a.transfer.id.localeCompare(b.transfer.id));
    },
    /**
     * The transfers sent by `agencyIds` still awaiting feedback as of `asOf` (首办负责制), from the
     * sender's rows, oldest sentAt first. The SQL keeps the rows sent by asOf and not fed back,
     * closed or returned by then; `awaitingFeedbackOf` judges each (and its stage) again.
     */
    async awaitingFeedback(agencyIds: readonly string[], asOf: string): Promise<AwaitingFeedbackItem[]> {
      const { rows } = await sql.query<Record<string, unknown>>(
        `${selectWithState} WHERE side = 'SENDER' AND from_agency_id = ANY($1::text[])
           AND ${at('sentAt')} <= $2::timestamptz AND ${notBy('$2', 'result', 'recordedAt')}
           AND ${notBy('$2', 'closed', 'closedAt')} AND ${notBy('$2', 'returned', 'returnedAt')}`,
        [agencyIds, asOf],
      );
      return rows
        .flatMap((r) => {
          const item = awaitingFeedbackOf(toRow(r), r.state as Transfer, asOf);
          return item ? [item] : [];
        })
        .sort(byOldestSent);
    },
    /**
     * This service's partial figures of agency performance over [from, to) for `agencyIds` (see
     * agencyPerformance.ts). The SQL only narrows: sender rows sent in the period by or to the
     * agencies, and rows with a DUTY step due in the period and not met by its due time.
     */
    async performanceParts(agencyIds: readonly string[], from: string, to: string): Promise<AgencyPerformancePart[]> {
      const dueInPeriod = `EXISTS (SELECT 1 FROM jsonb_array_elements(deadlines) d
          WHERE d->>'obligation' = 'DUTY' AND (d->>'dueAt')::timestamptz >= $2::timestamptz AND (d->>'dueAt')::timestamptz < $3::timestamptz
            AND (d->>'metAt' IS NULL OR (d->>'metAt')::timestamptz > (d->>'dueAt')::timestamptz))`;
      // A forwarded transfer's earlier receivers own steps too: keep those rows whatever the receiver now.
      const forwarded = `jsonb_array_length(state->'forwards') > 0`;
      const { rows } = await sql.query<Record<string, unknown>>(
        `SELECT side, from_agency_id, to_agency_id, deadlines, state FROM ${table}
          WHERE (side = 'SENDER' AND (from_agency_id = ANY($1::text[]) OR to_agency_id = ANY($1::text[]) OR ${forwarded})
                 AND ((${at('sentAt')} >= $2::timestamptz AND ${at('sentAt')} < $3::timestamptz) OR ${dueInPeriod}))
             OR (side = 'RECEIVER' AND (to_agency_id = ANY($1::text[]) OR ${forwarded}) AND ${dueInPeriod})`,
        [agencyIds, from, to],
      );
      return performanceParts(
        rows.map((r) => ({
          side: r.side as TransferSide,
          fromAgencyId: String(r.from_agency_id),
          toAgencyId: String(r.to_agency_id),
          deadlines: r.deadlines as Deadline[],
          state: r.state as Transfer,
        })),
        { agencyIds, from, to },
      );
    },
  };
};

export type TransferQueries = ReturnType<typeof createTransferQueries>;

const iso = (value: unknown): string => (value instanceof Date ? value.toISOString() : new Date(String(value)).toISOString());

const toRow = (r: Record<string, unknown>): TransferRow => ({
  id: String(r.id),
  side: r.side as TransferSide,
  streamId: String(r.stream_id),
  kind: String(r.kind),
  status: String(r.status),
  caseId: String(r.case_id),
  fromAgencyId: String(r.from_agency_id),
  toAgencyId: String(r.to_agency_id),
  reason: String(r.reason),
  materials: r.materials as Material[],
  deadlines: r.deadlines as Deadline[],
  version: Number(r.version),
  sentAt: r.sent_at == null ? null : String(r.sent_at),
  receivedAt: r.received_at == null ? null : String(r.received_at),
  createdAt: iso(r.created_at),
  updatedAt: iso(r.updated_at),
});
