import {
  advanceDeadlines,
  defaultWorkingCalendar,
  factOf,
  factTime,
  transferPolicies,
  transferReceiverStreamId,
  transferStreamId,
} from '@xianjie/contracts';
import type { Deadline, TransferEvent, TransferKind, TransferPolicy, WorkingCalendar } from '@xianjie/contracts';
import { fold } from '../decider.ts';
import { createReceiverDecider } from './receiverDecider.ts';
import { createSenderDecider } from './senderDecider.ts';
import type { Transfer, TransferSide } from './transferState.ts';

/**
 * The one view of a transfer (DESIGN §3.2), merged from the two streams each side's service keeps: the sender's `transfer-out-<id>` and the receiver's `transfer-in-<id>`. Each side
 * records its own facts and notes the other's later, so either stream may lag; the merge takes each
 * fact from the side that owns it.
 */

/** One side's stream of a transfer, folded with that side's decider. */
export interface TransferSideFold {
  state: Transfer;
  version: number;
  /** The stream's events, oldest first. */
  events: TransferEvent[];
  /** `metadata.occurredAt` of the last event (the time `asOf` cuts on). */
  lastEventAt: string;
  /** Store position of the last event: orders two events of the same instant (one store). */
  lastPosition: bigint | null;
}

/** Both sides merged; field meanings as in the domain's `Transfer`. */
export interface MergedTransfer extends Omit<Transfer, 'side' | 'noted'> {
  id: string;
  /** The sender's stream. */
  streamId: string;
  /** The receiver's stream, or null until the receiver signs the receipt (its stream starts there). */
  receiverStreamId: string | null;
  senderVersion: number | null;
  receiverVersion: number | null;
  /** The side whose last event is the latest: its status is the transfer's. */
  statusFrom: TransferSide;
}

export interface TransferMergeOptions {
  calendar?: WorkingCalendar;
  policies?: Readonly<Record<TransferKind, TransferPolicy>>;
}

/** An event of one side's stream as the store recorded it (structural: the domain knows no store). */
export interface SideStreamEvent {
  type: string;
  data: Record<string, unknown>;
  version: number;
  metadata: { occurredAt: string };
  globalPosition?: bigint;
}
type StreamEvent = SideStreamEvent;

const makeDeciders = (options: TransferMergeOptions) => ({
  SENDER: createSenderDecider(options),
  RECEIVER: createReceiverDecider(options),
});
const defaultDeciders = makeDeciders({});
const builtInPolicies = {};
const decidersByPolicies = new WeakMap<object, WeakMap<object, ReturnType<typeof makeDeciders>>>();
/**
 * The deciders for a calendar (the platform's: XIANJIE_CALENDAR_FILE, provisional years) and
 * policies (a province's local rules, XIANJIE_LOCAL_RULES_FILE), made once per pair.
 */
const decidersFor = (options: TransferMergeOptions) => {
  if (!options.policies && !options.calendar) return defaultDeciders;
  const byCalendar = decidersByPolicies.get(options.policies ?? builtInPolicies) ?? new WeakMap();
  decidersByPolicies.set(options.policies ?? builtInPolicies, byCalendar);
  const key = options.calendar ?? defaultWorkingCalendar;
  let deciders = byCalendar.get(key);
  if (!deciders) byCalendar.set(key, (deciders = makeDeciders(options)));
  return deciders;
};

/** A side's events folded by its decider; null when the stream holds nothing (yet, or as of then). */
export const foldTransferSide = (
  side: TransferSide,
  recorded: readonly StreamEvent[],
  options: TransferMergeOptions = {},
): TransferSideFold | null => {
  const last = recorded.at(-1);
  if (!last) return null;
  const events = recorded.map((e) => ({ type: e.type, data: e.data }) as TransferEvent);
  const state = fold(decidersFor(options)[side], events);
  if (state.status === 'NONE') return null;
  return {
    state,
    version: last.version,
    events,
    lastEventAt: last.metadata.occurredAt,
    lastPosition: last.globalPosition ?? null,
  };
};

const ms = (iso: string): number => Date.parse(iso);
const deadlineKey = (d: Deadline): string => `${d.step}@${ms(d.startedAt)}`;

/** Whether `b` happened after `a` (occurredAt, then store position; a tie goes to the receiver). */
const receiverIsLatest = (sender: TransferSideFold, receiver: TransferSideFold): boolean => {
  const diff = ms(receiver.lastEventAt) - ms(sender.lastEventAt);
  if (diff !== 0) return diff > 0;
  if (sender.lastPosition !== null && receiver.lastPosition !== null && sender.lastPosition !== receiver.lastPosition) {
    return receiver.lastPosition > sender.lastPosition;
  }
  return true;
};

/**
 * The deadlines of the steps `party` owns: from the party's own stream; plus those the other
 * stream holds whose starting fact the party's stream does not (yet) know — e.g. `signReceipt`,
 * started by the approval before the receiver's stream exists — brought up to date with the
 * party's own later facts (the receipt meets it).
 */
const deadlinesOf = (
  party: TransferSide,
  own: TransferSideFold | null,
  other: TransferSideFold | null,
  policy: TransferPolicy,
  calendar: WorkingCalendar,
): Deadline[] => {
  const mine = own ? own.state.deadlines.filter((d) => d.party === party) : [];
  if (!other) return mine;
  const mineKeys = new Set(mine.map(deadlineKey));
  const ownFactTimes = new Set((own?.events ?? []).map((e) => ms(factTime(factOf(e)))));
  const borrowed = other.state.deadlines.filter(
    (d) => d.party === party && !mineKeys.has(deadlineKey(d)) && !ownFactTimes.has(ms(d.startedAt)),
  );
  if (!own || borrowed.every((d) => d.metAt !== null)) return [...mine, ...borrowed];
  const borrowedKeys = new Set(borrowed.map(deadlineKey));
  const earliest = Math.min(...borrowed.map((d) => ms(d.startedAt)));
  const caughtUp = own.events
    .filter((e) => ms(factTime(factOf(e))) >= earliest)
    .reduce((deadlines, event) => advanceDeadlines(deadlines, policy, event, calendar), borrowed)
    // replaying may open windows of the party's own; those are on its stream already
    .filter((d) => borrowedKeys.has(deadlineKey(d)));
  return [...mine, ...caughtUp];
};

/**
 * Merges the two folded sides (pure). Status: the state of the side whose last event is the latest
 * (a tie goes to the receiver). Each fact is taken from the side that owns it: the proposal,
 * approval, materials, reconsideration request, supervision, hand-over and closure from the
 * sender; the receipt, forwards, return, decisions, dispositions, extensions, result and the
 * procuratorate's notices with the police's explanation (立案监督) from the
 * receiver (when its stream exists; before that, the sender's stream is all there is).
 */
export const mergeTransferSides = (
  sender: TransferSideFold | null,
  receiver: TransferSideFold | null,
  options: TransferMergeOptions = {},
): MergedTransfer | null => {
  const base = sender ?? receiver;
  if (!base) return null;
  const latest = sender && receiver ? (receiverIsLatest(sender, receiver) ? receiver : sender) : base;
  const s = (sender ?? receiver)!.state;
  const r = (receiver ?? sender)!.state;
  const policy = (options.policies ?? transferPolicies)[s.kind];
  const calendar = options.calendar ?? defaultWorkingCalendar;
  const order = (d: Deadline) => policy.windows.findIndex((w) => w.step === d.step);
  const deadlines = [
    ...deadlinesOf('SENDER', sender, receiver, policy, calendar),
    ...deadlinesOf('RECEIVER', receiver, sender, policy, calendar),
  ].sort((a, b) => ms(a.startedAt) - ms(b.startedAt) || order(a) - order(b));
  const reconsideration = s.reconsideration ?? r.reconsideration;
  return {
    id: s.transferId,
    streamId: transferStreamId(s.transferId),
    receiverStreamId: receiver ? transferReceiverStreamId(s.transferId) : null,
    senderVersion: sender?.version ?? null,
    receiverVersion: receiver?.version ?? null,
    statusFrom: latest === receiver ? 'RECEIVER' : 'SENDER',
    status: latest.state.status,
    transferId: s.transferId,
    caseId: s.caseId,
    kind: s.kind,
    // the sender's
    fromAgency: s.fromAgency,
    reason: s.reason,
    materials: s.materials,
    official: s.official,
    // Decree art. 5 and 6, 《行政强制法》第二十一条 (states folded before these fields existed lack them)
    absentMaterials: s.absentMaterials ?? [],
    seizedProperty: s.seizedProperty ?? false,
    caseTeam: s.caseTeam ?? [],
    approverCapacity: s.approverCapacity ?? null,
    propertyHandOver: s.propertyHandOver ?? null,
    partyNotice: s.partyNotice ?? null,
    proposedAt: s.proposedAt,
    approvalNote: s.approvalNote,
    refusal: s.refusal,
    sentAt: s.sentAt,
    copiedToProcuratorate: s.copiedToProcuratorate,
    supervision: s.supervision,
    handedOver: s.handedOver,
    handedOverAt: s.handedOverAt,
    closed: s.closed,
    // the receiver's
    toAgency: r.toAgency,
    receivedAt: r.receivedAt,
    forwards: r.forwards,
    returned: r.returned,
    acceptance: r.acceptance,
    decline: r.decline,
    dispositions: r.dispositions,
    extensions: r.extensions,
    result: r.result,
    // 立案监督: recorded by the police (rows folded before these fields existed lack them)
    procuratorateInquiry: r.procuratorateInquiry ?? null,
    nonFilingExplanation: r.nonFilingExplanation ?? null,
    filingOrder: r.filingOrder ?? null,
    // both: the request is the sender's, the decision the receiver's
    reconsideration: reconsideration && {
      ...reconsideration,
      decision: r.reconsideration?.decision ?? s.reconsideration?.decision ?? null,
    },
    // a request of the receiver, cleared by the sender's supplement: as the latest side knows it
    supplementRequest: latest.state.supplementRequest,
    deadlines,
  };
};

/** The side an agency plays in a transfer, or null when it is not a party. */
export const partyOf = (agencyId: string, transfer: { fromAgencyId: string; toAgencyId: string }): TransferSide | null =>
  agencyId === transfer.fromAgencyId ? 'SENDER' : agencyId === transfer.toAgencyId ? 'RECEIVER' : null;

/** The version a caller passes as `expectedVersion`: its own side's stream (0 before it exists). */
export const versionFor = (merged: MergedTransfer, side: TransferSide | null): number =>
  side === 'SENDER'
    ? (merged.senderVersion ?? 0)
    : side === 'RECEIVER'
      ? (merged.receiverVersion ?? 0)
      : (merged.senderVersion ?? merged.receiverVersion ?? 0);
