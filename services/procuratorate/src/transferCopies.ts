import type { Logger } from 'pino';
import { integrationEventNamed, TransferApproved, transferFactTimeFields } from '@xianjie/contracts';
import type { TransferFactType, TransferKind } from '@xianjie/contracts';
import { assertAllowed } from '@xianjie/auth';
import type { AccessRules, Principal } from '@xianjie/auth';
import type { SqlClient } from '@xianjie/event-store';
import type { IntegrationMessage } from '@xianjie/messaging';
import type { CopiedTransferFacts } from '@xianjie/domain';

/**
 * 抄送 (DESIGN §3.6): the procuratorate's copy of every criminal transfer (行刑衔接) that was sent
 * with a copy to it (`copiedToProcuratorate`, 行政执法机关移送涉嫌犯罪案件的规定第十四条; 中办发〔2011〕8号:
 * 移送涉嫌犯罪案件时抄送同级人民检察院), kept from the parties' public transfer events on the bus. It
 * holds the transfer's progress (each step and when), never its materials: the law gives the
 * procuratorate the copy of the 移送书, not the case file; the parties read the transfer itself.
 */

/** One step of a transfer's progress as the copy holds it: the public fact and its time. */
export interface TransferProgressStep {
  /** The public fact, e.g. `TransferDeclined`. */
  step: TransferFactType;
  at: string;
}

/** A transfer copy as the procuratorate reads it. */
export interface TransferCopyItem {
  transferId: string;
  caseId: string;
  kind: TransferKind;
  fromAgencyId: string;
  /** The police agency it is with now (after a 转送, the new one). */
  toAgencyId: string;
  /** 移送理由 as sent (the 移送书's summary); no materials. */
  reason: string;
  sentAt: string;
  /** The last public step's fact type, e.g. `TransferDeclined`. */
  lastStep: TransferFactType;
  declined: boolean;
  accepted: boolean;
  supervisionSuggested: boolean;
  closed: boolean;
  progress: TransferProgressStep[];
}

type Row = {
  transfer_id: string;
  case_id: string;
  kind: TransferKind;
  from_agency_id: string;
  to_agency_id: string;
  reason: string;
  sent_at: unknown;
  last_step: TransferFactType;
  declined: boolean;
  accepted: boolean;
  supervision_suggested: boolean;
  closed: boolean;
  progress: TransferProgressStep[] | string;
};

const iso = (value: unknown): string => (value instanceof Date ? value : new Date(String(value))).toISOString();

const toItem = (row: Row): TransferCopyItem => ({
  transferId: row.transfer_id,
  caseId: row.case_id,
  kind: row.kind,
  fromAgencyId: row.from_agency_id,
  toAgencyId: row.to_agency_id,
  reason: row.reason,
  sentAt: iso(row.sent_at),
  lastStep: row.last_step,
  declined: row.declined,
  accepted: row.accepted,
  supervisionSuggested: row.supervision_suggested,
  closed: row.closed,
  progress: typeof row.progress === 'string' ? (JSON.parse(row.progress) as TransferProgressStep[]) : row.progress,
});

export interface TransferCopiesOptions {
  sql: SqlClient;
  schema: string;
  rules: AccessRules;
  logger: Logger;
}

export const createTransferCopies = (options: TransferCopiesOptions) => {
  const { sql, rules } = options;
  const table = `"${options.schema}".transfer_copies`;

  /** The facts of a message's transfer that change the copy's flags, beyond its progress. */
  const flagsAfter = (type: TransferFactType, data: Record<string, unknown>): string => {
    switch (type) {
      case 'TransferDeclined':
        return 'declined = true, accepted = false';
      // A reconsideration under way: the decline is not final until it is decided (Decree art. 9).
      case 'ReconsiderationRequested':
        return 'declined = false';
      case 'ReconsiderationDecided':
        return data.accepted === true ? 'declined = false, accepted = true' : 'declined = true';
      case 'TransferAccepted':
        return 'declined = false, accepted = true';
      case 'ProcuratorateSupervisionSuggested':
        return 'supervision_suggested = true';
      case 'TransferClosed':
        return 'closed = true';
      case 'TransferForwarded':
        return 'to_agency_id = $4';
      default:
        return '';
    }
  };

  /**
   * Applies one message of `xianjie.transfer` in the caller's transaction (the inbox's): a sent
   * criminal transfer copied to the procuratorate starts a copy; a later public fact of a copied
   * transfer adds a step. Returns whether it changed anything.
   */
  const apply = async (tx: SqlClient, message: IntegrationMessage): Promise<boolean> => {
    const type = integrationEventNamed(message.type)?.eventType as TransferFactType | undefined;
    if (!type || !Object.hasOwn(transferFactTimeFields, type)) return false;
    const data = message.data as Record<string, unknown>;
    const at = String(data[transferFactTimeFields[type]] ?? message.time);
    const step = JSON.stringify([{ step: type, at }]);
    if (type === 'TransferApproved') {
      const sent = TransferApproved.parse(message.data);
      if (!sent.copiedToProcuratorate || sent.kind !== 'CRIMINAL') return false;
      await tx.query(
        `INSERT INTO ${table} (transfer_id, case_id, kind, from_agency_id, to_agency_id, reason, sent_at, last_step, progress)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::jsonb) ON CONFLICT (transfer_id) DO NOTHING`,
        [sent.transferId, sent.caseId, sent.kind, sent.fromAgency.id, sent.toAgency.id, sent.reason, sent.sentAt, type, step],
      );
      return true;
    }
    const flags = flagsAfter(type, data);
    const toAgency = type === 'TransferForwarded' ? String((data.toAgency as { id?: unknown } | undefined)?.id ?? '') : null;
    const { rows } = await tx.query(
      `UPDATE ${table} SET last_step = $2, progress = progress || $3::jsonb${flags ? `, ${flags}` : ''}
       WHERE transfer_id = $1 RETURNING transfer_id`,
      toAgency === null ? [String(data.transferId), type, step] : [String(data.transferId), type, step, toAgency],
    );
    return rows.length > 0;
  };

  const one = async (transferId: string): Promise<TransferCopyItem | null> => {
    const { rows } = await sql.query<Row>(`SELECT * FROM ${table} WHERE transfer_id = $1`, [transferId]);
    return rows[0] ? toItem(rows[0]) : null;
  };

  return {
    apply,
    async migrate() {
      await sql.exec(`CREATE SCHEMA IF NOT EXISTS "${options.schema}";
        CREATE TABLE IF NOT EXISTS ${table} (
          transfer_id text PRIMARY KEY,
          case_id text NOT NULL,
          kind text NOT NULL,
          from_agency_id text NOT NULL,
          to_agency_id text NOT NULL,
          reason text NOT NULL,
          sent_at timestamptz NOT NULL,
          last_step text NOT NULL,
          declined boolean NOT NULL DEFAULT false,
          accepted boolean NOT NULL DEFAULT false,
          supervision_suggested boolean NOT NULL DEFAULT false,
          closed boolean NOT NULL DEFAULT false,
          progress jsonb NOT NULL DEFAULT '[]'::jsonb
        );`);
    },
    /**
     * The copies the principal may read (a procuratorate of either party's region or above, the
     * rule `canReadTransferCopy`), newest first. Anyone else: FORBIDDEN (the list is the procuratorate's).
     */
    async list(principal: Principal): Promise<TransferCopyItem[]> {
      assertAllowed(rules.canReadTransferCopy(principal));
      const { rows } = await sql.query<Row>(`SELECT * FROM ${table} ORDER BY sent_at DESC, transfer_id`);
      return rows.map(toItem).filter((copy) => rules.canReadTransferCopy(principal, copy).allowed);
    },
    /** One copy, if the principal may read it; null otherwise (not there and not theirs look the same). */
    async get(principal: Principal, transferId: string): Promise<TransferCopyItem | null> {
      const copy = await one(transferId);
      return copy && rules.canReadTransferCopy(principal, copy).allowed ? copy : null;
    },
    /** The facts the 立案监督 decider needs, if the principal's procuratorate may know the transfer. */
    async factsFor(transferId: string): Promise<(CopiedTransferFacts & { copy: TransferCopyItem }) | null> {
      const copy = await one(transferId);
      if (!copy) return null;
      return {
        transferId: copy.transferId,
        caseId: copy.caseId,
        kind: copy.kind,
        fromAgencyId: copy.fromAgencyId,
        toAgencyId: copy.toAgencyId,
        declined: copy.declined,
        accepted: copy.accepted,
        supervisionSuggested: copy.supervisionSuggested,
        copy,
      };
    },
  };
};

export type TransferCopies = ReturnType<typeof createTransferCopies>;
