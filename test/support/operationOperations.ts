/**
 * GraphQL documents and helpers for the joint operation (专项整治) scenarios. Like the transfer
 * helpers they take a `gql(query, variables, token)` function, so any mode drives the same API.
 */
import { GqlFailure, type Gql, type GqlResult } from './transferOperations.ts';

export const personFields = 'name title userId phone agency { id }';

export const groupFields = `id name phase { id kind } startsOn endsOn unannounced regions
  leader { ${personFields} } deputy { ${personFields} } liaisonPhone members { ${personFields} }
  targets { name creditCode regionCode groupId plannedOn inspectedAt inspectionId }
  hiddenTargets targetCount inspectedCount`;

export const ledgerFields = `findingId inspectionId groupId targetName targetCreditCode regionCode description focusItemIds
  disposition dispositionLabel suspended handlingAgency { id } violations amountInvolvedFen note
  rectificationDueOn dueAt registeredAt status statusLabel overdue
  reports { summary reportedAt } rejections { reason newDueOn rejectedAt } verifiedAt verificationNote
  verificationOpinion { checkedBy { ${personFields} } checkedAt method methodLabel findings signedBy { ${personFields} } responsible { ${personFields} } }
  relapses { inspectionId description rectificationDueOn relapsedAt closedAt closureOpinion { responsible { name } signedBy { name } } }
  followUps { scheduledOn reason inspectionId inspectedAt }
  referredAt case { caseId caseNumber agency { id } registeredAt }
  caseTransfers { transferId kind toAgency { id } transferredAt } awaitingPoliceTransfer`;

export const progressFields = `asOf status targets { assigned inspected coverage }
  byGroup { groupId name assigned inspected coverage } byRegion { regionCode assigned inspected coverage }
  byPhase { phaseId kind assigned inspected coverage followUps problemsRegistered }
  inspections { regular followUps } findingsNotInLedger
  ledger { problems open reported closed relapses relapsedProblems closureRate byDisposition { disposition problems closed } }
  selfInspection { dueAt due targets reported late missing itemsFound itemsRectified }
  overdue { findingId groupId targetName disposition rectificationDueOn dueAt daysOverdue followUpScheduledOn rejected }
  followUps { scheduled done } cases { referred opened transferredToPolice }`;

export const reportFields = `summary toAgency { id } reportedAt
  figures { targetsAssigned targetsInspected problems problemsClosed closureRate casesOpened relapses selfInspectionsReported selfInspectionsMissing }
  acknowledgement { agency { id } by { userId name } note acknowledgedAt }
  evaluation { agency { id } by { userId name } grade gradeLabel evaluation evaluatedAt }`;

/** An operation's result report with its header (for the commission). */
export const resultFields = `id version status title leadAgency { id } participants { id } resultRecipient { id } report { ${reportFields} }`;

/** What the plan shows (no ledger, inspections or progress: those take arguments). */
export const operationFields = `id streamId asOf version status statusLabel title legalBasis startsOn endsOn
  leadAgency { id } participants { id } resultRecipient { id }
  phases { id kind kindLabel name startsOn endsOn } focusItems { id title legalBasis }
  leadingGroup { leader { ${personFields} } deputies { ${personFields} } members { ${personFields} } }
  office { hostUnit director { ${personFields} } members { ${personFields} } }
  duties { unit agency { id } duty }
  groups { ${groupFields} }
  unassignedTargets { name creditCode regionCode }
  selfInspections { targetName targetCreditCode regionCode groupId submittedAt late summary signedByName signedByTitle
    items { description focusItemIds rectified measures } }
  selfInspectionsMissing { name creditCode regionCode groupId }
  plannedAt launchedAt closedAt closeReason
  report { ${reportFields} }`;

export const operationInputTypes = {
  planOperation: 'PlanOperationInput',
  formInspectionGroup: 'FormInspectionGroupInput',
  assignTargets: 'AssignTargetsInput',
  launchOperation: 'OperationStepInput',
  recordInspection: 'RecordInspectionInput',
  registerProblem: 'RegisterProblemInput',
  reportRectification: 'ReportRectificationInput',
  verifyRectification: 'VerifyRectificationInput',
  scheduleFollowUp: 'ScheduleFollowUpInput',
  recordSelfInspection: 'RecordSelfInspectionInput',
  acknowledgeOperationReport: 'AcknowledgeOperationReportInput',
  evaluateOperationReport: 'EvaluateOperationReportInput',
  reportResult: 'ReportResultInput',
  closeOperation: 'OperationStepInput',
} as const;
export type OperationMutationName = keyof typeof operationInputTypes;

export const operationMutation = (name: OperationMutationName, fields = operationFields) =>
  `mutation($input: ${operationInputTypes[name]}!) { ${name}(input: $input) { ${fields} } }`;

export const operationQuery = (fields = operationFields) =>
  `query($id: ID!, $asOf: DateTime) { operation(id: $id, asOf: $asOf) { ${fields} } }`;

export const ledgerQuery = `query($id: ID!, $asOf: DateTime, $filter: LedgerFilter) {
  operation(id: $id, asOf: $asOf) { id ledger(filter: $filter) { ${ledgerFields} } } }`;

export const progressQuery = `query($id: ID!, $asOf: DateTime) { operation(id: $id) { id progress(asOf: $asOf) { ${progressFields} } } }`;

export const inspectionsQuery = `query($id: ID!, $asOf: DateTime) { operation(id: $id, asOf: $asOf) { id inspections {
  id groupId kind kindLabel targetName targetCreditCode regionCode inspectedAt followUpOf summary
  checklist { itemId result note } findings { id description focusItemIds violations } } } }`;

export const operationsQuery = `query($status: [OperationStatus!]) { operations(status: $status) { id title status version leadAgency { id } participants { id } } }`;

// ---- types of what the documents return ---------------------------------------------------------

export interface PersonView {
  name: string;
  title: string;
  userId: string | null;
  phone: string | null;
  agency: { id: string };
}

export interface TargetView {
  name: string;
  creditCode: string;
  regionCode: string;
  groupId: string | null;
  plannedOn: string | null;
  inspectedAt: string | null;
  inspectionId: string | null;
}

export interface GroupView {
  id: string;
  name: string;
  phase: { id: string; kind: string } | null;
  startsOn: string | null;
  endsOn: string | null;
  unannounced: boolean;
  regions: string[];
  leader: PersonView;
  deputy: PersonView;
  liaisonPhone: string | null;
  members: PersonView[];
  targets: TargetView[];
  hiddenTargets: number;
  targetCount: number;
  inspectedCount: number;
}

export interface ReportView {
  summary: string;
  toAgency: { id: string };
  figures: Record<string, unknown>;
  acknowledgement: { agency: { id: string }; by: { userId: string; name: string }; note: string | null; acknowledgedAt: string } | null;
  evaluation: { agency: { id: string }; by: { userId: string; name: string }; grade: string; gradeLabel: string; evaluation: string } | null;
  [field: string]: unknown;
}

export interface OperationResultView {
  id: string;
  version: number;
  status: string;
  title: string;
  leadAgency: { id: string };
  resultRecipient: { id: string };
  report: ReportView | null;
  [field: string]: unknown;
}

export interface OperationView {
  id: string;
  streamId: string;
  asOf: string | null;
  version: number;
  status: string;
  title: string;
  leadAgency: { id: string };
  participants: { id: string }[];
  resultRecipient: { id: string };
  phases: { id: string; kind: string; name: string; startsOn: string; endsOn: string }[];
  focusItems: { id: string; title: string; legalBasis: string | null }[];
  leadingGroup: { leader: PersonView; deputies: PersonView[]; members: PersonView[] };
  office: { hostUnit: string; director: PersonView; members: PersonView[] };
  duties: { unit: string; agency: { id: string }; duty: string }[];
  groups: GroupView[];
  unassignedTargets: { name: string; creditCode: string; regionCode: string }[] | null;
  report: ReportView | null;
  selfInspections: { targetName: string; targetCreditCode: string; late: boolean; items: { rectified: boolean }[]; [field: string]: unknown }[];
  selfInspectionsMissing: { name: string; creditCode: string; regionCode: string; groupId: string | null }[];
  [field: string]: unknown;
}

export interface LedgerEntryView {
  findingId: string;
  inspectionId: string;
  groupId: string;
  targetName: string;
  targetCreditCode: string;
  disposition: string;
  status: string;
  overdue: boolean;
  rectificationDueOn: string;
  dueAt: string;
  handlingAgency: { id: string } | null;
  followUps: { scheduledOn: string; reason: string | null; inspectionId: string | null; inspectedAt: string | null }[];
  case: { caseId: string; caseNumber: string; agency: { id: string }; registeredAt: string } | null;
  caseTransfers: { transferId: string; kind: string; toAgency: { id: string }; transferredAt: string }[];
  awaitingPoliceTransfer: boolean;
  [field: string]: unknown;
}

type CoverageView = { assigned: number; inspected: number; coverage: number | null };

export interface ProgressView {
  asOf: string;
  status: string;
  targets: CoverageView;
  byGroup: (CoverageView & { groupId: string; name: string })[];
  byRegion: (CoverageView & { regionCode: string })[];
  byPhase: (CoverageView & { phaseId: string; kind: string; followUps: number; problemsRegistered: number })[];
  inspections: { regular: number; followUps: number };
  findingsNotInLedger: number;
  ledger: {
    problems: number;
    open: number;
    reported: number;
    closed: number;
    relapses: number;
    relapsedProblems: number;
    closureRate: number | null;
    byDisposition: { disposition: string; problems: number; closed: number }[];
  };
  selfInspection: {
    dueAt: string;
    due: boolean;
    targets: number;
    reported: number;
    late: number;
    missing: number;
    itemsFound: number;
    itemsRectified: number;
  } | null;
  overdue: { findingId: string; groupId: string; daysOverdue: number; followUpScheduledOn: string | null; rejected: boolean }[];
  followUps: { scheduled: number; done: number };
  cases: { referred: number; opened: number; transferredToPolice: number };
}

const dataOf = <T>(operation: string, res: GqlResult<T>): T => {
  if (res.errors?.length || !res.data) throw new GqlFailure(operation, res.errors ?? [{ message: 'no data' }]);
  return res.data;
};

/** Operation (专项整治) operations over a `gql` function. */
export const createOperationOperations = (gql: Gql) => {
  const ops = {
    /** Runs a mutation and returns the raw result (errors included): for refusals. */
    attempt: (name: OperationMutationName, input: Record<string, unknown>, token: string, fields = operationFields) =>
      gql<Record<string, OperationView>>(operationMutation(name, fields), { input }, token),

    /** Runs a mutation; throws with the errors when it fails. */
    async run(name: OperationMutationName, input: Record<string, unknown>, token: string, fields = operationFields): Promise<OperationView> {
      return dataOf(name, await ops.attempt(name, input, token, fields))[name]!;
    },

    /** The operation as `token` sees it (null: absent or not readable). */
    async operation(id: string, token: string, asOf?: string): Promise<OperationView | null> {
      return dataOf('operation', await gql<{ operation: OperationView | null }>(operationQuery(), { id, asOf }, token)).operation;
    },

    /** The result report and header as `token` sees it (null: absent or not readable). */
    async result(id: string, token: string): Promise<OperationResultView | null> {
      const res = await gql<{ operationResult: OperationResultView | null }>(
        `query($id: ID!) { operationResult(id: $id) { ${resultFields} } }`,
        { id },
        token,
      );
      return dataOf('operationResult', res).operationResult;
    },

    async results(token: string, status?: string[]): Promise<OperationResultView[]> {
      const res = await gql<{ operationResults: OperationResultView[] }>(
        `query($status: [OperationStatus!]) { operationResults(status: $status) { ${resultFields} } }`,
        { status },
        token,
      );
      return dataOf('operationResults', res).operationResults;
    },

    async operations(token: string, status?: string[]) {
      type Listed = { id: string; title: string; status: string; version: number; leadAgency: { id: string }; participants: { id: string }[] };
      return dataOf('operations', await gql<{ operations: Listed[] }>(operationsQuery, { status }, token)).operations;
    },

    async ledger(id: string, token: string, filter?: Record<string, unknown>, asOf?: string): Promise<LedgerEntryView[]> {
      const res = await gql<{ operation: { ledger: LedgerEntryView[] } | null }>(ledgerQuery, { id, filter, asOf }, token);
      const operation = dataOf('ledger', res).operation;
      if (!operation) throw new Error(`operation ${id} is not visible`);
      return operation.ledger;
    },

    async progress(id: string, token: string, asOf?: string): Promise<ProgressView> {
      const res = await gql<{ operation: { progress: ProgressView } | null }>(progressQuery, { id, asOf }, token);
      const operation = dataOf('progress', res).operation;
      if (!operation) throw new Error(`operation ${id} is not visible`);
      return operation.progress;
    },

    async inspections(id: string, token: string, asOf?: string) {
      type InspectionView = {
        id: string;
        groupId: string;
        kind: string;
        targetName: string;
        targetCreditCode: string;
        followUpOf: string[];
        findings: { id: string; description: string; focusItemIds: string[]; violations: string[] }[];
        [field: string]: unknown;
      };
      const res = await gql<{ operation: { inspections: InspectionView[] } | null }>(inspectionsQuery, { id, asOf }, token);
      const operation = dataOf('inspections', res).operation;
      if (!operation) throw new Error(`operation ${id} is not visible`);
      return operation.inspections;
    },
  };
  return ops;
};

export type OperationOperations = ReturnType<typeof createOperationOperations>;

/** A person of the plan: `{ name, agencyId, title, userId?, phone? }`. */
export const personOf = (name: string, agencyId: string, title: string, extra: { userId?: string; phone?: string } = {}) => ({
  name,
  agencyId,
  title,
  ...extra,
});
