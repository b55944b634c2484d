/**
 * GraphQL documents and helpers for the transfer (移送) scenarios. Independent of the mode: every
 * helper takes a `gql(query, variables, token)` function, so the embedded and the distributed
 * suites drive the same API the same way.
 *
 * The other side's facts arrive asynchronously (each side's service notes them on its own stream
 * from the bus): `act` waits for the other side's stream to note a step before it returns, so the
 * next step — and a test clock that moves on — sees a settled transfer.
 */
import { findDemoUser } from '@xianjie/auth';
import { caseStepMutation, registerCaseMutation } from './caseOperations.ts';
import { eventually } from './eventually.ts';

export interface GqlError {
  message: string;
  path?: (string | number)[];
  extensions?: Record<string, unknown>;
}

export interface GqlResult<T = Record<string, unknown>> {
  data?: T | null;
  errors?: GqlError[];
}

export type Gql = <T = Record<string, unknown>>(
  query: string,
  variables?: Record<string, unknown>,
  token?: string,
) => Promise<GqlResult<T>>;

// ---- documents ----------------------------------------------------------------------------------

export const deadlineFields = 'step label party obligation startedAt dueAt metAt metLate legalBasis';

/** The fields a party reads; an overseer's view of the same type leaves the details null/empty. */
export const transferFields = `id streamId receiverStreamId kind status caseId reason version senderVersion receiverVersion
  fromAgency { id kind } toAgency { id kind }
  materials { kind title } handedOver { kind title }
  official { name post employer managementLevel allegations }
  proposedAt sentAt receivedAt copiedToProcuratorate approvalNote
  refusal { reason refusedAt }
  supplementRequest { requested reason requestedAt }
  acceptance { documentNumber reason acceptedAt }
  decline { reasonCategory reason declinedAt }
  reconsideration { reason requestedAt decision { accepted reason decidedAt } }
  supervision { reason afterReconsideration suggestedAt }
  procuratorateInquiry { documentNumber receivedAt }
  nonFilingExplanation { explanation explainedAt }
  filingOrder { documentNumber receivedAt }
  dispositions { disposition reason disposedAt }
  result { outcome result recordedAt }
  closed { reason closedAt }
  returned { reason returnedAt }
  deadlines { ${deadlineFields} status }`;

/** The GraphQL input type of each transfer mutation (schemas/schema.graphql). */
export const transferInputTypes = {
  proposeTransfer: 'ProposeTransferInput',
  approveTransfer: 'TransferStepInput',
  refuseTransfer: 'TransferStepInput',
  supplyMaterials: 'SupplementMaterialsInput',
  requestReconsideration: 'TransferStepInput',
  suggestProcuratorateSupervision: 'TransferStepInput',
  handOverMaterials: 'HandOverMaterialsInput',
  closeTransfer: 'TransferStepInput',
  receiveTransfer: 'TransferStepInput',
  forwardTransfer: 'ForwardTransferInput',
  returnTransfer: 'TransferStepInput',
  requestSupplement: 'RequestSupplementInput',
  acceptTransfer: 'TransferStepInput',
  declineTransfer: 'TransferStepInput',
  extendDeadline: 'ExtendDeadlineInput',
  decideReconsideration: 'DecideReconsiderationInput',
  disposeClue: 'DisposeClueInput',
  recordTransferResult: 'RecordTransferResultInput',
  recordProcuratorateInquiry: 'ProcuratorateNoticeInput',
  explainNonFiling: 'ExplainNonFilingInput',
  recordProcuratorateFilingOrder: 'ProcuratorateNoticeInput',
} as const;
export type TransferMutationName = keyof typeof transferInputTypes;

/** Which side's stream a mutation appends to (the other side notes it). */
export const transferMutationSides: Readonly<Record<TransferMutationName, 'SENDER' | 'RECEIVER'>> = {
  proposeTransfer: 'SENDER',
  approveTransfer: 'SENDER',
  refuseTransfer: 'SENDER',
  supplyMaterials: 'SENDER',
  requestReconsideration: 'SENDER',
  suggestProcuratorateSupervision: 'SENDER',
  handOverMaterials: 'SENDER',
  closeTransfer: 'SENDER',
  receiveTransfer: 'RECEIVER',
  forwardTransfer: 'RECEIVER',
  returnTransfer: 'RECEIVER',
  requestSupplement: 'RECEIVER',
  acceptTransfer: 'RECEIVER',
  declineTransfer: 'RECEIVER',
  extendDeadline: 'RECEIVER',
  decideReconsideration: 'RECEIVER',
  disposeClue: 'RECEIVER',
  recordTransferResult: 'RECEIVER',
  recordProcuratorateInquiry: 'RECEIVER',
  explainNonFiling: 'RECEIVER',
  recordProcuratorateFilingOrder: 'RECEIVER',
};

export const transferMutation = (name: TransferMutationName, fields = transferFields) =>
  `mutation($input: ${transferInputTypes[name]}!) { ${name}(input: $input) { ${fields} } }`;

export const transferQuery = (fields = transferFields) =>
  `query($id: ID!, $asOf: DateTime) { transfer(id: $id, asOf: $asOf) { ${fields} } }`;

/** Deadlines only, each with its status as of `$statusAsOf` (default: the query's asOf). */
export const transferDeadlinesQuery = `query($id: ID!, $asOf: DateTime, $statusAsOf: DateTime) {
  transfer(id: $id, asOf: $asOf) { id status deadlines { ${deadlineFields} status(asOf: $statusAsOf) } } }`;

export const transfersQuery = (fields = 'id kind status caseId version fromAgency { id } toAgency { id } materials { kind title }') =>
  `query($filter: TransferFilter!, $first: Int, $after: String) { transfers(filter: $filter, first: $first, after: $after) {
    edges { cursor node { ${fields} } } pageInfo { hasNextPage endCursor } } }`;

export const overdueTransfersQuery = `query($asOf: DateTime) { oversight { overdueTransfers(asOf: $asOf) {
  step label party dueAt legalBasis agency { id }
  transfer { id kind status fromAgency { id } toAgency { id } reason materials { kind title } official { name }
    acceptance { documentNumber } decline { reason } result { outcome } } } } }`;

export const awaitingFeedbackQuery = `query($asOf: DateTime) { oversight { awaitingFeedback(asOf: $asOf) {
  sentAt daysWaiting stage stageLabel overdueSteps
  transfer { id kind status fromAgency { id } toAgency { id } reason materials { kind title } official { name }
    acceptance { acceptedAt } decline { reason } result { outcome } } } } }`;

export const agencyPerformanceQuery = `query($from: DateTime!, $to: DateTime!) { oversight { agencyPerformance(from: $from, to: $to) {
  agency { id } sent received accepted declined returned acceptanceRate declineRate
  medianHoursToReceipt medianHoursToDecision overdueSteps resultsFedBack } } }`;

export const auditTrailQuery = `query($streamId: String!) { auditTrail(streamId: $streamId) {
  streamId events { version type occurredAt actor { userId agencyId } data } verification { valid checked brokenAt } } }`;

export const caseWithTransfersQuery = `query($id: ID!) { case(id: $id) { id status version
  transfers { id kind status toAgency { id } } } }`;

// ---- types of what the documents return ---------------------------------------------------------

export interface DeadlineView {
  step: string;
  label: string;
  party: 'SENDER' | 'RECEIVER';
  obligation: 'DUTY' | 'CONDITIONAL' | 'RIGHT';
  startedAt: string;
  dueAt: string;
  metAt: string | null;
  metLate: boolean;
  legalBasis: string;
  status: 'PENDING' | 'MET' | 'OVERDUE' | 'LAPSED';
}

export interface TransferView {
  id: string;
  streamId: string;
  receiverStreamId: string | null;
  kind: string;
  status: string;
  caseId: string;
  reason: string;
  version: number;
  senderVersion: number | null;
  receiverVersion: number | null;
  fromAgency: { id: string; kind: string };
  toAgency: { id: string; kind: string };
  materials: { kind: string; title: string }[];
  deadlines: DeadlineView[];
  [field: string]: unknown;
}

export interface OverdueItemView {
  step: string;
  label: string;
  party: 'SENDER' | 'RECEIVER';
  dueAt: string;
  legalBasis: string;
  agency: { id: string };
  transfer: { id: string; kind: string; status: string; materials: unknown[]; [field: string]: unknown };
}

export interface AwaitingFeedbackItemView {
  sentAt: string;
  daysWaiting: number;
  stage: 'AWAITING_RECEIPT' | 'AWAITING_DECISION' | 'DECLINED' | 'IN_RECONSIDERATION' | 'SUPERVISION_SUGGESTED' | 'AWAITING_RESULT';
  stageLabel: string;
  overdueSteps: string[];
  transfer: { id: string; kind: string; status: string; materials: unknown[]; [field: string]: unknown };
}

export interface AgencyPerformanceView {
  agency: { id: string };
  sent: number;
  received: number;
  accepted: number;
  declined: number;
  returned: number;
  acceptanceRate: number | null;
  declineRate: number | null;
  medianHoursToReceipt: number | null;
  medianHoursToDecision: number | null;
  overdueSteps: number;
  resultsFedBack: number;
}

export interface AuditTrailView {
  streamId: string;
  events: { version: number; type: string; occurredAt: string; actor: { userId: string; agencyId: string }; data: Record<string, unknown> }[];
  verification: { valid: boolean; checked: number; brokenAt: number | null };
}

// ---- the standard material sets (the policy's required materials, contracts/transferPolicies) ----

export const criminalMaterials = [
  { kind: 'TRANSFER_LETTER', title: '涉嫌犯罪案件移送书' },
  { kind: 'INVESTIGATION_REPORT', title: '涉嫌犯罪案件情况的调查报告' },
  { kind: 'SEIZED_ITEMS_LIST', title: '涉案物品清单' },
  { kind: 'TEST_REPORT', title: '药品检验报告书' },
];
export const administrativeMaterials = [
  { kind: 'TRANSFER_LETTER', title: '案件移送函' },
  { kind: 'INVESTIGATION_REPORT', title: '现场检查笔录及调查报告' },
];
export const disciplinaryMaterials = [
  { kind: 'CLUE_REPORT', title: '问题线索报告' },
  { kind: 'TRANSFER_LETTER', title: '问题线索移送函' },
];
export const reverseMaterials = [
  { kind: 'TRANSFER_LETTER', title: '案件移送书（反向衔接）' },
  { kind: 'INVESTIGATION_REPORT', title: '公安机关审查情况说明' },
];

// ---- helpers ------------------------------------------------------------------------------------

/** The claims of a (development) token, read without verifying it: who will act with it. */
export const claimsOf = (token: string): { sub: string; name: string; agency: string } =>
  JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString('utf8')) as { sub: string; name: string; agency: string };

/**
 * The 专案组 of a proposal made with `token` (Decree art. 5: two or more officers, the proposer
 * among them): the proposer and the agency's second demo officer (`u-<agency>-officer2`, auth's
 * demoStaff), or its first when the proposer is that one.
 */
export const caseTeamFor = (token: string): { userId: string; name: string }[] => {
  const { sub, name, agency } = claimsOf(token);
  const second = sub === `u-${agency}-officer2` ? `u-${agency}-officer` : `u-${agency}-officer2`;
  return [
    { userId: sub, name },
    { userId: second, name: findDemoUser(second)?.name ?? '专案组成员' },
  ];
};

/** The proposal fields a kind asks for beyond the common ones: CRIMINAL names its 专案组. */
export const proposalExtras = (kind: string, token: string): Record<string, unknown> =>
  kind === 'CRIMINAL' ? { caseTeam: caseTeamFor(token) } : {};

/** The first error's `extensions.code`, or undefined. */
export const errorCode = (res: GqlResult<unknown>): string | undefined => res.errors?.[0]?.extensions?.code as string | undefined;

export class GqlFailure extends Error {
  readonly operation: string;
  readonly errors: GqlError[];
  constructor(operation: string, errors: GqlError[]) {
    super(`${operation}: ${JSON.stringify(errors)}`);
    this.operation = operation;
    this.errors = errors;
    this.name = 'GqlFailure';
  }
}

const dataOf = <T>(operation: string, res: GqlResult<T>): T => {
  if (res.errors?.length || !res.data) throw new GqlFailure(operation, res.errors ?? [{ message: 'no data' }]);
  return res.data;
};

export interface TransferOperationsOptions {
  /** How long to wait for the other side (bus + consumer + projection). */
  timeoutMs?: number;
}

/** Transfer operations over a `gql` function (any mode). */
export const createTransferOperations = (gql: Gql, options: TransferOperationsOptions = {}) => {
  const timeoutMs = options.timeoutMs ?? 15_000;

  const ops = {
    gql,

    /**
     * Runs a mutation and returns the raw result (errors included): for refusals. A CRIMINAL
     * proposal that names no 专案组 is made by the proposer's (`caseTeamFor`); pass `caseTeam`
     * to test the rule itself.
     */
    attempt: (name: TransferMutationName, input: Record<string, unknown>, token: string, fields = transferFields) =>
      gql<Record<string, TransferView>>(
        transferMutation(name, fields),
        { input: name === 'proposeTransfer' && !('caseTeam' in input) ? { ...input, ...proposalExtras(String(input.kind), token) } : input },
        token,
      ),

    /** Runs a mutation; throws with the errors when it fails. Does not wait for the other side. */
    async run(name: TransferMutationName, input: Record<string, unknown>, token: string): Promise<TransferView> {
      return dataOf(name, await ops.attempt(name, input, token))[name]!;
    },

    /**
     * Runs a step on an existing transfer and waits until the other side's stream noted it (its
     * version moved on), then returns the merged transfer as the actor sees it. A step before the
     * receiver's stream exists (approve, refuse) has nobody to wait for.
     */
    async act(name: TransferMutationName, input: Record<string, unknown>, token: string): Promise<TransferView> {
      const id = String(input.transferId);
      const before = await ops.transfer(id, token);
      if (!before) throw new Error(`${name}: transfer ${id} is not visible to the actor`);
      const side = transferMutationSides[name];
      await ops.run(name, input, token);
      const otherBefore = side === 'SENDER' ? before.receiverVersion : (before.senderVersion ?? 0);
      if (otherBefore === null) return (await ops.transfer(id, token))!;
      return ops.waitForTransfer(id, token, (t) =>
        ((side === 'SENDER' ? t.receiverVersion : t.senderVersion) ?? 0) > otherBefore,
        `${name} noted by the ${side === 'SENDER' ? 'receiver' : 'sender'}`,
      );
    },

    /** The merged transfer as `token` sees it (null: absent or not a party). */
    async transfer(id: string, token: string, asOf?: string, fields = transferFields): Promise<TransferView | null> {
      return dataOf('transfer', await gql<{ transfer: TransferView | null }>(transferQuery(fields), { id, asOf }, token)).transfer;
    },

    /** The deadlines of a transfer rebuilt as of `asOf`, with status as of `statusAsOf` (default asOf). */
    async deadlines(id: string, token: string, asOf?: string, statusAsOf?: string): Promise<DeadlineView[]> {
      const res = await gql<{ transfer: { deadlines: DeadlineView[] } | null }>(transferDeadlinesQuery, { id, asOf, statusAsOf }, token);
      const transfer = dataOf('transfer deadlines', res).transfer;
      if (!transfer) throw new Error(`transfer ${id} is not visible`);
      return transfer.deadlines;
    },

    async waitForTransfer(id: string, token: string, done: (t: TransferView) => boolean, what = 'condition'): Promise<TransferView> {
      try {
        return (await eventually(() => ops.transfer(id, token), (t) => t !== null && done(t), timeoutMs))!;
      } catch (error) {
        throw new Error(`transfer ${id}: ${what} not reached: ${(error as Error).message}`);
      }
    },

    /** The agency's inbox (INCOMING) or outbox (OUTGOING), first page of up to 100. */
    async list(token: string, filter: Record<string, unknown>, fields?: string): Promise<TransferView[]> {
      const res = await gql<{ transfers: { edges: { node: TransferView }[] } }>(transfersQuery(fields), { filter, first: 100 }, token);
      return dataOf('transfers', res).transfers.edges.map((e) => e.node);
    },

    /** Waits until the listing (inbox/outbox read model) shows the transfer and `done` holds for it. */
    async waitForListed(
      token: string,
      direction: 'INCOMING' | 'OUTGOING',
      id: string,
      done: (t: TransferView) => boolean = () => true,
    ): Promise<TransferView> {
      const rows = await eventually(
        () => ops.list(token, { direction }),
        (list) => list.some((t) => t.id === id && done(t)),
        timeoutMs,
      );
      return rows.find((t) => t.id === id)!;
    },

    async overdue(token: string, asOf: string): Promise<OverdueItemView[]> {
      const res = await gql<{ oversight: { overdueTransfers: OverdueItemView[] } }>(overdueTransfersQuery, { asOf }, token);
      return dataOf('overdueTransfers', res).oversight.overdueTransfers;
    },

    /** `oversight.awaitingFeedback` as of `asOf` (default: now). */
    async awaitingFeedback(token: string, asOf?: string): Promise<AwaitingFeedbackItemView[]> {
      const res = await gql<{ oversight: { awaitingFeedback: AwaitingFeedbackItemView[] } }>(awaitingFeedbackQuery, { asOf }, token);
      return dataOf('awaitingFeedback', res).oversight.awaitingFeedback;
    },

    /** `oversight.agencyPerformance` over [from, to). */
    async agencyPerformance(token: string, from: string, to: string): Promise<AgencyPerformanceView[]> {
      const res = await gql<{ oversight: { agencyPerformance: AgencyPerformanceView[] } }>(agencyPerformanceQuery, { from, to }, token);
      return dataOf('agencyPerformance', res).oversight.agencyPerformance;
    },

    /** The audit trail of a stream; null when the stream does not exist (NOT_FOUND). */
    async auditTrail(streamId: string, token: string): Promise<AuditTrailView | null> {
      const res = await gql<{ auditTrail: AuditTrailView | null }>(auditTrailQuery, { streamId }, token);
      if (errorCode(res) === 'NOT_FOUND') return null;
      return dataOf('auditTrail', res).auditTrail;
    },

    /**
     * Event counts of both streams of a transfer (0 for a stream that does not exist). `token` must
     * read both: a party once the transfer is sent (overseers do not read transfer trails).
     */
    async streamLengths(t: { streamId: string; id: string }, token: string): Promise<{ sender: number; receiver: number }> {
      const [out, into] = await Promise.all([
        ops.auditTrail(t.streamId, token),
        ops.auditTrail(`transfer-in-${t.id}`, token),
      ]);
      return { sender: out?.events.length ?? 0, receiver: into?.events.length ?? 0 };
    },

    /** Registers a case of the token's agency (optionally files it) and returns it. */
    async registerCase(
      token: string,
      input: Record<string, unknown>,
      fileWith?: string,
    ): Promise<{ id: string; streamId: string; number: string; status: string }> {
      type Registered = { registerCase: { id: string; streamId: string; number: string; status: string } };
      const registered = dataOf('registerCase', await gql<Registered>(registerCaseMutation, { input }, token)).registerCase;
      if (!fileWith) return registered;
      const filed = await gql<{ fileCase: { status: string } }>(caseStepMutation('fileCase'), { input: { caseId: registered.id } }, fileWith);
      return { ...registered, status: dataOf('fileCase', filed).fileCase.status };
    },

    /** The case with its transfers (`Case.transfers`), as `token` sees it. */
    async caseWithTransfers(id: string, token: string) {
      type CaseView = { id: string; status: string; version: number; transfers: { id: string; kind: string; status: string; toAgency: { id: string } }[] };
      return dataOf('case', await gql<{ case: CaseView | null }>(caseWithTransfersQuery, { id }, token)).case;
    },

    /**
     * Proposes and approves (sends) a transfer, then waits until the receiver's inbox lists it:
     * the receiver can sign for it from then on.
     */
    async send(args: {
      caseId: string;
      kind: string;
      toAgencyId: string;
      reason: string;
      materials: { kind: string; title: string }[];
      official?: Record<string, unknown>;
      officer: string;
      supervisor: string;
      receiverToken: string;
      /** Called between the proposal and the approval (a test clock moves on there). */
      beforeApproval?: () => void | Promise<void>;
    }): Promise<TransferView> {
      const proposed = await ops.run(
        'proposeTransfer',
        {
          caseId: args.caseId,
          kind: args.kind,
          toAgencyId: args.toAgencyId,
          reason: args.reason,
          materials: args.materials,
          ...(args.official ? { official: args.official } : {}),
        },
        args.officer,
      );
      await args.beforeApproval?.();
      const sent = await ops.run('approveTransfer', { transferId: proposed.id }, args.supervisor);
      await ops.waitForListed(args.receiverToken, 'INCOMING', proposed.id);
      // The sender's read model too: lists and oversight read it (the receipt's clock lives there).
      await ops.waitForListed(args.officer, 'OUTGOING', proposed.id, (x) => x.status === 'SENT');
      return sent;
    },
  };
  return ops;
};

export type TransferOperations = ReturnType<typeof createTransferOperations>;

/** The deadline of a step (the latest window of it). */
export const deadlineOf = (deadlines: readonly DeadlineView[], step: string): DeadlineView => {
  const found = deadlines.filter((d) => d.step === step).at(-1);
  if (!found) throw new Error(`no ${step} deadline in ${JSON.stringify(deadlines.map((d) => d.step))}`);
  return found;
};

/** An ISO instant `seconds` from `iso`. */
export const shift = (iso: string, seconds: number): string => new Date(Date.parse(iso) + seconds * 1000).toISOString();
