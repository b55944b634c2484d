import type { SqlClient } from '@xianjie/event-store';
import type { IntegrationMessage } from '@xianjie/messaging';
import { warningsFor } from '@xianjie/domain';
import type { SupervisedCaseFacts } from '@xianjie/domain';
import type { CaseStatus, CaseTransferred, EvidenceRecorded, HarmFact, PublicCaseRegistered, SubjectKind } from '@xianjie/contracts';

/**
 * The commission's own picture of administrative cases, built only from the public case events
 * on the bus (行纪衔接 starts with seeing what the agencies do): one row per case, one per penalty
 * decision by subject. It feeds the 以罚代刑 warnings (from the penalty decision on, with the subject
 * kind, and the 货值 of unsold goods, 违法所得 and harm facts that `xianjie.case.evidence-recorded.v1` carries
 * when the evidence states them) and the repeat-offender view; a case the agency transferred to
 * police (`xianjie.case.transferred.v1`, CRIMINAL) is never a 以罚代刑 warning.
 */
export const createCaseOversightModel = (schema: string) => {
  const s = `"${schema}"`;
  return {
    async migrate(sql: SqlClient) {
      await sql.exec(`CREATE SCHEMA IF NOT EXISTS ${s};
        CREATE TABLE IF NOT EXISTS ${s}.case_facts (
          case_id text PRIMARY KEY,
          agency_id text NOT NULL,
          number text NOT NULL,
          subject_name text NOT NULL,
          subject_ref text NOT NULL,
          violations jsonb NOT NULL,
          amount_involved_fen bigint,
          status text NOT NULL,
          penalty_decided boolean NOT NULL DEFAULT false,
          repeat_offender boolean NOT NULL DEFAULT false,
          transferred_to_police boolean NOT NULL DEFAULT false,
          warnings jsonb NOT NULL DEFAULT '[]',
          registered_at timestamptz NOT NULL,
          closed_at timestamptz,
          updated_at timestamptz NOT NULL);
        CREATE TABLE IF NOT EXISTS ${s}.penalty_decisions (
          case_id text PRIMARY KEY,
          agency_id text NOT NULL,
          subject_ref text NOT NULL,
          subject_name text NOT NULL,
          decided_at timestamptz NOT NULL);
        CREATE INDEX IF NOT EXISTS penalty_decisions_subject_idx ON ${s}.penalty_decisions (subject_ref, decided_at);
        -- 查询留痕 needs to know a natural person's case from an organisation's (null: registered before this column).
        ALTER TABLE ${s}.case_facts ADD COLUMN IF NOT EXISTS subject_kind text;
        -- The facts the 以罚代刑 rules read beyond the amount (from evidence that states them).
        ALTER TABLE ${s}.case_facts ADD COLUMN IF NOT EXISTS unsold_goods_value_fen bigint;
        ALTER TABLE ${s}.case_facts ADD COLUMN IF NOT EXISTS illegal_gains_fen bigint;
        ALTER TABLE ${s}.case_facts ADD COLUMN IF NOT EXISTS harm_facts jsonb NOT NULL DEFAULT '[]';
        ALTER TABLE ${s}.case_facts ADD COLUMN IF NOT EXISTS penalty_decided_at timestamptz;`);
    },

    /** What the commission knows of one case (挂牌督办 needs it), or null when no public event named it yet. */
    async caseFacts(sql: SqlClient, caseId: string): Promise<SupervisedCaseFacts | null> {
      const { rows } = await sql.query<{ case_id: string; agency_id: string; number: string; status: CaseStatus; closed_at: unknown }>(
        `SELECT case_id, agency_id, number, status, closed_at FROM ${s}.case_facts WHERE case_id = $1`,
        [caseId],
      );
      const row = rows[0];
      if (!row) return null;
      const closedAt = row.closed_at === null ? null : (row.closed_at instanceof Date ? row.closed_at : new Date(String(row.closed_at))).toISOString();
      return { caseId: row.case_id, agencyId: row.agency_id, number: row.number, status: row.status, closedAt };
    },

    /** Applies one public case message inside the consumer's transaction (the inbox makes it once-only). */
    async apply(tx: SqlClient, message: IntegrationMessage) {
      const caseId = message.subject?.replace(/^case-/, '') ?? message.partitionKey.replace(/^case-/, '');
      const at = message.time;
      const status = (value: string) =>
        tx.query(`UPDATE ${s}.case_facts SET status = $2, updated_at = $3 WHERE case_id = $1`, [caseId, value, at]);
      switch (message.type) {
        case 'xianjie.case.registered.v1': {
          const d = message.data as PublicCaseRegistered;
          await tx.query(
            `INSERT INTO ${s}.case_facts (case_id, agency_id, number, subject_name, subject_ref, subject_kind, violations,
               amount_involved_fen, status, registered_at, updated_at)
             VALUES ($1,$2,$3,$4,$5,$6,$7::jsonb,$8,'CLUE_REGISTERED',$9,$9) ON CONFLICT (case_id) DO NOTHING`,
            [caseId, d.agencyId, d.number, d.subject.name, d.subject.subjectRef, d.subject.kind, JSON.stringify(d.violations), d.amountInvolvedFen, at],
          );
          return;
        }
        case 'xianjie.case.filed.v1':
          return void (await status('FILED'));
        case 'xianjie.case.not-filed.v1':
          return void (await status('NOT_FILED'));
        case 'xianjie.case.evidence-recorded.v1': {
          const { unsoldGoodsValueFen, illegalGainsFen, harmFacts } = message.data as EvidenceRecorded;
          if (unsoldGoodsValueFen === undefined && illegalGainsFen === undefined && !harmFacts?.length) return;
          // The latest stated 货值 and 违法所得 replace earlier ones; harm facts accumulate (as the owning service folds them).
          await tx.query(
            `UPDATE ${s}.case_facts SET unsold_goods_value_fen = COALESCE($2, unsold_goods_value_fen),
               illegal_gains_fen = COALESCE($5, illegal_gains_fen),
               harm_facts = (SELECT COALESCE(jsonb_agg(DISTINCT f ORDER BY f), '[]'::jsonb) FROM jsonb_array_elements_text(harm_facts || $3::jsonb) AS f),
               updated_at = $4
             WHERE case_id = $1`,
            [caseId, unsoldGoodsValueFen ?? null, JSON.stringify(harmFacts ?? []), at, illegalGainsFen ?? null],
          );
          return void (await refreshWarnings(tx, s, caseId));
        }
        case 'xianjie.case.penalty-decided.v1': {
          const repeat = Boolean((message.data as { repeatOffender?: boolean }).repeatOffender);
          await tx.query(
            `UPDATE ${s}.case_facts SET status = 'PENALTY_DECIDED', penalty_decided = true, repeat_offender = $2, updated_at = $3,
               penalty_decided_at = $3
             WHERE case_id = $1`,
            [caseId, repeat, at],
          );
          await tx.query(
            `INSERT INTO ${s}.penalty_decisions (case_id, agency_id, subject_ref, subject_name, decided_at)
             SELECT case_id, agency_id, subject_ref, subject_name, $2 FROM ${s}.case_facts WHERE case_id = $1
             ON CONFLICT (case_id) DO NOTHING`,
            [caseId, at],
          );
          return void (await refreshWarnings(tx, s, caseId));
        }
        case 'xianjie.case.closed.v1':
          await tx.query(`UPDATE ${s}.case_facts SET status = 'CLOSED', closed_at = $2, updated_at = $2 WHERE case_id = $1`, [caseId, at]);
          return void (await refreshWarnings(tx, s, caseId));
        case 'xianjie.case.transferred.v1': {
          // A clue about an official (DISCIPLINARY) does not move the case; a CRIMINAL transfer went to police.
          const { kind } = message.data as CaseTransferred;
          await tx.query(
            `UPDATE ${s}.case_facts SET status = CASE WHEN $2 THEN status ELSE 'TRANSFERRED' END,
               transferred_to_police = transferred_to_police OR $3, updated_at = $4 WHERE case_id = $1`,
            [caseId, kind === 'DISCIPLINARY', kind === 'CRIMINAL', at],
          );
          return void (await refreshWarnings(tx, s, caseId));
        }
        default:
          return;
      }
    },
  };
};

/** The same warning rules as the owning service (`@xianjie/domain` caseWarnings), on the commission's copy. */
const refreshWarnings = async (tx: SqlClient, s: string, caseId: string) => {
  const { rows } = await tx.query<{
    status: string;
    violations: string[];
    amount: bigint | number | null;
    penalty_decided: boolean;
    repeat_offender: boolean;
    transferred_to_police: boolean;
    subject_kind: SubjectKind | null;
    unsold: bigint | number | null;
    gains: bigint | number | null;
    harm_facts: HarmFact[];
  }>(
    `SELECT status, violations, amount_involved_fen AS amount, penalty_decided, repeat_offender, transferred_to_police,
            subject_kind, unsold_goods_value_fen AS unsold, illegal_gains_fen AS gains, harm_facts
     FROM ${s}.case_facts WHERE case_id = $1`,
    [caseId],
  );
  const row = rows[0];
  if (!row) return;
  const warnings = warningsFor({
    status: row.status,
    repeatOffender: row.repeat_offender,
    penaltyDecided: row.penalty_decided,
    transferredToPolice: row.transferred_to_police,
    violations: row.violations,
    amountInvolvedFen: row.amount === null ? null : Number(row.amount),
    // A row from before the kind was recorded has none: every kind's rule applies (flagged for review).
    subjectKind: row.subject_kind,
    unsoldGoodsValueFen: row.unsold === null ? null : Number(row.unsold),
    illegalGainsFen: row.gains === null ? null : Number(row.gains),
    harmFacts: row.harm_facts,
  });
  await tx.query(`UPDATE ${s}.case_facts SET warnings = $2::jsonb WHERE case_id = $1`, [caseId, JSON.stringify(warnings)]);
};
