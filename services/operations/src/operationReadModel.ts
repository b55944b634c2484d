import { evolveOperation } from '@xianjie/domain';
import type { Operation, OperationState } from '@xianjie/domain';
import type { OperationEvent } from '@xianjie/contracts';
import type { RecordedEvent, SqlClient, SqlProjection } from '@xianjie/event-store';

/**
 * The operations read model: one row per operation stream, holding the state folded by the
 * decider's own `evolve` (so statuses and the ledger mean what the domain says) and the columns
 * lists filter on. Built only from the store; rebuildable. Access is applied by the queries
 * (`operationQueries.ts`), never here: the row holds every group's targets.
 */
export interface OperationRow {
  id: string;
  streamId: string;
  title: string;
  status: string;
  leadAgencyId: string;
  participantAgencyIds: string[];
  startsOn: string;
  endsOn: string;
  state: Operation;
  version: number;
  createdAt: string;
  updatedAt: string;
}

const PREFIX = 'operation-';

export const createOperationProjection = (schema: string): SqlProjection => {
  const table = `"${schema}".operations`;

  const applyBatch = async (tx: SqlClient, events: RecordedEvent[]) => {
    const ids = [...new Set(events.filter((e) => e.streamId.startsWith(PREFIX)).map((e) => e.streamId.slice(PREFIX.length)))];
    if (ids.length === 0) return;
    const { rows } = await tx.query<Record<string, unknown>>(`SELECT id, state, version, created_at FROM ${table} WHERE id = ANY($1::text[])`, [ids]);
    const folded = new Map<string, { state: OperationState; version: number; createdAt: string; updatedAt: string }>();
    for (const r of rows) {
      const createdAt = iso(r.created_at);
      folded.set(String(r.id), { state: r.state as Operation, version: Number(r.version), createdAt, updatedAt: createdAt });
    }
    const touched = new Set<string>();
    for (const recorded of events) {
      if (!recorded.streamId.startsWith(PREFIX)) continue;
      const id = recorded.streamId.slice(PREFIX.length);
      const row = folded.get(id);
      if (row && recorded.version <= row.version) continue; // already applied
      if (!row && recorded.version !== 1) continue; // a stream seen from its middle: only a rebuild fixes it
      const event = { type: recorded.type, data: recorded.data } as OperationEvent;
      const at = recorded.metadata.occurredAt;
      if (!row) folded.set(id, { state: evolveOperation({ status: 'NONE' }, event), version: recorded.version, createdAt: at, updatedAt: at });
      else {
        row.state = evolveOperation(row.state, event);
        row.version = recorded.version;
        row.updatedAt = at;
      }
      touched.add(id);
    }
    const changed = [...touched].map((id) => ({ id, row: folded.get(id)! })).filter(({ row }) => row.state.status !== 'NONE');
    if (changed.length === 0) return;
    await tx.query(
      `INSERT INTO ${table} (id, stream_id, title, status, lead_agency_id, participant_agency_ids, starts_on, ends_on, state, version,
          created_at, updated_at)
       SELECT id, stream_id, title, status, lead_agency_id, participant_agency_ids, starts_on, ends_on, state, version, created_at, updated_at
         FROM jsonb_to_recordset($1::jsonb) AS r (id text, stream_id text, title text, status text, lead_agency_id text,
           participant_agency_ids text[], starts_on text, ends_on text, state jsonb, version integer, created_at timestamptz,
           updated_at timestamptz)
       ON CONFLICT (id) DO UPDATE SET status = excluded.status, state = excluded.state, version = excluded.version,
          updated_at = excluded.updated_at`,
      [
        JSON.stringify(
          changed.map(({ id, row }) => {
            const state = row.state as Operation;
            return {
              id,
              stream_id: `${PREFIX}${id}`,
              title: state.title,
              status: state.status,
              lead_agency_id: state.leadAgency.id,
              participant_agency_ids: state.participants.map((a) => a.id),
              starts_on: state.startsOn,
              ends_on: state.endsOn,
              state,
              version: row.version,
              created_at: row.createdAt,
              updated_at: row.updatedAt,
            };
          }),
        ),
      ],
    );
  };

  return {
    name: `${schema}.operations`,
    // Bump on any change to this read model's tables or apply logic: the projector then rebuilds it.
    // 2: the state holds 自查自纠 reports, 核查意见, 反弹 and the commission's review (issue 14 item 8).
    version: 2,
    streamPrefixes: [PREFIX],
    async migrate(sql) {
      await sql.exec(`CREATE SCHEMA IF NOT EXISTS "${schema}";
        CREATE TABLE IF NOT EXISTS ${table} (
          id text PRIMARY KEY,
          stream_id text NOT NULL,
          title text NOT NULL,
          status text NOT NULL,
          lead_agency_id text NOT NULL,
          participant_agency_ids text[] NOT NULL,
          starts_on text NOT NULL,
          ends_on text NOT NULL,
          state jsonb NOT NULL,
          version integer NOT NULL,
          created_at timestamptz NOT NULL,
          updated_at timestamptz NOT NULL);
        CREATE INDEX IF NOT EXISTS operations_participants_idx ON ${table} USING gin (participant_agency_ids);`);
    },
    async reset(tx) {
      await tx.exec(`TRUNCATE ${table};`);
    },
    apply: (tx, event) => applyBatch(tx, [event]),
    applyBatch,
  };
};

/** The read model's rows, without access: the queries with access are in `operationQueries.ts`. */
export const createOperationRows = (sql: SqlClient, schema: string) => {
  const table = `"${schema}".operations`;
  const columns = `id, stream_id, title, status, lead_agency_id, participant_agency_ids, starts_on, ends_on, state, version, created_at, updated_at`;
  return {
    async get(id: string): Promise<OperationRow | null> {
      const { rows } = await sql.query<Record<string, unknown>>(`SELECT ${columns} FROM ${table} WHERE id = $1`, [id]);
      return rows[0] ? toRow(rows[0]) : null;
    },
    /** Every operation, newest first (the caller filters by access). */
    async list(filter: { status?: readonly string[] } = {}): Promise<OperationRow[]> {
      const { rows } = await sql.query<Record<string, unknown>>(
        `SELECT ${columns} FROM ${table} ${filter.status?.length ? 'WHERE status = ANY($1::text[])' : ''} ORDER BY created_at DESC, id DESC`,
        filter.status?.length ? [filter.status] : [],
      );
      return rows.map(toRow);
    },
  };
};

export type OperationRows = ReturnType<typeof createOperationRows>;

const iso = (value: unknown): string => (value instanceof Date ? value.toISOString() : new Date(String(value)).toISOString());

const toRow = (r: Record<string, unknown>): OperationRow => ({
  id: String(r.id),
  streamId: String(r.stream_id),
  title: String(r.title),
  status: String(r.status),
  leadAgencyId: String(r.lead_agency_id),
  participantAgencyIds: r.participant_agency_ids as string[],
  startsOn: String(r.starts_on),
  endsOn: String(r.ends_on),
  state: r.state as Operation,
  version: Number(r.version),
  createdAt: iso(r.created_at),
  updatedAt: iso(r.updated_at),
});
