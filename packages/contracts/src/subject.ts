import { z } from 'zod';

/**
 * The subject (当事人) of a case: an organisation identified by its unified social credit code
 * (统一社会信用代码, GB 32100-2015) or a person identified by the citizen ID number
 * (公民身份号码, GB 11643-1999). Both check characters are validated.
 */
export const SubjectKind = z.enum(['ORGANIZATION', 'PERSON']);
export type SubjectKind = z.infer<typeof SubjectKind>;

// GB 32100-2015: 31 characters, the letters I O Z S V are not used.
const CREDIT_CODE_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const CREDIT_CODE_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** Check character for the first 17 characters of a credit code (which must be in the charset). */
export const creditCodeCheckChar = (first17: string): string => {
  let sum = 0;
  for (let i = 0; i < 17; i++)
    sum += CREDIT_CODE_CHARSET.indexOf(first17.charAt(i)) * CREDIT_CODE_WEIGHTS[i]!;
  return CREDIT_CODE_CHARSET.charAt((31 - (sum % 31)) % 31);
};

/** Why `code` is not a valid unified social credit code, or null when it is. */
export const creditCodeProblem = (code: string): string | null => {
  if (code.length !== 18) return `统一社会信用代码应为18位，实为${code.length}位`;
  for (let i = 0; i < 18; i++) {
    if (!CREDIT_CODE_CHARSET.includes(code.charAt(i))) {
      return `第${i + 1}位“${code.charAt(i)}”不允许（只能是数字和除 I、O、Z、S、V 以外的大写字母）`;
    }
  }
  const expected = creditCodeCheckChar(code.slice(0, 17));
  const got = code.charAt(17);
  return expected === got ? null : `校验码应为 ${expected}，实为 ${got}`;
};

export const isValidCreditCode = (code: string): boolean => creditCodeProblem(code) === null;

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK_CHARS = '10X98765432';

/** Check character for the first 17 digits of a citizen ID number. */
export const idNumberCheckChar = (first17: string): string => {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17.charAt(i)) * ID_WEIGHTS[i]!;
  return ID_CHECK_CHARS.charAt(sum % 11);
};

const isCalendarDate = (year: number, month: number, day: number): boolean => {
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]!;
  return day <= days;
};

/**
 * Why `idNumber` is not a valid 18-digit citizen ID number, or null when it is.
 * Old 15-digit numbers are not accepted (they carry no check digit).
 */
export const idNumberProblem = (idNumber: string): string | null => {
  if (idNumber.length !== 18) return `身份证号应为18位，实为${idNumber.length}位`;
  if (!/^\d{17}[\dX]$/.test(idNumber)) return '身份证号为17位数字加1位数字或 X';
  const year = Number(idNumber.slice(6, 10));
  const month = Number(idNumber.slice(10, 12));
  const day = Number(idNumber.slice(12, 14));
  if (year < 1900 || !isCalendarDate(year, month, day)) {
    return `出生日期 ${idNumber.slice(6, 14)} 不是有效日期`;
  }
  const expected = idNumberCheckChar(idNumber.slice(0, 17));
  const got = idNumber.charAt(17);
  return expected === got ? null : `校验码应为 ${expected}，实为 ${got}`;
};

export const isValidIdNumber = (idNumber: string): boolean => idNumberProblem(idNumber) === null;

/**
 * Keeps only the first and the last character: `6****************X`. Keeping more gives the number
 * away: with the region (6 digits) and the last 4 shown, only the birth date is left to guess
 * (about 9,000 candidates), which the check digit narrows further (issue #12, ADR 0008).
 */
export const maskIdNumber = (idNumber: string): string => {
  if (idNumber.length <= 2) return '*'.repeat(idNumber.length);
  return `${idNumber.slice(0, 1)}${'*'.repeat(idNumber.length - 2)}${idNumber.slice(-1)}`;
};

/** Normalised code: trimmed, upper case (a lower-case x or letter is a typing slip, not another code). */
const Code = z.string().trim().toUpperCase();

/** A valid unified social credit code (normalised to upper case). */
export const CreditCode = Code.superRefine((code, ctx) => {
  const problem = creditCodeProblem(code);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
}).meta({
  description: '统一社会信用代码 (GB 32100-2015), check character validated',
  pattern: '^[0-9A-HJ-NPQRTUWXY]{18}$',
});

/** A valid 18-digit citizen ID number (normalised to upper case X). */
export const IdNumber = Code.superRefine((idNumber, ctx) => {
  const problem = idNumberProblem(idNumber);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
}).meta({
  description: '公民身份号码 (GB 11643-1999), check character validated',
  pattern: '^[0-9]{17}[0-9X]$',
});

const SubjectName = z.string().trim().min(1).max(200);

/** What a caller sends. The identifier that matches the kind is required and validated. */
export const SubjectInput = z
  .object({
    kind: SubjectKind,
    name: SubjectName,
    creditCode: Code.optional(),
    idNumber: Code.optional(),
  })
  .superRefine((subject, ctx) => {
    if (subject.kind === 'ORGANIZATION') {
      const problem =
        subject.creditCode === undefined || subject.creditCode === ''
          ? '单位须填写统一社会信用代码'
          : creditCodeProblem(subject.creditCode);
      if (problem) ctx.addIssue({ code: 'custom', path: ['creditCode'], message: problem });
    } else {
      const problem =
        subject.idNumber === undefined || subject.idNumber === ''
          ? '个人须填写身份证号'
          : idNumberProblem(subject.idNumber);
      if (problem) ctx.addIssue({ code: 'custom', path: ['idNumber'], message: problem });
    }
  });
export type SubjectInput = z.infer<typeof SubjectInput>;

/** The subject as recorded on events: both identifiers present, the one not used is null. */
export const Subject = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('ORGANIZATION'),
    name: SubjectName,
    creditCode: CreditCode,
    idNumber: z.null(),
  }),
  z.object({ kind: z.literal('PERSON'), name: SubjectName, creditCode: z.null(), idNumber: IdNumber }),
]);
export type Subject = z.infer<typeof Subject>;

/** The recorded form of a validated input (drops the identifier that does not belong to the kind). */
export const toSubject = (input: SubjectInput): Subject =>
  input.kind === 'ORGANIZATION'
    ? { kind: 'ORGANIZATION', name: input.name, creditCode: input.creditCode ?? '', idNumber: null }
    : { kind: 'PERSON', name: input.name, creditCode: null, idNumber: input.idNumber ?? '' };

/**
 * The identity used to match repeat offenders across cases and agencies:
 * `ORG:<creditCode>` or `PERSON:<idNumber>` (names are not identities).
 */
export interface SubjectIdentity {
  kind: SubjectKind;
  name?: string;
  creditCode?: string | null;
  idNumber?: string | null;
}

export const subjectKey = (subject: SubjectIdentity): string =>
  subject.kind === 'ORGANIZATION'
    ? `ORG:${(subject.creditCode ?? '').toUpperCase()}`
    : `PERSON:${(subject.idNumber ?? '').toUpperCase()}`;
