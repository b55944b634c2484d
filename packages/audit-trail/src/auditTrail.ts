import { isDeepStrictEqual } from 'node:util';
import {
  recordPersonalDataReadsFirst,
  refusingPersonalDataReadRecorder,
  type AccessRules,
  type PersonalDataReadRecorder,
  type Principal,
  type ReaderAuth,
} from '@xianjie/auth';
import { maskIdNumber, personalDataReadStreamPrefix, randomSubjectRefOf, readCaseOf, type ReadCase, type SubjectRefOf } from '@xianjie/contracts';
import type { EventStore, RecordedEvent } from '@xianjie/event-store';

/** An event of an audit trail as it leaves the service that owns the stream (JSON-safe). */
export interface AuditEventView {
  version: number;
  type: string;
  occurredAt: string;
  recordedAt: string;
  actor: { userId: string; name: string; agencyId: string; roles: string[] };
  correlationId: string;
  causationId: string | null;
  data: Record<string, unknown>;
  /**
   * The stored hash, only to a reader who sees this event and every earlier one in full (not masked,
   * nothing hidden by 四不两直, none left out); null otherwise: a hash covers its data and, through
   * the chain, all earlier data, so it would let a guess of what is hidden be confirmed offline
   * (issue #12). Everyone relies on `verification`, computed on the server.
   */
  hash: string | null;
  /** The previous event's hash, on the same terms. */
  prevHash: string | null;
  hashAlgorithm: string;
}


export interface AuditTrailView {
  streamId: string;
  events: AuditEventView[];
  verification: { valid: boolean; checked: number; brokenAt: number | null; reason: string | null };
  /** Whether personal ID numbers are shown (the owning agency handling its own case); masked otherwise. */
  unmasked: boolean;
}

/** Who a stream belongs to and who else is party to it, and how its events are shown to a reader. */
export interface StreamAccess {
  ownerAgencyId: string;
  partyAgencyIds: string[];
  /** The events as this reader may see them (四不两直 hides an unannounced group's targets). */
  show?: (events: RecordedEvent[]) => RecordedEvent[];
}

export interface AuditTrailReaderOptions {
  store: Pick<EventStore, 'readStream' | 'verify'>;
  rules: AccessRules;
  /** Whether this service owns the stream (its category and its agencies): only the owner serves it. */
  owns(streamId: string, events: readonly RecordedEvent[]): boolean;
  /** A stream kind with its own owner and parties (operations); default: the rules below. */
  describe?: (principal: Principal, streamId: string, events: readonly RecordedEvent[]) => StreamAccess | null;
  /** The platform's keyed `subjectRef` (查询留痕 names a case's subject by it); default a random key of this process. */
  subjectRefOf?: SubjectRefOf;
  /** 查询留痕: the commission's recorder; default none (a read that must be recorded is refused). */
  recordReads?: PersonalDataReadRecorder;
}

/**
 * The audit trail of a stream (DESIGN §3.4), served by the service that owns the stream: its
 * events with actors, the chain verified on the server, ID numbers masked unless the reader handles
 * the case, hashes only where the reader sees the event in full, and the access rules of `auth`
 * (canReadAuditTrail; a transfer's as `transfer(id)`: canReadTransfer; 查询留痕 streams for the
 * commission's supervisors). An overseer's read of a case's personal data is recorded (查询留痕)
 * before it is returned, or the read fails (SERVICE_UNAVAILABLE). Null when the stream is empty,
 * not this service's, or not the reader's to see: "not found" and "forbidden" look the same, so
 * the answer names no owner and confirms no stream (issue #12).
 */
export const createAuditTrailReader = (options: AuditTrailReaderOptions) => {
  const subjectRefOf = options.subjectRefOf ?? randomSubjectRefOf();
  const recording = { rules: options.rules, recorder: options.recordReads ?? refusingPersonalDataReadRecorder };
  return {
    async read(reader: ReaderAuth, streamId: string): Promise<AuditTrailView | null> {
      const { principal } = reader;
      const events = await options.store.readStream(streamId);
      const first = events[0];
      if (!first || !options.owns(streamId, events)) return null;
      const access = options.describe?.(principal, streamId, events) ?? {
        // The owner is the agency that opened the stream (the agency it names, or its first actor's).
        ownerAgencyId: typeof first.data.agencyId === 'string' ? first.data.agencyId : first.metadata.actor.agencyId,
        partyAgencyIds: [...transferPartiesOf(streamId, events), ...supervisionPartiesOf(streamId, events)],
      };
      const transfer = transferSidesOf(streamId, events, access.ownerAgencyId);
      const allowed = streamId.startsWith(personalDataReadStreamPrefix)
        ? // 查询留痕: the record of a commission's reads is its supervisors' (and those above), not its overseers'.
          options.rules.canReadPersonalDataReads(principal, { readerAgencyId: access.ownerAgencyId }).allowed
        : transfer
          ? // A transfer's trail carries its materials: the rule of transfer(id) (its parties only).
            transfer.some((sides) => options.rules.canReadTransfer(principal, sides).allowed)
          : options.rules.canReadAuditTrail(principal, { ownerAgencyId: access.ownerAgencyId, partyAgencyIds: access.partyAgencyIds }).allowed;
      if (!allowed) return null;
      const caseRead = caseReadOf(streamId, events, subjectRefOf);
      if (caseRead) await recordPersonalDataReadsFirst(recording, reader, 'auditTrail', [caseRead]);
      const verification = await options.store.verify(streamId);
      const unmasked = options.rules.needsUnmaskedPersonalData(principal, { use: 'handling', ownerAgencyId: access.ownerAgencyId });
      // The chain is verified on the stored events; they are shown as the reader may see them.
      const shown = access.show ? access.show(events) : events;
      const views = shown.map((e) => eventView(e, unmasked));
      // Each hash chains every earlier event: a hash after an event not shown in full would let a guess
      // of that event be confirmed through it. So hashes are shown up to the first such event only.
      const viewOf = new Map(views.map((v) => [v.version, v]));
      const firstNotInFull = events.find((e) => {
        const view = viewOf.get(e.version);
        return !view || !isShownInFull(view, e);
      })?.version;
      const hashShown = (version: number) => firstNotInFull === undefined || version < firstNotInFull;
      return {
        streamId,
        events: views.map((v) => ({ ...v, hash: hashShown(v.version) ? v.hash : null, prevHash: hashShown(v.version) ? v.prevHash : null })),
        verification: {
          valid: verification.valid,
          checked: verification.checked,
          brokenAt: verification.brokenAt,
          reason: verification.reason ?? null,
        },
        unmasked,
      };
    },
  };
};

/**
 * Whether an event is shown exactly as stored (its data neither masked nor redacted): only then may
 * its hash be shown. A count of zero hidden targets (`hiddenTargets: 0`) hides nothing.
 */
const isShownInFull = (view: AuditEventView, stored: RecordedEvent | undefined): boolean => {
  if (!stored) return false;
  const { hiddenTargets, ...rest } = view.data;
  const data = hiddenTargets === 0 && !Object.hasOwn(stored.data, 'hiddenTargets') ? rest : view.data;
  return isDeepStrictEqual(data, stored.data);
};

export type AuditTrailReader = ReturnType<typeof createAuditTrailReader>;

const eventView = (e: RecordedEvent, unmasked: boolean): AuditEventView => ({
  version: e.version,
  type: e.type,
  occurredAt: e.metadata.occurredAt,
  recordedAt: e.recordedAt,
  actor: { userId: e.metadata.actor.userId, name: e.metadata.actor.name, agencyId: e.metadata.actor.agencyId, roles: [...e.metadata.actor.roles] },
  correlationId: e.metadata.correlationId,
  causationId: e.metadata.causationId ?? null,
  data: unmasked ? e.data : (maskPersonalData(e.data) as Record<string, unknown>),
  hash: e.hash,
  prevHash: e.prevHash,
  hashAlgorithm: e.hashAlgorithm,
});

/** Personal ID numbers inside event data are masked unless the reader needs them (access rules). */
export const maskPersonalData = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(maskPersonalData);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, k === 'idNumber' && typeof v === 'string' ? maskIdNumber(v) : maskPersonalData(v)]),
    );
  }
  return value;
};

/**
 * The parties of a transfer stream (the sender and every receiver: a forward adds one), who read
 * each other's side of it once it is sent (DESIGN §6, auth's canReadAuditTrail); none for other streams.
 */
const transferPartiesOf = (streamId: string, events: readonly RecordedEvent[]): string[] => {
  if (!/^transfer-(out|in)-/.test(streamId)) return [];
  // Before the approval sends it, the sender's stream is its own (a refusal never leaves it).
  if (streamId.startsWith('transfer-out-') && !events.some((e) => e.type === 'TransferApproved')) return [];
  const ids = new Set<string>();
  for (const event of events) {
    for (const key of ['fromAgency', 'toAgency', 'fromReceiver']) {
      const agency = event.data[key];
      if (agency && typeof agency === 'object' && typeof (agency as { id?: unknown }).id === 'string') {
        ids.add((agency as { id: string }).id);
      }
    }
  }
  return [...ids];
};

/**
 * The parties of a commission's 挂牌督办 stream (`supervision-<caseId>`, owned by the commission that
 * listed the case): the agency handling the case, and every commission that listed or lifted it.
 */
const supervisionPartiesOf = (streamId: string, events: readonly RecordedEvent[]): string[] => {
  if (!streamId.startsWith('supervision-')) return [];
  const ids = new Set<string>();
  for (const { data } of events) {
    for (const key of ['caseAgencyId', 'commissionId']) if (typeof data[key] === 'string') ids.add(data[key]);
  }
  return [...ids];
};

/**
 * The sides of a transfer stream as `transfer(id)` judges them (canReadTransfer): the sender and
 * each receiver (a forward adds one); before the approval sends it, the sender's stream is its own
 * (a refusal never leaves it). Null for other streams.
 */
const transferSidesOf = (
  streamId: string,
  events: readonly RecordedEvent[],
  ownerAgencyId: string,
): { fromAgencyId: string; toAgencyId: string }[] | null => {
  if (!/^transfer-(out|in)-/.test(streamId)) return null;
  const parties = transferPartiesOf(streamId, events);
  if (parties.length === 0) return [{ fromAgencyId: ownerAgencyId, toAgencyId: ownerAgencyId }];
  return parties.map((party) => ({ fromAgencyId: ownerAgencyId, toAgencyId: party }));
};

/**
 * The case a `case-<id>` stream holds, from its registration event (and whether a penalty names
 * persons responsible, 处罚到人); null for other streams.
 */
const caseReadOf = (streamId: string, events: readonly RecordedEvent[], subjectRefOf: SubjectRefOf): ReadCase | null => {
  const registered = events.find((e) => e.type === 'CaseRegistered');
  if (!streamId.startsWith('case-') || !registered) return null;
  const { caseId, agencyId, subject } = registered.data as {
    caseId?: unknown;
    agencyId?: unknown;
    subject?: { kind?: unknown; name?: unknown; creditCode?: unknown; idNumber?: unknown };
  };
  if (typeof caseId !== 'string' || typeof agencyId !== 'string' || !subject || typeof subject.kind !== 'string') return null;
  const text = (value: unknown) => (typeof value === 'string' ? value : null);
  const namesPersons = events.some(
    (e) => e.type === 'PenaltyDecided' && Array.isArray(e.data.personsResponsible) && e.data.personsResponsible.length > 0,
  );
  return {
    ...readCaseOf(
      caseId,
      agencyId,
      { kind: subject.kind, name: text(subject.name) ?? '', creditCode: text(subject.creditCode), idNumber: text(subject.idNumber) },
      subjectRefOf,
    ),
    namesPersons,
  };
};
