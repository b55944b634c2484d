import { z } from 'zod';
import { SubjectKind } from './subject.ts';
import { ViolationCode } from './violations.ts';
import { HarmFact } from './harmFacts.ts';

/**
 * Rules as data, each citing its legal source, validated at module load: a change in the law is a
 * change of this data, and a malformed entry stops the process at start-up rather than misjudging a case.
 */

const LegalBasis = z.string().min(1);

export const RepeatOffenderPolicy = z.object({
  /** Calendar days before the decision in which earlier decided violations count. */
  windowDays: z.number().int().positive(),
  /** Decided violations (this one included) from which a subject is a repeat offender. */
  minViolations: z.number().int().min(2),
  legalBasis: LegalBasis,
});
export type RepeatOffenderPolicy = z.infer<typeof RepeatOffenderPolicy>;

/**
 * DESIGN §3.1: two or more violations decided within 365 days flag the subject at decision time
 * for aggravated penalty (从严从重). The window and count are the platform's rule; the law makes
 * reoffending an aggravating circumstance in the provisions cited.
 */
export const repeatOffenderPolicy: RepeatOffenderPolicy = RepeatOffenderPolicy.parse({
  windowDays: 365,
  minViolations: 2,
  legalBasis:
    '《药品管理法》第一百三十七条第五项（生产、销售假药、劣药，经处理后再犯的，从重处罚）；' +
    '《市场监管总局关于规范市场监督管理行政处罚裁量权的指导意见》（2022）',
});

/**
 * What a threshold rule measures. CONDUCT: the conduct itself (行为犯, or a circumstance the case
 * team must assess; the condition says which), any amount. AMOUNT_INVOLVED: the amount involved
 * (涉案金额, for sales offences the 销售金额) reaches `minAmountFen`. UNSOLD_GOODS_VALUE: goods not yet
 * sold — 货值金额 plus three times the amount already sold reaches `minAmountFen` (立案追诉标准（一）
 * 第十六条第二项、第三项; 未遂 under 法释〔2001〕10号第二条第二款). ILLEGAL_GAINS: the 违法所得 the evidence
 * states reaches `minAmountFen`. HARM_FACT: one of `harmFacts` is recorded.
 */
export const ThresholdMeasure = z.enum(['CONDUCT', 'AMOUNT_INVOLVED', 'UNSOLD_GOODS_VALUE', 'ILLEGAL_GAINS', 'HARM_FACT']);
export type ThresholdMeasure = z.infer<typeof ThresholdMeasure>;

/** Sold goods count three times against the 货值 threshold (立案追诉标准（一）第十六条第三项). */
export const SOLD_AMOUNT_WEIGHT_FOR_GOODS_VALUE = 3;

export const CriminalThreshold = z
  .object({
    /** Stable name of the rule (what a warning cites), e.g. `SUBSTANDARD_DRUG.UNSOLD_GOODS_VALUE`. */
    id: z.string().regex(/^[A-Z_]+(\.[A-Z_]+)+$/),
    violation: ViolationCode,
    /** The rule applies to this kind of subject only; null = any subject. */
    subjectKind: SubjectKind.nullable(),
    measure: ThresholdMeasure,
    /** AMOUNT_INVOLVED, UNSOLD_GOODS_VALUE and ILLEGAL_GAINS: the amount (fen) from which the facts meet the rule; otherwise null. */
    minAmountFen: z.number().int().positive().nullable(),
    /** HARM_FACT: any of these recorded facts meets the rule; otherwise empty. */
    harmFacts: z.array(HarmFact),
    /** 罪名. */
    crime: z.string().min(1),
    /** The condition in words, including what the recorded facts alone cannot show. */
    condition: z.string().min(1),
    legalBasis: LegalBasis,
  })
  .superRefine((rule, ctx) => {
    const amountMeasure = rule.measure !== 'CONDUCT' && rule.measure !== 'HARM_FACT';
    if (amountMeasure !== (rule.minAmountFen !== null)) {
      ctx.addIssue({ code: 'custom', path: ['minAmountFen'], message: `a ${rule.measure} rule ${amountMeasure ? 'needs' : 'takes no'} amount` });
    }
    if ((rule.measure === 'HARM_FACT') !== rule.harmFacts.length > 0) {
      ctx.addIssue({ code: 'custom', path: ['harmFacts'], message: `a ${rule.measure} rule ${rule.measure === 'HARM_FACT' ? 'needs' : 'takes no'} harm facts` });
    }
  });
export type CriminalThreshold = z.infer<typeof CriminalThreshold>;

const YUAN = 100;

const DRUG_INTERPRETATION_2022 =
  '《最高人民法院 最高人民检察院关于办理危害药品安全刑事案件适用法律若干问题的解释》（高检发释字〔2022〕1号）';
const COUNTERFEIT_GOODS_INTERPRETATION_2001 =
  '《最高人民法院 最高人民检察院关于办理生产、销售伪劣商品刑事案件具体应用法律若干问题的解释》（法释〔2001〕10号）';
const PROSECUTION_STANDARDS_1 =
  '《最高人民检察院 公安部关于公安机关管辖的刑事案件立案追诉标准的规定（一）》（公通字〔2008〕36号）';
const PROSECUTION_STANDARDS_2 = '《最高人民检察院 公安部关于公安机关管辖的刑事案件立案追诉标准的规定（二）》（2022年修订）';

/** 生产、销售伪劣产品罪 by sales amount and by the 货值 of unsold goods (《刑法》第一百四十九条 brings drugs and cosmetics in). */
const counterfeitGoodsRules = (violation: 'SUBSTANDARD_DRUG' | 'ILLEGAL_COSMETIC_ADDITIVE', note: string) => [
  {
    id: `${violation}.AMOUNT_INVOLVED`,
    violation,
    subjectKind: null,
    measure: 'AMOUNT_INVOLVED',
    minAmountFen: 50_000 * YUAN,
    harmFacts: [],
    crime: '生产、销售伪劣产品罪',
    condition: `销售金额五万元以上${note}`,
    legalBasis: `《刑法》第一百四十九条第一款、第一百四十条；${PROSECUTION_STANDARDS_1}第十六条第一项`,
  },
  {
    id: `${violation}.UNSOLD_GOODS_VALUE`,
    violation,
    subjectKind: null,
    measure: 'UNSOLD_GOODS_VALUE',
    minAmountFen: 150_000 * YUAN,
    harmFacts: [],
    crime: '生产、销售伪劣产品罪（未遂）',
    condition:
      '伪劣产品尚未销售，货值金额十五万元以上；或销售金额不满五万元，但已销售金额乘以三倍后与尚未销售的货值金额合计十五万元以上',
    legalBasis:
      `《刑法》第一百四十九条第一款、第一百四十条；${COUNTERFEIT_GOODS_INTERPRETATION_2001}第二条第二款、第三款；` +
      `${PROSECUTION_STANDARDS_1}第十六条第二项、第三项`,
  },
];

/**
 * 非法经营罪 (从事其他非法经营活动), by subject kind: a person from a business volume of ¥50,000 or illegal
 * gains of ¥10,000, an organisation from ¥500,000 or ¥100,000 (立案追诉标准（二）（2022年修订）第七十一条).
 */
const unlicensedTradeRules = (subjectKind: 'PERSON' | 'ORGANIZATION', who: string, volumeYuan: number, gainsYuan: number) => {
  const yuan = (n: number) => `${n / 10_000}万元`;
  const shared = {
    violation: 'UNLICENSED_DRUG_TRADE',
    subjectKind,
    harmFacts: [],
    crime: '非法经营罪',
    legalBasis: `《刑法》第二百二十五条；${PROSECUTION_STANDARDS_2}第七十一条（从事其他非法经营活动）`,
  } as const;
  const note = '；高检发释字〔2022〕1号已不再规定药品类非法经营罪的专门标准，适用需个案研判';
  return [
    {
      ...shared,
      id: `UNLICENSED_DRUG_TRADE.${subjectKind}.AMOUNT_INVOLVED`,
      measure: 'AMOUNT_INVOLVED',
      minAmountFen: volumeYuan * YUAN,
      condition: `${who}非法经营数额${yuan(volumeYuan)}以上（或违法所得${yuan(gainsYuan)}以上）${note}`,
    },
    {
      ...shared,
      id: `UNLICENSED_DRUG_TRADE.${subjectKind}.ILLEGAL_GAINS`,
      measure: 'ILLEGAL_GAINS',
      minAmountFen: gainsYuan * YUAN,
      condition: `${who}违法所得数额${yuan(gainsYuan)}以上（或非法经营数额${yuan(volumeYuan)}以上）${note}`,
    },
  ];
};

/**
 * Where an administrative case's facts meet a criminal threshold, the agency must transfer it to
 * police and a fine never replaces the transfer (《行政执法机关移送涉嫌犯罪案件的规定》（2020）第三条、
 * 第十一条). This table drives the 以罚代刑 warning from the moment a penalty is decided; it flags
 * cases for review, it does not convict. Each rule measures one fact of the case (see
 * ThresholdMeasure): the amount involved, the 货值 of unsold goods, a recorded harm fact, or the
 * conduct itself. Sources are cited by article; docs/DESIGN.md §3.1 says which could only be read in
 * summary (立案追诉标准（二）第七十一条's number, 高检发释字〔2022〕1号 arts. 5 and 7).
 */
export const criminalThresholds: readonly CriminalThreshold[] = Object.freeze(
  z.array(CriminalThreshold).parse([
    {
      id: 'COUNTERFEIT_DRUG.CONDUCT',
      violation: 'COUNTERFEIT_DRUG',
      subjectKind: null,
      measure: 'CONDUCT',
      minAmountFen: null,
      harmFacts: [],
      crime: '生产、销售、提供假药罪',
      // 行为犯 since 《刑法修正案（八）》 (2011) removed "足以严重危害人体健康": any sale is enough.
      condition: '生产、销售假药即构成犯罪，不以数额或危害结果为要件（行为犯）',
      legalBasis: `《刑法》第一百四十一条；${DRUG_INTERPRETATION_2022}`,
    },
    ...counterfeitGoodsRules(
      'SUBSTANDARD_DRUG',
      '；对人体健康造成严重危害的，另涉嫌生产、销售、提供劣药罪（《刑法》第一百四十二条），依处罚较重的规定',
    ),
    {
      id: 'SUBSTANDARD_DRUG.HARM_FACT',
      violation: 'SUBSTANDARD_DRUG',
      subjectKind: null,
      measure: 'HARM_FACT',
      minAmountFen: null,
      harmFacts: ['SERIOUS_HEALTH_HARM'],
      crime: '生产、销售、提供劣药罪',
      condition: '生产、销售劣药，对人体健康造成严重危害（致人轻伤、重伤，轻度或中度残疾，器官组织损伤导致功能障碍等），不论金额',
      legalBasis: `《刑法》第一百四十二条；${DRUG_INTERPRETATION_2022}第五条、第二条`,
    },
    {
      id: 'UNAPPROVED_PREPARATION.CONDUCT',
      violation: 'UNAPPROVED_PREPARATION',
      subjectKind: null,
      measure: 'CONDUCT',
      minAmountFen: null,
      harmFacts: [],
      crime: '妨害药品管理罪',
      condition: '未取得药品相关批准证明文件生产药品，足以严重危害人体健康（情形见高检发释字〔2022〕1号第七条），需个案研判',
      legalBasis: `《刑法》第一百四十二条之一第一款第二项；${DRUG_INTERPRETATION_2022}第七条`,
    },
    {
      id: 'FALSIFIED_RECORDS.CONDUCT',
      violation: 'FALSIFIED_RECORDS',
      subjectKind: null,
      measure: 'CONDUCT',
      minAmountFen: null,
      harmFacts: [],
      crime: '妨害药品管理罪',
      condition: '编造生产、检验记录，足以严重危害人体健康（情形见高检发释字〔2022〕1号第七条），需个案研判',
      legalBasis: `《刑法》第一百四十二条之一第一款第四项；${DRUG_INTERPRETATION_2022}第七条`,
    },
    ...unlicensedTradeRules('PERSON', '个人', 50_000, 10_000),
    ...unlicensedTradeRules('ORGANIZATION', '单位', 500_000, 100_000),
    ...counterfeitGoodsRules(
      'ILLEGAL_COSMETIC_ADDITIVE',
      '；造成严重后果的，另涉嫌生产、销售不符合卫生标准的化妆品罪（《刑法》第一百四十八条）',
    ),
    {
      id: 'ILLEGAL_COSMETIC_ADDITIVE.HARM_FACT',
      violation: 'ILLEGAL_COSMETIC_ADDITIVE',
      subjectKind: null,
      measure: 'HARM_FACT',
      minAmountFen: null,
      harmFacts: ['COSMETIC_SERIOUS_CONSEQUENCES'],
      crime: '生产、销售不符合卫生标准的化妆品罪',
      condition: '造成他人容貌毁损、皮肤严重损伤、器官组织损伤导致严重功能障碍等严重后果，不论金额',
      legalBasis: `《刑法》第一百四十八条；${PROSECUTION_STANDARDS_1}第二十四条`,
    },
    {
      id: 'ILLEGAL_MEDICAL_PRACTICE.CONDUCT',
      violation: 'ILLEGAL_MEDICAL_PRACTICE',
      subjectKind: null,
      measure: 'CONDUCT',
      minAmountFen: null,
      harmFacts: [],
      crime: '非法行医罪',
      condition:
        '未取得医生执业资格的人非法行医，情节严重（如造成就诊人身体健康损害，或被卫生健康主管部门行政处罚两次以后再次非法行医），需个案研判',
      legalBasis:
        '《刑法》第三百三十六条第一款；《最高人民法院关于审理非法行医刑事案件具体应用法律若干问题的解释》（2016年修正）',
    },
    {
      id: 'ILLEGAL_BLOOD_COLLECTION.CONDUCT',
      violation: 'ILLEGAL_BLOOD_COLLECTION',
      subjectKind: null,
      measure: 'CONDUCT',
      minAmountFen: null,
      harmFacts: [],
      crime: '非法采集、供应血液、制作、供应血液制品罪',
      condition: '非法采集、供应血液，不符合国家规定的标准，足以危害人体健康',
      legalBasis: '《刑法》第三百三十四条第一款',
    },
    ...(['INSURANCE_FRAUD', 'FAKE_HOSPITALIZATION', 'INSURED_DRUG_RESALE'] as const).map((violation) => ({
      id: `${violation}.AMOUNT_INVOLVED`,
      violation,
      subjectKind: null,
      measure: 'AMOUNT_INVOLVED',
      minAmountFen: 3_000 * YUAN,
      harmFacts: [],
      crime: '诈骗罪',
      condition:
        '骗取医疗保障基金数额较大（三千元至一万元以上，由各地确定；此处取全国下限三千元）' +
        (violation === 'INSURED_DRUG_RESALE'
          ? '；明知而收购的，涉嫌掩饰、隐瞒犯罪所得罪（《刑法》第三百一十二条）'
          : ''),
      legalBasis:
        '《刑法》第二百六十六条；《全国人民代表大会常务委员会关于〈中华人民共和国刑法〉第二百六十六条的解释》（2014）；' +
        '《最高人民法院 最高人民检察院关于办理诈骗刑事案件具体应用法律若干问题的解释》（法释〔2011〕7号）第一条',
    })),
  ]),
);

/** The facts of a case the threshold rules read. */
export interface ThresholdFacts {
  violations: readonly ViolationCode[];
  /** Absent or null: unknown, and the rules of every subject kind apply (the case is flagged for review). */
  subjectKind?: SubjectKind | null;
  /** 涉案金额 (for sales offences the 销售金额), fen. */
  amountInvolvedFen?: number | null;
  /** 货值金额 of the goods not yet sold, fen. */
  unsoldGoodsValueFen?: number | null;
  /** 违法所得, fen. */
  illegalGainsFen?: number | null;
  harmFacts?: readonly HarmFact[];
}

/** Whether one rule's measure is met by the facts (the violation and subject kind already fit). */
const measureMet = (rule: CriminalThreshold, facts: ThresholdFacts): boolean => {
  const amount = facts.amountInvolvedFen ?? null;
  switch (rule.measure) {
    case 'CONDUCT':
      return true;
    case 'AMOUNT_INVOLVED':
      return amount !== null && amount >= rule.minAmountFen!;
    case 'UNSOLD_GOODS_VALUE': {
      const unsold = facts.unsoldGoodsValueFen ?? 0;
      // Only unsold goods make this rule: sold goods alone are the AMOUNT_INVOLVED rule's.
      return unsold > 0 && unsold + SOLD_AMOUNT_WEIGHT_FOR_GOODS_VALUE * (amount ?? 0) >= rule.minAmountFen!;
    }
    case 'ILLEGAL_GAINS':
      return facts.illegalGainsFen != null && facts.illegalGainsFen >= rule.minAmountFen!;
    case 'HARM_FACT':
      return rule.harmFacts.some((fact) => facts.harmFacts?.includes(fact) ?? false);
  }
};

/**
 * The threshold rules the facts meet: a rule for one of the violations whose subject kind fits
 * (any kind when the subject kind is not known) and whose measure is met.
 */
export const criminalThresholdsMet = (facts: ThresholdFacts): CriminalThreshold[] => {
  const kind = facts.subjectKind ?? null;
  const matched = criminalThresholds.filter(
    (rule) =>
      facts.violations.includes(rule.violation) &&
      (kind === null || rule.subjectKind === null || rule.subjectKind === kind) &&
      measureMet(rule, facts),
  );
  // Without a subject kind both the person and the organisation rule may match: report the crime once.
  const seen = new Set<string>();
  return matched.filter((rule) => {
    const key = `${rule.violation}/${rule.crime}/${rule.measure}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
};

/**
 * The threshold rules met by a violation list and an amount alone (no 货值, no harm facts): kept for
 * callers that know only these; `criminalThresholdsMet` reads every fact.
 */
export const meetsCriminalThreshold = (
  violations: readonly ViolationCode[],
  amountInvolvedFen: number | null | undefined,
  subjectKind?: SubjectKind,
): CriminalThreshold[] => criminalThresholdsMet({ violations, amountInvolvedFen, subjectKind: subjectKind ?? null });
