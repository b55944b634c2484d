import { assertAllowed, type AccessRules, type Principal } from '@xianjie/auth';
import { maskIdNumber, personalDataReadStreamPrefix, readCaseOf, type ReadCase } from '@xianjie/contracts';
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
  hash: string;
  prevHash: string | null;
  hashAlgorithm: string;
}


export interface AuditTrailView {
  streamId: string;
  events: AuditEventView[];
  verification: { valid: boolean; checked: number; brokenAt: number | null; reason: string | null };
  /** Whether personal ID numbers are shown (the owning agency handling its own case); masked otherwise. */
  unmasked: boolean;
  /** A case stream's case, for the caller to record the read (查询留痕) before serving it; null otherwise. */
  caseRead: ReadCase | null;
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
}

/**
 * The audit trail of a stream (DESIGN §3.4), served by the service that owns the stream: its
 * events with actors and hashes, the chain verified on the server, ID numbers masked unless the
 * reader handles the case, and the access rules of `auth` (canReadAuditTrail; 查询留痕 streams for
 * the commission's supervisors). Null when the stream is empty or not this service's.
 */
export const createAuditTrailReader = (options: AuditTrailReaderOptions) => ({
  async read(principal: Principal, streamId: string): Promise<AuditTrailView | null> {
    const events = await options.store.readStream(streamId);
    const first = events[0];
    if (!first || !options.owns(streamId, events)) return null;
    const access = options.describe?.(principal, streamId, events) ?? {
      // The owner is the agency that opened the stream (the agency it names, or its first actor's).
      ownerAgencyId: typeof first.data.agencyId === 'string' ? first.data.agencyId : first.metadata.actor.agencyId,
      partyAgencyIds: [...transferPartiesOf(streamId, events), ...supervisionPartiesOf(streamId, events)],
    };
    assertAllowed(
      streamId.startsWith(personalDataReadStreamPrefix)
        ? // 查询留痕: the record of a commission's reads is its supervisors' (and those above), not its overseers'.
          options.rules.canReadPersonalDataReads(principal, { readerAgencyId: access.ownerAgencyId })
        : options.rules.canReadAuditTrail(principal, { ownerAgencyId: access.ownerAgencyId, partyAgencyIds: access.partyAgencyIds }),
    );
    const verification = await options.store.verify(streamId);
    const unmasked = options.rules.needsUnmaskedPersonalData(principal, { use: 'handling', ownerAgencyId: access.ownerAgencyId });
    // The chain is verified on the stored events; they are shown as the reader may see them.
    const shown = access.show ? access.show(events) : events;
    return {
      streamId,
      events: shown.map((e) => eventView(e, unmasked)),
      verification: {
        valid: verification.valid,
        checked: verification.checked,
        brokenAt: verification.brokenAt,
        reason: verification.reason ?? null,
      },
      unmasked,
      caseRead: caseReadOf(streamId, events),
    };
  },
});

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

/** The case a `case-<id>` stream holds, from its registration event; null for other streams. */
const caseReadOf = (streamId: string, events: readonly RecordedEvent[]): ReadCase | null => {
  const registered = events.find((e) => e.type === 'CaseRegistered');
  if (!streamId.startsWith('case-') || !registered) return null;
  const { caseId, agencyId, subject } = registered.data as {
    caseId?: unknown;
    agencyId?: unknown;
    subject?: { kind?: unknown; name?: unknown; creditCode?: unknown; idNumber?: unknown };
  };
  if (typeof caseId !== 'string' || typeof agencyId !== 'string' || !subject || typeof subject.kind !== 'string') return null;
  const text = (value: unknown) => (typeof value === 'string' ? value : null);
  return readCaseOf(caseId, agencyId, {
    kind: subject.kind,
    name: text(subject.name) ?? '',
    creditCode: text(subject.creditCode),
    idNumber: text(subject.idNumber),
  });
};
