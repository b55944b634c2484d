import * as contracts from '@xianjie/contracts';
import { describe, expect, it } from 'vitest';
import * as dictionary from './dictionary.ts';

// The console keeps its own copy of the labels the contracts define (the contracts load Node
// modules the browser has no use for); these tests keep the two equal and complete.
const shared: Array<[keyof typeof dictionary, Readonly<Record<string, string>>]> = [
  ['agencyKindLabels', contracts.agencyKindLabels],
  ['caseSourceLabels', contracts.caseSourceLabels],
  ['caseStatusLabels', contracts.caseStatusLabels],
  ['clueDispositionLabels', contracts.clueDispositionLabels],
  ['declineReasonLabels', contracts.declineReasonLabels],
  ['evidenceKindLabels', contracts.evidenceKindLabels],
  ['materialKindLabels', contracts.materialKindLabels],
  ['noticeMethodLabels', contracts.noticeMethodLabels],
  ['agencyCapacityLabels', contracts.agencyCapacityLabels],
  ['operationStatusLabels', contracts.operationStatusLabels],
  ['penaltyKindLabels', contracts.penaltyKindLabels],
  ['transferOutcomeLabels', contracts.transferOutcomeLabels],
  ['transferStatusLabels', contracts.transferStatusLabels],
  ['transferStepLabels', contracts.transferStepLabels],
  ['violationLabels', contracts.violationLabels],
];

describe('dictionary', () => {
  it.each(shared)('%s equals the contracts’ labels', (name, expected) => {
    expect(dictionary[name]).toEqual(expected);
  });

  it('names every transfer kind, short and long', () => {
    for (const kind of contracts.TransferKind.options) {
      expect(dictionary.transferKindShortLabels[kind]).toMatch(/^[行反]/);
      expect(dictionary.transferKindLabels[kind]).toBe(contracts.transferKindLabels[kind]);
    }
  });

  it('names every role and every error code the API answers with', () => {
    expect(Object.keys(dictionary.roleLabels).sort()).toEqual(['admin', 'officer', 'overseer', 'supervisor']);
    for (const code of [
      'UNAUTHENTICATED', 'FORBIDDEN', 'NOT_FOUND', 'BAD_USER_INPUT', 'CONFLICT', 'INVALID_TRANSITION',
      'RATE_LIMITED', 'QUERY_TOO_COMPLEX', 'SERVICE_UNAVAILABLE', 'INTERNAL_SERVER_ERROR', 'PAYLOAD_TOO_LARGE',
    ]) {
      expect(dictionary.errorMessage(code)).not.toBe(dictionary.errorMessage('SOMETHING_ELSE'));
    }
    expect(dictionary.errorMessage('UNAUTHENTICATED')).toBe('请先登录');
    expect(dictionary.errorMessage('FORBIDDEN')).toBe('无权访问');
    expect(dictionary.errorMessage('NOT_FOUND')).toBe('不存在或无权访问');
    expect(dictionary.errorMessage('BAD_USER_INPUT')).toBe('输入有误');
    expect(dictionary.errorMessage('CONFLICT')).toBe('已被他人修改');
  });

  it('labels every transfer event, recorded or noted from the other side', () => {
    const noted = Object.keys(contracts.notedEventFacts);
    for (const type of [...contracts.TransferFactType.options, ...noted]) {
      expect(dictionary.eventTypeLabels[type], type).toBeTruthy();
    }
  });

  it('shows an unknown code as such and a missing one as a dash', () => {
    expect(dictionary.label(dictionary.caseStatusLabels, 'FILED')).toBe('已立案');
    expect(dictionary.label(dictionary.caseStatusLabels, 'NEW_STATUS')).toBe('未知（NEW_STATUS）');
    expect(dictionary.label(dictionary.caseStatusLabels, null)).toBe('—');
  });

  it('names people with their roles and services as the system', () => {
    expect(dictionary.actorLabel({ userId: 'u-1', name: '周启航', roles: ['supervisor'] })).toBe('周启航（负责人）');
    expect(dictionary.actorLabel({ userId: 'system:market-regulation', name: 'market-regulation', roles: [] })).toBe('系统自动记录（市场监管服务）');
    expect(dictionary.actorLabel({ userId: 'system:police', name: 'police', roles: [] })).toBe('系统自动记录（公安服务）');
  });
});
