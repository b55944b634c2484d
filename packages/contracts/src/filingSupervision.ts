import { z } from 'zod';
import { CommandId, ExpectedVersion, Id, IsoDateTime } from './scalars.ts';
import type { StepWindow } from './transferPolicies.ts';

/**
 * 立案监督 by the procuratorate (人民检察院), DESIGN §3.6: on a CRIMINAL transfer the police declined,
 * the procuratorate asks the police to explain why no case was filed (要求说明不立案理由), judges the
 * explanation, and, when the reasons do not hold, notifies the police to file (通知立案). Its steps are
 * on its own stream `filing-supervision-<transferId>` (one per transfer); the police answer on their
 * own stream (`explainNonFiling`, `acceptTransfer`) and the procuratorate notes their answers from the
 * bus. The rules live in `@xianjie/domain` `filingSupervision/filingSupervisionDecider.ts`.
 *
 * Sources: 《刑事诉讼法》第一百一十三条; 《人民检察院刑事诉讼规则》第五百五十七条至第五百六十三条;
 * 《公安机关办理刑事案件程序规定》第一百八十二条; 《行政执法机关移送涉嫌犯罪案件的规定》第九条、第十四条;
 * 中办发〔2011〕8号.
 */

const Text = z.string().trim().max(2000);
const DocumentNumber = (message: string) => z.string({ error: message }).trim().min(1, message).max(100);

// ---------------------------------------------------------------- policy

/**
 * The police's windows under the procuratorate's supervision: the same windows as the transfer
 * policy's `explainNonFiling` and `fileOnOrder` (the police's stream counts them from its receipt of
 * the notice; the procuratorate's stream counts them from the notice, which on the platform arrive
 * together). Calendar days, the starting day not counted, moved off a holiday (刑事诉讼法 art. 105).
 */
export const filingSupervisionWindows = {
  /** 公安机关在收到要求说明不立案理由通知书后七日以内作出书面说明. */
  explain: {
    amount: 7,
    unit: 'calendarDays',
    endRule: 'nextWorkingDayIfHoliday',
    legalBasis:
      '《公安机关办理刑事案件程序规定》第一百八十二条（收到通知书后七日以内，对不立案的情况、依据和理由作出书面说明）；《人民检察院刑事诉讼规则》第五百五十九条；《刑事诉讼法》第一百零五条（期间计算）',
  },
  /** 公安机关在收到通知立案书后十五日以内立案. */
  file: {
    amount: 15,
    unit: 'calendarDays',
    endRule: 'nextWorkingDayIfHoliday',
    legalBasis:
      '《刑事诉讼法》第一百一十三条；《公安机关办理刑事案件程序规定》第一百八十二条（收到通知书后十五日以内立案）；《人民检察院刑事诉讼规则》第五百六十一条；《刑事诉讼法》第一百零五条（期间计算）',
  },
} as const satisfies Record<string, Pick<StepWindow, 'amount' | 'unit' | 'endRule' | 'legalBasis'>>;

// ---------------------------------------------------------------- inputs

/** 要求公安机关说明不立案理由: on the agency's suggestion or on the procuratorate's own motion. */
export const RequestNonFilingExplanationInput = z.object({
  commandId: CommandId.optional(),
  transferId: Id,
  expectedVersion: ExpectedVersion.optional(),
  /** 要求说明不立案理由通知书文号. */
  documentNumber: DocumentNumber('the number of the notice (要求说明不立案理由通知书文号) is required'),
  /** Why the procuratorate asks (its own motion: what it found). */
  reason: Text.min(1, 'a reason is required to ask the police to explain (立案监督事由)'),
});
export type RequestNonFilingExplanationInput = z.infer<typeof RequestNonFilingExplanationInput>;

/** 审查不立案理由: the reasons hold (理由成立), or not, and the police are notified to file (通知立案). */
export const DecideNonFilingReasonsInput = z
  .object({
    commandId: CommandId.optional(),
    transferId: Id,
    expectedVersion: ExpectedVersion.optional(),
    reasonsHold: z.boolean({ error: 'reasonsHold is required: whether the police’s reasons hold (理由是否成立)' }),
    reason: Text.min(1, 'a reason is required for the judgement of the police’s reasons'),
    /** 通知立案书文号: required when the reasons do not hold. */
    documentNumber: z.string().trim().min(1).max(100).optional(),
  })
  .superRefine((input, ctx) => {
    if (!input.reasonsHold && !input.documentNumber) {
      ctx.addIssue({
        code: 'custom',
        path: ['documentNumber'],
        message: 'the number of the notice to file (通知立案书文号) is required when the reasons do not hold',
      });
    }
  });
export type DecideNonFilingReasonsInput = z.infer<typeof DecideNonFilingReasonsInput>;

// ---------------------------------------------------------------- events

export const NonFilingExplanationRequested = z
  .object({
    transferId: Id,
    caseId: Id,
    /** The procuratorate that asks. */
    procuratorateId: z.string().min(1),
    /** The police agency that declined and must explain. */
    policeAgencyId: z.string().min(1),
    /** The agency that transferred the case (it is told the outcome). */
    senderAgencyId: z.string().min(1),
    documentNumber: z.string().min(1),
    reason: z.string().min(1),
    /** true when the sending agency suggested it (建议检察院立案监督); false: on the procuratorate's own motion. */
    onSuggestion: z.boolean(),
    requestedAt: IsoDateTime,
    /** The police's written explanation is due by then (7 days). */
    explanationDueAt: IsoDateTime,
  })
  .meta({ description: 'The procuratorate asked the police to explain in writing why no case was filed (要求说明不立案理由通知书).' });
export type NonFilingExplanationRequested = z.infer<typeof NonFilingExplanationRequested>;

export const NonFilingExplanationReceived = z
  .object({ transferId: Id, explanation: z.string().min(1), explainedAt: IsoDateTime })
  .meta({ description: 'The procuratorate noted the police’s written explanation (不立案理由说明), from the police’s own event.' });
export type NonFilingExplanationReceived = z.infer<typeof NonFilingExplanationReceived>;

export const NonFilingReasonsUpheld = z
  .object({ transferId: Id, procuratorateId: z.string().min(1), reason: z.string().min(1), decidedAt: IsoDateTime })
  .meta({ description: 'The procuratorate found the police’s reasons for not filing to hold (不立案理由成立); the supervision ends.' });
export type NonFilingReasonsUpheld = z.infer<typeof NonFilingReasonsUpheld>;

export const FilingNoticeIssued = z
  .object({
    transferId: Id,
    procuratorateId: z.string().min(1),
    policeAgencyId: z.string().min(1),
    documentNumber: z.string().min(1),
    reason: z.string().min(1),
    issuedAt: IsoDateTime,
    /** The police are to file by then (15 days). */
    filingDueAt: IsoDateTime,
  })
  .meta({ description: 'The reasons did not hold: the procuratorate notified the police to file the case (通知立案书).' });
export type FilingNoticeIssued = z.infer<typeof FilingNoticeIssued>;

export const PoliceFilingReceived = z
  .object({ transferId: Id, documentNumber: z.string().nullable(), filedAt: IsoDateTime })
  .meta({ description: 'The procuratorate noted that the police filed the case (立案决定书), from the police’s own event.' });
export type PoliceFilingReceived = z.infer<typeof PoliceFilingReceived>;

export const filingSupervisionEventSchemas = {
  NonFilingExplanationRequested,
  NonFilingExplanationReceived,
  NonFilingReasonsUpheld,
  FilingNoticeIssued,
  PoliceFilingReceived,
} as const;
export type FilingSupervisionEventType = keyof typeof filingSupervisionEventSchemas;

export const FilingSupervisionEvent = z.discriminatedUnion('type', [
  z.object({ type: z.literal('NonFilingExplanationRequested'), data: NonFilingExplanationRequested }),
  z.object({ type: z.literal('NonFilingExplanationReceived'), data: NonFilingExplanationReceived }),
  z.object({ type: z.literal('NonFilingReasonsUpheld'), data: NonFilingReasonsUpheld }),
  z.object({ type: z.literal('FilingNoticeIssued'), data: FilingNoticeIssued }),
  z.object({ type: z.literal('PoliceFilingReceived'), data: PoliceFilingReceived }),
]);
export type FilingSupervisionEvent = z.infer<typeof FilingSupervisionEvent>;

/** The status of a 立案监督 as the procuratorate's stream says. */
export const FilingSupervisionStatus = z.enum([
  /** 已要求说明不立案理由: waiting for the police's explanation. */
  'EXPLANATION_REQUESTED',
  /** 已收到不立案理由说明: the procuratorate judges it. */
  'EXPLANATION_RECEIVED',
  /** 不立案理由成立: ended. */
  'REASONS_UPHELD',
  /** 已通知立案: waiting for the police to file. */
  'FILING_NOTIFIED',
  /** 公安机关已立案: ended. */
  'FILED',
]);
export type FilingSupervisionStatus = z.infer<typeof FilingSupervisionStatus>;

export const filingSupervisionStatusLabels: Readonly<Record<FilingSupervisionStatus, string>> = {
  EXPLANATION_REQUESTED: '已要求说明不立案理由',
  EXPLANATION_RECEIVED: '已收到不立案理由说明',
  REASONS_UPHELD: '不立案理由成立',
  FILING_NOTIFIED: '已通知立案',
  FILED: '公安机关已立案',
};

/**
 * The procuratorate's stream of one transfer's 立案监督. Not `transfer-…`: that category is the
 * parties' (every transfer service, relay and projection reads `transfer-` streams as theirs).
 */
export const filingSupervisionStreamPrefix = 'filing-supervision-';
export const filingSupervisionStreamId = (transferId: string): string => `${filingSupervisionStreamPrefix}${transferId}`;
