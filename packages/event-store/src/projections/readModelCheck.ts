import { randomBytes } from 'node:crypto';
import type { EventStore } from '../eventStore.ts';
import type { SqlClient } from '../sql/sqlClient.ts';
import type { SqlProjection } from './sqlProjector.ts';

/** One read model compared with the events it came from (decision 0011). */
export interface ReadModelCheck {
  /** The projection's name (`<schema>.<table>`). */
  name: string;
  consistent: boolean;
  /** Rows in the live tables. */
  rows: number;
  /** Rows the events give (the scratch rebuild). */
  expectedRows: number;
  /** The tables that differ (row count or row digest). */
  divergentTables: string[];
}

export interface ReadModelCheckOptions {
  store: EventStore;
  sql: SqlClient;
  /** The live read model's schema. */
  schema: string;
  /** The projection for a schema: the live one and a scratch copy are built from the same code. */
  projectionFor: (schema: string) => SqlProjection;
  batchSize?: number;
}

interface TableDigest {
  rows: number;
  digest: string;
}

/**
 * Rebuilds the read model from the events into a scratch schema, up to the live read model's own
 * checkpoint, and compares every table of it with the live one: row count and a digest over the
 * rows (each row as JSON of the projection's columns, order-independent). The live checkpoint and
 * the live rows are read in one REPEATABLE READ snapshot, so a projector running meanwhile does not
 * make a consistent read model look divergent. The scratch schema is dropped afterwards.
 */
export const checkReadModel = async (options: ReadModelCheckOptions): Promise<ReadModelCheck> => {
  const { store, sql } = options;
  const live = options.projectionFor(options.schema);
  const scratchSchema = `${options.schema.slice(0, 40)}_check_${randomBytes(6).toString('hex')}`;
  const scratch = options.projectionFor(scratchSchema);
  const checkpoints = `"${options.schema}".projection_checkpoints`;
  await sql.exec(`CREATE SCHEMA "${scratchSchema}"`);
  try {
    await scratch.migrate(sql);
    const { rows: tableRows } = await sql.query<{ table_name: string }>(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = $1 ORDER BY table_name`,
      [scratchSchema],
    );
    const tables: { name: string; columns: string[] }[] = [];
    for (const { table_name: name } of tableRows) {
      const { rows } = await sql.query<{ column_name: string }>(
        `SELECT column_name FROM information_schema.columns WHERE table_schema = $1 AND table_name = $2 ORDER BY column_name`,
        [scratchSchema, name],
      );
      tables.push({ name, columns: rows.map((r) => r.column_name) });
    }

    const digest = async (client: SqlClient, schema: string): Promise<Map<string, TableDigest>> => {
      const out = new Map<string, TableDigest>();
      for (const table of tables) {
        const row = `jsonb_build_object(${table.columns.map((c) => `'${c}', t."${c}"`).join(', ')})::text`;
        const { rows } = await client.query<{ n: number; digest: string }>(
          `SELECT count(*)::int AS n, coalesce(md5(string_agg(md5(${row}), '' ORDER BY md5(${row}))), '') AS digest
             FROM "${schema}"."${table.name}" t`,
        );
        out.set(table.name, { rows: Number(rows[0]?.n ?? 0), digest: rows[0]?.digest ?? '' });
      }
      return out;
    };

    // The live side in one snapshot: its checkpoint and its rows agree with each other.
    const { target, liveDigests } = await sql.transaction(async (tx) => {
      await tx.exec('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ');
      const { rows } = await tx.query<{ checkpoint: string | null }>(
        `SELECT checkpoint FROM ${checkpoints} WHERE projection = $1`,
        [live.name],
      );
      return { target: rows[0]?.checkpoint ?? null, liveDigests: await digest(tx, options.schema) };
    });

    // The scratch side: every event of the projection's streams up to the live checkpoint.
    if (target !== null) {
      let after: string | null = null;
      for (let done = false; !done; ) {
        const page = await store.readAll({ after, limit: options.batchSize ?? 500, streamPrefixes: live.streamPrefixes });
        const upTo = page.events.findIndex((e) => e.checkpoint === target);
        const events = upTo >= 0 ? page.events.slice(0, upTo + 1) : page.events;
        if (events.length > 0) {
          await sql.transaction(async (tx) => {
            if (scratch.applyBatch) await scratch.applyBatch(tx, events);
            else for (const event of events) await scratch.apply(tx, event);
          });
        }
        after = page.checkpoint;
        done = upTo >= 0 || page.isEnd;
      }
    }
    const expected = await digest(sql, scratchSchema);

    let rows = 0;
    let expectedRows = 0;
    const divergentTables: string[] = [];
    for (const table of tables) {
      const l = liveDigests.get(table.name) as TableDigest;
      const e = expected.get(table.name) as TableDigest;
      rows += l.rows;
      expectedRows += e.rows;
      if (l.rows !== e.rows || l.digest !== e.digest) divergentTables.push(table.name);
    }
    return { name: live.name, consistent: divergentTables.length === 0, rows, expectedRows, divergentTables };
  } finally {
    await sql.exec(`DROP SCHEMA IF EXISTS "${scratchSchema}" CASCADE`);
  }
};
