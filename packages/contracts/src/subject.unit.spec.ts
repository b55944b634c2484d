import { describe, expect, it } from 'vitest';
import {
  creditCodeCheckChar,
  creditCodeProblem,
  idNumberProblem,
  isValidCreditCode,
  isValidIdNumber,
  maskIdNumber,
  Subject,
  SubjectInput,
  subjectKey,
  toSubject,
} from './subject.ts';

// Vectors computed independently (a separate script of the GB 32100 / GB 11643 algorithms); 11010519491231002X is
// the standard's own example, 91350100M000100Y43 the commonly cited code, the 65xxxx ones are fictional.
const VALID_CREDIT_CODES = [
  '91350100M000100Y43',
  '91650100MA78KL3Q06',
  '91650102MA79B1NX4U',
  '12650000MB1A2C3D4U',
];
const VALID_ID_NUMBERS = [
  '11010519491231002X',
  '650102199003071235',
  '65010219850118123X',
  '650102200002291231',
];

describe('unified social credit code (GB 32100-2015)', () => {
  it.each(VALID_CREDIT_CODES)('accepts %s', (code) => {
    expect(creditCodeProblem(code)).toBeNull();
    expect(isValidCreditCode(code)).toBe(true);
  });

  it('computes the check character, mapping 31 to 0', () => {
    expect(creditCodeCheckChar('91350100M000100Y4')).toBe('3');
    expect(creditCodeCheckChar('00000000000000000')).toBe('0');
  });

  it('says why a code is invalid', () => {
    expect(creditCodeProblem('91350100M000100Y4')).toBe(
      '统一社会信用代码应为18位，实为17位',
    );
    expect(creditCodeProblem('91350100M000100I43')).toMatch(/第16位“I”不允许/);
    expect(creditCodeProblem('91350100M000100Y44')).toBe('校验码应为 3，实为 4');
  });
});

describe('citizen ID number (GB 11643-1999)', () => {
  it.each(VALID_ID_NUMBERS)('accepts %s', (idNumber) => {
    expect(idNumberProblem(idNumber)).toBeNull();
    expect(isValidIdNumber(idNumber)).toBe(true);
  });

  it('says why a number is invalid', () => {
    expect(idNumberProblem('65010219900307123')).toMatch(/应为18位，实为17位/);
    expect(idNumberProblem('65010219900307123A')).toMatch(/17位数字加1位数字或 X/);
    expect(idNumberProblem('650102199002301234')).toBe('出生日期 19900230 不是有效日期');
    expect(idNumberProblem('650102190002291234')).toBe('出生日期 19000229 不是有效日期');
    expect(idNumberProblem('650102199003071234')).toBe('校验码应为 5，实为 4');
  });

  it('masks all but the first and the last character: no birth date or region left to narrow a guess (issue #12 hole 3)', () => {
    expect(maskIdNumber('65010219850118123X')).toBe('6****************X');
    // The attack: region (6) + last 4 shown left only the birth date to guess (about 9,000 candidates).
    const masked = maskIdNumber('650102198501181236');
    expect(masked).not.toContain('650102');
    expect(masked).not.toContain('1236');
    expect(masked.replaceAll('*', '')).toHaveLength(2);
    expect(maskIdNumber(masked)).toBe(masked); // masking twice (service, then gateway) changes nothing
    expect(maskIdNumber('12')).toBe('**');
  });
});

describe('SubjectInput', () => {
  it('accepts an organisation and normalises its code to upper case', () => {
    const parsed = SubjectInput.parse({
      kind: 'ORGANIZATION',
      name: ' 某某大药房 ',
      creditCode: '91650102ma79b1nx4u',
    });
    expect(parsed).toEqual({ kind: 'ORGANIZATION', name: '某某大药房', creditCode: '91650102MA79B1NX4U' });
  });

  it('accepts a person with a lower-case x', () => {
    expect(
      SubjectInput.parse({ kind: 'PERSON', name: '张某', idNumber: '65010219850118123x' }).idNumber,
    ).toBe('65010219850118123X');
  });

  it('requires a valid credit code for an organisation, at path creditCode', () => {
    const missing = SubjectInput.safeParse({ kind: 'ORGANIZATION', name: '某诊所' });
    expect(missing.error?.issues).toMatchObject([
      { path: ['creditCode'], message: '单位须填写统一社会信用代码' },
    ]);
    const wrong = SubjectInput.safeParse({
      kind: 'ORGANIZATION',
      name: '某诊所',
      creditCode: '91350100M000100Y44',
    });
    expect(wrong.error?.issues).toMatchObject([
      { path: ['creditCode'], message: '校验码应为 3，实为 4' },
    ]);
  });

  it('requires a valid ID number for a person, at path idNumber', () => {
    const missing = SubjectInput.safeParse({
      kind: 'PERSON',
      name: '张某',
      creditCode: '91350100M000100Y43',
    });
    expect(missing.error?.issues).toMatchObject([
      { path: ['idNumber'], message: '个人须填写身份证号' },
    ]);
    const wrong = SubjectInput.safeParse({ kind: 'PERSON', name: '张某', idNumber: '650102199003071234' });
    expect(wrong.error?.issues).toMatchObject([
      { path: ['idNumber'], message: '校验码应为 5，实为 4' },
    ]);
  });

  it('records the subject with the unused identifier as null', () => {
    const subject = toSubject(
      SubjectInput.parse({ kind: 'PERSON', name: '张某', idNumber: '650102199003071235', creditCode: 'x' }),
    );
    expect(subject).toEqual({
      kind: 'PERSON',
      name: '张某',
      creditCode: null,
      idNumber: '650102199003071235',
    });
    expect(Subject.parse(subject)).toEqual(subject);
  });
});

describe('subjectKey', () => {
  it('identifies organisations by credit code and persons by ID number', () => {
    expect(
      subjectKey({ kind: 'ORGANIZATION', name: 'A', creditCode: '91350100M000100Y43', idNumber: null }),
    ).toBe('ORG:91350100M000100Y43');
    expect(subjectKey({ kind: 'PERSON', idNumber: '65010219850118123x' })).toBe('PERSON:65010219850118123X');
  });
});
