import { NotFoundError } from '@xianjie/contracts';
import { builder } from '../../builder.ts';
import { authOf } from '../common/callerAuth.ts';
import { AuditTrailType } from './types.ts';

builder.queryField('auditTrail', (t) =>
  t.field({
    type: AuditTrailType,
    nullable: true,
    authScopes: { authenticated: true },
    description:
      'Every event of a stream with its actor, and the chain verified on the server (`verification`). An event’s `hash` and ' +
      '`prevHash` are given only to a reader who sees it and every earlier event in full (not masked, nothing hidden); null otherwise. A stream ' +
      'you may not read is NOT_FOUND, as one that does not exist. A transfer stream is read by the transfer’s parties only ' +
      '(as transfer(id)). An operation stream (operation-<id>) is ' +
      'read by its participating agencies, overseers of their region and admins; its events leave out the targets and ' +
      'schedules 四不两直 hides from you (`hiddenTargets` counts them). A 挂牌督办 stream ' +
      '(supervision-<caseId>) is read by the commissions that listed or lifted it, the agency handling the case and overseers of their region. ' +
      '查询留痕: an overseer’s read of a case stream (case-<id>) whose subject is a person or whose penalty names persons (个人信息) is recorded first; when it cannot be ' +
      'recorded the read fails (SERVICE_UNAVAILABLE). A 查询留痕 stream (data-reads-<agencyId>-<YYYYMM>) is read by the supervisors ' +
      'of that commission and of the commissions above it, and admins — not by the overseers.',
    args: { streamId: t.arg.string({ required: true }) },
    resolve: async (_root, args, ctx) => {
      // From the service that owns the stream: it applies the access rules, masks, records (查询留痕) and verifies.
      const trail = await ctx.platform.auditTrail(args.streamId, authOf(ctx));
      // Not there and not yours look the same (no owner named).
      if (!trail) throw new NotFoundError('Stream', args.streamId);
      return trail;
    },
  }),
);
