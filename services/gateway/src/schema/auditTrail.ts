import type { RecordedEvent } from '@xianjie/event-store';
import { assertAllowed } from '@xianjie/auth';
import { NotFoundError, maskIdNumber, personalDataReadStreamPrefix } from '@xianjie/contracts';
import type { OperationEvent } from '@xianjie/contracts';
import { foldOperation } from '@xianjie/domain';
import type { Operation } from '@xianjie/domain';
import { operationEventView } from '@xianjie/operations';
import { builder } from '../builder.ts';
import { readCaseOf, recordPersonalDataReads, type ReadCase } from '../personalDataReads.ts';

interface AuditTrailView {
  streamId: string;
  events: RecordedEvent[];
  verification: { valid: boolean; checked: number; brokenAt: number | null; reason: string | null };
  unmasked: boolean;
}

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
      const agency = (event.data as Record<string, unknown>)[key];
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
 * The operation an `operation-<id>` stream holds (folded now), or null for other streams. Its lead
 * agency owns the trail and its participants are parties (as `canReadOperation`); the events are
 * shown through `operationEventView`, because the stream holds the secret target lists (四不两直).
 */
const operationOf = (streamId: string, events: readonly RecordedEvent[]): Operation | null => {
  if (!streamId.startsWith('operation-')) return null;
  const state = foldOperation(events.map((e) => ({ type: e.type, data: e.data }) as OperationEvent));
  return state.status === 'NONE' ? null : state;
};

/**
 * The case a `case-<id>` stream holds, as 查询留痕 needs it (whose it is, who its subject is), from
 * its registration event; null for other streams.
 */
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

export const ActorType = builder.objectRef<RecordedEvent['metadata']['actor']>('Actor').implement({
  fields: (t) => ({
    userId: t.exposeID('userId'),
    name: t.exposeString('name'),
    agencyId: t.exposeID('agencyId'),
    roles: t.exposeStringList('roles'),
  }),
});

/** Personal ID numbers inside event data are masked unless the reader needs them (access rules). */
const maskPersonalData = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(maskPersonalData);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, k === 'idNumber' && typeof v === 'string' ? maskIdNumber(v) : maskPersonalData(v)]),
    );
  }
  return value;
};

const AuditEventType = builder.objectRef<RecordedEvent & { unmasked: boolean }>('AuditEvent').implement({
  fields: (t) => ({
    version: t.exposeInt('version'),
    type: t.exposeString('type'),
    occurredAt: t.field({ type: 'DateTime', resolve: (e) => e.metadata.occurredAt }),
    recordedAt: t.field({ type: 'DateTime', resolve: (e) => e.recordedAt }),
    actor: t.field({ type: ActorType, resolve: (e) => e.metadata.actor }),
    correlationId: t.string({ resolve: (e) => e.metadata.correlationId }),
    causationId: t.string({ nullable: true, resolve: (e) => e.metadata.causationId ?? null }),
    data: t.field({ type: 'JSON', resolve: (e) => (e.unmasked ? e.data : maskPersonalData(e.data)) }),
    hash: t.exposeString('hash'),
    prevHash: t.string({ nullable: true, resolve: (e) => e.prevHash }),
    hashAlgorithm: t.exposeString('hashAlgorithm'),
  }),
});

const ChainVerificationType = builder.objectRef<AuditTrailView['verification']>('ChainVerification').implement({
  description: 'The hash chain of the stream recomputed on the server',
  fields: (t) => ({
    valid: t.exposeBoolean('valid'),
    checked: t.exposeInt('checked'),
    brokenAt: t.int({ nullable: true, resolve: (v) => v.brokenAt }),
    reason: t.string({ nullable: true, resolve: (v) => v.reason }),
  }),
});

const AuditTrailType = builder.objectRef<AuditTrailView>('AuditTrail').implement({
  fields: (t) => ({
    streamId: t.exposeString('streamId'),
    events: t.field({ type: [AuditEventType], resolve: (a) => a.events.map((e) => ({ ...e, unmasked: a.unmasked })) }),
    verification: t.field({ type: ChainVerificationType, resolve: (a) => a.verification }),
  }),
});

builder.queryField('auditTrail', (t) =>
  t.field({
    type: AuditTrailType,
    nullable: true,
    authScopes: { authenticated: true },
    description:
      'Every event of a stream with its actor and hash, and the chain verified. An operation stream (operation-<id>) is ' +
      'read by its participating agencies, overseers of their region and admins; its events leave out the targets and ' +
      'schedules 四不两直 hides from you (`hiddenTargets` counts them; the hash is the stored event’s). A 挂牌督办 stream ' +
      '(supervision-<caseId>) is read by the commissions that listed or lifted it, the agency handling the case and overseers of their region. ' +
      '查询留痕: an overseer’s read of a case stream (case-<id>) whose subject is a person (个人信息) is recorded first; when it cannot be ' +
      'recorded the read fails (SERVICE_UNAVAILABLE). A 查询留痕 stream (data-reads-<agencyId>-<YYYYMM>) is read by the supervisors ' +
      'of that commission and of the commissions above it, and admins — not by the overseers.',
    args: { streamId: t.arg.string({ required: true }) },
    resolve: async (_root, args, ctx) => {
      const events = await ctx.platform.store.readStream(args.streamId);
      const first = events[0];
      if (!first) throw new NotFoundError('Stream', args.streamId);
      const operation = operationOf(args.streamId, events);
      // The owner is the agency that opened the stream (its first event's actor, or the agency it names).
      const ownerAgencyId = operation
        ? operation.leadAgency.id
        : typeof first.data.agencyId === 'string'
          ? first.data.agencyId
          : first.metadata.actor.agencyId;
      const partyAgencyIds = operation
        ? operation.participants.map((a) => a.id)
        : [...transferPartiesOf(args.streamId, events), ...supervisionPartiesOf(args.streamId, events)];
      assertAllowed(
        args.streamId.startsWith(personalDataReadStreamPrefix)
          ? // 查询留痕: the record of a commission's reads is its supervisors' (and those above), not its overseers'.
            ctx.platform.rules.canReadPersonalDataReads(ctx.principal!, { readerAgencyId: ownerAgencyId })
          : ctx.platform.rules.canReadAuditTrail(ctx.principal!, { ownerAgencyId, partyAgencyIds }),
      );
      const verification = await ctx.platform.store.verify(args.streamId);
      const unmasked = ctx.platform.rules.needsUnmaskedPersonalData(ctx.principal!, { use: 'handling', ownerAgencyId });
      // 查询留痕: an overseer's read of a case whose subject is a person is recorded before it is served (or not served).
      const caseRead = caseReadOf(args.streamId, events);
      if (caseRead) await recordPersonalDataReads(ctx, 'auditTrail', [caseRead]);
      return {
        streamId: args.streamId,
        // The chain is verified on the stored events; an operation's are shown without what 四不两直 hides from the reader.
        events: operation
          ? events.map((e) => ({ ...e, data: operationEventView(ctx.principal!, ctx.platform.rules, operation, { type: e.type, data: e.data }).data }))
          : events,
        verification: {
          valid: verification.valid,
          checked: verification.checked,
          brokenAt: verification.brokenAt,
          reason: verification.reason ?? null,
        },
        unmasked,
      };
    },
  }),
);
