/**
 * What the proofs read straight from the event store's tables (never through the API under test):
 * how many events there are, and which commands appended them. Works on PGlite and PostgreSQL.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export interface StoreProbe {
  /**
   * Every event callers append: not the reminders the platform's scheduler records on its own clock
   * (`notifications-` streams, decision 0018), which may land while a request is answered.
   */
  eventCount(): Promise<number>;
  /** Events of one stream. */
  streamLength(streamId: string): Promise<number>;
  /** Events appended per commandId (ids with no event are absent). */
  eventsByCommand(commandIds: readonly string[]): Promise<Map<string, number>>;
  /** The commands table's row per commandId (the idempotency record). */
  commandRows(commandIds: readonly string[]): Promise<Map<string, number>>;
}

/** The one method of the platform's SQL client (or a pg client wrapped) the probe uses. */
export interface SqlQuery {
  query<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<{ rows: T[] }>;
}

export const storeProbe = (sql: SqlQuery, schemaPrefix = ''): StoreProbe => {
  const s = `"${schemaPrefix}xianjie"`;
  const count = async (text: string, params: unknown[] = []) =>
    Number((await sql.query<{ n: string | number }>(text, params)).rows[0]!.n);
  const grouped = async (text: string, ids: readonly string[]) => {
    const rows = (await sql.query<{ id: string; n: string | number }>(text, [[...ids]])).rows;
    return new Map(rows.map((r) => [r.id, Number(r.n)]));
  };
  return {
    eventCount: () => count(`SELECT count(*) AS n FROM ${s}.events WHERE stream_id NOT LIKE 'notifications-%'`),
    streamLength: (streamId) => count(`SELECT count(*) AS n FROM ${s}.events WHERE stream_id = $1`, [streamId]),
    eventsByCommand: (ids) =>
      grouped(`SELECT metadata->>'commandId' AS id, count(*) AS n FROM ${s}.events WHERE metadata->>'commandId' = ANY($1) GROUP BY 1`, ids),
    commandRows: (ids) => grouped(`SELECT command_id AS id, count(*) AS n FROM ${s}.commands WHERE command_id = ANY($1) GROUP BY 1`, ids),
  };
};

/**
 * The `extensions.code` values docs/DESIGN.md documents: the backticked codes of §4's "Errors"
 * bullet, read from the document itself, so a code documented there later is accepted here and
 * a code the API invents without documenting it is caught.
 */
export const documentedCodes = (): ReadonlySet<string> => {
  const design = readFileSync(fileURLToPath(new URL('../../docs/DESIGN.md', import.meta.url)), 'utf8');
  const start = design.indexOf('- Errors: `extensions.code`');
  if (start < 0) throw new Error('docs/DESIGN.md has no "- Errors: `extensions.code`" bullet any more: update test/proofs/storeProbe.ts');
  const rest = design.slice(start + 2);
  const end = rest.search(/\n- |\n\n/);
  const bullet = end < 0 ? rest : rest.slice(0, end);
  return new Set([...bullet.matchAll(/`([A-Z][A-Z_]{2,})`/g)].map((m) => m[1]!));
};
