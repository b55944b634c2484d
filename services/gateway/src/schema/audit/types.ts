import type { RecordedEvent } from '@xianjie/event-store';
import { maskIdNumber } from '@xianjie/contracts';
import { builder } from '../../builder.ts';
import { ActorType } from '../common/types.ts';

export interface AuditTrailView {
  streamId: string;
  events: RecordedEvent[];
  verification: { valid: boolean; checked: number; brokenAt: number | null; reason: string | null };
  unmasked: boolean;
}

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

export const AuditTrailType = builder.objectRef<AuditTrailView>('AuditTrail').implement({
  fields: (t) => ({
    streamId: t.exposeString('streamId'),
    events: t.field({ type: [AuditEventType], resolve: (a) => a.events.map((e) => ({ ...e, unmasked: a.unmasked })) }),
    verification: t.field({ type: ChainVerificationType, resolve: (a) => a.verification }),
  }),
});
