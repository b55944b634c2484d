import { z } from 'zod';
import { AgencyKind } from './agencies.ts';
import type { AgencyRef } from './transfer.ts';
import { MaterialKind, TransferFactType, TransferKind, TransferOutcome } from './transfer.ts';

/**
 * The transfer rules as data (DESIGN §3.2): per kind, who may send to whom, the materials that
 * must go with it, the outcomes a receiver may feed back, and every step's window with its unit,
 * the fact that starts its clock, the facts that meet it and its legal source. Validated at module
 * load: a malformed entry stops the process at start-up rather than misjudging a transfer.
 *
 * Article numbers are given where certain; windows the law does not fix are local rules
 * (`authority: 'LOCAL_RULE'`, 地方规则 in their `legalBasis`) with a platform default that a
 * province sets in its local-rules file (`localRules.ts`). Every window also says how its days or
 * hours are counted (`endRule`) and which source says so (`countingBasis`), decision 0014.
 */

const LegalBasis = z.string().min(1);

export const TransferStep = z.enum([
  'approve',
  'send',
  'signReceipt',
  'forwardOrReturn',
  'requestSupplement',
  'supplyMaterials',
  'decide',
  'requestReconsideration',
  'decideReconsideration',
  'suggestSupervision',
  'explainNonFiling',
  'fileOnOrder',
  'handOver',
  'feedbackResult',
]);
export type TransferStep = z.infer<typeof TransferStep>;

export const transferStepLabels: Readonly<Record<TransferStep, string>> = {
  approve: '负责人审批（批准或不批准移送）',
  send: '批准后移送',
  signReceipt: '签收',
  forwardOrReturn: '转送或退回（非本机关管辖）',
  requestSupplement: '通知补正材料',
  supplyMaterials: '补正材料',
  decide: '作出立案/受理或不予立案/不予受理决定',
  requestReconsideration: '提请复议',
  decideReconsideration: '作出复议决定',
  suggestSupervision: '建议检察院立案监督',
  explainNonFiling: '向检察院说明不立案理由',
  fileOnOrder: '按检察院通知立案',
  handOver: '移交涉案物品及有关材料',
  feedbackResult: '结果反馈',
};

export const WindowUnit = z.enum(['hours', 'calendarDays', 'workingDays']);
export type WindowUnit = z.infer<typeof WindowUnit>;

/**
 * How a window's start and end are counted (decision 0014):
 * - `nextWorkingDayIfHoliday` (calendar days): the starting day is not counted; the window ends at
 *   24:00 Beijing time of its last day, or, when that day is a holiday or an ordinary weekend day
 *   (not a 调休 working day), at 24:00 of the first working day after it.
 * - `exact`: calendar days without that shift, working days (already counted on working days only,
 *   so the last day is a working day), or hours from the very instant the clock starts.
 * - `startingHourNotCounted` (hours): the hour in which the clock starts is not counted; n hours
 *   run from the next full hour (15:20 + 24 hours ends at 16:00 the next day).
 */
export const EndRule = z.enum(['nextWorkingDayIfHoliday', 'exact', 'startingHourNotCounted']);
export type EndRule = z.infer<typeof EndRule>;

/** STATUTE: a published legal source fixes the window. LOCAL_RULE: none does; a province sets it. */
export const WindowAuthority = z.enum(['STATUTE', 'LOCAL_RULE']);
export type WindowAuthority = z.infer<typeof WindowAuthority>;

/**
 * DUTY: must be met; unmet after the due time it is OVERDUE, late it is met late (allowed).
 * CONDITIONAL: a duty only if its condition holds (forward or return if not competent, ask for
 * missing materials); unmet after the due time it LAPSES, late it is met late.
 * RIGHT: a party may act within the window (reconsideration, supervision); after it, the command
 * is refused and the unmet window LAPSES.
 */
export const Obligation = z.enum(['DUTY', 'CONDITIONAL', 'RIGHT']);
export type Obligation = z.infer<typeof Obligation>;

export const TransferParty = z.enum(['SENDER', 'RECEIVER']);
export type TransferParty = z.infer<typeof TransferParty>;

/** A fact, optionally only with these data values (e.g. ReconsiderationDecided with accepted: false). */
export const Trigger = z.object({
  event: TransferFactType,
  where: z.record(z.string(), z.union([z.string(), z.boolean()])).optional(),
});
export type Trigger = z.infer<typeof Trigger>;

export const DeadlineExtension = z.object({
  /** The code an ExtendDeadline command names. */
  code: z.string().regex(/^[A-Z][A-Z_]*$/),
  label: z.string().min(1),
  /** The whole window once extended, counted from the same start. */
  amount: z.number().int().positive(),
  unit: WindowUnit,
  legalBasis: LegalBasis,
});
export type DeadlineExtension = z.infer<typeof DeadlineExtension>;

export const StepWindow = z.object({
  step: TransferStep,
  /** Who owns the step. */
  party: TransferParty,
  obligation: Obligation,
  amount: z.number().int().positive(),
  unit: WindowUnit,
  /** Facts that start the clock (each occurrence opens a new window for the step). */
  from: z.array(Trigger).min(1),
  /** Facts that meet the window. */
  until: z.array(Trigger).min(1),
  /** Facts after which the step no longer applies (the window disappears). */
  voidedBy: z.array(Trigger).default([]),
  /** How the window is counted; an extension is counted the same way. */
  endRule: EndRule,
  /** The source of `endRule` for this window, and why it (not another) applies. */
  countingBasis: LegalBasis,
  /** Whether the law fixes the window or a local rule does (then a province may set its amount). */
  authority: WindowAuthority,
  extensions: z.array(DeadlineExtension).default([]),
  legalBasis: LegalBasis,
});
export type StepWindow = z.infer<typeof StepWindow>;

export const TransferRoute = z.object({
  from: AgencyKind,
  to: AgencyKind,
  /** Between two agencies of the same kind: only across regions (地域管辖). */
  requiresDifferentRegion: z.boolean().default(false),
  legalBasis: LegalBasis,
});
export type TransferRoute = z.infer<typeof TransferRoute>;

/**
 * ALWAYS: the material goes with every transfer of the kind. WHERE_EXISTS: only where the case has
 * it (the statute's 有关); a transfer without it lists it as absent with the reason.
 */
export const MaterialCondition = z.enum(['ALWAYS', 'WHERE_EXISTS']);
export type MaterialCondition = z.infer<typeof MaterialCondition>;

export const RequiredMaterial = z.object({
  kind: MaterialKind,
  condition: MaterialCondition.default('ALWAYS'),
  legalBasis: LegalBasis,
});
export type RequiredMaterial = z.infer<typeof RequiredMaterial>;

/**
 * Who decides on the team's report (批准或者不批准移送) and who makes it. HEAD: the 正职负责人 or the
 * 主持工作的负责人 only (a principal whose capacity is HEAD or ACTING_HEAD); SUPERVISOR: any
 * supervisor of the agency. `caseTeamMin`: the officers the proposal names as its 专案组 (0: none asked).
 */
export const ApprovalRule = z.object({
  by: z.enum(['HEAD', 'SUPERVISOR']),
  caseTeamMin: z.number().int().nonnegative(),
  legalBasis: LegalBasis,
});
export type ApprovalRule = z.infer<typeof ApprovalRule>;

/** Seized property goes with the case and the party is told in writing, when the proposal declares it. */
export const SeizedPropertyRule = z.object({ legalBasis: LegalBasis });
export type SeizedPropertyRule = z.infer<typeof SeizedPropertyRule>;

export const TransferPolicy = z
  .object({
    kind: TransferKind,
    routes: z.array(TransferRoute).min(1),
    requiredMaterials: z.array(RequiredMaterial).min(1),
    outcomes: z.array(TransferOutcome).min(1),
    /** The receiver accepts or declines (false: DISCIPLINARY, where the commission disposes of the clue). */
    acceptOrDecline: z.boolean(),
    /** The commission disposes of the clue (谈话函询 …). */
    clueDisposal: z.boolean(),
    /** A decline may be reconsidered, then procuratorate supervision suggested (Decree art. 9). */
    reconsideration: z.boolean(),
    procuratorateSupervision: z.boolean(),
    /** The sender hands seized items and files over after acceptance. */
    handOver: z.boolean(),
    /** Approval sends a copy to the procuratorate at the same level. */
    copyToProcuratorate: z.boolean(),
    approval: ApprovalRule,
    /** null: the kind carries no seized property (a declaration is refused). */
    seizedProperty: SeizedPropertyRule.nullable(),
    windows: z.array(StepWindow).min(1),
    legalBasis: LegalBasis,
  })
  .superRefine((policy, ctx) => {
    const seen = new Set<string>();
    policy.windows.forEach((window, index) => {
      if (seen.has(window.step)) {
        ctx.addIssue({ code: 'custom', path: ['windows', index, 'step'], message: `${window.step} twice` });
      }
      seen.add(window.step);
      if (window.endRule === 'nextWorkingDayIfHoliday' && window.unit !== 'calendarDays') {
        ctx.addIssue({
          code: 'custom',
          path: ['windows', index, 'endRule'],
          message: `${window.step}: only a calendar-day window moves to the next working day (${window.unit} is not calendarDays)`,
        });
      }
      if (window.endRule === 'startingHourNotCounted' && window.unit !== 'hours') {
        ctx.addIssue({
          code: 'custom',
          path: ['windows', index, 'endRule'],
          message: `${window.step}: only an hour window leaves its starting hour out (${window.unit} is not hours)`,
        });
      }
      window.extensions.forEach((extension, e) => {
        if (extension.unit !== window.unit) {
          ctx.addIssue({
            code: 'custom',
            path: ['windows', index, 'extensions', e, 'unit'],
            message: `${window.step}: an extension is counted like its window (${window.unit}), not in ${extension.unit}`,
          });
        }
      });
    });
    const kinds = new Set(policy.requiredMaterials.map((m) => m.kind));
    if (kinds.size !== policy.requiredMaterials.length) {
      ctx.addIssue({ code: 'custom', path: ['requiredMaterials'], message: 'a material kind is listed twice' });
    }
    if (policy.acceptOrDecline === policy.clueDisposal) {
      ctx.addIssue({
        code: 'custom',
        path: ['clueDisposal'],
        message: 'a receiver either accepts/declines or disposes of clues',
      });
    }
  });
export type TransferPolicy = z.infer<typeof TransferPolicy>;
type TransferPolicyInput = z.input<typeof TransferPolicy>;

// ---------------------------------------------------------------- legal sources

const DECREE = '《行政执法机关移送涉嫌犯罪案件的规定》（2020年修订）';
const POLICE_RULES = '《公安机关办理刑事案件程序规定》（2020年修正）';
const CPL_COUNTING = '《刑事诉讼法》第一百零五条（期间开始的日不算在期间以内；最后一日为节假日的，顺延至节假日后第一日）';
const DRUG_LINKAGE =
  '《药品行政执法与刑事司法衔接工作办法》（国家药监局、市场监管总局、公安部、最高人民法院、最高人民检察院，2023年1月印发）';
const SUPERVISION_LAW =
  '《监察法》第三十七条（2024年修正后条号；公安、审计等国家机关发现公职人员职务违法犯罪问题线索，应当移送监察机关）';
const CLUE_RULES =
  '2019年关于执法机关向纪检监察机关移送问题线索的规定（按干部管理权限移送，一案一移送），以地方实施文本为准';
const COERCION_LAW =
  '《行政强制法》第二十一条（违法行为涉嫌犯罪应当移送司法机关的，行政机关应当将查封、扣押、冻结的财物一并移送，并书面告知当事人）';
/** Decree art. 5: the 专案组 of two or more officers reports; the 正职负责人 or 主持工作的负责人 decides. */
const HEAD_APPROVAL = {
  by: 'HEAD',
  caseTeamMin: 2,
  legalBasis: `${DECREE}第五条（应当立即指定2名或者2名以上行政执法人员组成专案组专门负责，核实情况后提出移送涉嫌犯罪案件的书面报告，报经本机关正职负责人或者主持工作的负责人审批）`,
} as const;
const supervisorApproval = (legalBasis: string) => ({ by: 'SUPERVISOR', caseTeamMin: 0, legalBasis }) as const;
const AMR_PROCEDURE = '《市场监督管理行政处罚程序规定》第十八条（十五个工作日内核查并决定是否立案，特殊情况经批准可延长十五个工作日）';
const PENALTY_LAW_90 = '《行政处罚法》第六十条（自立案之日起九十日内作出行政处罚决定）';
const PENALTY_LAW_TRANSFER =
  '《行政处罚法》第二十二条至第二十五条（管辖）；《市场监督管理行政处罚程序规定》（不属于本部门管辖的案件，移送有管辖权的部门）';
const LOCAL_DEFAULT = '地方规则：法律未规定时限，本平台默认值，由省级管理员按本省规定设置';
const CLUE_FORWARD =
  '《监察法实施条例》第一百七十一条第二项（本单位没有管辖权但其他监察机关有管辖权的，在五个工作日以内转送有管辖权的监察机关）、第四项（监察机关没有管辖权的，及时退回移送机关）';

// ---------------------------------------------------------------- how windows are counted (decision 0014)

/** The police's (criminal-procedure) day windows. */
const CPL_DAYS =
  '《刑事诉讼法》第一百零五条：期间开始的日不算在期间以内；期间的最后一日为节假日的，以节假日后的第一日为期满日期（双休日和法定节假日为节假日，调休上班日不是）；期满日24时截止';
/** The police's (criminal-procedure) hour windows. */
const CPL_HOURS = '《刑事诉讼法》第一百零五条：期间开始的时不算在期间以内，自下一整点起算';
/**
 * The administrative agency's day windows under the Decree: neither the Decree nor the 行政处罚法
 * has a rule for them (its art. 85 only makes that law's own 二日、三日、五日、七日 working days), so
 * the general rule of the 民法典 applies.
 */
const CIVIL_DAYS =
  '《民法典》第二百零一条、第二百零三条、第二百零四条：开始的当日不计入；期间的最后一日是法定休假日（含双休日）的，以法定休假日结束的次日为最后一日；截止时间为二十四时。《行政执法机关移送涉嫌犯罪案件的规定》和《行政处罚法》对此期间无计算规则（《行政处罚法》第八十五条只把该法自身的“二日”“三日”“五日”“七日”定为工作日），适用民法典的一般规则';
/** The agency's hour windows (send after approval). */
const CIVIL_HOURS = '《民法典》第二百零一条第二款：按照小时计算期间的，自法律规定的时间（批准之时）开始计算';
/** Working-day windows: the last day is a working day by construction. */
const WORKING_DAYS = '以工作日计算：开始的当日不计入，只数工作日（国务院节假日安排），期满日本身是工作日，无须顺延；期满日24时截止';
/** A local rule in calendar days: the general rule of the 民法典 as for the agency's windows. */
const LOCAL_CALENDAR_DAYS = '地方规则未规定计算方法的，适用《民法典》第二百零一条、第二百零三条（最后一日是法定休假日的顺延至其结束的次日）';

type WindowInput = TransferPolicyInput['windows'][number];
/** The counting of a window: criminal procedure, the agency under the Decree, or working days. */
const countedAs = {
  policeDays: { endRule: 'nextWorkingDayIfHoliday', countingBasis: CPL_DAYS },
  policeHours: { endRule: 'startingHourNotCounted', countingBasis: CPL_HOURS },
  agencyDays: { endRule: 'nextWorkingDayIfHoliday', countingBasis: CIVIL_DAYS },
  agencyHours: { endRule: 'exact', countingBasis: CIVIL_HOURS },
  workingDays: { endRule: 'exact', countingBasis: WORKING_DAYS },
  localCalendarDays: { endRule: 'nextWorkingDayIfHoliday', countingBasis: LOCAL_CALENDAR_DAYS },
} as const satisfies Record<string, Pick<WindowInput, 'endRule' | 'countingBasis'>>;

const ADMINISTRATIVE_KINDS = ['MARKET_REGULATION', 'HEALTH', 'MEDICAL_INSURANCE'] as const;

// ---------------------------------------------------------------- windows shared by kinds

const on = (event: TransferFactType, where?: Trigger['where']): Trigger => (where ? { event, where } : { event });

const RECEIVER_DECIDES = [on('TransferAccepted'), on('TransferDeclined'), on('ClueDisposed')];
const RECEIVER_LEAVES = [on('TransferForwarded'), on('TransferReturned')];
const ACCEPTED = [on('TransferAccepted'), on('ReconsiderationDecided', { accepted: true }), on('ClueDisposed')];

/** Approval sends at once in this model: the 24-hour send window is met by the approval itself. */
const sendWindow = (legalBasis: string, authority: WindowInput['authority']): WindowInput => ({
  step: 'send',
  party: 'SENDER',
  obligation: 'DUTY',
  amount: 24,
  unit: 'hours',
  from: [on('TransferApproved')],
  until: [on('TransferApproved')],
  ...countedAs.agencyHours,
  authority,
  legalBasis,
});

/** Signing the receipt: no source fixes a time, so always a local rule. */
const signReceiptWindow = (
  counting: Pick<WindowInput, 'amount' | 'unit' | 'endRule' | 'countingBasis'>,
  legalBasis: string,
): WindowInput => ({
  step: 'signReceipt',
  party: 'RECEIVER',
  obligation: 'DUTY',
  ...counting,
  from: [on('TransferApproved'), on('TransferForwarded')],
  until: [on('TransferReceiptSigned')],
  voidedBy: [on('TransferReturned')],
  authority: 'LOCAL_RULE',
  legalBasis,
});

type Fixed = Pick<WindowInput, 'amount' | 'unit' | 'endRule' | 'countingBasis' | 'authority' | 'legalBasis'>;

/** A local rule counted in working days (a province may set it otherwise). */
const localWorkingDays = (amount: number, legalBasis: string): Fixed => ({
  amount,
  unit: 'workingDays',
  ...countedAs.workingDays,
  authority: 'LOCAL_RULE',
  legalBasis,
});

/** Windows of the non-criminal kinds, counted in working days (most of them local rules). */
const workingDayWindows = (options: {
  approve: string;
  /** Forward or return a transfer the receiver is not competent for (default: a local rule of 3 working days). */
  forward?: Fixed;
  decide: Fixed & Pick<WindowInput, 'extensions'>;
  feedback: Fixed;
  decideLabel: string;
}): WindowInput[] => [
  {
    step: 'approve',
    party: 'SENDER',
    obligation: 'DUTY',
    from: [on('TransferProposed')],
    until: [on('TransferApproved'), on('TransferRefused')],
    ...localWorkingDays(3, options.approve),
  },
  sendWindow(`参照${DECREE}第五条（批准后24小时内移送）；${LOCAL_DEFAULT}`, 'LOCAL_RULE'),
  signReceiptWindow(
    { amount: 1, unit: 'workingDays', ...countedAs.workingDays },
    `参照${DECREE}第七条（在移送书回执上签字）；${LOCAL_DEFAULT}`,
  ),
  {
    step: 'forwardOrReturn',
    party: 'RECEIVER',
    obligation: 'CONDITIONAL',
    from: [on('TransferReceiptSigned')],
    until: RECEIVER_LEAVES,
    voidedBy: RECEIVER_DECIDES,
    ...(options.forward ??
      localWorkingDays(3, `${PENALTY_LAW_TRANSFER}（不属于本机关管辖的，移送有管辖权的机关）；${LOCAL_DEFAULT}`)),
  },
  {
    step: 'requestSupplement',
    party: 'RECEIVER',
    obligation: 'CONDITIONAL',
    from: [on('TransferReceiptSigned')],
    until: [on('SupplementRequested')],
    voidedBy: [...RECEIVER_DECIDES, ...RECEIVER_LEAVES],
    ...localWorkingDays(3, `参照${POLICE_RULES}第一百八十条（不得以材料不全为由不接受移送）；${LOCAL_DEFAULT}`),
  },
  {
    step: 'supplyMaterials',
    party: 'SENDER',
    obligation: 'DUTY',
    from: [on('SupplementRequested')],
    until: [on('MaterialsSupplemented')],
    voidedBy: RECEIVER_LEAVES,
    ...localWorkingDays(5, `参照${POLICE_RULES}第一百八十条；${LOCAL_DEFAULT}`),
  },
  {
    step: 'decide',
    party: 'RECEIVER',
    obligation: 'DUTY',
    from: [on('TransferReceiptSigned')],
    until: RECEIVER_DECIDES,
    voidedBy: RECEIVER_LEAVES,
    ...options.decide,
    legalBasis: `${options.decideLabel}：${options.decide.legalBasis}`,
  },
  {
    step: 'feedbackResult',
    party: 'RECEIVER',
    obligation: 'DUTY',
    from: ACCEPTED,
    until: [on('TransferResultRecorded')],
    ...options.feedback,
  },
];

/** The administrative agencies' decision on a transfer (立案/受理), and its 90-day penalty window. */
const administrativeDecide: Fixed & Pick<WindowInput, 'extensions'> = {
  amount: 15,
  unit: 'workingDays',
  ...countedAs.workingDays,
  authority: 'STATUTE',
  extensions: [
    {
      code: 'COMPLEX',
      label: '特殊情况，经负责人批准',
      amount: 30,
      unit: 'workingDays',
      legalBasis: AMR_PROCEDURE,
    },
  ],
  legalBasis: `${AMR_PROCEDURE}；卫生健康、医疗保障部门适用本系统规定，未规定的按此默认`,
};
const administrativeFeedback: Fixed = {
  amount: 90,
  unit: 'calendarDays',
  ...countedAs.agencyDays,
  countingBasis: `${CIVIL_DAYS}；九十日不属于《行政处罚法》第八十五条所列的“二日”“三日”“五日”“七日”，按自然日计算`,
  authority: 'STATUTE',
  legalBasis: PENALTY_LAW_90,
};

// ---------------------------------------------------------------- the policies

const policies: TransferPolicyInput[] = [
  {
    kind: 'CRIMINAL',
    legalBasis: `${DECREE}；${POLICE_RULES}第一百七十八条至第一百八十二条；《行政处罚法》第二十七条`,
    routes: ADMINISTRATIVE_KINDS.map((from) => ({
      from,
      to: 'POLICE',
      legalBasis: `${DECREE}第三条（涉嫌犯罪的，必须向公安机关移送）；《行政处罚法》第二十七条`,
    })),
    requiredMaterials: [
      { kind: 'TRANSFER_LETTER', legalBasis: `${DECREE}第六条第一项（涉嫌犯罪案件移送书）` },
      { kind: 'INVESTIGATION_REPORT', legalBasis: `${DECREE}第六条第二项（涉嫌犯罪案件情况的调查报告）` },
      {
        kind: 'SEIZED_ITEMS_LIST',
        condition: 'WHERE_EXISTS',
        legalBasis: `${DECREE}第六条第三项（涉案物品清单：有涉案物品的随案移送；没有的，记录理由）`,
      },
      {
        kind: 'TEST_REPORT',
        condition: 'WHERE_EXISTS',
        legalBasis: `${DECREE}第六条第四项（有关检验报告或者鉴定结论：有的随案移送；没有的，记录理由）`,
      },
    ],
    outcomes: ['PROSECUTED', 'CASE_DISMISSED', 'OTHER'],
    acceptOrDecline: true,
    clueDisposal: false,
    reconsideration: true,
    procuratorateSupervision: true,
    handOver: true,
    copyToProcuratorate: true,
    approval: HEAD_APPROVAL,
    seizedProperty: { legalBasis: COERCION_LAW },
    windows: [
      {
        step: 'approve',
        party: 'SENDER',
        obligation: 'DUTY',
        amount: 3,
        unit: 'calendarDays',
        from: [on('TransferProposed')],
        until: [on('TransferApproved'), on('TransferRefused')],
        ...countedAs.agencyDays,
        authority: 'STATUTE',
        legalBasis: `${DECREE}第五条（正职负责人自接到报告之日起3日内作出批准或者不批准移送的决定）`,
      },
      sendWindow(`${DECREE}第五条（决定批准的，应当在24小时内向同级公安机关移送）；本平台批准即移送`, 'STATUTE'),
      signReceiptWindow(
        { amount: 24, unit: 'hours', ...countedAs.policeHours },
        `${DECREE}第七条（公安机关在涉嫌犯罪案件移送书的回执上签字，未规定时限）；24小时为${LOCAL_DEFAULT}`,
      ),
      {
        step: 'forwardOrReturn',
        party: 'RECEIVER',
        obligation: 'CONDITIONAL',
        amount: 24,
        unit: 'hours',
        from: [on('TransferReceiptSigned')],
        until: RECEIVER_LEAVES,
        voidedBy: RECEIVER_DECIDES,
        ...countedAs.policeHours,
        authority: 'STATUTE',
        legalBasis: `${DECREE}第七条（不属于本机关管辖的，应当在24小时内转送有管辖权的机关，并书面告知移送机关）；${POLICE_RULES}第一百八十条`,
      },
      {
        step: 'requestSupplement',
        party: 'RECEIVER',
        obligation: 'CONDITIONAL',
        amount: 24,
        unit: 'hours',
        from: [on('TransferReceiptSigned')],
        until: [on('SupplementRequested')],
        voidedBy: [...RECEIVER_DECIDES, ...RECEIVER_LEAVES],
        ...countedAs.policeHours,
        authority: 'STATUTE',
        legalBasis: `${POLICE_RULES}第一百八十条（材料不全的，应当在接受案件后二十四小时以内通知移送机关在三日以内补正，但不得以材料不全为由不接受移送案件）`,
      },
      {
        step: 'supplyMaterials',
        party: 'SENDER',
        obligation: 'DUTY',
        amount: 3,
        unit: 'calendarDays',
        from: [on('SupplementRequested')],
        until: [on('MaterialsSupplemented')],
        voidedBy: RECEIVER_LEAVES,
        endRule: 'nextWorkingDayIfHoliday',
        countingBasis: `${CPL_DAYS}（本期间由${POLICE_RULES}第一百八十条在受案审查中设定，属刑事诉讼期间；按《民法典》第二百零三条结果相同）`,
        authority: 'STATUTE',
        legalBasis: `${POLICE_RULES}第一百八十条（移送机关在三日以内补正）`,
      },
      {
        step: 'decide',
        party: 'RECEIVER',
        obligation: 'DUTY',
        amount: 3,
        unit: 'calendarDays',
        from: [on('TransferReceiptSigned')],
        until: RECEIVER_DECIDES,
        voidedBy: RECEIVER_LEAVES,
        extensions: [
          {
            code: 'COMPLEX',
            label: '案件较为复杂',
            amount: 10,
            unit: 'calendarDays',
            legalBasis: `${DRUG_LINKAGE}（案件较为复杂的，应当在10日内作出决定）`,
          },
          {
            code: 'MAJOR_COMPLEX',
            label: '案情重大、疑难、复杂或者跨区域性',
            amount: 30,
            unit: 'calendarDays',
            legalBasis: `${DRUG_LINKAGE}（案情重大、疑难、复杂或者跨区域性的，经县级以上公安机关负责人批准，应当在30日内决定是否立案）`,
          },
        ],
        ...countedAs.policeDays,
        authority: 'STATUTE',
        legalBasis: `${DECREE}第八条；${POLICE_RULES}第一百八十条（自接受案件之日起三日以内审查，决定立案或者不予立案并书面通知移送机关）；${CPL_COUNTING}`,
      },
      {
        step: 'requestReconsideration',
        party: 'SENDER',
        obligation: 'RIGHT',
        amount: 3,
        unit: 'calendarDays',
        from: [on('TransferDeclined')],
        until: [on('ReconsiderationRequested')],
        voidedBy: [on('ProcuratorateSupervisionSuggested')],
        ...countedAs.agencyDays,
        authority: 'STATUTE',
        legalBasis: `${DECREE}第九条（自接到不予立案通知书之日起3日内提请复议）；${POLICE_RULES}第一百八十一条`,
      },
      {
        step: 'decideReconsideration',
        party: 'RECEIVER',
        obligation: 'DUTY',
        amount: 3,
        unit: 'calendarDays',
        from: [on('ReconsiderationRequested')],
        until: [on('ReconsiderationDecided')],
        ...countedAs.policeDays,
        authority: 'STATUTE',
        legalBasis: `${DECREE}第九条；${POLICE_RULES}第一百八十一条（收到复议申请后三日以内作出决定并书面通知移送机关）；${CPL_COUNTING}`,
      },
      {
        step: 'suggestSupervision',
        party: 'SENDER',
        obligation: 'RIGHT',
        amount: 3,
        unit: 'calendarDays',
        from: [on('ReconsiderationDecided', { accepted: false })],
        until: [on('ProcuratorateSupervisionSuggested')],
        ...countedAs.agencyDays,
        authority: 'STATUTE',
        legalBasis: `${DECREE}第九条（对复议决定仍有异议的，自收到复议决定通知书之日起3日内建议人民检察院依法进行立案监督）`,
      },
      {
        step: 'explainNonFiling',
        party: 'RECEIVER',
        obligation: 'DUTY',
        amount: 7,
        unit: 'calendarDays',
        from: [on('ProcuratorateInquiryRecorded')],
        until: [on('NonFilingExplained')],
        // Filing instead of explaining answers the procuratorate too.
        voidedBy: [on('TransferAccepted')],
        ...countedAs.policeDays,
        authority: 'STATUTE',
        legalBasis: `${POLICE_RULES}第一百八十二条（人民检察院要求公安机关说明不立案理由的，公安机关应当在收到通知书后七日以内，对不立案的情况、依据和理由作出书面说明，回复人民检察院）；《刑事诉讼法》第一百一十三条；${CPL_COUNTING}`,
      },
      {
        step: 'fileOnOrder',
        party: 'RECEIVER',
        obligation: 'DUTY',
        amount: 15,
        unit: 'calendarDays',
        from: [on('ProcuratorateFilingOrderRecorded')],
        until: [on('TransferAccepted')],
        ...countedAs.policeDays,
        authority: 'STATUTE',
        legalBasis: `${POLICE_RULES}第一百八十二条（人民检察院通知公安机关立案的，公安机关应当在收到通知书后十五日以内立案，并将立案决定书复印件送达人民检察院）；《刑事诉讼法》第一百一十三条；${CPL_COUNTING}`,
      },
      {
        step: 'handOver',
        party: 'SENDER',
        obligation: 'DUTY',
        amount: 3,
        unit: 'calendarDays',
        from: [on('TransferAccepted'), on('ReconsiderationDecided', { accepted: true })],
        until: [on('MaterialsHandedOver')],
        ...countedAs.agencyDays,
        authority: 'STATUTE',
        legalBasis: `${DECREE}第十二条（自接到立案通知书之日起3日内将涉案物品以及与案件有关的其他材料移交公安机关）`,
      },
      {
        step: 'feedbackResult',
        party: 'RECEIVER',
        obligation: 'DUTY',
        amount: 90,
        unit: 'calendarDays',
        from: [on('TransferAccepted'), on('ReconsiderationDecided', { accepted: true })],
        until: [on('TransferResultRecorded')],
        ...countedAs.localCalendarDays,
        authority: 'LOCAL_RULE',
        legalBasis: `首办负责制，移送后跟踪至结果反馈（不得一转了之）；90日为${LOCAL_DEFAULT}`,
      },
    ],
  },
  {
    kind: 'REVERSE',
    legalBasis: `${DECREE}第十三条（公安机关认为不需要追究刑事责任但依法应当追究行政责任的，应当及时将案件移送同级行政执法机关）`,
    routes: ADMINISTRATIVE_KINDS.map((to) => ({
      from: 'POLICE',
      to,
      legalBasis: `${DECREE}第十三条`,
    })),
    requiredMaterials: [
      { kind: 'TRANSFER_LETTER', legalBasis: `${DECREE}第十三条（移送案件）；${LOCAL_DEFAULT}` },
      { kind: 'INVESTIGATION_REPORT', legalBasis: `${DECREE}第十三条；${LOCAL_DEFAULT}` },
    ],
    outcomes: ['PENALIZED', 'NOT_PENALIZED', 'OTHER'],
    acceptOrDecline: true,
    clueDisposal: false,
    reconsideration: false,
    procuratorateSupervision: false,
    handOver: true,
    copyToProcuratorate: false,
    approval: supervisorApproval(`${DECREE}第十三条（公安机关移送，本机关负责人审批）；${LOCAL_DEFAULT}`),
    seizedProperty: null,
    windows: workingDayWindows({
      approve: `${DECREE}第十三条（应当及时移送）；3个工作日为${LOCAL_DEFAULT}`,
      decideLabel: '行政机关立案（受理）',
      decide: administrativeDecide,
      feedback: administrativeFeedback,
    }),
  },
  {
    kind: 'ADMINISTRATIVE',
    legalBasis: `${PENALTY_LAW_TRANSFER}；各部门行政处罚程序规定`,
    routes: ADMINISTRATIVE_KINDS.flatMap((from) =>
      ADMINISTRATIVE_KINDS.map((to) => ({
        from,
        to,
        requiresDifferentRegion: from === to,
        legalBasis:
          from === to
            ? '《行政处罚法》第二十二条（由违法行为发生地的行政机关管辖）：同类机关之间按地域管辖移送'
            : `${PENALTY_LAW_TRANSFER}：属于其他行政机关管辖的，移送有管辖权的机关`,
      })),
    ),
    requiredMaterials: [
      { kind: 'TRANSFER_LETTER', legalBasis: `案件移送函；${LOCAL_DEFAULT}` },
      { kind: 'INVESTIGATION_REPORT', legalBasis: `案件调查情况及证据材料；${LOCAL_DEFAULT}` },
    ],
    outcomes: ['PENALIZED', 'NOT_PENALIZED', 'OTHER'],
    acceptOrDecline: true,
    clueDisposal: false,
    reconsideration: false,
    procuratorateSupervision: false,
    handOver: true,
    copyToProcuratorate: false,
    approval: supervisorApproval(`${PENALTY_LAW_TRANSFER}（经本机关负责人批准移送）`),
    seizedProperty: null,
    windows: workingDayWindows({
      approve: `3个工作日为${LOCAL_DEFAULT}`,
      decideLabel: '受移送机关立案（受理）',
      decide: administrativeDecide,
      feedback: administrativeFeedback,
    }),
  },
  {
    kind: 'DISCIPLINARY',
    legalBasis: `${SUPERVISION_LAW}；${CLUE_RULES}；${DECREE}第十八条`,
    routes: [...ADMINISTRATIVE_KINDS, 'POLICE' as const].map((from) => ({
      from,
      to: 'DISCIPLINE_INSPECTION',
      legalBasis: `${SUPERVISION_LAW}；${CLUE_RULES}`,
    })),
    requiredMaterials: [
      { kind: 'CLUE_REPORT', legalBasis: `问题线索报告（反映的公职人员、问题及证据）；${CLUE_RULES}` },
      { kind: 'TRANSFER_LETTER', legalBasis: `移送函；${CLUE_RULES}` },
    ],
    outcomes: ['DISCIPLINED', 'PROSECUTED', 'DISPOSED', 'NO_ACTION', 'OTHER'],
    acceptOrDecline: false,
    clueDisposal: true,
    reconsideration: false,
    procuratorateSupervision: false,
    handOver: false,
    copyToProcuratorate: false,
    approval: supervisorApproval(`${CLUE_RULES}（经本机关负责人审批移送）`),
    seizedProperty: null,
    windows: workingDayWindows({
      approve: `3个工作日为${LOCAL_DEFAULT}`,
      decideLabel: '纪委监委处置问题线索（谈话函询、初步核实、暂存待查、予以了结、立案审查调查）',
      forward: {
        amount: 5,
        unit: 'workingDays',
        ...countedAs.workingDays,
        authority: 'STATUTE',
        legalBasis: `${CLUE_FORWARD}；退回的“及时”按同一时限`,
      },
      decide: {
        ...localWorkingDays(15, `${SUPERVISION_LAW}；15个工作日为${LOCAL_DEFAULT}`),
        extensions: [],
      },
      feedback: localWorkingDays(60, `处置结果反馈移送机关；60个工作日为${LOCAL_DEFAULT}`),
    }),
  },
];

export const transferPolicies: Readonly<Record<TransferKind, TransferPolicy>> = Object.freeze(
  Object.fromEntries(
    z
      .array(TransferPolicy)
      .parse(policies)
      .map((policy) => [policy.kind, policy]),
  ) as Record<TransferKind, TransferPolicy>,
);

export const transferPolicy = (kind: TransferKind): TransferPolicy => transferPolicies[kind];

/** The route the policy allows from one agency to another, or undefined (with a same-agency never allowed). */
export const transferRoute = (
  policy: TransferPolicy,
  from: AgencyRef,
  to: AgencyRef,
): TransferRoute | undefined => {
  if (from.id === to.id) return undefined;
  return policy.routes.find(
    (route) =>
      route.from === from.kind &&
      route.to === to.kind &&
      (!route.requiresDifferentRegion || from.regionCode !== to.regionCode),
  );
};

/**
 * Required material kinds missing from `materials`: every ALWAYS kind not present, and every
 * WHERE_EXISTS kind neither present nor listed in `absent` (with its reason).
 */
export const missingMaterials = (
  policy: TransferPolicy,
  materials: readonly { kind: MaterialKind }[],
  absent: readonly { kind: MaterialKind }[] = [],
): MaterialKind[] => {
  const present = new Set(materials.map((m) => m.kind));
  const excused = new Set(absent.map((m) => m.kind));
  return policy.requiredMaterials
    .filter((m) => !present.has(m.kind) && !(m.condition === 'WHERE_EXISTS' && excused.has(m.kind)))
    .map((m) => m.kind);
};

/** The kinds of `absent` the policy does not let a transfer go without (ALWAYS, or not required at all). */
export const absentNotAllowed = (policy: TransferPolicy, absent: readonly { kind: MaterialKind }[]): MaterialKind[] => {
  const conditional = new Set(policy.requiredMaterials.filter((m) => m.condition === 'WHERE_EXISTS').map((m) => m.kind));
  return absent.map((m) => m.kind).filter((kind) => !conditional.has(kind));
};

/** The window of a step, if the policy has one. */
export const stepWindow = (policy: TransferPolicy, step: TransferStep): StepWindow | undefined =>
  policy.windows.find((window) => window.step === step);
