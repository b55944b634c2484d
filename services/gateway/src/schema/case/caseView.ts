import type { CaseRow } from '@xianjie/case-service';
import { caseWarningFactsOf, warningsFor } from '@xianjie/domain';
import type { Case, CaseState } from '@xianjie/domain';
import type { GatewayContext } from '../../context.ts';
import type { CaseSnapshot } from '@xianjie/case-service/client';
import { authOf } from '../common/callerAuth.ts';


/** One shape for a case, whether it comes from its events (fresh, asOf) or from the read model (lists). */
export interface CaseView {
  id: string;
  streamId: string;
  number: string;
  agencyId: string;
  status: string;
  subject: { kind: string; name: string; creditCode: string | null; idNumber: string | null };
  source: string;
  summary: string;
  violations: string[];
  amountInvolvedFen: number | null;
  warnings: string[];
  version: number;
  /** Present when the view was folded from events; lists load it on demand. */
  state: Case | null;
}

export const fromSnapshot = ({ caseId, state, version }: CaseSnapshot & { state: Case }): CaseView => ({
  id: caseId,
  streamId: `case-${caseId}`,
  number: state.number,
  agencyId: state.agencyId,
  status: state.status,
  subject: {
    kind: state.subject.kind,
    name: state.subject.name,
    creditCode: state.subject.creditCode ?? null,
    idNumber: state.subject.idNumber ?? null,
  },
  source: state.source,
  summary: state.summary,
  violations: [...state.violations],
  amountInvolvedFen: state.amountInvolvedFen,
  warnings: warningsFor(caseWarningFactsOf(state)),
  version,
  state,
});

export const fromRow = (row: CaseRow): CaseView => ({
  id: row.id,
  streamId: row.streamId,
  number: row.number,
  agencyId: row.agencyId,
  status: row.status,
  subject: { kind: row.subjectKind, name: row.subjectName, creditCode: row.creditCode, idNumber: row.idNumber },
  source: row.source,
  summary: row.summary,
  violations: row.violations,
  amountInvolvedFen: row.amountInvolvedFen,
  warnings: row.warnings,
  version: row.version,
  state: null,
});

export const isCase = (state: CaseState | undefined): state is Case => state !== undefined && state.status !== 'NONE';

export const stateOf = async (view: CaseView, ctx: GatewayContext): Promise<Case | null> => {
  if (view.state) return view.state;
  const state = (await ctx.platform.cases.caseAsOf(view.id, undefined, authOf(ctx)))?.state;
  return isCase(state) ? state : null;
};

/** A snapshot as a case view, or null when the stream holds no registered case. */
export const viewOf = (snapshot: CaseSnapshot | null): CaseView | null =>
  snapshot && isCase(snapshot.state) ? fromSnapshot({ ...snapshot, state: snapshot.state }) : null;
