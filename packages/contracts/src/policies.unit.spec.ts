import { describe, expect, it } from 'vitest';
import {
  criminalThresholds,
  criminalThresholdsMet,
  CriminalThreshold,
  meetsCriminalThreshold,
  repeatOffenderPolicy,
} from './policies.ts';

describe('repeat offender policy', () => {
  it('is two decided violations within 365 days, with its legal basis', () => {
    expect(repeatOffenderPolicy).toMatchObject({ windowDays: 365, minViolations: 2 });
    expect(repeatOffenderPolicy.legalBasis).toContain('第一百三十七条');
  });
});

describe('criminal thresholds', () => {
  it('every rule is valid data citing the criminal law', () => {
    for (const rule of criminalThresholds) {
      expect(CriminalThreshold.parse(rule)).toEqual(rule);
      expect(rule.legalBasis).toContain('《刑法》');
    }
  });

  it('flags counterfeit drugs whatever the amount', () => {
    expect(meetsCriminalThreshold(['COUNTERFEIT_DRUG'], null).map((r) => r.crime)).toEqual([
      '生产、销售、提供假药罪',
    ]);
  });

  it('flags substandard drugs from a sales amount of 50 000 yuan', () => {
    expect(meetsCriminalThreshold(['SUBSTANDARD_DRUG'], 4_999_999)).toEqual([]);
    expect(meetsCriminalThreshold(['SUBSTANDARD_DRUG'], 5_000_000).map((r) => r.crime)).toEqual([
      '生产、销售伪劣产品罪',
    ]);
    expect(meetsCriminalThreshold(['SUBSTANDARD_DRUG'], undefined)).toEqual([]);
  });

  it('applies the person or organisation threshold of unlicensed trade', () => {
    expect(meetsCriminalThreshold(['UNLICENSED_DRUG_TRADE'], 6_000_000, 'PERSON')).toHaveLength(1);
    expect(meetsCriminalThreshold(['UNLICENSED_DRUG_TRADE'], 6_000_000, 'ORGANIZATION')).toEqual([]);
    expect(meetsCriminalThreshold(['UNLICENSED_DRUG_TRADE'], 50_000_000, 'ORGANIZATION')).toHaveLength(1);
    // without a subject kind the lower (person) threshold decides, and the crime is reported once
    expect(meetsCriminalThreshold(['UNLICENSED_DRUG_TRADE'], 60_000_000)).toHaveLength(1);
  });

  it('flags insurance fraud from 3 000 yuan and ignores violations without a rule', () => {
    expect(
      meetsCriminalThreshold(['INSURANCE_FRAUD', 'COLD_CHAIN_BREACH'], 300_000).map((r) => r.violation),
    ).toEqual(['INSURANCE_FRAUD']);
    expect(meetsCriminalThreshold(['INSURANCE_FRAUD'], 299_999)).toEqual([]);
    expect(meetsCriminalThreshold(['COLD_CHAIN_BREACH'], 100_000_000)).toEqual([]);
  });

  it('flags illegal medical practice as conduct to be assessed', () => {
    const [rule] = meetsCriminalThreshold(['ILLEGAL_MEDICAL_PRACTICE'], 0);
    expect(rule).toMatchObject({ crime: '非法行医罪', minAmountFen: null });
    expect(rule?.condition).toContain('情节严重');
  });

  it('gives every rule a unique id and cites the 2022 drug interpretation by its document number', () => {
    expect(new Set(criminalThresholds.map((r) => r.id)).size).toBe(criminalThresholds.length);
    const citing = criminalThresholds.filter((r) => (r.legalBasis + r.condition).includes('〔2022〕1号'));
    expect(citing.length).toBeGreaterThan(0);
    for (const rule of citing) expect(rule.legalBasis + rule.condition).not.toContain('法释〔2022〕1号');
    expect(criminalThresholds.find((r) => r.id === 'SUBSTANDARD_DRUG.HARM_FACT')?.legalBasis).toContain('高检发释字〔2022〕1号');
  });

  it('refuses a rule whose measure and data disagree', () => {
    const base = { id: 'X.Y', violation: 'SUBSTANDARD_DRUG', subjectKind: null, crime: '罪', condition: '条件', legalBasis: '《刑法》' };
    expect(CriminalThreshold.safeParse({ ...base, measure: 'AMOUNT_INVOLVED', minAmountFen: null, harmFacts: [] }).success).toBe(false);
    expect(CriminalThreshold.safeParse({ ...base, measure: 'HARM_FACT', minAmountFen: null, harmFacts: [] }).success).toBe(false);
    expect(CriminalThreshold.safeParse({ ...base, measure: 'CONDUCT', minAmountFen: 1, harmFacts: [] }).success).toBe(false);
  });
});

describe('criminal thresholds by subject kind (非法经营, 立案追诉标准（二）第七十一条)', () => {
  const trade = (amountInvolvedFen: number, subjectKind: 'PERSON' | 'ORGANIZATION') =>
    criminalThresholdsMet({ violations: ['UNLICENSED_DRUG_TRADE'], amountInvolvedFen, subjectKind }).map((r) => r.id);
  const gains = (illegalGainsFen: number, subjectKind: 'PERSON' | 'ORGANIZATION') =>
    criminalThresholdsMet({ violations: ['UNLICENSED_DRUG_TRADE'], amountInvolvedFen: 100, illegalGainsFen, subjectKind }).map((r) => r.id);

  it('a person from a business volume of 50 000 yuan, to the fen', () => {
    expect(trade(4_999_999, 'PERSON')).toEqual([]);
    expect(trade(5_000_000, 'PERSON')).toEqual(['UNLICENSED_DRUG_TRADE.PERSON.AMOUNT_INVOLVED']);
  });

  it('an organisation only from 500 000 yuan, to the fen', () => {
    expect(trade(5_000_000, 'ORGANIZATION')).toEqual([]);
    expect(trade(49_999_999, 'ORGANIZATION')).toEqual([]);
    expect(trade(50_000_000, 'ORGANIZATION')).toEqual(['UNLICENSED_DRUG_TRADE.ORGANIZATION.AMOUNT_INVOLVED']);
  });

  it('or by illegal gains: a person from 10 000 yuan, an organisation from 100 000 yuan', () => {
    expect(gains(999_999, 'PERSON')).toEqual([]);
    expect(gains(1_000_000, 'PERSON')).toEqual(['UNLICENSED_DRUG_TRADE.PERSON.ILLEGAL_GAINS']);
    expect(gains(1_000_000, 'ORGANIZATION')).toEqual([]);
    expect(gains(9_999_999, 'ORGANIZATION')).toEqual([]);
    expect(gains(10_000_000, 'ORGANIZATION')).toEqual(['UNLICENSED_DRUG_TRADE.ORGANIZATION.ILLEGAL_GAINS']);
    const [rule] = criminalThresholdsMet({ violations: ['UNLICENSED_DRUG_TRADE'], illegalGainsFen: 10_000_000, subjectKind: 'ORGANIZATION' });
    expect(rule?.condition).toContain('单位违法所得数额10万元以上');
    expect(rule?.legalBasis).toContain('第七十一条');
  });
});

describe('the 货值 of goods not yet sold (法释〔2001〕10号第二条; 立案追诉标准（一）第十六条)', () => {
  const met = (amountInvolvedFen: number | null, unsoldGoodsValueFen: number | null) =>
    criminalThresholdsMet({ violations: ['SUBSTANDARD_DRUG'], amountInvolvedFen, unsoldGoodsValueFen }).map((r) => r.id);

  it('unsold goods worth 150 000 yuan meet the rule (未遂) without any sale', () => {
    expect(met(null, 14_999_999)).toEqual([]);
    expect(met(null, 15_000_000)).toEqual(['SUBSTANDARD_DRUG.UNSOLD_GOODS_VALUE']);
    expect(met(0, 15_000_000)).toEqual(['SUBSTANDARD_DRUG.UNSOLD_GOODS_VALUE']);
  });

  it('sales under 50 000 yuan count three times with the unsold goods', () => {
    // 30 000 sold × 3 + 60 000 unsold = 150 000
    expect(met(3_000_000, 6_000_000)).toEqual(['SUBSTANDARD_DRUG.UNSOLD_GOODS_VALUE']);
    expect(met(3_000_000, 5_999_999)).toEqual([]);
  });

  it('sales alone stay the sales rule, and the same rule holds for cosmetics', () => {
    expect(met(5_000_000, null)).toEqual(['SUBSTANDARD_DRUG.AMOUNT_INVOLVED']);
    expect(met(5_000_000, 0)).toEqual(['SUBSTANDARD_DRUG.AMOUNT_INVOLVED']);
    expect(
      criminalThresholdsMet({ violations: ['ILLEGAL_COSMETIC_ADDITIVE'], unsoldGoodsValueFen: 15_000_000 }).map((r) => r.id),
    ).toEqual(['ILLEGAL_COSMETIC_ADDITIVE.UNSOLD_GOODS_VALUE']);
  });
});

describe('harm facts (劣药 严重危害, 化妆品 严重后果) and 假药 at any amount', () => {
  it('劣药 with a recorded serious harm meets 生产、销售、提供劣药罪 whatever the amount', () => {
    expect(criminalThresholdsMet({ violations: ['SUBSTANDARD_DRUG'], amountInvolvedFen: 100 })).toEqual([]);
    const [rule, ...others] = criminalThresholdsMet({
      violations: ['SUBSTANDARD_DRUG'],
      amountInvolvedFen: 100,
      harmFacts: ['SERIOUS_HEALTH_HARM'],
    });
    expect(others).toEqual([]);
    expect(rule).toMatchObject({ id: 'SUBSTANDARD_DRUG.HARM_FACT', crime: '生产、销售、提供劣药罪' });
    expect(rule?.legalBasis).toContain('《刑法》第一百四十二条');
  });

  it('a harm fact of another rule does not trigger it', () => {
    expect(criminalThresholdsMet({ violations: ['SUBSTANDARD_DRUG'], harmFacts: ['COSMETIC_SERIOUS_CONSEQUENCES'] })).toEqual([]);
    expect(
      criminalThresholdsMet({ violations: ['ILLEGAL_COSMETIC_ADDITIVE'], harmFacts: ['COSMETIC_SERIOUS_CONSEQUENCES'] }).map((r) => r.crime),
    ).toEqual(['生产、销售不符合卫生标准的化妆品罪']);
  });

  it('假药 is met by any sale: no amount, zero, or one fen', () => {
    for (const amountInvolvedFen of [null, 0, 1]) {
      expect(criminalThresholdsMet({ violations: ['COUNTERFEIT_DRUG'], amountInvolvedFen }).map((r) => r.id)).toEqual([
        'COUNTERFEIT_DRUG.CONDUCT',
      ]);
    }
  });
});
