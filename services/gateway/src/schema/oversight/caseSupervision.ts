import type { CaseStatus } from '@xianjie/contracts';
import type { SupervisedCaseItem } from '@xianjie/discipline-inspection';
import { builder } from '../../builder.ts';
import { CaseStatusEnum, CaseType } from '../case/types.ts';
import { authOf } from '../common/callerAuth.ts';
import { AgencyType } from '../common/types.ts';
import { OversightType } from './types.ts';

/**
 * 挂牌督办 (listed supervision, DESIGN §3.4): the commission's `superviseCase` / `liftCaseSupervision`,
 * `oversight { supervisedCases }` and `Case.supervision`. The discipline commission's service runs
 * the commands (mutations.ts) and applies the access rules (auth's `canRunSupervisionCommand`,
 * `canReadSupervisedCases`, `canReadCaseSupervision`); the gateway only shapes them.
 */

export const SupervisedCaseType = builder.objectRef<SupervisedCaseItem>('SupervisedCase').implement({
  description: '挂牌督办: a case the discipline inspection commission put under listed supervision, with its due date',
  fields: (t) => ({
    caseId: t.exposeID('caseId'),
    number: t.string({ description: '案件编号', resolve: (s) => s.caseNumber }),
    agency: t.field({
      type: AgencyType,
      description: 'The agency handling the case (承办单位)',
      resolve: (s, _a, ctx) => ctx.platform.directory.require(s.caseAgencyId),
    }),
    status: t.field({
      type: CaseStatusEnum,
      description: 'The case’s status as the commission’s case facts say now',
      resolve: (s) => s.caseStatus as CaseStatus,
    }),
    commission: t.field({
      type: AgencyType,
      description: 'The supervising commission (督办单位, 纪委监委)',
      resolve: (s, _a, ctx) => ctx.platform.directory.require(s.commissionId),
    }),
    reason: t.exposeString('reason', { description: '督办事由' }),
    requirements: t.string({ nullable: true, description: '督办要求', resolve: (s) => s.requirements }),
    dueDate: t.exposeString('dueDate', { description: '督办期限: the Beijing date (YYYY-MM-DD) by which the case is to be closed' }),
    dueAt: t.field({ type: 'DateTime', description: '24:00 of dueDate, Beijing time', resolve: (s) => s.dueAt }),
    supervisedAt: t.field({ type: 'DateTime', description: 'When the case was listed (挂牌)', resolve: (s) => s.supervisedAt }),
    overdue: t.exposeBoolean('overdue', {
      description: '逾期: not closed by dueAt, as of the query’s asOf (a case closed after dueAt stays overdue: 逾期办结)',
    }),
    closedAt: t.field({ type: 'DateTime', nullable: true, description: 'When the case was closed (结案), if it was', resolve: (s) => s.closedAt }),
    liftedAt: t.field({ type: 'DateTime', nullable: true, description: '解除督办: when the supervision was lifted', resolve: (s) => s.liftedAt }),
    liftReason: t.string({ nullable: true, description: 'Why the supervision was lifted', resolve: (s) => s.liftReason }),
    streamId: t.exposeString('streamId', { description: 'The commission’s stream of this supervision (its audit trail)' }),
    version: t.exposeInt('version', { description: 'Version of the supervision stream (expectedVersion of the next command)' }),
  }),
});

builder.objectField(OversightType, 'supervisedCases', (t) =>
  t.field({
    type: [SupervisedCaseType],
    description:
      '挂牌督办: the cases under listed supervision (not lifted) of the agencies in your region and below, earliest due first, ' +
      'overdue judged as of asOf (default now). For the commission’s overseers and supervisors.',
    // Not only overseers: the commission's heads who list the cases read the list (auth's canReadSupervisedCases).
    skipTypeScopes: true,
    authScopes: { authenticated: true },
    args: { asOf: t.arg({ type: 'DateTime', required: false }) },
    resolve: (_o, args, ctx) => ctx.platform.oversight.supervisedCases(args.asOf ?? undefined, authOf(ctx)),
  }),
);

builder.objectField(CaseType, 'supervision', (t) =>
  t.field({
    type: SupervisedCaseType,
    nullable: true,
    description:
      '挂牌督办: the listed supervision the case is under and its due date, for the handling agency and the commissions of its region; ' +
      'null when it is under none (overdue judged now).',
    resolve: (c, _a, ctx) => ctx.platform.oversight.caseSupervision(c.id, undefined, authOf(ctx)),
  }),
);
