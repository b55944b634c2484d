import { describe, expect, it } from 'vitest';
import { integrationEventNamed } from './integrationEvents.ts';
import {
  caseOpeningDispositions,
  checklistResultLabels,
  FormInspectionGroupInput,
  inspectionKindLabels,
  operationPhaseKindLabels,
  operationStatusLabels,
  ProblemDisposition,
  problemDispositionLabels,
  problemStatusLabels,
  RecordInspectionInput,
  RegisterProblemInput,
  suspendedActivityLabels,
  VerifyRectificationInput,
} from './operation.ts';
import { creditCodeCheckChar } from './subject.ts';
import { parseInput } from './validation.ts';

const first17 = '12654000MB0000001';
const creditCode = `${first17}${creditCodeCheckChar(first17)}`;
const pathsOf = (fn: () => unknown): string[] => {
  try {
    fn();
  } catch (error) {
    return (error as { issues: { path: string }[] }).issues.map((i) => i.path);
  }
  throw new Error('expected a ValidationError');
};

describe('operation contracts', () => {
  it('labels every value of every enum in Chinese', () => {
    expect(Object.values(problemDispositionLabels)).toEqual(['告诫', '约谈', '限期整改', '暂停配制/使用/调剂', '立案查处', '移送公安']);
    for (const labels of [operationStatusLabels, operationPhaseKindLabels, checklistResultLabels, inspectionKindLabels, problemStatusLabels, suspendedActivityLabels]) {
      expect(Object.values(labels).every((label) => /\p{Script=Han}/u.test(label))).toBe(true);
    }
    expect(caseOpeningDispositions.every((d) => ProblemDisposition.options.includes(d))).toBe(true);
  });

  it('requires the deputy (liaison) to have a phone and defaults a group to unannounced', () => {
    const group = {
      operationId: 'op-1',
      name: '第一检查组',
      phaseId: 'P2',
      leader: { name: '刘某', agencyId: 'amr-650000', title: '副局长' },
      deputy: { name: '田某', agencyId: 'amr-650000', title: '处长', phone: '13800000001' },
      regions: ['654000'],
    };
    expect(parseInput(FormInspectionGroupInput, group)).toMatchObject({ unannounced: true, members: [] });
    expect(pathsOf(() => parseInput(FormInspectionGroupInput, { ...group, deputy: { ...group.deputy, phone: '12345' } }))).toEqual(['deputy.phone']);
  });

  it('ties follow-ups to FOLLOW_UP inspections only', () => {
    const base = { operationId: 'op-1', groupId: 'G1', targetCreditCode: creditCode };
    expect(parseInput(RecordInspectionInput, base)).toMatchObject({ kind: 'REGULAR', checklist: [], findings: [], followUpOf: [] });
    expect(pathsOf(() => parseInput(RecordInspectionInput, { ...base, kind: 'FOLLOW_UP' }))).toEqual(['followUpOf']);
    expect(pathsOf(() => parseInput(RecordInspectionInput, { ...base, followUpOf: ['I1-F1'] }))).toEqual(['followUpOf']);
  });

  it('names what a SUSPENSION suspends, and a handling agency only for dispositions that open a case', () => {
    const base = { operationId: 'op-1', findingId: 'I1-F1', rectificationDueOn: '2025-06-30' };
    expect(pathsOf(() => parseInput(RegisterProblemInput, { ...base, disposition: 'SUSPENSION' }))).toEqual(['suspended']);
    expect(pathsOf(() => parseInput(RegisterProblemInput, { ...base, disposition: 'ADMONITION', suspended: ['USE'] }))).toEqual(['suspended']);
    expect(pathsOf(() => parseInput(RegisterProblemInput, { ...base, disposition: 'REGULATORY_TALK', handlingAgencyId: 'amr-650000' }))).toEqual(['handlingAgencyId']);
    expect(pathsOf(() => parseInput(RegisterProblemInput, { ...base, disposition: 'ADMONITION', rectificationDueOn: '2025-02-30' }))).toEqual(['rectificationDueOn']);
    expect(parseInput(RegisterProblemInput, { ...base, disposition: 'POLICE_REFERRAL', handlingAgencyId: 'amr-650000' })).toMatchObject({ suspended: [] });
  });

  it('wants a reason to reject a rectification, and a new due date only then', () => {
    const base = { operationId: 'op-1', findingId: 'I1-F1' };
    expect(pathsOf(() => parseInput(VerifyRectificationInput, { ...base, accepted: false }))).toEqual(['note']);
    expect(pathsOf(() => parseInput(VerifyRectificationInput, { ...base, accepted: true, newDueOn: '2025-07-01' }))).toEqual(['newDueOn', 'opinion']);
  });

  it('wants a 核查意见 for a 销号: who checked, what they found, who signed, who is responsible', () => {
    const base = { operationId: 'op-1', findingId: 'I1-F1', accepted: true };
    const checker = { name: '刘洪亮', agencyId: 'amr-650000', title: '副局长' };
    expect(pathsOf(() => parseInput(VerifyRectificationInput, base))).toEqual(['opinion']);
    expect(pathsOf(() => parseInput(VerifyRectificationInput, { ...base, opinion: { checkedBy: [], findings: '', signedBy: [] } })).sort()).toEqual([
      'opinion.checkedBy',
      'opinion.findings',
      'opinion.responsible',
      'opinion.signedBy',
    ]);
    const opinion = { checkedBy: [checker], findings: '整改到位', signedBy: [checker], responsible: checker };
    expect(parseInput(VerifyRectificationInput, { ...base, opinion }).opinion).toMatchObject({ method: 'ON_SITE', findings: '整改到位' });
  });

  it('publishes the referral and the result report on xianjie.operation, nothing else of an operation', () => {
    expect(integrationEventNamed('xianjie.operation.finding-referred.v1')).toMatchObject({ eventType: 'FindingReferred', streamCategory: 'operation' });
    expect(integrationEventNamed('xianjie.operation.result-reported.v1')).toMatchObject({ eventType: 'OperationResultReported', streamCategory: 'operation' });
  });
});
