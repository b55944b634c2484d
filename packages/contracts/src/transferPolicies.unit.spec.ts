import { describe, expect, it } from 'vitest';
import { missingMaterials, stepWindow, TransferPolicy, transferPolicies, transferRoute } from './transferPolicies.ts';

const amr = { id: 'amr-650100', kind: 'MARKET_REGULATION', regionCode: '650100' } as const;
const amrOther = { id: 'amr-650200', kind: 'MARKET_REGULATION', regionCode: '650200' } as const;
const health = { id: 'health-650100', kind: 'HEALTH', regionCode: '650100' } as const;
const police = { id: 'police-650100', kind: 'POLICE', regionCode: '650100' } as const;
const cdi = { id: 'cdi-650100', kind: 'DISCIPLINE_INSPECTION', regionCode: '650100' } as const;

describe('transfer policies', () => {
  it('are valid data, every rule and window citing its basis', () => {
    for (const policy of Object.values(transferPolicies)) {
      expect(TransferPolicy.parse(policy)).toEqual(policy);
      for (const window of policy.windows) expect(window.legalBasis.length).toBeGreaterThan(10);
      for (const route of policy.routes) expect(route.legalBasis).not.toBe('');
    }
  });

  it('route criminal cases from the administrative agencies to police, and back in reverse', () => {
    expect(transferRoute(transferPolicies.CRIMINAL, amr, police)).toBeDefined();
    expect(transferRoute(transferPolicies.CRIMINAL, amr, health)).toBeUndefined();
    expect(transferRoute(transferPolicies.CRIMINAL, police, amr)).toBeUndefined();
    expect(transferRoute(transferPolicies.REVERSE, police, amr)).toBeDefined();
    expect(transferRoute(transferPolicies.DISCIPLINARY, police, cdi)).toBeDefined();
    expect(transferRoute(transferPolicies.DISCIPLINARY, cdi, cdi)).toBeUndefined();
  });

  it('route administrative transfers between kinds, or within a kind across regions', () => {
    expect(transferRoute(transferPolicies.ADMINISTRATIVE, amr, health)).toBeDefined();
    expect(transferRoute(transferPolicies.ADMINISTRATIVE, amr, amrOther)).toBeDefined();
    expect(transferRoute(transferPolicies.ADMINISTRATIVE, amr, amr)).toBeUndefined();
    expect(transferRoute(transferPolicies.ADMINISTRATIVE, amr, police)).toBeUndefined();
  });

  it('require the materials of Decree art. 6 for criminal transfers', () => {
    expect(transferPolicies.CRIMINAL.requiredMaterials.map((m) => m.kind)).toEqual([
      'TRANSFER_LETTER',
      'INVESTIGATION_REPORT',
      'SEIZED_ITEMS_LIST',
      'TEST_REPORT',
    ]);
    expect(transferPolicies.CRIMINAL.requiredMaterials[3]!.legalBasis).toContain('第六条');
    expect(missingMaterials(transferPolicies.DISCIPLINARY, [{ kind: 'TRANSFER_LETTER' }])).toEqual(['CLUE_REPORT']);
  });

  it('hold the statutory windows of criminal transfers', () => {
    const criminal = transferPolicies.CRIMINAL;
    const summary = (step: Parameters<typeof stepWindow>[1]) => {
      const window = stepWindow(criminal, step)!;
      return `${window.party} ${window.obligation} ${window.amount} ${window.unit}`;
    };
    expect(summary('approve')).toBe('SENDER DUTY 3 calendarDays');
    expect(summary('send')).toBe('SENDER DUTY 24 hours');
    expect(summary('forwardOrReturn')).toBe('RECEIVER CONDITIONAL 24 hours');
    expect(summary('requestSupplement')).toBe('RECEIVER CONDITIONAL 24 hours');
    expect(summary('supplyMaterials')).toBe('SENDER DUTY 3 calendarDays');
    expect(summary('decide')).toBe('RECEIVER DUTY 3 calendarDays');
    expect(summary('requestReconsideration')).toBe('SENDER RIGHT 3 calendarDays');
    expect(summary('decideReconsideration')).toBe('RECEIVER DUTY 3 calendarDays');
    expect(summary('suggestSupervision')).toBe('SENDER RIGHT 3 calendarDays');
    expect(summary('handOver')).toBe('SENDER DUTY 3 calendarDays');
    expect(stepWindow(criminal, 'decide')!.extensions.map((e) => `${e.code} ${e.amount}`)).toEqual([
      'COMPLEX 10',
      'MAJOR_COMPLEX 30',
    ]);
    expect(stepWindow(criminal, 'send')!.until).toEqual([{ event: 'TransferApproved' }]);
  });

  it('count non-criminal windows in working days, marked as local defaults where the law is silent', () => {
    for (const kind of ['DISCIPLINARY', 'ADMINISTRATIVE', 'REVERSE'] as const) {
      expect(stepWindow(transferPolicies[kind], 'decide')).toMatchObject({ amount: 15, unit: 'workingDays' });
      expect(stepWindow(transferPolicies[kind], 'approve')!.legalBasis).toContain('本平台默认值');
    }
    expect(stepWindow(transferPolicies.DISCIPLINARY, 'decide')!.legalBasis).toContain('《监察法》第三十七条');
  });

  it('let only criminal transfers be reconsidered and copied to the procuratorate', () => {
    const flags = Object.values(transferPolicies).map((p) => `${p.kind}:${p.reconsideration}:${p.copyToProcuratorate}:${p.clueDisposal}`);
    expect(flags.sort()).toEqual([
      'ADMINISTRATIVE:false:false:false',
      'CRIMINAL:true:true:false',
      'DISCIPLINARY:false:false:true',
      'REVERSE:false:false:false',
    ]);
  });

  it('refuse a malformed policy at load', () => {
    const criminal = transferPolicies.CRIMINAL;
    const result = TransferPolicy.safeParse({ ...criminal, windows: [...criminal.windows, criminal.windows[0]] });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe('approve twice');
  });
});
