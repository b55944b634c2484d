/**
 * The inbox of an idempotent consumer: the ids of the messages it applied, recorded in the same
 * SQL transaction as the effect, so a redelivered message (at-least-once bus, relay replay after a
 * crash) has no second effect.
 *
 * The row is inserted first: a concurrent delivery of the same id waits on the primary key until
 * the first transaction ends, then finds the row and skips; a rolled-back effect leaves no row.
 */
import type { SqlClient } from '@xianjie/event-store';
import { quoteSchema } from './sqlIdentifiers.ts';

export interface InboxOptions {
  sql: SqlClient;
  /** The service's schema, beside its read models. */
  schema: string;
  /** Who consumes: a handler name, e.g. `police.transfer-sent`. Ids are unique per consumer. */
  consumer: string;
}

export interface HandleOnceResult {
  /** False when the id was already recorded and `fn` did not run. */
  applied: boolean;
}

export interface Inbox {
  /** Creates `<schema>.inbox` when missing; safe at every start. */
  migrate(): Promise<void>;
  /** Runs `fn` and records `messageId` in one transaction, unless the id is already recorded. */
  handleOnce(messageId: string, fn: (tx: SqlClient) => Promise<void>): Promise<HandleOnceResult>;
  /** Whether `messageId` was applied by this consumer. */
  has(messageId: string): Promise<boolean>;
}

export const inboxTableSql = (schema: string): string => {
  const s = quoteSchema(schema);
  return `CREATE SCHEMA IF NOT EXISTS ${s};
CREATE TABLE IF NOT EXISTS ${s}.inbox (
  consumer text NOT NULL,
  message_id text NOT NULL,
  processed_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (consumer, message_id)
);`;
};

export const createInbox = (options: InboxOptions): Inbox => {
  const { sql, consumer } = options;
  const s = quoteSchema(options.schema);
  return {
    async migrate() {
      await sql.exec(inboxTableSql(options.schema));
    },
    handleOnce: (messageId, fn) =>
      sql.transaction(async (tx) => {
        const { rows } = await tx.query(
          `INSERT INTO ${s}.inbox (consumer, message_id) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING message_id`,
          [consumer, messageId],
        );
        if (rows.length === 0) return { applied: false };
        await fn(tx);
        return { applied: true };
      }),
    async has(messageId) {
      const { rows } = await sql.query(`SELECT 1 FROM ${s}.inbox WHERE consumer = $1 AND message_id = $2`, [consumer, messageId]);
      return rows.length > 0;
    },
  };
};
