import { z } from 'zod';
import { CommandId, ExpectedVersion, Id, IsoDateTime } from './scalars.ts';
import { LocalDate } from './operation.ts';

/**
 * 挂牌督办 (listed supervision, DESIGN §3.4): the discipline inspection commission puts an
 * agency's case under supervision with a due date, and may lift it (解除督办). What the API accepts
 * (inputs; the service adds the commission, the case's facts, actor and time) and what is recorded
 * on the commission's stream `supervision-<caseId>` (one per case; a case lifted may be listed again).
 * The rules live in `@xianjie/domain` `oversight/caseSupervisionDecider.ts`.
 */

const Reason = z.string().trim().max(2000);

// ---------------------------------------------------------------- inputs

export const SuperviseCaseInput = z.object({
  commandId: CommandId.optional(),
  caseId: Id,
  expectedVersion: ExpectedVersion.optional(),
  /** 督办期限: the case is to be closed by 24:00 of this date, Beijing time. */
  dueDate: LocalDate,
  /** 督办事由. */
  reason: Reason.min(1, '挂牌督办须写明督办事由'),
  /** 督办要求, e.g. 依法从严查处、按期报送办理结果. */
  requirements: Reason.optional(),
});
export type SuperviseCaseInput = z.infer<typeof SuperviseCaseInput>;

export const LiftCaseSupervisionInput = z.object({
  commandId: CommandId.optional(),
  caseId: Id,
  expectedVersion: ExpectedVersion.optional(),
  reason: Reason.min(1, '解除督办须写明理由'),
});
export type LiftCaseSupervisionInput = z.infer<typeof LiftCaseSupervisionInput>;

// ---------------------------------------------------------------- events

export const CaseSupervised = z
  .object({
    caseId: Id,
    /** 案件编号, from the commission's case facts. */
    caseNumber: z.string().min(1),
    /** The agency that handles the case. */
    caseAgencyId: z.string().min(1),
    /** The supervising commission (纪委监委). */
    commissionId: z.string().min(1),
    reason: z.string().min(1),
    requirements: z.string().nullable(),
    dueDate: LocalDate,
    /** 24:00 of `dueDate`, Beijing time. */
    dueAt: IsoDateTime,
    supervisedAt: IsoDateTime,
  })
  .meta({ description: 'The commission put the case under listed supervision (挂牌督办) with a due date.' });
export type CaseSupervised = z.infer<typeof CaseSupervised>;

export const CaseSupervisionLifted = z
  .object({
    caseId: Id,
    /** The commission that lifted it (the supervising one or one above it). */
    commissionId: z.string().min(1),
    reason: z.string().min(1),
    liftedAt: IsoDateTime,
  })
  .meta({ description: 'The commission lifted the supervision of the case (解除督办), with its reason.' });
export type CaseSupervisionLifted = z.infer<typeof CaseSupervisionLifted>;

/** Data schema of each supervision event type. */
export const caseSupervisionEventSchemas = { CaseSupervised, CaseSupervisionLifted } as const;
export type CaseSupervisionEventType = keyof typeof caseSupervisionEventSchemas;

export const CaseSupervisionEvent = z.discriminatedUnion('type', [
  z.object({ type: z.literal('CaseSupervised'), data: CaseSupervised }),
  z.object({ type: z.literal('CaseSupervisionLifted'), data: CaseSupervisionLifted }),
]);
export type CaseSupervisionEvent = z.infer<typeof CaseSupervisionEvent>;

/** The commission's stream of one case's supervision (not `case-…`: that category is the agency's). */
export const caseSupervisionStreamId = (caseId: string): string => `supervision-${caseId}`;
