import { describe, expect, it } from 'vitest';
import {
  criminalThresholds,
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
});
