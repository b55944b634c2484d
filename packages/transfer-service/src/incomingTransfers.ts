import type { SqlClient } from '@xianjie/event-store';
import { advanceDeadlines, defaultWorkingCalendar, transferPolicies } from '@xianjie/contracts';
import type { Deadline, TransferApproved, TransferKind, TransferPolicy, WorkingCalendar } from '@xianjie/contracts';

/**
 * Transfers sent to this service's agencies and not necessarily received yet: the data of each
 * `xianjie.transfer.sent.v1` message addressed to one of them, kept so the first ReceiveTransfer
 * carries the transfer as sent (the receiver's stream starts at the receipt). Written by the
 * transfer consumer inside its inbox transaction; nothing else writes it.
 */
export interface IncomingTransfer {
  transferId: string;
  kind: string;
  fromAgencyId: string;
  toAgencyId: string;
  /** The TransferApproved data as published. */
  sent: TransferApproved;
  sentAt: string;
  messageId: string;
  /** The clocks the sending started (the receipt is due), for the inbox before the receipt. */
  deadlines: Deadline[];
}

export const createIncomingTransfers = (
  sql: SqlClient,
  schema: string,
  options: { calendar?: WorkingCalendar; policies?: Readonly<Record<TransferKind, TransferPolicy>> } = {},
) => {
  const table = `"${schema}".incoming_transfers`;
  const calendar = options.calendar ?? defaultWorkingCalendar;
  const policies = options.policies ?? transferPolicies;
  return {
    async migrate(): Promise<void> {
      await sql.exec(`CREATE SCHEMA IF NOT EXISTS "${schema}";
        CREATE TABLE IF NOT EXISTS ${table} (
          transfer_id text PRIMARY KEY,
          kind text NOT NULL,
          from_agency_id text NOT NULL,
          to_agency_id text NOT NULL,
          sent jsonb NOT NULL,
          sent_at timestamptz NOT NULL,
          message_id text NOT NULL);
        ALTER TABLE ${table} ADD COLUMN IF NOT EXISTS deadlines jsonb NOT NULL DEFAULT '[]';
        CREATE INDEX IF NOT EXISTS incoming_transfers_to_idx ON ${table} (to_agency_id, sent_at DESC);`);
    },
    /** Records a sent transfer (first message wins: a transfer is sent once). `tx` is the inbox's transaction. */
    async record(tx: SqlClient, sent: TransferApproved, messageId: string): Promise<void> {
      const deadlines = advanceDeadlines([], policies[sent.kind], { type: 'TransferApproved', data: sent }, calendar);
      await tx.query(
        `INSERT INTO ${table} (transfer_id, kind, from_agency_id, to_agency_id, sent, sent_at, message_id, deadlines)
         VALUES ($1, $2, $3, $4, $5::jsonb, $6, $7, $8::jsonb) ON CONFLICT (transfer_id) DO NOTHING`,
        [sent.transferId, sent.kind, sent.fromAgency.id, sent.toAgency.id, JSON.stringify(sent), sent.sentAt, messageId, JSON.stringify(deadlines)],
      );
    },
    async get(transferId: string): Promise<IncomingTransfer | null> {
      const { rows } = await sql.query<Record<string, unknown>>(`SELECT * FROM ${table} WHERE transfer_id = $1`, [transferId]);
      return rows[0] ? toIncoming(rows[0]) : null;
    },
    /** Sent to these agencies, newest first. */
    async listFor(agencyIds: readonly string[]): Promise<IncomingTransfer[]> {
      const { rows } = await sql.query<Record<string, unknown>>(
        `SELECT * FROM ${table} WHERE to_agency_id = ANY($1::text[]) ORDER BY sent_at DESC, transfer_id DESC`,
        [agencyIds],
      );
      return rows.map(toIncoming);
    },
  };
};

export type IncomingTransfers = ReturnType<typeof createIncomingTransfers>;

const toIncoming = (r: Record<string, unknown>): IncomingTransfer => ({
  transferId: String(r.transfer_id),
  kind: String(r.kind),
  fromAgencyId: String(r.from_agency_id),
  toAgencyId: String(r.to_agency_id),
  sent: r.sent as TransferApproved,
  sentAt: r.sent_at instanceof Date ? r.sent_at.toISOString() : new Date(String(r.sent_at)).toISOString(),
  messageId: String(r.message_id),
  deadlines: (r.deadlines ?? []) as Deadline[],
});
