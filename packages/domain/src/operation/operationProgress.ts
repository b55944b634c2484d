/**
 * The progress of a joint operation (DESIGN §3.3): coverage per group, region and phase, the
 * problem ledger by disposition, the closure rate (销号率) and the overdue rectifications — all
 * computed from the operation's state as folded from its events (fold up to `asOf` for a past
 * day; overdue is judged at `asOf`). Pure; the result report's figures are a subset.
 */
import { beijingDate, ProblemDisposition } from '@xianjie/contracts';
import type { DispositionFigures, OperationFigures, OperationPhaseKind, OperationStatus } from '@xianjie/contracts';
import { isRectificationOverdue, rectificationDueAt, selfInspectionDueAt } from './operationDecider.ts';
import type { Operation, OperationTarget, Problem } from './operationDecider.ts';

export interface Coverage {
  assigned: number;
  inspected: number;
  /** inspected / assigned; null when nothing is assigned. */
  coverage: number | null;
}

export interface OverdueRectification {
  findingId: string;
  groupId: string;
  targetName: string;
  targetCreditCode: string;
  regionCode: string;
  disposition: ProblemDisposition;
  rectificationDueOn: string;
  /** 24:00 Beijing time of the due date. */
  dueAt: string;
  /** Whole days (or part of one) past the due time at `asOf`. */
  daysOverdue: number;
  /** A 回头看 scheduled and not yet done, if any. */
  followUpScheduledOn: string | null;
  rejected: boolean;
}

export interface OperationProgress {
  operationId: string;
  status: OperationStatus;
  asOf: string;
  targets: Coverage;
  byGroup: (Coverage & { groupId: string; name: string })[];
  byRegion: (Coverage & { regionCode: string })[];
  byPhase: (Coverage & {
    phaseId: string;
    kind: OperationPhaseKind;
    name: string;
    startsOn: string;
    endsOn: string;
    /** FOLLOW_UP inspections that took place in the phase. */
    followUps: number;
    /** Problems registered in the phase. */
    problemsRegistered: number;
  })[];
  inspections: { regular: number; followUps: number };
  /** Findings recorded but not (yet) in the ledger. */
  findingsNotInLedger: number;
  /**
   * 自查自纠 (counts over the whole register: which targets are missing is a list for those who may
   * see them, `Operation.selfInspectionsMissing`). Null when the plan has no 自查自纠 phase.
   */
  selfInspection: {
    /** 24:00 Beijing time of the phase's last day. */
    dueAt: string;
    /** asOf is past dueAt. */
    due: boolean;
    targets: number;
    reported: number;
    /** Reported after dueAt. */
    late: number;
    missing: number;
    /** Problems the facilities found themselves, and those of them rectified. */
    itemsFound: number;
    itemsRectified: number;
  } | null;
  ledger: {
    problems: number;
    open: number;
    reported: number;
    closed: number;
    /** 反弹: times a 回头看 found a closed problem back, and the problems it happened to. */
    relapses: number;
    relapsedProblems: number;
    /** closed / problems (销号率); null when the ledger is empty. */
    closureRate: number | null;
    byDisposition: DispositionFigures[];
  };
  overdue: OverdueRectification[];
  followUps: { scheduled: number; done: number };
  cases: { referred: number; opened: number; transferredToPolice: number };
}

const DAY_MS = 86_400_000;

const coverageOf = (targets: readonly OperationTarget[]): Coverage => {
  const assigned = targets.filter((t) => t.groupId !== null).length;
  const inspected = targets.filter((t) => t.groupId !== null && t.inspectionId !== null).length;
  return { assigned, inspected, coverage: assigned === 0 ? null : inspected / assigned };
};

const rate = (part: number, whole: number): number | null => (whole === 0 ? null : part / whole);

const inDays = (iso: string, span: { startsOn: string; endsOn: string }): boolean => {
  const day = beijingDate(iso);
  return day >= span.startsOn && day <= span.endsOn;
};

const byDispositionOf = (problems: readonly Problem[]): DispositionFigures[] =>
  ProblemDisposition.options.map((disposition) => {
    const of = problems.filter((p) => p.disposition === disposition);
    return { disposition, problems: of.length, closed: of.filter((p) => p.status === 'CLOSED').length };
  });

/** The rectifications overdue at `asOf`, earliest due first. */
export const overdueRectifications = (state: Operation, asOf: string): OverdueRectification[] =>
  state.problems
    .filter((p) => isRectificationOverdue(p, asOf))
    .map((p) => {
      const dueAt = rectificationDueAt(p);
      return {
        findingId: p.findingId,
        groupId: p.groupId,
        targetName: p.targetName,
        targetCreditCode: p.targetCreditCode,
        regionCode: p.regionCode,
        disposition: p.disposition,
        rectificationDueOn: p.rectificationDueOn,
        dueAt,
        daysOverdue: Math.ceil((Date.parse(asOf) - Date.parse(dueAt)) / DAY_MS),
        followUpScheduledOn: p.followUps.find((f) => f.inspectionId === null)?.scheduledOn ?? null,
        rejected: p.rejections.length > 0,
      };
    })
    .sort((a, b) => a.dueAt.localeCompare(b.dueAt) || a.findingId.localeCompare(b.findingId));

/**
 * Whether everyone who reads the operation may know where a target is: its group is announced, or
 * it has been inspected (the inspection reveals it). An unannounced group's uninspected target
 * (四不两直) is not: its place stays with the group and the office.
 */
export const isTargetPlaceDisclosed = (state: Operation, target: OperationTarget): boolean =>
  target.inspectionId !== null || state.groups.some((g) => g.groupId === target.groupId && !g.unannounced);

/**
 * The progress of the operation as its state says, with overdue judged at `asOf`. `disclosed`
 * says which targets' place the reader may know (default: what every reader may,
 * `isTargetPlaceDisclosed`): `byRegion` counts only those, so no count per region moves with a
 * hidden target (四不两直 in aggregates, decision 0010). The totals, groups and phases still count
 * every target: a group's hidden targets are counted, never placed, in its view too; the difference
 * between the totals and the regions' sum is the targets whose place is not disclosed.
 */
export const operationProgress = (
  state: Operation,
  asOf: string,
  disclosed: (target: OperationTarget) => boolean = (target) => isTargetPlaceDisclosed(state, target),
): OperationProgress => {
  const placed = state.targets.filter((t) => t.groupId !== null && disclosed(t));
  const regions = [...new Set(placed.map((t) => t.regionCode))].sort();
  const followUpInspections = state.inspections.filter((i) => i.kind === 'FOLLOW_UP');
  const recordedFindings = state.inspections.flatMap((i) => i.findings.map((f) => f.findingId));
  const ledgered = new Set(state.problems.map((p) => p.findingId));
  const closed = state.problems.filter((p) => p.status === 'CLOSED').length;
  const followUps = state.problems.flatMap((p) => p.followUps);
  const selfDueAt = selfInspectionDueAt(state);
  const selfItems = state.selfInspections.flatMap((r) => r.items);
  const registered = new Set(state.targets.map((t) => t.creditCode));
  const selfReported = state.selfInspections.filter((r) => registered.has(r.targetCreditCode));
  return {
    operationId: state.operationId,
    status: state.status,
    asOf,
    targets: coverageOf(state.targets),
    byGroup: state.groups.map((g) => ({
      groupId: g.groupId,
      name: g.name,
      ...coverageOf(state.targets.filter((t) => t.groupId === g.groupId)),
    })),
    byRegion: regions.map((regionCode) => ({ regionCode, ...coverageOf(placed.filter((t) => t.regionCode === regionCode)) })),
    byPhase: state.phases.map((phase) => {
      const groups = new Set(state.groups.filter((g) => g.phaseId === phase.phaseId).map((g) => g.groupId));
      return {
        phaseId: phase.phaseId,
        kind: phase.kind,
        name: phase.name,
        startsOn: phase.startsOn,
        endsOn: phase.endsOn,
        ...coverageOf(state.targets.filter((t) => t.groupId !== null && groups.has(t.groupId))),
        followUps: followUpInspections.filter((i) => inDays(i.inspectedAt, phase)).length,
        problemsRegistered: state.problems.filter((p) => inDays(p.registeredAt, phase)).length,
      };
    }),
    inspections: { regular: state.inspections.length - followUpInspections.length, followUps: followUpInspections.length },
    findingsNotInLedger: recordedFindings.filter((id) => !ledgered.has(id)).length,
    selfInspection:
      selfDueAt === null
        ? null
        : {
            dueAt: selfDueAt,
            due: Date.parse(asOf) > Date.parse(selfDueAt),
            targets: state.targets.length,
            reported: selfReported.length,
            late: selfReported.filter((r) => r.late).length,
            missing: state.targets.length - selfReported.length,
            itemsFound: selfItems.length,
            itemsRectified: selfItems.filter((i) => i.rectified).length,
          },
    ledger: {
      problems: state.problems.length,
      open: state.problems.filter((p) => p.status === 'OPEN').length,
      reported: state.problems.filter((p) => p.status === 'RECTIFICATION_REPORTED').length,
      closed,
      relapses: state.problems.reduce((n, p) => n + p.relapses.length, 0),
      relapsedProblems: state.problems.filter((p) => p.relapses.length > 0).length,
      closureRate: rate(closed, state.problems.length),
      byDisposition: byDispositionOf(state.problems),
    },
    overdue: overdueRectifications(state, asOf),
    followUps: { scheduled: followUps.length, done: followUps.filter((f) => f.inspectionId !== null).length },
    cases: {
      referred: state.problems.filter((p) => p.referredAt !== null).length,
      opened: state.problems.filter((p) => p.case !== null).length,
      transferredToPolice: state.problems.filter((p) => p.caseTransfers.some((t) => t.kind === 'CRIMINAL')).length,
    },
  };
};

/**
 * The figures a result report carries (a subset of the progress, at the time of the report). The
 * report is read by every reader of the operation: its regions place only disclosed targets.
 */
export const operationFigures = (state: Operation, asOf: string): OperationFigures => {
  const progress = operationProgress(state, asOf);
  return {
    targetsAssigned: progress.targets.assigned,
    targetsInspected: progress.targets.inspected,
    inspections: progress.inspections.regular,
    followUps: progress.inspections.followUps,
    problems: progress.ledger.problems,
    problemsClosed: progress.ledger.closed,
    closureRate: progress.ledger.closureRate,
    overdueRectifications: progress.overdue.length,
    byDisposition: progress.ledger.byDisposition,
    byRegion: progress.byRegion.map(({ regionCode, assigned, inspected }) => ({ regionCode, assigned, inspected })),
    casesReferred: progress.cases.referred,
    casesOpened: progress.cases.opened,
    relapses: progress.ledger.relapses,
    selfInspectionsReported: progress.selfInspection?.reported ?? 0,
    selfInspectionsMissing: progress.selfInspection?.missing ?? 0,
  };
};
