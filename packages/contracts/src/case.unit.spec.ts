import { describe, expect, it } from 'vitest';
import {
  CaseEvent,
  caseStreamId,
  DecideNotToFileInput,
  DecidePenaltyInput,
  PenaltyInput,
  RecordEvidenceInput,
  RegisterCaseInput,
} from './case.ts';
import { ValidationError } from './errors.ts';
import { parseInput } from './validation.ts';

const organisation = {
  kind: 'ORGANIZATION',
  name: '乌鲁木齐市某某医院',
  creditCode: '12650000MB1A2C3D4U',
} as const;

const paths = (result: { error?: { issues: { path: PropertyKey[] }[] } }) =>
  result.error?.issues.map((issue) => issue.path.join('.'));

describe('RegisterCaseInput', () => {
  const valid = {
    subject: organisation,
    source: 'INSPECTION',
    summary: '制剂室无文号配制外用制剂',
    violations: ['UNAPPROVED_PREPARATION'],
    amountInvolvedFen: 1_250_000,
  };

  it('accepts a clue', () => {
    expect(RegisterCaseInput.parse(valid)).toEqual(valid);
  });

  it('names the field of each problem', () => {
    const result = RegisterCaseInput.safeParse({
      ...valid,
      subject: { ...organisation, creditCode: '12650000MB1A2C3D4A' },
      summary: ' ',
      violations: ['UNAPPROVED_PREPARATION', 'NOT_A_CODE'],
      amountInvolvedFen: -1,
    });
    expect(paths(result)).toEqual(['subject.creditCode', 'summary', 'violations.1', 'amountInvolvedFen']);
  });

  it('requires at least one violation, each listed once', () => {
    expect(paths(RegisterCaseInput.safeParse({ ...valid, violations: [] }))).toEqual(['violations']);
    const twice = RegisterCaseInput.safeParse({
      ...valid,
      violations: ['FALSIFIED_RECORDS', 'FALSIFIED_RECORDS'],
    });
    expect(twice.error?.issues).toMatchObject([
      { path: ['violations', 1], message: 'FALSIFIED_RECORDS 重复选择' },
    ]);
  });

  it('rejects a summary over 2000 characters and a fractional amount', () => {
    expect(
      paths(RegisterCaseInput.safeParse({ ...valid, summary: '案'.repeat(2001), amountInvolvedFen: 1.5 })),
    ).toEqual(['summary', 'amountInvolvedFen']);
  });
});

describe('DecideNotToFileInput', () => {
  it('requires a reason', () => {
    expect(paths(DecideNotToFileInput.safeParse({ caseId: 'c1' }))).toEqual(['reason']);
    expect(DecideNotToFileInput.safeParse({ caseId: 'c1', reason: '  ' }).error?.issues[0]?.message).toBe(
      '不予立案须说明理由',
    );
  });
});

describe('RecordEvidenceInput', () => {
  it('accepts a known kind and rejects an unknown one at path kind', () => {
    expect(
      RecordEvidenceInput.parse({ caseId: 'c1', kind: 'ON_SITE_RECORD', title: '现场检查笔录' }).kind,
    ).toBe('ON_SITE_RECORD');
    expect(
      paths(RecordEvidenceInput.safeParse({ caseId: 'c1', kind: 'RUMOUR', title: 'x', expectedVersion: -1 })),
    ).toEqual(['expectedVersion', 'kind']);
  });
});

describe('DecidePenaltyInput', () => {
  const valid = {
    caseId: 'c1',
    decisionNumber: '乌市监处罚〔2024〕12号',
    penalties: [
      { kind: 'WARNING' },
      { kind: 'FINE', amountFen: 5_000_000 },
      { kind: 'CONFISCATION', amountFen: 120_000 },
    ],
    personsResponsible: [{ name: '王某', role: '直接负责的主管人员', idNumber: '650102199003071235' }],
  };

  it('accepts a decision with persons responsible', () => {
    expect(DecidePenaltyInput.parse(valid).penalties).toHaveLength(3);
  });

  it('rejects a FINE without an amount, at the amount path', () => {
    const result = DecidePenaltyInput.safeParse({ ...valid, penalties: [{ kind: 'FINE' }] });
    expect(result.error?.issues).toMatchObject([
      { path: ['penalties', 0, 'amountFen'], message: '罚款须填写大于0的金额（分）' },
    ]);
    expect(paths(PenaltyInput.safeParse({ kind: 'FINE', amountFen: 0 }))).toEqual(['amountFen']);
  });

  it('rejects an amount on a penalty that has none', () => {
    expect(
      PenaltyInput.safeParse({ kind: 'LICENSE_REVOKED', amountFen: 100 }).error?.issues[0]?.message,
    ).toBe('LICENSE_REVOKED 不带金额（只有罚款和没收带金额）');
  });

  it('requires a penalty and validates the ID number of a person responsible', () => {
    const result = DecidePenaltyInput.safeParse({
      ...valid,
      penalties: [],
      personsResponsible: [{ name: '王某', role: '法定代表人', idNumber: '650102199003071234' }],
    });
    expect(paths(result)).toEqual(['penalties', 'personsResponsible.0.idNumber']);
  });

  it('surfaces as a ValidationError naming the field through parseInput', () => {
    try {
      parseInput(DecidePenaltyInput, { ...valid, penalties: [{ kind: 'FINE' }] });
      expect.unreachable('parseInput should have thrown');
    } catch (error) {
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).details.field).toBe('penalties.0.amountFen');
    }
  });
});

describe('CaseEvent', () => {
  it('parses a typed event and rejects data of another type', () => {
    const filed = {
      type: 'CaseFiled',
      data: { caseId: 'c1', reason: null, filedAt: '2024-05-06T09:30:00+08:00' },
    };
    expect(CaseEvent.parse(filed)).toEqual(filed);
    expect(CaseEvent.safeParse({ type: 'CaseClosed', data: { caseId: 'c1', reason: null } }).success).toBe(
      false,
    );
    expect(
      CaseEvent.safeParse({ ...filed, data: { ...filed.data, filedAt: '2024-05-06 09:30' } }).success,
    ).toBe(false);
  });

  it('parses CaseTransferred with its transfer kind and rejects an unknown kind', () => {
    const transferred = {
      type: 'CaseTransferred',
      data: {
        caseId: 'c1',
        transferId: 't1',
        kind: 'CRIMINAL',
        toAgencyId: 'police-650100',
        transferredAt: '2024-05-06T09:30:00+08:00',
      },
    };
    expect(CaseEvent.parse(transferred)).toEqual(transferred);
    expect(CaseEvent.safeParse({ ...transferred, data: { ...transferred.data, kind: 'ELSEWHERE' } }).success).toBe(false);
  });

  it('names the stream of a case', () => {
    expect(caseStreamId('0b6f')).toBe('case-0b6f');
  });
});
