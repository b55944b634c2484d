import { z } from 'zod';
import type { AgencyKind } from './agencies.ts';
import { CommandId, ExpectedVersion, Id, IsoDateTime } from './scalars.ts';
import { WindowAuthority } from './transferPolicies.ts';

/**
 * 案件咨询 (case consultation, DESIGN §3.5): an agency's officer asks the police (later also the
 * procuratorate) whether a case meets the criminal threshold (是否达到刑事立案追诉标准), with the
 * question and the case reference; the consulted agency answers within a set time. What the API
 * accepts, what is recorded on the asker's stream `consultation-<id>`, and the answer window (a
 * local rule). The rules live in `@xianjie/domain` `meeting/caseConsultationDecider.ts`.
 */

/**
 * The agency kinds an agency may consult on the criminal threshold. The seeds name the police and
 * the procuratorate (咨询公安机关、检察机关); the procuratorate is not an agency kind yet: it joins this
 * list with one line (`'PROCURATORATE'`) once the directory has it.
 */
export const consultableAgencyKinds: readonly AgencyKind[] = ['POLICE'];

/**
 * The answer window of a consultation. No statute fixes it: the seeds say 及时答复 / 限时答复 and
 * leave the figure to local practice, so it is a LOCAL RULE with the platform's default (3 working
 * days), counted as decision 0014 counts working days.
 */
export const ConsultationAnswerWindow = z.object({
  amount: z.number().int().positive(),
  unit: z.literal('workingDays'),
  /** How the days are counted (decision 0014). */
  countingBasis: z.string().trim().min(1),
  authority: WindowAuthority,
  legalBasis: z.string().trim().min(1),
});
export type ConsultationAnswerWindow = z.infer<typeof ConsultationAnswerWindow>;

export const caseConsultationAnswerWindow: ConsultationAnswerWindow = ConsultationAnswerWindow.parse({
  amount: 3,
  unit: 'workingDays',
  countingBasis: '以工作日计算：开始的当日不计入，只数工作日（国务院节假日安排），期满日24时截止（决定0014）',
  authority: 'LOCAL_RULE',
  legalBasis: '地方规则（无法定依据）：案件咨询限时答复，法律未规定时限，本平台默认3个工作日，由省级管理员按本省规定设置',
});

export const ConsultationOpinion = z.enum(['MEETS_THRESHOLD', 'BELOW_THRESHOLD', 'NEEDS_MORE_FACTS']);
export type ConsultationOpinion = z.infer<typeof ConsultationOpinion>;
export const consultationOpinionLabels: Readonly<Record<ConsultationOpinion, string>> = {
  MEETS_THRESHOLD: '达到刑事立案追诉标准，建议移送',
  BELOW_THRESHOLD: '未达到刑事立案追诉标准',
  NEEDS_MORE_FACTS: '需补充查明事实后再定',
};

export const CaseConsultationStatus = z.enum(['ASKED', 'ANSWERED']);
export type CaseConsultationStatus = z.infer<typeof CaseConsultationStatus>;
export const caseConsultationStatusLabels: Readonly<Record<CaseConsultationStatus, string>> = { ASKED: '待答复', ANSWERED: '已答复' };

const Text = z.string().trim().max(4000);

// ---------------------------------------------------------------- inputs

export const AskCaseConsultationInput = z.object({
  commandId: CommandId.optional(),
  expectedVersion: ExpectedVersion.optional(),
  /** The consulted agency (a police agency now). */
  toAgencyId: Id,
  /** The asker's case: its id on the platform, when it has one. */
  caseId: Id.optional(),
  /** 案件编号 or 线索编号 as the asker's agency numbers it. */
  caseReference: z.string().trim().min(1, 'the case reference is required (案件编号)').max(200),
  /** 咨询事项: the question, e.g. 涉案货值金额12万元、已销售3万元，是否达到生产、销售伪劣产品罪立案追诉标准. */
  question: Text.min(1, 'the question is required (咨询事项)'),
  /** 基本案情. */
  facts: Text.optional(),
});
export type AskCaseConsultationInput = z.infer<typeof AskCaseConsultationInput>;

export const AnswerCaseConsultationInput = z.object({
  commandId: CommandId.optional(),
  consultationId: Id,
  expectedVersion: ExpectedVersion.optional(),
  opinion: ConsultationOpinion,
  /** 答复意见. */
  answer: Text.min(1, 'the answer is required (答复意见)'),
});
export type AnswerCaseConsultationInput = z.infer<typeof AnswerCaseConsultationInput>;

// ---------------------------------------------------------------- events

const AgencyRefData = z.object({ id: z.string().min(1), kind: z.string().min(1), regionCode: z.string().min(1) });

export const CaseConsultationAsked = z
  .object({
    consultationId: Id,
    from: AgencyRefData,
    to: AgencyRefData,
    caseId: z.string().nullable(),
    caseReference: z.string().min(1),
    question: z.string().min(1),
    facts: z.string().nullable(),
    askedAt: IsoDateTime,
    /** The answer's due time under `window`. */
    dueAt: IsoDateTime,
    window: ConsultationAnswerWindow,
  })
  .meta({ description: 'An agency asked another whether a case meets the criminal threshold (案件咨询).' });
export type CaseConsultationAsked = z.infer<typeof CaseConsultationAsked>;

export const CaseConsultationAnswered = z
  .object({ consultationId: Id, opinion: ConsultationOpinion, answer: z.string().min(1), answeredAt: IsoDateTime, late: z.boolean() })
  .meta({ description: 'The consulted agency answered (答复), late when after the due time.' });
export type CaseConsultationAnswered = z.infer<typeof CaseConsultationAnswered>;

export const caseConsultationEventSchemas = { CaseConsultationAsked, CaseConsultationAnswered } as const;

export const CaseConsultationEvent = z.discriminatedUnion('type', [
  z.object({ type: z.literal('CaseConsultationAsked'), data: CaseConsultationAsked }),
  z.object({ type: z.literal('CaseConsultationAnswered'), data: CaseConsultationAnswered }),
]);
export type CaseConsultationEvent = z.infer<typeof CaseConsultationEvent>;

/** The asker's stream of one consultation. */
export const caseConsultationStreamId = (consultationId: string): string => `consultation-${consultationId}`;
