import { z } from 'zod';
import { SubjectKind } from './subject.ts';
import { ViolationCode } from './violations.ts';

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

export const CriminalThreshold = z.object({
  violation: ViolationCode,
  /** The rule applies to this kind of subject only; null = any subject. */
  subjectKind: SubjectKind.nullable(),
  /**
   * Amount involved (涉案金额, fen) from which the facts meet the threshold; null = the conduct
   * itself may be a crime whatever the amount (行为犯, or a circumstance the case team must assess).
   */
  minAmountFen: z.number().int().positive().nullable(),
  /** 罪名. */
  crime: z.string().min(1),
  /** The condition in words, including what the amount alone cannot show. */
  condition: z.string().min(1),
  legalBasis: LegalBasis,
});
export type CriminalThreshold = z.infer<typeof CriminalThreshold>;

const YUAN = 100;

/**
 * Where an administrative case's facts meet a criminal threshold, the agency must transfer it to
 * police and a fine never replaces the transfer (《行政执法机关移送涉嫌犯罪案件的规定》（2020）第三条、
 * 第十一条). This table drives the 以罚代刑 warning; it flags cases for review, it does not convict.
 */
export const criminalThresholds: readonly CriminalThreshold[] = Object.freeze(
  z.array(CriminalThreshold).parse([
    {
      violation: 'COUNTERFEIT_DRUG',
      subjectKind: null,
      minAmountFen: null,
      crime: '生产、销售、提供假药罪',
      condition: '生产、销售假药即构成犯罪，不以数额或危害结果为要件',
      legalBasis: '《刑法》第一百四十一条',
    },
    {
      violation: 'SUBSTANDARD_DRUG',
      subjectKind: null,
      minAmountFen: 50_000 * YUAN,
      crime: '生产、销售伪劣产品罪',
      condition:
        '销售金额五万元以上；对人体健康造成严重危害的，另涉嫌生产、销售、提供劣药罪（《刑法》第一百四十二条），需个案研判',
      legalBasis: '《刑法》第一百四十九条第一款、第一百四十条',
    },
    {
      violation: 'UNAPPROVED_PREPARATION',
      subjectKind: null,
      minAmountFen: null,
      crime: '妨害药品管理罪',
      condition: '未取得药品相关批准证明文件生产药品，足以严重危害人体健康（情形见法释〔2022〕1号）',
      legalBasis:
        '《刑法》第一百四十二条之一第一款第二项；《最高人民法院 最高人民检察院关于办理危害药品安全刑事案件适用法律若干问题的解释》（法释〔2022〕1号）',
    },
    {
      violation: 'FALSIFIED_RECORDS',
      subjectKind: null,
      minAmountFen: null,
      crime: '妨害药品管理罪',
      condition: '编造生产、检验记录，足以严重危害人体健康（情形见法释〔2022〕1号）',
      legalBasis:
        '《刑法》第一百四十二条之一第一款第四项；《最高人民法院 最高人民检察院关于办理危害药品安全刑事案件适用法律若干问题的解释》（法释〔2022〕1号）',
    },
    {
      violation: 'UNLICENSED_DRUG_TRADE',
      subjectKind: 'PERSON',
      minAmountFen: 50_000 * YUAN,
      crime: '非法经营罪',
      condition:
        '个人非法经营数额五万元以上（或违法所得一万元以上）；法释〔2022〕1号已不再规定药品类非法经营罪的专门标准，适用需个案研判',
      legalBasis:
        '《刑法》第二百二十五条；《最高人民检察院 公安部关于公安机关管辖的刑事案件立案追诉标准的规定（二）》（非法经营案，从事其他非法经营活动）',
    },
    {
      violation: 'UNLICENSED_DRUG_TRADE',
      subjectKind: 'ORGANIZATION',
      minAmountFen: 500_000 * YUAN,
      crime: '非法经营罪',
      condition:
        '单位非法经营数额五十万元以上（或违法所得十万元以上）；法释〔2022〕1号已不再规定药品类非法经营罪的专门标准，适用需个案研判',
      legalBasis:
        '《刑法》第二百二十五条；《最高人民检察院 公安部关于公安机关管辖的刑事案件立案追诉标准的规定（二）》（非法经营案，从事其他非法经营活动）',
    },
    {
      violation: 'ILLEGAL_COSMETIC_ADDITIVE',
      subjectKind: null,
      minAmountFen: 50_000 * YUAN,
      crime: '生产、销售伪劣产品罪',
      condition:
        '销售金额五万元以上；造成严重后果的，另涉嫌生产、销售不符合卫生标准的化妆品罪（《刑法》第一百四十八条）',
      legalBasis: '《刑法》第一百四十九条第一款、第一百四十条',
    },
    {
      violation: 'ILLEGAL_MEDICAL_PRACTICE',
      subjectKind: null,
      minAmountFen: null,
      crime: '非法行医罪',
      condition:
        '未取得医生执业资格的人非法行医，情节严重（如造成就诊人身体健康损害，或被卫生健康主管部门行政处罚两次以后再次非法行医），需个案研判',
      legalBasis:
        '《刑法》第三百三十六条第一款；《最高人民法院关于审理非法行医刑事案件具体应用法律若干问题的解释》（2016年修正）',
    },
    {
      violation: 'ILLEGAL_BLOOD_COLLECTION',
      subjectKind: null,
      minAmountFen: null,
      crime: '非法采集、供应血液、制作、供应血液制品罪',
      condition: '非法采集、供应血液，不符合国家规定的标准，足以危害人体健康',
      legalBasis: '《刑法》第三百三十四条第一款',
    },
    ...(['INSURANCE_FRAUD', 'FAKE_HOSPITALIZATION', 'INSURED_DRUG_RESALE'] as const).map((violation) => ({
      violation,
      subjectKind: null,
      minAmountFen: 3_000 * YUAN,
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

/**
 * The threshold rules the facts meet: a rule for one of the violations whose subject kind fits
 * (any kind when `subjectKind` is not given) and whose amount, if it has one, is reached.
 */
export const meetsCriminalThreshold = (
  violations: readonly ViolationCode[],
  amountInvolvedFen: number | null | undefined,
  subjectKind?: SubjectKind,
): CriminalThreshold[] => {
  const matched = criminalThresholds.filter(
    (rule) =>
      violations.includes(rule.violation) &&
      (subjectKind === undefined || rule.subjectKind === null || rule.subjectKind === subjectKind) &&
      (rule.minAmountFen === null || (amountInvolvedFen != null && amountInvolvedFen >= rule.minAmountFen)),
  );
  // Without a subject kind both the person and the organisation rule may match: report the crime once.
  const seen = new Set<string>();
  return matched.filter((rule) => {
    const key = `${rule.violation}/${rule.crime}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
};
