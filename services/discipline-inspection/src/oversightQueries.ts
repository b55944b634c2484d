import type { SqlClient } from '@xianjie/event-store';
import type { HarmFact, SubjectKind } from '@xianjie/contracts';
import { warningDetailsFor, type CaseWarningDetail } from '@xianjie/domain';

export interface PenaltyInsteadOfTransferRow {
  caseId: string;
  agencyId: string;
  number: string;
  subjectName: string;
  /** PERSON or ORGANIZATION; null for a case registered before the commission recorded the kind (查询留痕 counts it as a person). */
  subjectKind: SubjectKind | null;
  /** The keyed reference (HMAC) of the subject identity, as the bus carries it. */
  subjectRef: string;
  violations: string[];
  amountInvolvedFen: number | null;
  /** 货值金额 of the unsold goods as the agency's evidence stated it; null when none did. */
  unsoldGoodsValueFen: number | null;
  /** 违法所得 as the agency's evidence stated it; null when none did. */
  illegalGainsFen: number | null;
  harmFacts: HarmFact[];
  /** When the penalty was decided: the warning holds from then on. Null for a row from before it was kept. */
  decidedAt: string | null;
  /** Null while the case is open (the warning no longer waits for the closing). */
  closedAt: string | null;
  /** Each threshold rule the case meets, with its source (the same rules as the owning service's). */
  warningDetails: CaseWarningDetail[];
}

export interface RepeatOffenderRow {
  subjectRef: string;
  subjectName: string;
  /** PERSON or ORGANIZATION (one subjectRef is one kind); null when not known (查询留痕 counts it as a person). */
  subjectKind: SubjectKind | null;
  decisions: number;
  agencyIds: string[];
  caseIds: string[];
  /** Each case of `caseIds` with the agency that decided it (in the same order). */
  cases: { caseId: string; agencyId: string }[];
  lastDecidedAt: string;
}

const iso = (v: unknown): string => (v instanceof Date ? v : new Date(String(v))).toISOString();

/** The commission's oversight views over its own read model; callers pass the agencies the reader may oversee. */
export const createOversightQueries = (sql: SqlClient, schema: string) => {
  const s = `"${schema}"`;
  return {
    /** 以罚代刑: cases with a penalty decided (closed or not) whose facts meet a criminal threshold, not sent to police. */
    async penaltyInsteadOfTransfer(agencyIds: string[]): Promise<PenaltyInsteadOfTransferRow[]> {
      const { rows } = await sql.query<Record<string, unknown>>(
        `SELECT case_id, agency_id, number, subject_name, subject_kind, subject_ref, violations, amount_involved_fen,
                unsold_goods_value_fen, illegal_gains_fen, harm_facts, status, penalty_decided, transferred_to_police, penalty_decided_at, closed_at
         FROM ${s}.case_facts
         WHERE warnings ? 'PENALTY_INSTEAD_OF_TRANSFER' AND agency_id = ANY($1::text[])
         ORDER BY COALESCE(closed_at, penalty_decided_at) DESC NULLS LAST, case_id`,
        [agencyIds],
      );
      return rows.map((r) => ({
        caseId: String(r.case_id),
        agencyId: String(r.agency_id),
        number: String(r.number),
        subjectName: String(r.subject_name),
        subjectKind: (r.subject_kind as SubjectKind | null) ?? null,
        subjectRef: String(r.subject_ref),
        violations: r.violations as string[],
        amountInvolvedFen: r.amount_involved_fen === null ? null : Number(r.amount_involved_fen),
        unsoldGoodsValueFen: r.unsold_goods_value_fen === null ? null : Number(r.unsold_goods_value_fen),
        illegalGainsFen: r.illegal_gains_fen === null ? null : Number(r.illegal_gains_fen),
        harmFacts: r.harm_facts as HarmFact[],
        decidedAt: r.penalty_decided_at === null || r.penalty_decided_at === undefined ? null : iso(r.penalty_decided_at),
        closedAt: r.closed_at === null ? null : iso(r.closed_at),
        // The rule and source of each warning, from the same facts the stored warning was computed from.
        warningDetails: warningDetailsFor({
          status: String(r.status),
          repeatOffender: false,
          penaltyDecided: Boolean(r.penalty_decided),
          transferredToPolice: Boolean(r.transferred_to_police),
          violations: r.violations as string[],
          amountInvolvedFen: r.amount_involved_fen === null ? null : Number(r.amount_involved_fen),
          subjectKind: (r.subject_kind as SubjectKind | null) ?? null,
          unsoldGoodsValueFen: r.unsold_goods_value_fen === null ? null : Number(r.unsold_goods_value_fen),
          illegalGainsFen: r.illegal_gains_fen === null ? null : Number(r.illegal_gains_fen),
          harmFacts: r.harm_facts as HarmFact[],
        }),
      }));
    },

    /** Subjects with at least `minViolations` penalty decisions in the `windowDays` up to `asOf`, across agencies. */
    async repeatOffenders(options: { agencyIds: string[]; windowDays: number; minViolations: number; asOf: string }): Promise<RepeatOffenderRow[]> {
      const { rows } = await sql.query<Record<string, unknown>>(
        `SELECT p.subject_ref, min(p.subject_name) AS subject_name, max(f.subject_kind) AS subject_kind, count(*) AS decisions,
                array_agg(DISTINCT p.agency_id) AS agency_ids, array_agg(p.case_id ORDER BY p.decided_at) AS case_ids,
                array_agg(p.agency_id ORDER BY p.decided_at) AS case_agency_ids, max(p.decided_at) AS last_decided_at
         FROM ${s}.penalty_decisions p LEFT JOIN ${s}.case_facts f ON f.case_id = p.case_id
         WHERE p.agency_id = ANY($1::text[])
           AND p.decided_at > $2::timestamptz - make_interval(days => $3::int) AND p.decided_at <= $2::timestamptz
         GROUP BY p.subject_ref HAVING count(*) >= $4
         ORDER BY count(*) DESC, max(decided_at) DESC`,
        [options.agencyIds, options.asOf, options.windowDays, options.minViolations],
      );
      return rows.map((r) => ({
        subjectRef: String(r.subject_ref),
        subjectName: String(r.subject_name),
        decisions: Number(r.decisions),
        agencyIds: r.agency_ids as string[],
        caseIds: r.case_ids as string[],
        cases: (r.case_ids as string[]).map((caseId, i) => ({ caseId, agencyId: (r.case_agency_ids as string[])[i]! })),
        subjectKind: (r.subject_kind as SubjectKind | null) ?? null,
        lastDecidedAt: iso(r.last_decided_at),
      }));
    },
  };
};

export type OversightQueries = ReturnType<typeof createOversightQueries>;
