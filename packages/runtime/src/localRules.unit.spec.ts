import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { stepWindow, transferPolicies } from '@xianjie/contracts';
import { ConfigError } from './config.ts';
import { loadDirectory } from './identity.ts';
import { loadTransferPolicies } from './localRules.ts';

const dir = mkdtempSync(join(tmpdir(), 'xianjie-local-rules-'));
const write = (name: string, value: unknown) => {
  const file = join(dir, name);
  writeFileSync(file, typeof value === 'string' ? value : JSON.stringify(value));
  return file;
};
const regions = loadDirectory({}).regionNames;
const rules = (windows: unknown[], province = '650000') => ({ province, source: '测试地方规定', windows });
const receipt12h = { kind: 'CRIMINAL', step: 'signReceipt', amount: 12, unit: 'hours', legalBasis: '第十条' };

describe('loadTransferPolicies (XIANJIE_LOCAL_RULES_FILE)', () => {
  it('is the built-in table without a file', () => {
    expect(loadTransferPolicies({}, regions)).toBe(transferPolicies);
  });

  it("puts the province's local rules in place of the defaults", () => {
    const policies = loadTransferPolicies({ XIANJIE_LOCAL_RULES_FILE: write('ok.json', rules([receipt12h])) }, regions);
    expect(stepWindow(policies.CRIMINAL, 'signReceipt')).toMatchObject({ amount: 12, legalBasis: '地方规则：第十条（测试地方规定）' });
  });

  it('loads the example file shipped in infra/local-rules', () => {
    const example = fileURLToPath(new URL('../../../infra/local-rules/example-650000.json', import.meta.url));
    const policies = loadTransferPolicies({ XIANJIE_LOCAL_RULES_FILE: example }, regions);
    expect(stepWindow(policies.DISCIPLINARY, 'decide')!.legalBasis).toMatch(/^地方规则：（示例）/);
  });

  it('stops start-up with the field named: a statutory window, a province outside the directory, bad JSON, no file', () => {
    const load = (file: string) => () => loadTransferPolicies({ XIANJIE_LOCAL_RULES_FILE: file }, regions);
    const statutory = write('statute.json', rules([{ ...receipt12h, step: 'decide', unit: 'calendarDays', amount: 5 }]));
    expect(load(statutory)).toThrow(ConfigError);
    expect(load(statutory)).toThrow(/XIANJIE_LOCAL_RULES_FILE: .*statute\.json is not a valid local-rules file \(windows\.0\.step: CRIMINAL decide is fixed by statute/);
    expect(load(write('elsewhere.json', rules([receipt12h], '110000')))).toThrow(/province: 110000 is not a region of the agency directory/);
    expect(load(write('amount.json', rules([{ ...receipt12h, amount: -1 }])))).toThrow(/windows\.0\.amount: /);
    expect(load(write('bad.json', '{'))).toThrow(/\(\(file\): not JSON/);
    expect(load(join(dir, 'missing.json'))).toThrow(/XIANJIE_LOCAL_RULES_FILE: cannot read/);
  });
});
