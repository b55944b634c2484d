import { groupPeople, isRectificationOverdue, officePeople, rectificationDueAt, targetsWithoutSelfInspection } from '@xianjie/domain';
import type { InspectionGroup, Inspection, Operation, OperationTarget, Problem, SelfInspection } from '@xianjie/domain';
import type { AccessRules, InspectionGroupFacts, OperationFacts, Principal } from '@xianjie/auth';
import type { Duty, FocusItem, LeadingGroup, Office, Person, Phase } from '@xianjie/contracts';

/**
 * What a principal may see of an operation (DESIGN §6, §3.3), computed from the folded state and
 * the access rules of `@xianjie/auth`: one place for the in-process client, the HTTP API and the
 * command results. An unannounced group's targets and schedule (四不两直) are left out for anyone
 * but the group's members and the office until the target is inspected; the rest is visible to the
 * participating agencies and the overseers of their region.
 */

export interface TargetView {
  name: string;
  creditCode: string;
  regionCode: string;
  groupId: string | null;
  /** The planned day (the group's schedule). */
  plannedOn: string | null;
  assignedAt: string | null;
  inspectedAt: string | null;
  inspectionId: string | null;
}

export interface GroupView {
  groupId: string;
  name: string;
  phaseId: string;
  /** The group's period; null while hidden (unannounced and not every target inspected). */
  startsOn: string | null;
  endsOn: string | null;
  leader: Person;
  /** 副组长 and liaison (联络员), with the phone. */
  deputy: Person;
  members: Person[];
  regions: string[];
  unannounced: boolean;
  formedAt: string;
  /** The targets the principal may see: all of them for the group and the office, the inspected ones for others. */
  targets: TargetView[];
  /** Targets assigned but not shown (unannounced, not yet inspected). */
  hiddenTargets: number;
  targetCount: number;
  inspectedCount: number;
}

export interface InspectionView extends Inspection {
  targetName: string;
  regionCode: string;
}

export interface ProblemView extends Problem {
  /** Overdue at the `asOf` of the query (default: now). */
  overdue: boolean;
  dueAt: string;
  /** A POLICE_REFERRAL whose case was registered but not (yet) transferred to police: a user proposes the transfer. */
  awaitingPoliceTransfer: boolean;
}

/** A 自查自纠 report with its target's name and place (shown only to those who may see the target). */
export interface SelfInspectionView extends SelfInspection {
  targetName: string;
  regionCode: string;
  groupId: string | null;
}

/**
 * An operation's result report with the header the commission needs (title, agencies, status):
 * what a commission's supervisor reads without reading the operation (`canReadOperationReport`).
 * `report` is null until the result is reported.
 */
export interface OperationResultView {
  operationId: string;
  version: number;
  status: Operation['status'];
  title: string;
  leadAgencyId: string;
  participantAgencyIds: string[];
  resultRecipientAgencyId: string;
  startsOn: string;
  endsOn: string;
  report: Operation['report'];
}

export interface OperationView {
  operationId: string;
  streamId: string;
  version: number;
  status: Operation['status'];
  title: string;
  legalBasis: string[];
  leadAgencyId: string;
  participantAgencyIds: string[];
  startsOn: string;
  endsOn: string;
  phases: Phase[];
  focusItems: FocusItem[];
  leadingGroup: LeadingGroup;
  office: Office;
  duties: Duty[];
  resultRecipientAgencyId: string;
  groups: GroupView[];
  /** Register targets not yet assigned: for those who assign (lead agency's head, office); null for others. */
  unassignedTargets: TargetView[] | null;
  /** 自查自纠 reports received, of the targets the principal may see. */
  selfInspections: SelfInspectionView[];
  /** Targets without a 自查自纠 report, of those the principal may see (the office sees them all). */
  selfInspectionsMissing: TargetView[];
  plannedAt: string;
  launchedAt: string | null;
  report: Operation['report'];
  closedAt: string | null;
  closeReason: string | null;
}

const accounts = (people: readonly Person[]): string[] => people.flatMap((p) => (p.userId ? [p.userId] : []));

/** The rules' facts of an operation. */
export const operationFacts = (state: Operation): OperationFacts => ({
  leadAgencyId: state.leadAgency.id,
  participantAgencyIds: state.participants.map((a) => a.id),
  officeUserIds: accounts(officePeople(state.office)),
  resultRecipientAgencyId: state.resultRecipientAgencyId,
});

/** The rules' facts of a group. */
export const groupFacts = (group: InspectionGroup): InspectionGroupFacts => ({
  memberUserIds: accounts(groupPeople(group)),
  leaderUserIds: accounts([group.leader, group.deputy]),
  unannounced: group.unannounced,
});

const targetView = (t: OperationTarget): TargetView => ({
  name: t.name,
  creditCode: t.creditCode,
  regionCode: t.regionCode,
  groupId: t.groupId,
  plannedOn: t.plannedOn,
  assignedAt: t.assignedAt,
  inspectedAt: t.inspectedAt,
  inspectionId: t.inspectionId,
});

/** Whether the principal may see this target of the operation (its group's plan, or the unassigned register). */
export const canSeeTarget = (principal: Principal, rules: AccessRules, state: Operation, target: OperationTarget): boolean => {
  const facts = operationFacts(state);
  const group = state.groups.find((g) => g.groupId === target.groupId);
  if (!group) return rules.canRunOperationCommand(principal, 'assignTargets', facts).allowed;
  return rules.canReadInspectionPlan(principal, { ...facts, group: groupFacts(group), inspected: target.inspectionId !== null }).allowed;
};

export const groupView = (principal: Principal, rules: AccessRules, state: Operation, group: InspectionGroup): GroupView => {
  const assigned = state.targets.filter((t) => t.groupId === group.groupId);
  const visible = assigned.filter((t) => canSeeTarget(principal, rules, state, t));
  const inspected = assigned.filter((t) => t.inspectionId !== null).length;
  const scheduleVisible = rules.canReadInspectionPlan(principal, {
    ...operationFacts(state),
    group: groupFacts(group),
    inspected: assigned.length > 0 && inspected === assigned.length,
  }).allowed;
  return {
    groupId: group.groupId,
    name: group.name,
    phaseId: group.phaseId,
    startsOn: scheduleVisible ? group.startsOn : null,
    endsOn: scheduleVisible ? group.endsOn : null,
    leader: group.leader,
    deputy: group.deputy,
    members: group.members,
    regions: group.regions,
    unannounced: group.unannounced,
    formedAt: group.formedAt,
    targets: visible.map(targetView),
    hiddenTargets: assigned.length - visible.length,
    targetCount: assigned.length,
    inspectedCount: inspected,
  };
};

/** The operation as the principal may see it (the caller has checked `canReadOperation`). */
export const operationView = (principal: Principal, rules: AccessRules, state: Operation, version: number): OperationView => {
  const facts = operationFacts(state);
  const planner = rules.canRunOperationCommand(principal, 'assignTargets', facts).allowed;
  return {
    operationId: state.operationId,
    streamId: `operation-${state.operationId}`,
    version,
    status: state.status,
    title: state.title,
    legalBasis: state.legalBasis,
    leadAgencyId: state.leadAgency.id,
    participantAgencyIds: facts.participantAgencyIds as string[],
    startsOn: state.startsOn,
    endsOn: state.endsOn,
    phases: state.phases,
    focusItems: state.focusItems,
    leadingGroup: state.leadingGroup,
    office: state.office,
    duties: state.duties,
    resultRecipientAgencyId: state.resultRecipientAgencyId,
    groups: state.groups.map((g) => groupView(principal, rules, state, g)),
    unassignedTargets: planner ? state.targets.filter((t) => t.groupId === null).map(targetView) : null,
    selfInspections: selfInspectionViews(principal, rules, state),
    selfInspectionsMissing: targetsWithoutSelfInspection(state)
      .filter((t) => canSeeTarget(principal, rules, state, t))
      .map(targetView),
    plannedAt: state.plannedAt,
    launchedAt: state.launchedAt,
    report: state.report,
    closedAt: state.closedAt,
    closeReason: state.closeReason,
  };
};

/** The 自查自纠 reports of the targets the principal may see (a report names its target: 四不两直 applies). */
export const selfInspectionViews = (principal: Principal, rules: AccessRules, state: Operation): SelfInspectionView[] =>
  state.selfInspections.flatMap((report) => {
    const target = state.targets.find((t) => t.creditCode === report.targetCreditCode);
    if (!target || !canSeeTarget(principal, rules, state, target)) return [];
    return [{ ...report, targetName: target.name, regionCode: target.regionCode, groupId: target.groupId }];
  });

/** The result report and its header (the caller has checked `canReadOperationReport`). */
export const operationResultView = (state: Operation, version: number): OperationResultView => ({
  operationId: state.operationId,
  version,
  status: state.status,
  title: state.title,
  leadAgencyId: state.leadAgency.id,
  participantAgencyIds: state.participants.map((a) => a.id),
  resultRecipientAgencyId: state.resultRecipientAgencyId,
  startsOn: state.startsOn,
  endsOn: state.endsOn,
  report: state.report,
});

/** Recorded inspections: their targets are revealed by the recording itself. */
export const inspectionViews = (state: Operation): InspectionView[] =>
  state.inspections.map((inspection) => {
    const target = state.targets.find((t) => t.creditCode === inspection.targetCreditCode);
    return { ...inspection, targetName: target?.name ?? inspection.targetCreditCode, regionCode: target?.regionCode ?? '' };
  });

export const problemView = (problem: Problem, asOf: string): ProblemView => ({
  ...problem,
  overdue: isRectificationOverdue(problem, asOf),
  dueAt: rectificationDueAt(problem),
  awaitingPoliceTransfer:
    problem.disposition === 'POLICE_REFERRAL' && problem.case !== null && !problem.caseTransfers.some((t) => t.kind === 'CRIMINAL'),
});

/**
 * An event of the operation's stream as the principal may see it in an audit trail: the hash chain
 * is verified on the stored events, but the data shown leaves out what 四不两直 hides — targets of
 * the register or of a group the principal may not see (`hiddenTargets` counts them) and the period
 * of a group whose schedule is hidden. `state` is the operation now (what is revealed is revealed
 * for its whole history). Other events are shown as they are.
 */
export const operationEventView = (
  principal: Principal,
  rules: AccessRules,
  state: Operation,
  event: { type: string; data: Record<string, unknown> },
): { type: string; data: Record<string, unknown> } => {
  const visible = (creditCode: unknown) => {
    const target = state.targets.find((t) => t.creditCode === creditCode);
    return target ? canSeeTarget(principal, rules, state, target) : false;
  };
  const withoutHidden = (targets: unknown) => {
    const list = (targets as { creditCode: string }[]) ?? [];
    const shown = list.filter((t) => visible(t.creditCode));
    return { targets: shown, hiddenTargets: list.length - shown.length };
  };
  switch (event.type) {
    case 'OperationPlanned':
    case 'TargetsAssigned':
      return { type: event.type, data: { ...event.data, ...withoutHidden(event.data.targets) } };
    case 'SelfInspectionRecorded':
      // A report names its target: to whoever may not see the target, only that one came in.
      return visible(event.data.targetCreditCode)
        ? event
        : { type: event.type, data: { operationId: event.data.operationId, recordedAt: event.data.recordedAt, hiddenTargets: 1 } };
    case 'InspectionGroupFormed': {
      const group = state.groups.find((g) => g.groupId === event.data.groupId);
      if (!group) return event;
      const view = groupView(principal, rules, state, group);
      return view.startsOn === null ? { type: event.type, data: { ...event.data, startsOn: null, endsOn: null } } : event;
    }
    default:
      return event;
  }
};
