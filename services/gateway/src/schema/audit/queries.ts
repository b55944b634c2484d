import { NotFoundError } from '@xianjie/contracts';
import { builder } from '../../builder.ts';
import { recordPersonalDataReads } from '../../personalDataReads.ts';
import { authOf } from '../common/callerAuth.ts';
import { AuditTrailType } from './types.ts';

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
      // From the service that owns the stream: it applies the access rules, masks and verifies.
      const trail = await ctx.platform.auditTrail(args.streamId, authOf(ctx));
      if (!trail) throw new NotFoundError('Stream', args.streamId);
      // 查询留痕: an overseer's read of a case whose subject is a person is recorded before it is served (or not served).
      if (trail.caseRead) await recordPersonalDataReads(ctx, 'auditTrail', [trail.caseRead]);
      return trail;
    },
  }),
);
