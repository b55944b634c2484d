/**
 * Which transfer commands the page offers: the command's side (sender or receiver) and roles as
 * the server's access rules say (packages/auth accessRules, kept equal by a unit test), the
 * statuses in which the domain accepts it (packages/domain transfer deciders) and the kinds it
 * applies to. The server stays the judge; this only hides buttons that would surely be refused.
 */

export type Side = 'sender' | 'receiver';

export interface TransferCommandRule {
  side: Side;
  roles: readonly string[];
  statuses: readonly string[];
  /** Only these kinds (default: every kind) */
  kinds?: readonly string[];
}

const head = ['supervisor'] as const;
const staff = ['officer', 'supervisor'] as const;
const procuratorateSupervision = ['PROCURATORATE_INQUIRY', 'NON_FILING_EXPLAINED', 'FILING_ORDERED'] as const;

export const transferCommandRules = {
  approveTransfer: { side: 'sender', roles: head, statuses: ['PROPOSED'] },
  refuseTransfer: { side: 'sender', roles: head, statuses: ['PROPOSED'] },
  supplyMaterials: { side: 'sender', roles: staff, statuses: ['RECEIVED'] },
  requestReconsideration: { side: 'sender', roles: head, statuses: ['DECLINED'], kinds: ['CRIMINAL'] },
  suggestProcuratorateSupervision: { side: 'sender', roles: head, statuses: ['DECLINED'], kinds: ['CRIMINAL'] },
  handOverMaterials: { side: 'sender', roles: staff, statuses: ['ACCEPTED'] },
  closeTransfer: {
    side: 'sender',
    roles: staff,
    statuses: ['RESULT_RECORDED', 'DECLINED', 'RETURNED', 'SUPERVISION_SUGGESTED', 'NON_FILING_EXPLAINED'],
  },
  receiveTransfer: { side: 'receiver', roles: staff, statuses: ['SENT'] },
  forwardTransfer: { side: 'receiver', roles: staff, statuses: ['RECEIVED'] },
  returnTransfer: { side: 'receiver', roles: staff, statuses: ['RECEIVED'] },
  requestSupplement: { side: 'receiver', roles: staff, statuses: ['RECEIVED'] },
  acceptTransfer: {
    side: 'receiver',
    roles: head,
    statuses: ['RECEIVED', 'SUPERVISION_SUGGESTED', ...procuratorateSupervision],
    kinds: ['CRIMINAL', 'ADMINISTRATIVE', 'REVERSE'],
  },
  declineTransfer: { side: 'receiver', roles: head, statuses: ['RECEIVED'], kinds: ['CRIMINAL', 'ADMINISTRATIVE', 'REVERSE'] },
  extendDeadline: { side: 'receiver', roles: head, statuses: ['RECEIVED'], kinds: ['CRIMINAL', 'ADMINISTRATIVE', 'REVERSE'] },
  decideReconsideration: { side: 'receiver', roles: head, statuses: ['RECONSIDERATION_REQUESTED'] },
  disposeClue: { side: 'receiver', roles: head, statuses: ['RECEIVED', 'ACCEPTED'], kinds: ['DISCIPLINARY'] },
  recordTransferResult: { side: 'receiver', roles: staff, statuses: ['ACCEPTED'] },
  recordProcuratorateInquiry: { side: 'receiver', roles: staff, statuses: ['SUPERVISION_SUGGESTED'], kinds: ['CRIMINAL'] },
  explainNonFiling: { side: 'receiver', roles: head, statuses: ['PROCURATORATE_INQUIRY'], kinds: ['CRIMINAL'] },
  recordProcuratorateFilingOrder: {
    side: 'receiver',
    roles: staff,
    statuses: ['PROCURATORATE_INQUIRY', 'NON_FILING_EXPLAINED'],
    kinds: ['CRIMINAL'],
  },
} as const satisfies Record<string, TransferCommandRule>;

export type TransferCommand = keyof typeof transferCommandRules;

export interface TransferFacts {
  kind: string;
  status: string;
  fromAgency: { id: string };
  toAgency: { id: string };
  supplementRequest?: unknown;
  reconsideration?: unknown;
  deadlines: ReadonlyArray<{ step: string; metAt?: string | null }>;
}

/** The caller's side of a transfer, or null when the caller's agency is not a party. */
export const sideOf = (transfer: Pick<TransferFacts, 'fromAgency' | 'toAgency'>, agencyId: string): Side | null =>
  transfer.fromAgency.id === agencyId ? 'sender' : transfer.toAgency.id === agencyId ? 'receiver' : null;

/** Conditions beyond status and kind that the transfer's own facts show. */
const factsAllow: Partial<Record<TransferCommand, (transfer: TransferFacts) => boolean>> = {
  // 补正 answers an open request of the receiver.
  supplyMaterials: (t) => t.supplementRequest != null,
  // 复议 once; the decline upheld leaves the status DECLINED with the reconsideration recorded.
  requestReconsideration: (t) => t.reconsideration == null,
  // Only transfers whose policy has a hand-over step, while it is not done.
  handOverMaterials: (t) => t.deadlines.some((d) => d.step === 'handOver' && !d.metAt),
  // A supplement is asked for once at a time.
  requestSupplement: (t) => t.supplementRequest == null,
};

/** The commands the caller may run on the transfer now (none in a past view). */
export const availableTransferCommands = (
  transfer: TransferFacts,
  caller: { agencyId: string; roles: readonly string[] },
): TransferCommand[] => {
  const side = sideOf(transfer, caller.agencyId);
  if (!side) return [];
  return (Object.entries(transferCommandRules) as Array<[TransferCommand, TransferCommandRule]>)
    .filter(
      ([command, rule]) =>
        rule.side === side &&
        rule.roles.some((role) => caller.roles.includes(role)) &&
        rule.statuses.includes(transfer.status) &&
        (!rule.kinds || rule.kinds.includes(transfer.kind)) &&
        (factsAllow[command]?.(transfer) ?? true),
    )
    .map(([command]) => command);
};
