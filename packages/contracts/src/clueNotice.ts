import { z } from 'zod';
import type { AgencyKind } from './agencies.ts';
import { CommandId, ExpectedVersion, Id, IsoDateTime } from './scalars.ts';
import { WindowAuthority } from './transferPolicies.ts';

/**
 * 线索通报 (clue notice, DESIGN §3.5): an administrative agency's officer tells the police (later
 * also the procuratorate) of a clue that may be criminal, before any formal transfer (移送): the
 * facts, the suspected offence, and its case reference when it has one. The police acknowledge
 * receipt (签收) and reply with what they will do (立案侦查 / 继续关注 / 不属于管辖, with a text)
 * within a set time. Source, as read in summary: 《关于加强行政执法与刑事司法衔接工作的意见》
 * (中办发〔2011〕8号) asks the agencies to build 信息通报 between them — administrative agencies
 * inform the police of clues of suspected crimes they find, and the police feed back what they
 * did; it sets no time for the feedback. What the API accepts, what is recorded on the sender's
 * stream `clue-notice-<id>`, and the reply window (a local rule). The rules live in
 * `@xianjie/domain` `meeting/clueNoticeDecider.ts`.
 */

/**
 * The agency kinds a clue may be notified to. The procuratorate is not an agency kind yet: it joins
 * this list with one line (`'PROCURATORATE'`) once the directory has it.
 */
export const notifiableAgencyKinds: readonly AgencyKind[] = ['POLICE'];

/**
 * The reply window of a clue notice. No statute fixes it (中办发〔2011〕8号 asks for feedback, not a
 * time), so it is a LOCAL RULE with the platform's default (3 working days), counted as decision 0014
 * counts working days.
 */
export const ClueNoticeReplyWindow = z.object({
  amount: z.number().int().positive(),
  unit: z.literal('workingDays'),
  /** How the days are counted (decision 0014). */
  countingBasis: z.string().trim().min(1),
  authority: WindowAuthority,
  legalBasis: z.string().trim().min(1),
});
export type ClueNoticeReplyWindow = z.infer<typeof ClueNoticeReplyWindow>;

export const clueNoticeReplyWindow: ClueNoticeReplyWindow = ClueNoticeReplyWindow.parse({
  amount: 3,
  unit: 'workingDays',
  countingBasis: '以工作日计算：开始的当日不计入，只数工作日（国务院节假日安排），期满日24时截止（决定0014）',
  authority: 'LOCAL_RULE',
  legalBasis:
    '地方规则（无法定依据）：《关于加强行政执法与刑事司法衔接工作的意见》（中办发〔2011〕8号）要求建立信息通报、线索通报与反馈，未规定反馈时限，本平台默认3个工作日，由省级管理员按本省规定设置',
});

/** What the police will do with the clue. */
export const ClueNoticeDisposition = z.enum(['INVESTIGATE', 'MONITOR', 'NOT_IN_JURISDICTION']);
export type ClueNoticeDisposition = z.infer<typeof ClueNoticeDisposition>;
export const clueNoticeDispositionLabels: Readonly<Record<ClueNoticeDisposition, string>> = {
  INVESTIGATE: '立案侦查',
  MONITOR: '继续关注',
  NOT_IN_JURISDICTION: '不属于管辖',
};

export const ClueNoticeStatus = z.enum(['SENT', 'ACKNOWLEDGED', 'REPLIED']);
export type ClueNoticeStatus = z.infer<typeof ClueNoticeStatus>;
export const clueNoticeStatusLabels: Readonly<Record<ClueNoticeStatus, string>> = {
  SENT: '待签收',
  ACKNOWLEDGED: '已签收待反馈',
  REPLIED: '已反馈',
};

const Text = z.string().trim().max(4000, '不得超过4000字');

// ---------------------------------------------------------------- inputs

export const SendClueNoticeInput = z.object({
  commandId: CommandId.optional(),
  expectedVersion: ExpectedVersion.optional(),
  /** The notified agency (a police agency now). */
  toAgencyId: Id,
  /** The sender's case on the platform, when it has one. */
  caseId: Id.optional(),
  /** 案件编号 or 线索编号 as the sender numbers it, when it has one. */
  caseReference: z.string().trim().min(1, '案件编号不能为空白').max(200, '案件编号不得超过200字').optional(),
  /** 线索事实. */
  facts: Text.min(1, '请填写线索事实'),
  /** 涉嫌罪名, e.g. 涉嫌生产、销售伪劣产品罪. */
  suspectedOffence: z.string().trim().min(1, '请填写涉嫌罪名').max(200, '涉嫌罪名不得超过200字'),
});
export type SendClueNoticeInput = z.infer<typeof SendClueNoticeInput>;

export const AcknowledgeClueNoticeInput = z.object({
  commandId: CommandId.optional(),
  noticeId: Id,
  expectedVersion: ExpectedVersion.optional(),
});
export type AcknowledgeClueNoticeInput = z.infer<typeof AcknowledgeClueNoticeInput>;

export const ReplyClueNoticeInput = z.object({
  commandId: CommandId.optional(),
  noticeId: Id,
  expectedVersion: ExpectedVersion.optional(),
  disposition: ClueNoticeDisposition,
  /** 反馈意见. */
  reply: Text.min(1, '请填写反馈意见'),
});
export type ReplyClueNoticeInput = z.infer<typeof ReplyClueNoticeInput>;

// ---------------------------------------------------------------- events

const AgencyRefData = z.object({
  id: z.string().min(1),
  kind: z.string().min(1),
  regionCode: z.string().min(1),
});

export const ClueNoticeSent = z
  .object({
    noticeId: Id,
    from: AgencyRefData,
    to: AgencyRefData,
    caseId: z.string().nullable(),
    caseReference: z.string().nullable(),
    facts: z.string().min(1),
    suspectedOffence: z.string().min(1),
    sentAt: IsoDateTime,
    /** The reply's due time under `window`. */
    dueAt: IsoDateTime,
    window: ClueNoticeReplyWindow,
  })
  .meta({ description: 'An agency told the police of a clue that may be criminal (线索通报).' });
export type ClueNoticeSent = z.infer<typeof ClueNoticeSent>;

export const ClueNoticeAcknowledged = z
  .object({ noticeId: Id, acknowledgedAt: IsoDateTime })
  .meta({ description: 'The notified agency acknowledged receipt (签收).' });
export type ClueNoticeAcknowledged = z.infer<typeof ClueNoticeAcknowledged>;

export const ClueNoticeReplied = z
  .object({
    noticeId: Id,
    disposition: ClueNoticeDisposition,
    reply: z.string().min(1),
    repliedAt: IsoDateTime,
    late: z.boolean(),
  })
  .meta({ description: 'The notified agency replied what it will do (反馈), late when after the due time.' });
export type ClueNoticeReplied = z.infer<typeof ClueNoticeReplied>;

export const clueNoticeEventSchemas = { ClueNoticeSent, ClueNoticeAcknowledged, ClueNoticeReplied } as const;

export const ClueNoticeEvent = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ClueNoticeSent'), data: ClueNoticeSent }),
  z.object({ type: z.literal('ClueNoticeAcknowledged'), data: ClueNoticeAcknowledged }),
  z.object({ type: z.literal('ClueNoticeReplied'), data: ClueNoticeReplied }),
]);
export type ClueNoticeEvent = z.infer<typeof ClueNoticeEvent>;

/** The sender's stream of one clue notice. */
export const clueNoticeStreamId = (noticeId: string): string => `clue-notice-${noticeId}`;
