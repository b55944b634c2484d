import {
  statusAsOf,
  TransferStatus,
  transferStepLabels,
  type Deadline,
  type TransferStep,
} from '@xianjie/contracts';
import type { TransferRow } from '@xianjie/transfer-service';
import { builder } from '../../builder.ts';
import { viewOfRow, type TransferView } from '../../transferView.ts';
import { authOf } from '../common/callerAuth.ts';
import { clientFor } from '../transfer/clientFor.ts';
import { TransferType } from '../transfer/transferType.ts';
import { DeadlineStatusEnum } from '../transfer/types.ts';
import { CaseType } from '../case/types.ts';
import { viewOf } from '../case/caseView.ts';
import type { GatewayContext } from '../../context.ts';
import type { JointMeetingView } from '@xianjie/operations';
import { JointMeetingType } from '../meeting/jointMeeting.ts';
import type { CaseConsultationView } from '@xianjie/operations';
import { CaseConsultationType } from '../meeting/caseConsultation.ts';
import type { ClueNoticeView } from '@xianjie/operations';
import { ClueNoticeType } from '../meeting/clueNotice.ts';

/**
 * 待办: the steps waiting on the caller's agency, from the transfer deadlines its own service
 * already keeps (the policy's windows, holiday rules applied there). A step counts while it is
 * unmet and not lapsed; RIGHT windows (复议, 建议立案监督) count too: they close on their own.
 */
interface WorkItem {
  key: string;
  kind: 'APPROVAL' | 'TRANSFER_STEP' | 'JOINT_MEETING_DECISION' | 'CASE_CONSULTATION' | 'CLUE_NOTICE';
  deadline: Pick<Deadline, 'dueAt' | 'legalBasis'> & { step: string };
  status: 'PENDING' | 'OVERDUE';
  title: string;
  transfer: TransferView | null;
  /** A 联席会议 decision the caller's agency owns counts until it reports it done (and again when sent back). */
  jointMeeting: JointMeetingView | null;
  /** A 案件咨询 asked of the caller's agency counts until answered. */
  consultation: CaseConsultationView | null;
  /** A 线索通报 sent to the caller's agency counts until replied (签收 alone does not end it). */
  clueNotice: ClueNoticeView | null;
}

const WorkItemKindEnum = builder.enumType('WorkItemKind', {
  description:
    'APPROVAL: a proposal waiting for the head (负责人审批); TRANSFER_STEP: any other step of a transfer; ' +
    'JOINT_MEETING_DECISION: a decision of a 联席会议 your agency owns (责任单位), until reported done; ' +
    'CASE_CONSULTATION: a 案件咨询 asked of your agency, until answered; ' +
    'CLUE_NOTICE: a 线索通报 sent to your agency, until replied (反馈)',
  values: [
    'APPROVAL',
    'TRANSFER_STEP',
    'JOINT_MEETING_DECISION',
    'CASE_CONSULTATION',
    'CLUE_NOTICE',
  ] as const,
});

/** The step code and label of a 联席会议 decision in 待办. */
const jointMeetingDecisionStep = 'jointMeetingDecision';
const jointMeetingDecisionLabel = '落实联席会议议定事项';

const WorkItemType = builder.objectRef<WorkItem>('WorkItem').implement({
  description: 'One step waiting on the caller or the caller’s agency (待办), most urgent first',
  fields: (t) => ({
    key: t.id({ description: 'Stable key (for lists)', resolve: (w) => w.key }),
    kind: t.field({ type: WorkItemKindEnum, resolve: (w) => w.kind }),
    step: t.string({ description: 'The step’s code (as Deadline.step)', resolve: (w) => w.deadline.step }),
    stepLabel: t.string({
      description: 'The step in Chinese',
      resolve: (w) =>
        w.kind === 'JOINT_MEETING_DECISION'
          ? jointMeetingDecisionLabel
          : w.kind === 'CASE_CONSULTATION'
            ? '答复案件咨询'
            : w.kind === 'CLUE_NOTICE'
              ? '反馈线索通报'
              : (transferStepLabels[w.deadline.step as TransferStep] ?? w.deadline.step),
    }),
    legalBasis: t.string({ resolve: (w) => w.deadline.legalBasis }),
    dueAt: t.field({ type: 'DateTime', resolve: (w) => w.deadline.dueAt }),
    status: t.field({
      type: DeadlineStatusEnum,
      description: 'PENDING or OVERDUE as of the query’s asOf (default now)',
      resolve: (w) => w.status,
    }),
    title: t.string({
      description: 'What the step is about: the transfer’s kind and the other agency',
      resolve: (w) => w.title,
    }),
    transfer: t.field({ type: TransferType, nullable: true, resolve: (w) => w.transfer }),
    jointMeeting: t.field({
      type: JointMeetingType,
      nullable: true,
      description: 'The 联席会议 of a JOINT_MEETING_DECISION',
      resolve: (w) => w.jointMeeting,
    }),
    consultation: t.field({
      type: CaseConsultationType,
      nullable: true,
      description: 'The 案件咨询 of a CASE_CONSULTATION',
      resolve: (w) => w.consultation,
    }),
    clueNotice: t.field({
      type: ClueNoticeType,
      nullable: true,
      description: 'The 线索通报 of a CLUE_NOTICE',
      resolve: (w) => w.clueNotice,
    }),
    decisionId: t.id({
      nullable: true,
      description: 'The decision (D1, …) of a JOINT_MEETING_DECISION',
      resolve: (w) => (w.kind === 'JOINT_MEETING_DECISION' ? w.key.split(':')[1]! : null),
    }),
    case: t.field({
      type: CaseType,
      nullable: true,
      description:
        'The case the step is about, when you may read it (the sender’s case; null for the receiver)',
      resolve: async (w, _a, ctx) => {
        const caseId = w.transfer?.row?.caseId;
        if (
          !caseId ||
          !ctx.platform.rules.canReadCase(ctx.principal!, { agencyId: w.transfer!.row!.fromAgencyId }).allowed
        )
          return null;
        return viewOf(await ctx.platform.cases.caseAsOf(caseId, undefined, authOf(ctx)));
      },
    }),
  }),
});

/** Every open transfer of the caller's agency in one direction, as its service lists them (pages of 100, at most 2,000). */
const openTransfers = async (
  ctx: GatewayContext,
  direction: 'INCOMING' | 'OUTGOING',
): Promise<TransferRow[]> => {
  const principal = ctx.principal!;
  const rows: TransferRow[] = [];
  const status = TransferStatus.options.filter((s) => s !== 'CLOSED');
  let after: { createdAt: string; id: string } | null = null;
  for (let pages = 0; pages < 20; pages++) {
    const page = await clientFor(ctx, principal.agencyId).listTransfers(
      { direction, status, agencyIds: [principal.agencyId] },
      100,
      after,
      authOf(ctx),
    );
    rows.push(...page.rows);
    const last = page.rows.at(-1);
    if (!page.hasMore || !last) break;
    after = { createdAt: last.createdAt, id: last.id };
  }
  return rows;
};

builder.queryField('myWork', (t) =>
  t.field({
    type: [WorkItemType],
    authScopes: { authenticated: true },
    description:
      '待办: the steps waiting on your agency: the transfer steps your side owns and has not met (DUTY and CONDITIONAL, and ' +
      'RIGHT windows still open), proposals waiting for approval (supervisors only; officers see them as their side’s ' +
      'step too); the 联席会议 decisions your agency owns and has not reported done; 案件咨询 and 线索通报 waiting on your agency’s answer; earliest due first. ' +
      'Judged as of asOf (default now) against the current state.',
    args: { asOf: t.arg({ type: 'DateTime', required: false }) },
    resolve: async (_root, args, ctx) => {
      const principal = ctx.principal!;
      const asOf = args.asOf ?? new Date().toISOString();
      const agency = (id: string) => ctx.platform.directory.get(id)?.name ?? id;
      const items: WorkItem[] = [];
      const seen = new Set<string>();
      for (const direction of ['OUTGOING', 'INCOMING'] as const) {
        for (const row of await openTransfers(ctx, direction)) {
          if (seen.has(`${row.id}:${direction}`)) continue;
          seen.add(`${row.id}:${direction}`);
          const view = viewOfRow(row, principal.agencyId, args.asOf ?? null);
          if (!view.callerSide) continue;
          const other =
            view.callerSide === 'SENDER'
              ? `移送至${agency(row.toAgencyId)}`
              : `${agency(row.fromAgencyId)}移送`;
          for (const deadline of row.deadlines) {
            if (deadline.party !== view.callerSide || deadline.metAt) continue;
            const status = statusAsOf(deadline, asOf);
            if (status !== 'PENDING' && status !== 'OVERDUE') continue;
            const approval = deadline.step === 'approve';
            // 负责人审批 is the head's; an officer's 待办 does not list what only the head can do.
            if (approval && !principal.roles.includes('supervisor')) continue;
            items.push({
              key: `${row.id}:${deadline.party}:${deadline.step}`,
              kind: approval ? 'APPROVAL' : 'TRANSFER_STEP',
              deadline,
              status,
              title: other,
              transfer: view,
              jointMeeting: null,
              consultation: null,
              clueNotice: null,
            });
          }
        }
      }
      for (const { meeting, decision } of await ctx.platform.operations.openJointMeetingDecisions(
        args.asOf ?? undefined,
        authOf(ctx),
      )) {
        items.push({
          key: `${meeting.meetingId}:${decision.decisionId}`,
          kind: 'JOINT_MEETING_DECISION',
          // The due date is the meeting's own (会议纪要), no statute's: the basis names the minutes.
          deadline: {
            step: jointMeetingDecisionStep,
            dueAt: decision.dueAt,
            legalBasis: `${meeting.title} 会议纪要 ${decision.decisionId}`,
          },
          status: decision.overdue ? 'OVERDUE' : 'PENDING',
          title: `${meeting.title}: ${decision.content}`,
          transfer: null,
          jointMeeting: meeting,
          consultation: null,
          clueNotice: null,
        });
      }
      for (const consultation of await ctx.platform.operations.openConsultations(
        args.asOf ?? undefined,
        authOf(ctx),
      )) {
        items.push({
          key: `${consultation.consultationId}:answer`,
          kind: 'CASE_CONSULTATION',
          deadline: {
            step: 'answerConsultation',
            dueAt: consultation.dueAt,
            legalBasis: consultation.window.legalBasis,
          },
          status: consultation.overdue ? 'OVERDUE' : 'PENDING',
          title: `${agency(consultation.fromAgencyId)}咨询: ${consultation.caseReference}`,
          transfer: null,
          jointMeeting: null,
          consultation,
          clueNotice: null,
        });
      }
      for (const notice of await ctx.platform.operations.openClueNotices(
        args.asOf ?? undefined,
        authOf(ctx),
      )) {
        items.push({
          key: `${notice.noticeId}:reply`,
          kind: 'CLUE_NOTICE',
          deadline: { step: 'replyClueNotice', dueAt: notice.dueAt, legalBasis: notice.window.legalBasis },
          status: notice.overdue ? 'OVERDUE' : 'PENDING',
          title: `${agency(notice.fromAgencyId)}线索通报: ${notice.suspectedOffence}`,
          transfer: null,
          jointMeeting: null,
          consultation: null,
          clueNotice: notice,
        });
      }
      return items.sort(
        (a, b) => a.deadline.dueAt.localeCompare(b.deadline.dueAt) || a.key.localeCompare(b.key),
      );
    },
  }),
);
