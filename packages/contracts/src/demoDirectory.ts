import { agencyId } from './agencies.ts';
import type { Agency, AgencyKind } from './agencies.ts';
import { createAgencyDirectory } from './agencyDirectory.ts';

/** The demo region: 新疆维吾尔自治区 and six of its prefecture-level divisions (行政区划代码). */
export const demoRegion = { code: '650000', name: '新疆维吾尔自治区' } as const;

export const demoCities = [
  { code: '650100', name: '乌鲁木齐市' },
  { code: '650200', name: '克拉玛依市' },
  { code: '650400', name: '吐鲁番市' },
  { code: '650500', name: '哈密市' },
  { code: '652300', name: '昌吉回族自治州' },
  { code: '654000', name: '伊犁哈萨克自治州' },
] as const;

const regionAgencyNames: Record<AgencyKind, string> = {
  MARKET_REGULATION: '新疆维吾尔自治区市场监督管理局（药品监督管理局）',
  HEALTH: '新疆维吾尔自治区卫生健康委员会',
  MEDICAL_INSURANCE: '新疆维吾尔自治区医疗保障局',
  POLICE: '新疆维吾尔自治区公安厅',
  DISCIPLINE_INSPECTION: '新疆维吾尔自治区纪委监委',
};

const cityAgencySuffix: Record<AgencyKind, string> = {
  MARKET_REGULATION: '市场监督管理局',
  HEALTH: '卫生健康委员会',
  MEDICAL_INSURANCE: '医疗保障局',
  POLICE: '公安局',
  DISCIPLINE_INSPECTION: '纪委监委',
};

const kinds = Object.keys(regionAgencyNames) as AgencyKind[];

/** Five agencies for the region and for each city; a city agency's parent is the region agency of its kind. */
export const demoAgencies: readonly Agency[] = [
  ...kinds.map((kind) => ({
    id: agencyId(kind, demoRegion.code),
    kind,
    name: regionAgencyNames[kind],
    regionCode: demoRegion.code,
    parentId: null,
  })),
  ...demoCities.flatMap((city) =>
    kinds.map((kind) => ({
      id: agencyId(kind, city.code),
      kind,
      name: `${city.name}${cityAgencySuffix[kind]}`,
      regionCode: city.code,
      parentId: agencyId(kind, demoRegion.code),
    })),
  ),
];

export const demoDirectory = createAgencyDirectory(demoAgencies);
