import type { AuditEventView, AuditTrailView } from '@xianjie/audit-trail/client';
import { builder } from '../../builder.ts';
import { ActorType } from '../common/types.ts';

// The owning service masks ID numbers and hides what 四不两直 hides before the trail leaves it.
const AuditEventType = builder.objectRef<AuditEventView>('AuditEvent').implement({
  fields: (t) => ({
    version: t.exposeInt('version'),
    type: t.exposeString('type'),
    occurredAt: t.field({ type: 'DateTime', resolve: (e) => e.occurredAt }),
    recordedAt: t.field({ type: 'DateTime', resolve: (e) => e.recordedAt }),
    actor: t.field({ type: ActorType, resolve: (e) => e.actor }),
    correlationId: t.string({ resolve: (e) => e.correlationId }),
    causationId: t.string({ nullable: true, resolve: (e) => e.causationId }),
    data: t.field({ type: 'JSON', resolve: (e) => e.data }),
    hash: t.string({
      nullable: true,
      description:
        'The stored hash, only when you see this event and every earlier one in full (not masked, nothing hidden); null otherwise, ' +
        'since a hash would confirm a guess of what is hidden — rely on `verification`, computed on the server',
      resolve: (e) => e.hash,
    }),
    prevHash: t.string({
      nullable: true,
      description: 'The previous event’s hash, on the same terms (null for the first event)',
      resolve: (e) => e.prevHash,
    }),
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
    events: t.field({ type: [AuditEventType], resolve: (a) => a.events }),
    verification: t.field({ type: ChainVerificationType, resolve: (a) => a.verification }),
  }),
});
