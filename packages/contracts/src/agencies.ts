import { z } from 'zod';
import { ValidationError } from './errors.ts';

export const AgencyKind = z.enum([
  'MARKET_REGULATION',
  'HEALTH',
  'MEDICAL_INSURANCE',
  'POLICE',
  'DISCIPLINE_INSPECTION',
  /** 人民检察院: receives the 抄送 of criminal transfers, 立案监督 (刑事诉讼法第一百一十三条). */
  'PROCURATORATE',
]);
export type AgencyKind = z.infer<typeof AgencyKind>;

export const agencyKindLabels: Readonly<Record<AgencyKind, string>> = {
  MARKET_REGULATION: '市场监管（药监）',
  HEALTH: '卫生健康',
  MEDICAL_INSURANCE: '医疗保障',
  POLICE: '公安',
  DISCIPLINE_INSPECTION: '纪委监委',
  PROCURATORATE: '人民检察院',
};

/** Slug of each kind in agency ids: `{slug}-{regionCode}`, e.g. `amr-650000`, `police-650100`. */
export const agencySlugs: Readonly<Record<AgencyKind, string>> = {
  MARKET_REGULATION: 'amr',
  HEALTH: 'health',
  MEDICAL_INSURANCE: 'mi',
  POLICE: 'police',
  DISCIPLINE_INSPECTION: 'cdi',
  PROCURATORATE: 'procuratorate',
};

/** 6-digit 行政区划代码 (GB/T 2260): 650000 自治区, 650100 市, 650102 区县. */
export const RegionCode = z.string().regex(/^[1-9]\d{5}$/, '地区代码是6位行政区划代码');
export type RegionCode = z.infer<typeof RegionCode>;

export const Agency = z.object({
  id: z.string().regex(/^[a-z]+-\d{6}$/, 'an agency id is `{slug}-{regionCode}`, e.g. amr-650000'),
  kind: AgencyKind,
  name: z.string().min(1),
  regionCode: RegionCode,
  parentId: z.string().min(1).nullable(),
});
export type Agency = z.infer<typeof Agency>;

export const agencyId = (kind: AgencyKind, regionCode: string): string =>
  `${agencySlugs[kind]}-${regionCode}`;

export type RegionLevel = 'province' | 'city' | 'county';

const assertRegionCode = (code: string, path: string): void => {
  if (!RegionCode.safeParse(code).success) {
    throw new ValidationError([{ path, message: `“${code}”不是6位行政区划代码` }]);
  }
};

/** Level of a region code: `xx0000` province, `xxxx00` city (地级), anything else county (县级). */
export const regionLevel = (code: string): RegionLevel => {
  assertRegionCode(code, 'regionCode');
  if (code.endsWith('0000')) return 'province';
  if (code.endsWith('00')) return 'city';
  return 'county';
};

const prefixLength: Record<RegionLevel, number> = { province: 2, city: 4, county: 6 };

/**
 * True when `code` lies in `ancestorCode` or is it: 650102 is within 650100 and 650000;
 * 650100 is not within 650200.
 */
export const isWithinRegion = (code: string, ancestorCode: string): boolean => {
  assertRegionCode(code, 'regionCode');
  const length = prefixLength[regionLevel(ancestorCode)];
  return code.slice(0, length) === ancestorCode.slice(0, length);
};

/** The enclosing region: county → city, city → province, province → null. */
export const parentRegionCode = (code: string): string | null => {
  const level = regionLevel(code);
  if (level === 'province') return null;
  if (level === 'city') return `${code.slice(0, 2)}0000`;
  return `${code.slice(0, 4)}00`;
};
