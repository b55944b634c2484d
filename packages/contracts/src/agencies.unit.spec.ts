import { describe, expect, it } from 'vitest';
import { Agency, agencyId, isWithinRegion, parentRegionCode, regionLevel } from './agencies.ts';
import { createAgencyDirectory } from './agencyDirectory.ts';
import { demoAgencies, demoCities, demoDirectory } from './demoDirectory.ts';
import { NotFoundError, ValidationError } from './errors.ts';

describe('region codes', () => {
  it('tells the level of a 行政区划代码', () => {
    expect(regionLevel('650000')).toBe('province');
    expect(regionLevel('650100')).toBe('city');
    expect(regionLevel('654000')).toBe('city');
    expect(regionLevel('650102')).toBe('county');
  });

  it('rejects a code that is not six digits', () => {
    expect(() => regionLevel('6501')).toThrow(ValidationError);
    expect(() => isWithinRegion('65010x', '650000')).toThrow(/不是6位行政区划代码/);
  });

  it('places a region within its ancestors and itself only', () => {
    expect(isWithinRegion('650102', '650100')).toBe(true);
    expect(isWithinRegion('650102', '650000')).toBe(true);
    expect(isWithinRegion('650100', '650000')).toBe(true);
    expect(isWithinRegion('650100', '650100')).toBe(true);
    expect(isWithinRegion('650100', '650200')).toBe(false);
    expect(isWithinRegion('650000', '650100')).toBe(false);
    expect(isWithinRegion('620100', '650000')).toBe(false);
  });

  it('finds the enclosing region', () => {
    expect(parentRegionCode('650102')).toBe('650100');
    expect(parentRegionCode('650100')).toBe('650000');
    expect(parentRegionCode('650000')).toBeNull();
  });
});

describe('demo directory', () => {
  it('has five agencies for the region and each of the six cities, and two procuratorates', () => {
    expect(demoAgencies).toHaveLength(37);
    expect(demoCities.map((c) => c.code)).toEqual([
      '650100',
      '650200',
      '650400',
      '650500',
      '652300',
      '654000',
    ]);
    for (const agency of demoAgencies) expect(Agency.safeParse(agency).success).toBe(true);
  });

  it('names agencies {slug}-{regionCode} with their Chinese names', () => {
    expect(demoDirectory.require('amr-650000').name).toBe('新疆维吾尔自治区市场监督管理局（药品监督管理局）');
    expect(demoDirectory.require('police-650100').name).toBe('乌鲁木齐市公安局');
    expect(demoDirectory.require('cdi-650000').name).toBe('新疆维吾尔自治区纪委监委');
    expect(demoDirectory.require('mi-652300')).toMatchObject({
      kind: 'MEDICAL_INSURANCE',
      name: '昌吉回族自治州医疗保障局',
    });
    expect(agencyId('HEALTH', '654000')).toBe('health-654000');
  });

  it('makes the region agency of the same kind the parent of each city agency', () => {
    expect(demoDirectory.require('cdi-650100').parentId).toBe('cdi-650000');
    expect(demoDirectory.require('amr-654000').parentId).toBe('amr-650000');
    expect(demoDirectory.require('health-650000').parentId).toBeNull();
  });

  it('lists the agencies of a region and below', () => {
    expect(
      demoDirectory
        .inRegion('650100')
        .map((a) => a.id)
        .sort(),
    ).toEqual(['amr-650100', 'cdi-650100', 'health-650100', 'mi-650100', 'police-650100', 'procuratorate-650100']);
    expect(demoDirectory.require('procuratorate-650100')).toMatchObject({ kind: 'PROCURATORATE', name: '乌鲁木齐市人民检察院', parentId: 'procuratorate-650000' });
    expect(demoDirectory.inRegion('650000')).toHaveLength(37);
  });

  it('returns undefined from get and throws NotFoundError from require for an unknown id', () => {
    expect(demoDirectory.get('amr-110000')).toBeUndefined();
    expect(() => demoDirectory.require('amr-110000')).toThrow(NotFoundError);
  });
});

describe('createAgencyDirectory', () => {
  const region = {
    id: 'amr-650000',
    kind: 'MARKET_REGULATION',
    name: '局',
    regionCode: '650000',
    parentId: null,
  } as const;

  it('refuses duplicate ids and unknown parents', () => {
    expect(() => createAgencyDirectory([region, region])).toThrow(/duplicate agency id amr-650000/);
    expect(() =>
      createAgencyDirectory([{ ...region, id: 'amr-650100', regionCode: '650100', parentId: 'amr-640000' }]),
    ).toThrow(/parent amr-640000/);
  });

  it('refuses a malformed agency', () => {
    expect(() => createAgencyDirectory([{ ...region, regionCode: '65' }])).toThrow();
  });
});
