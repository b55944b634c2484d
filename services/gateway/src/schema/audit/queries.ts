import { assertAllowed } from '@xianjie/auth';
import { NotFoundError, personalDataReadStreamPrefix } from '@xianjie/contracts';
import { operationEventView } from '@xianjie/operations';
import { builder } from '../../builder.ts';
import { recordPersonalDataReads } from '../../personalDataReads.ts';
import { caseReadOf, operationOf, supervisionPartiesOf, transferPartiesOf } from './streamParties.ts';
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
