import { describe, expect, it } from 'vitest';
import { ViolationCode, violation, violationLabels, violations, violationsFor } from './violations.ts';

describe('violation catalogue', () => {
  it('has one entry per code, each with a label and a legal basis', () => {
    expect(violations.map((v) => v.code)).toEqual(ViolationCode.options);
    for (const v of violations) {
      expect(v.label).not.toBe('');
      expect(v.legalBasis).toMatch(/《.+》/);
    }
  });

  it('keeps the DESIGN labels', () => {
    expect(violationLabels.COUNTERFEIT_DRUG).toBe('生产销售假药');
    expect(violationLabels.INSURANCE_FRAUD).toBe('欺诈骗保');
    expect(violation('UNLICENSED_COMPOUNDING').legalBasis).toContain('《药品管理法》第一百一十五条');
  });

  it('lists the violations each agency kind handles', () => {
    expect(violationsFor('MARKET_REGULATION')).toHaveLength(16);
    expect(violationsFor('HEALTH').map((v) => v.code)).toContain('ILLEGAL_MEDICAL_PRACTICE');
    expect(violationsFor('MEDICAL_INSURANCE').map((v) => v.code)).toEqual([
      'INSURANCE_FRAUD',
      'FAKE_HOSPITALIZATION',
      'INSURED_DRUG_RESALE',
    ]);
    expect(violationsFor('DISCIPLINE_INSPECTION').every((v) => v.domain === 'OFFICIALS')).toBe(true);
    expect(violationsFor('POLICE')).toEqual([]);
  });
});
