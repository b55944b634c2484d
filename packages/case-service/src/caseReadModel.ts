import type { RecordedEvent, SqlClient, SqlProjection } from '@xianjie/event-store';
import { subjectKey, type AgencyDirectory, type AgencyKind, type CaseEvent, type HarmFact, type SubjectKind } from '@xianjie/contracts';
import { warningsFor } from '@xianjie/domain';

/**
 * Whose cases a service keeps: those registered by an agency of its kinds. Several case services
 * share one store (embedded mode) and every projection reads all `case-` streams.
 */
export interface CaseOwnership {
  agencyKinds: readonly AgencyKind[];
  directory: AgencyDirectory;
}

/** True when the registering agency is the service's (no ownership given: every case). */
const ownedBy = (owner: CaseOwnership | undefined) => {
  if (!owner) return () => true;
  const kinds = new Set<string>(owner.agencyKinds);
  return (agencyId: string) => kinds.has(owner.directory.get(agencyId)?.kind ?? '');
};

/**
 * The case read model: one row per case for lists and filters, and one row per penalty decision
 * (by subject) for the repeat-offender count. Built only from case events; rebuildable.
 */
export interface CaseRow {
  id: string;
  streamId: string;
  number: string;
  agencyId: string;
  status: string;
  subjectKind: string;
  subjectName: string;
  creditCode: string | null;
  idNumber: string | null;
  source: string;
  summary: string;
  violations: string[];
  amountInvolvedFen: number | null;
  warnings: string[];
  version: number;
  registeredAt: string;
  updatedAt: string;
}

/**
 * The case read model as a SqlProjection. With `owner`, only the cases registered by an agency of
 * its kinds (the steps of other cases find no row and change nothing); without, every case (tools
 * and benches that read a whole store).
 */
export const createCaseProjection = (schema: string, owner?: CaseOwnership): SqlProjection => {
  const cases = `"${schema}".cases`;
  const decisions = `"${schema}".penalty_decisions`;
  const owns = ownedBy(owner);
  return {
    name: `${schema}.cases`,
    // Bump on any change to this read model's tables or apply logic: the projector then rebuilds it.
    // 2: the 货值 of unsold goods, the 违法所得 and harm facts (evidence) and the subject kind feed the warnings.
    version: 2,
    streamPrefixes: ['case-'],
    async migrate(sql) {
      await sql.exec(`CREATE SCHEMA IF NOT EXISTS "${schema}";
        CREATE TABLE IF NOT EXISTS ${cases} (
          id text PRIMARY KEY,
          stream_id text NOT NULL,
          number text NOT NULL,
          agency_id text NOT NULL,
          status text NOT NULL,
          subject_kind text NOT NULL,
          subject_name text NOT NULL,
          credit_code text,
          id_number text,
          subject_key text NOT NULL,
          source text NOT NULL,
          summary text NOT NULL,
          violations jsonb NOT NULL,
          amount_involved_fen bigint,
          penalty_only boolean NOT NULL DEFAULT false,
          repeat_offender boolean NOT NULL DEFAULT false,
          transferred_criminal boolean NOT NULL DEFAULT false,
          warnings jsonb NOT NULL DEFAULT '[]',
          version integer NOT NULL,
          registered_at timestamptz NOT NULL,
          updated_at timestamptz NOT NULL);
        CREATE INDEX IF NOT EXISTS cases_agency_idx ON ${cases} (agency_id, registered_at DESC, id DESC);
        CREATE INDEX IF NOT EXISTS cases_subject_idx ON ${cases} (subject_key);
        CREATE TABLE IF NOT EXISTS ${decisions} (
          case_id text PRIMARY KEY,
          subject_key text NOT NULL,
          decided_at timestamptz NOT NULL,
          repeat_offender boolean NOT NULL);
        CREATE INDEX IF NOT EXISTS penalty_decisions_subject_idx ON ${decisions} (subject_key, decided_at);
        -- The facts the 以罚代刑 rules read beyond the amount (added to tables of version 1).
        ALTER TABLE ${cases} ADD COLUMN IF NOT EXISTS unsold_goods_value_fen bigint;
        ALTER TABLE ${cases} ADD COLUMN IF NOT EXISTS illegal_gains_fen bigint;
        ALTER TABLE ${cases} ADD COLUMN IF NOT EXISTS harm_facts jsonb NOT NULL DEFAULT '[]';`);
    },
    async reset(tx) {
      await tx.exec(`TRUNCATE ${cases}; TRUNCATE ${decisions};`);
    },
    async apply(tx, recorded: RecordedEvent) {
      const event = { type: recorded.type, data: recorded.data } as CaseEvent;
      const at = recorded.metadata.occurredAt;
      const caseId = recorded.streamId.slice('case-'.length);
      const touch = (status: string | null, extra = '', params: unknown[] = []) =>
        tx.query(
          `UPDATE ${cases} SET ${status ? 'status = $4,' : ''} version = $2, updated_at = $3 ${extra} WHERE id = $1`,
          [caseId, recorded.version, at, ...(status ? [status] : []), ...params],
        );
      switch (event.type) {
        case 'CaseRegistered': {
          const d = event.data;
          if (!owns(d.agencyId)) return;
          await tx.query(
            `INSERT INTO ${cases} (id, stream_id, number, agency_id, status, subject_kind, subject_name, credit_code,
               id_number, subject_key, source, summary, violations, amount_involved_fen, version, registered_at, updated_at)
             VALUES ($1,$2,$3,$4,'CLUE_REGISTERED',$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$15)
             ON CONFLICT (id) DO NOTHING`,
            [
              caseId,
              recorded.streamId,
              d.number,
              d.agencyId,
              d.subject.kind,
              d.subject.name,
              d.subject.creditCode ?? null,
              d.subject.idNumber ?? null,
              subjectKey(d.subject),
              d.source,
              d.summary,
              JSON.stringify(d.violations),
              d.amountInvolvedFen,
              recorded.version,
              at,
            ],
          );
          return;
        }
        case 'CaseFiled':
          await touch('FILED');
          return;
        case 'CaseNotFiled':
          await touch('NOT_FILED');
          return;
        case 'EvidenceRecorded': {
          const { unsoldGoodsValueFen, illegalGainsFen, harmFacts } = event.data;
          if (unsoldGoodsValueFen === undefined && illegalGainsFen === undefined && !harmFacts?.length) {
            await touch(null);
            return;
          }
          // The latest stated 货值 and 违法所得 replace earlier ones; harm facts accumulate (as the decider folds them).
          await touch(
            null,
            `, unsold_goods_value_fen = COALESCE($4, unsold_goods_value_fen), illegal_gains_fen = COALESCE($6, illegal_gains_fen),
               harm_facts = (SELECT COALESCE(jsonb_agg(DISTINCT f ORDER BY f), '[]'::jsonb) FROM jsonb_array_elements_text(harm_facts || $5::jsonb) AS f)`,
            [unsoldGoodsValueFen ?? null, JSON.stringify(harmFacts ?? []), illegalGainsFen ?? null],
          );
          await refreshWarnings(tx, cases, caseId);
          return;
        }
        case 'PenaltyDecided': {
          await touch('PENALTY_DECIDED', ', penalty_only = true, repeat_offender = $5', [event.data.repeatOffender]);
          await tx.query(
            `INSERT INTO ${decisions} (case_id, subject_key, decided_at, repeat_offender)
             SELECT id, subject_key, $2, $3 FROM ${cases} WHERE id = $1
             ON CONFLICT (case_id) DO NOTHING`,
            [caseId, at, event.data.repeatOffender],
          );
          await refreshWarnings(tx, cases, caseId);
          return;
        }
        case 'CaseClosed':
          await touch('CLOSED');
          await refreshWarnings(tx, cases, caseId);
          return;
        case 'CaseTransferred': {
          // A clue about an official (DISCIPLINARY) does not move the case; a CRIMINAL one went to police.
          const status = event.data.kind === 'DISCIPLINARY' ? null : 'TRANSFERRED';
          await tx.query(
            `UPDATE ${cases} SET status = COALESCE($4, status), version = $2, updated_at = $3,
               transferred_criminal = transferred_criminal OR $5 WHERE id = $1`,
            [caseId, recorded.version, at, status, event.data.kind === 'CRIMINAL'],
          );
          await refreshWarnings(tx, cases, caseId);
          return;
        }
        default:
          await touch(null);
      }
    },
    applyBatch: (tx, events) => applyCaseBatch(tx, cases, decisions, events, owns),
  };
};

/** A case row as the batch sees it: loaded from the table or inserted by the batch. */
interface BatchRow {
  isNew: boolean;
  dirty: boolean;
  id: string;
  streamId: string;
  number: string;
  agencyId: string;
  status: string;
  subjectKind: string;
  subjectName: string;
  creditCode: string | null;
  idNumber: string | null;
  subjectKey: string;
  source: string;
  summary: string;
  violations: string[];
  amountInvolvedFen: number | null;
  unsoldGoodsValueFen: number | null;
  illegalGainsFen: number | null;
  harmFacts: HarmFact[];
  penaltyOnly: boolean;
  repeatOffender: boolean;
  transferredCriminal: boolean;
  warnings: string[];
  version: number;
  registeredAt: string;
  updatedAt: string;
}

/**
 * The batch form of `apply`: the same statements folded in memory over the batch's cases (loaded in
 * one query), then written back in three multi-row statements (new rows, changed rows, penalty
 * decisions). Each event has exactly the effect `apply` gives it, in order: a registration of a case
 * that exists does nothing, a step on a missing case does nothing, warnings are recomputed at the
 * same events (PenaltyDecided, CaseClosed, CaseTransferred) from the row as it is at that point.
 */
const applyCaseBatch = async (
  tx: SqlClient,
  cases: string,
  decisions: string,
  events: RecordedEvent[],
  owns: (agencyId: string) => boolean,
) => {
  const ids = [...new Set(events.map((e) => e.streamId.slice('case-'.length)))];
  const { rows: loaded } = await tx.query<Record<string, unknown>>(
    `SELECT id, status, version, penalty_only, repeat_offender, transferred_criminal, violations,
            amount_involved_fen AS amount, subject_key, warnings, subject_kind,
            unsold_goods_value_fen AS unsold, illegal_gains_fen AS gains, harm_facts
       FROM ${cases} WHERE id = ANY($1::text[])`,
    [ids],
  );
  const rows = new Map<string, BatchRow>();
  for (const r of loaded) {
    rows.set(String(r.id), {
      isNew: false,
      dirty: false,
      id: String(r.id),
      status: String(r.status),
      version: Number(r.version),
      penaltyOnly: Boolean(r.penalty_only),
      repeatOffender: Boolean(r.repeat_offender),
      transferredCriminal: Boolean(r.transferred_criminal),
      violations: r.violations as string[],
      amountInvolvedFen: r.amount === null || r.amount === undefined ? null : Number(r.amount),
      subjectKey: String(r.subject_key),
      warnings: r.warnings as string[],
      subjectKind: String(r.subject_kind),
      unsoldGoodsValueFen: r.unsold === null || r.unsold === undefined ? null : Number(r.unsold),
      illegalGainsFen: r.gains === null || r.gains === undefined ? null : Number(r.gains),
      harmFacts: r.harm_facts as HarmFact[],
    } as BatchRow);
  }
  const newDecisions = new Map<string, { case_id: string; subject_key: string; decided_at: string; repeat_offender: boolean }>();
  const refresh = (row: BatchRow) => {
    row.warnings = warningsFor({
      status: row.status,
      repeatOffender: row.repeatOffender,
      penaltyDecided: row.penaltyOnly,
      transferredToPolice: row.transferredCriminal,
      violations: row.violations,
      amountInvolvedFen: row.amountInvolvedFen,
      subjectKind: row.subjectKind as SubjectKind,
      unsoldGoodsValueFen: row.unsoldGoodsValueFen,
      illegalGainsFen: row.illegalGainsFen,
      harmFacts: row.harmFacts,
    });
  };

  for (const recorded of events) {
    const event = { type: recorded.type, data: recorded.data } as CaseEvent;
    const at = recorded.metadata.occurredAt;
    const caseId = recorded.streamId.slice('case-'.length);
    const row = rows.get(caseId);
    if (event.type === 'CaseRegistered') {
      if (row) continue; // ON CONFLICT (id) DO NOTHING
      const d = event.data;
      if (!owns(d.agencyId)) continue; // another service's case

      rows.set(caseId, {
        isNew: true,
        dirty: true,
        id: caseId,
        streamId: recorded.streamId,
        number: d.number,
        agencyId: d.agencyId,
        status: 'CLUE_REGISTERED',
        subjectKind: d.subject.kind,
        subjectName: d.subject.name,
        creditCode: d.subject.creditCode ?? null,
        idNumber: d.subject.idNumber ?? null,
        subjectKey: subjectKey(d.subject),
        source: d.source,
        summary: d.summary,
        violations: [...d.violations],
        amountInvolvedFen: d.amountInvolvedFen ?? null,
        unsoldGoodsValueFen: null,
        illegalGainsFen: null,
        harmFacts: [],
        penaltyOnly: false,
        repeatOffender: false,
        transferredCriminal: false,
        warnings: [],
        version: recorded.version,
        registeredAt: at,
        updatedAt: at,
      });
      continue;
    }
    if (!row) continue; // UPDATE … WHERE id = $1 finds nothing
    row.version = recorded.version;
    row.updatedAt = at;
    row.dirty = true;
    switch (event.type) {
      case 'CaseFiled':
        row.status = 'FILED';
        break;
      case 'CaseNotFiled':
        row.status = 'NOT_FILED';
        break;
      case 'PenaltyDecided':
        row.status = 'PENALTY_DECIDED';
        row.penaltyOnly = true;
        row.repeatOffender = event.data.repeatOffender;
        if (!newDecisions.has(caseId)) {
          newDecisions.set(caseId, { case_id: caseId, subject_key: row.subjectKey, decided_at: at, repeat_offender: event.data.repeatOffender });
        }
        refresh(row);
        break;
      case 'CaseClosed':
        row.status = 'CLOSED';
        refresh(row);
        break;
      case 'EvidenceRecorded': {
        const { unsoldGoodsValueFen, illegalGainsFen, harmFacts } = event.data;
        if (unsoldGoodsValueFen === undefined && illegalGainsFen === undefined && !harmFacts?.length) break;
        if (unsoldGoodsValueFen !== undefined) row.unsoldGoodsValueFen = unsoldGoodsValueFen;
        if (illegalGainsFen !== undefined) row.illegalGainsFen = illegalGainsFen;
        row.harmFacts = [...new Set([...row.harmFacts, ...(harmFacts ?? [])])].sort();
        refresh(row);
        break;
      }
      case 'CaseTransferred':
        if (event.data.kind !== 'DISCIPLINARY') row.status = 'TRANSFERRED';
        if (event.data.kind === 'CRIMINAL') row.transferredCriminal = true;
        refresh(row);
        break;
      default:
        break;
    }
  }

  const inserted = [...rows.values()].filter((r) => r.isNew);
  const changed = [...rows.values()].filter((r) => !r.isNew && r.dirty);
  if (inserted.length) {
    await tx.query(
      `INSERT INTO ${cases} (id, stream_id, number, agency_id, status, subject_kind, subject_name, credit_code, id_number,
         subject_key, source, summary, violations, amount_involved_fen, unsold_goods_value_fen, illegal_gains_fen, harm_facts, penalty_only,
         repeat_offender, transferred_criminal, warnings, version, registered_at, updated_at)
       SELECT id, stream_id, number, agency_id, status, subject_kind, subject_name, credit_code, id_number,
         subject_key, source, summary, violations, amount_involved_fen, unsold_goods_value_fen, illegal_gains_fen, harm_facts, penalty_only,
         repeat_offender, transferred_criminal, warnings, version, registered_at, updated_at
         FROM jsonb_to_recordset($1::jsonb) AS r (id text, stream_id text, number text, agency_id text, status text,
           subject_kind text, subject_name text, credit_code text, id_number text, subject_key text, source text,
           summary text, violations jsonb, amount_involved_fen bigint, unsold_goods_value_fen bigint, illegal_gains_fen bigint,
           harm_facts jsonb,
           penalty_only boolean, repeat_offender boolean,
           transferred_criminal boolean, warnings jsonb, version integer, registered_at timestamptz, updated_at timestamptz)
       ON CONFLICT (id) DO NOTHING`,
      [
        JSON.stringify(
          inserted.map((r) => ({
            id: r.id,
            stream_id: r.streamId,
            number: r.number,
            agency_id: r.agencyId,
            status: r.status,
            subject_kind: r.subjectKind,
            subject_name: r.subjectName,
            credit_code: r.creditCode,
            id_number: r.idNumber,
            subject_key: r.subjectKey,
            source: r.source,
            summary: r.summary,
            violations: r.violations,
            amount_involved_fen: r.amountInvolvedFen,
            unsold_goods_value_fen: r.unsoldGoodsValueFen,
            illegal_gains_fen: r.illegalGainsFen,
            harm_facts: r.harmFacts,
            penalty_only: r.penaltyOnly,
            repeat_offender: r.repeatOffender,
            transferred_criminal: r.transferredCriminal,
            warnings: r.warnings,
            version: r.version,
            registered_at: r.registeredAt,
            updated_at: r.updatedAt,
          })),
        ),
      ],
    );
  }
  if (changed.length) {
    await tx.query(
      `UPDATE ${cases} AS c SET status = r.status, version = r.version, updated_at = r.updated_at,
         penalty_only = r.penalty_only, repeat_offender = r.repeat_offender,
         transferred_criminal = r.transferred_criminal, warnings = r.warnings,
         unsold_goods_value_fen = r.unsold_goods_value_fen, illegal_gains_fen = r.illegal_gains_fen, harm_facts = r.harm_facts
         FROM jsonb_to_recordset($1::jsonb) AS r (id text, status text, version integer, updated_at timestamptz,
           penalty_only boolean, repeat_offender boolean, transferred_criminal boolean, warnings jsonb,
           unsold_goods_value_fen bigint, illegal_gains_fen bigint, harm_facts jsonb)
        WHERE c.id = r.id`,
      [
        JSON.stringify(
          changed.map((r) => ({
            id: r.id,
            status: r.status,
            version: r.version,
            updated_at: r.updatedAt,
            penalty_only: r.penaltyOnly,
            repeat_offender: r.repeatOffender,
            transferred_criminal: r.transferredCriminal,
            warnings: r.warnings,
            unsold_goods_value_fen: r.unsoldGoodsValueFen,
            illegal_gains_fen: r.illegalGainsFen,
            harm_facts: r.harmFacts,
          })),
        ),
      ],
    );
  }
  if (newDecisions.size) {
    await tx.query(
      `INSERT INTO ${decisions} (case_id, subject_key, decided_at, repeat_offender)
       SELECT case_id, subject_key, decided_at, repeat_offender
         FROM jsonb_to_recordset($1::jsonb) AS r (case_id text, subject_key text, decided_at timestamptz, repeat_offender boolean)
       ON CONFLICT (case_id) DO NOTHING`,
      [JSON.stringify([...newDecisions.values()])],
    );
  }
};


/** Recomputes a case's warnings with the one rule set (caseWarnings.ts). */
const refreshWarnings = async (tx: SqlClient, cases: string, caseId: string) => {
  const { rows } = await tx.query<{
    status: string;
    violations: string[];
    amount: string | number | null;
    penalty_only: boolean;
    repeat_offender: boolean;
    transferred_criminal: boolean;
    subject_kind: SubjectKind;
    unsold: string | number | null;
    gains: string | number | null;
    harm_facts: HarmFact[];
  }>(
    `SELECT status, violations, amount_involved_fen AS amount, penalty_only, repeat_offender, transferred_criminal,
            subject_kind, unsold_goods_value_fen AS unsold, illegal_gains_fen AS gains, harm_facts
     FROM ${cases} WHERE id = $1`,
    [caseId],
  );
  const row = rows[0];
  if (!row) return;
  const warnings = warningsFor({
    status: row.status,
    repeatOffender: row.repeat_offender,
    penaltyDecided: row.penalty_only,
    transferredToPolice: row.transferred_criminal,
    violations: row.violations,
    amountInvolvedFen: row.amount === null ? null : Number(row.amount),
    subjectKind: row.subject_kind,
    unsoldGoodsValueFen: row.unsold === null ? null : Number(row.unsold),
    illegalGainsFen: row.gains === null ? null : Number(row.gains),
    harmFacts: row.harm_facts,
  });
  await tx.query(`UPDATE ${cases} SET warnings = $2::jsonb WHERE id = $1`, [caseId, JSON.stringify(warnings)]);
};

export interface CaseListFilter {
  agencyIds?: string[];
  status?: string[];
  violation?: string;
  subjectKey?: string;
  /** Full-text-ish match on number, subject name or summary. */
  search?: string;
  warning?: string;
}

export interface CasePage {
  rows: CaseRow[];
  hasMore: boolean;
}

/** Keyset cursor: newest first by (registered_at, id). */
export interface CaseCursor {
  registeredAt: string;
  id: string;
}

export const createCaseQueries = (sql: SqlClient, schema: string) => {
  const cases = `"${schema}".cases`;
  const decisions = `"${schema}".penalty_decisions`;
  const select = `SELECT id, stream_id, number, agency_id, status, subject_kind, subject_name, credit_code, id_number,
      source, summary, violations, amount_involved_fen, warnings, version, registered_at, updated_at FROM ${cases}`;
  return {
    async getCase(id: string): Promise<CaseRow | null> {
      const { rows } = await sql.query<Record<string, unknown>>(`${select} WHERE id = $1`, [id]);
      return rows[0] ? toCaseRow(rows[0]) : null;
    },
    async listCases(filter: CaseListFilter, limit: number, after?: CaseCursor | null): Promise<CasePage> {
      const where: string[] = [];
      const params: unknown[] = [];
      const param = (value: unknown) => {
        params.push(value);
        return `$${params.length}`;
      };
      if (filter.agencyIds) where.push(`agency_id = ANY(${param(filter.agencyIds)}::text[])`);
      if (filter.status?.length) where.push(`status = ANY(${param(filter.status)}::text[])`);
      if (filter.violation) where.push(`violations ? ${param(filter.violation)}`);
      if (filter.warning) where.push(`warnings ? ${param(filter.warning)}`);
      if (filter.subjectKey) where.push(`subject_key = ${param(filter.subjectKey)}`);
      if (filter.search) {
        const p = param(`%${filter.search}%`);
        where.push(`(number ILIKE ${p} OR subject_name ILIKE ${p} OR summary ILIKE ${p})`);
      }
      if (after) where.push(`(registered_at, id) < (${param(after.registeredAt)}::timestamptz, ${param(after.id)})`);
      const { rows } = await sql.query<Record<string, unknown>>(
        `${select} ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
         ORDER BY registered_at DESC, id DESC LIMIT ${param(limit + 1)}`,
        params,
      );
      return { rows: rows.slice(0, limit).map(toCaseRow), hasMore: rows.length > limit };
    },
    /** Penalty decisions for a subject in (from, to], other than the given case. */
    async countPriorDecisions(subject: string, from: string, to: string, exceptCaseId: string): Promise<number> {
      const { rows } = await sql.query<{ n: string | number }>(
        `SELECT count(*) AS n FROM ${decisions}
         WHERE subject_key = $1 AND decided_at > $2::timestamptz AND decided_at <= $3::timestamptz AND case_id <> $4`,
        [subject, from, to, exceptCaseId],
      );
      return Number(rows[0]?.n ?? 0);
    },
  };
};

export type CaseQueries = ReturnType<typeof createCaseQueries>;

const iso = (value: unknown): string => (value instanceof Date ? value.toISOString() : new Date(String(value)).toISOString());

const toCaseRow = (r: Record<string, unknown>): CaseRow => ({
  id: String(r.id),
  streamId: String(r.stream_id),
  number: String(r.number),
  agencyId: String(r.agency_id),
  status: String(r.status),
  subjectKind: String(r.subject_kind),
  subjectName: String(r.subject_name),
  creditCode: (r.credit_code as string | null) ?? null,
  idNumber: (r.id_number as string | null) ?? null,
  source: String(r.source),
  summary: String(r.summary),
  violations: r.violations as string[],
  amountInvolvedFen: r.amount_involved_fen === null || r.amount_involved_fen === undefined ? null : Number(r.amount_involved_fen),
  warnings: r.warnings as string[],
  version: Number(r.version),
  registeredAt: iso(r.registered_at),
  updatedAt: iso(r.updated_at),
});
