import { z } from 'zod';
import type { AgencyKind } from './agencies.ts';

/**
 * The violation catalogue (DESIGN §3.1). Codes are stable identifiers: extend the list, never
 * rename a code. `legalBasis` names the provision the conduct breaks or is punished under; an
 * article number is given only where it is certain, otherwise the law alone is cited.
 * 药品管理法 = 《中华人民共和国药品管理法》(2019年修订).
 */
export const ViolationDomain = z.enum(['MARKET_REGULATION', 'HEALTH', 'MEDICAL_INSURANCE', 'OFFICIALS']);
export type ViolationDomain = z.infer<typeof ViolationDomain>;

export const ViolationCode = z.enum([
  // market regulation / drug administration
  'UNLICENSED_COMPOUNDING',
  'UNAPPROVED_PREPARATION',
  'UNAPPROVED_DISPENSING',
  'FALSIFIED_RECORDS',
  'UNAUTHORIZED_CHANGE',
  'COUNTERFEIT_DRUG',
  'SUBSTANDARD_DRUG',
  'UNLICENSED_DRUG_TRADE',
  'OUT_OF_SCOPE_TRADE',
  'ILLEGAL_SOURCE_PURCHASE',
  'PHARMACIST_CERT_RENTAL',
  'RX_WITHOUT_PRESCRIPTION',
  'COLD_CHAIN_BREACH',
  'ONLINE_ILLEGAL_SALE',
  'UNREGISTERED_DEVICE',
  'ILLEGAL_COSMETIC_ADDITIVE',
  // health
  'ILLEGAL_MEDICAL_PRACTICE',
  'UNQUALIFIED_STAFF',
  'DEPARTMENT_LEASING',
  'ILLEGAL_SEX_SELECTION',
  'ILLEGAL_BLOOD_COLLECTION',
  'ILLEGAL_MEDICAL_ADVERTISING',
  'DISINFECTION_PRODUCT',
  // medical insurance
  'INSURANCE_FRAUD',
  'FAKE_HOSPITALIZATION',
  'INSURED_DRUG_RESALE',
  // officials (clues for the discipline commission)
  'DERELICTION',
  'PROTECTIVE_UMBRELLA',
  'CORRUPTION',
]);
export type ViolationCode = z.infer<typeof ViolationCode>;

export const Violation = z.object({
  code: ViolationCode,
  label: z.string().min(1),
  domain: ViolationDomain,
  legalBasis: z.string().min(1),
});
export type Violation = z.infer<typeof Violation>;

const DRUG_LAW = '《药品管理法》';
const GSP = `${DRUG_LAW}第一百二十六条（未遵守药品经营质量管理规范）`;
const MI_REGULATION = '《医疗保障基金使用监督管理条例》';
const SUPERVISION_LAW = '《监察法》第十一条';

const catalogue: Violation[] = [
  {
    code: 'UNLICENSED_COMPOUNDING',
    label: '无证配制',
    domain: 'MARKET_REGULATION',
    legalBasis: `${DRUG_LAW}第一百一十五条（未取得医疗机构制剂许可证配制制剂）`,
  },
  {
    code: 'UNAPPROVED_PREPARATION',
    label: '无文号/文号过期配制',
    domain: 'MARKET_REGULATION',
    legalBasis: `${DRUG_LAW}第一百二十四条第一款第一项（未取得药品批准证明文件生产药品）`,
  },
  {
    code: 'UNAPPROVED_DISPENSING',
    label: '擅自调剂使用',
    domain: 'MARKET_REGULATION',
    legalBasis: `${DRUG_LAW}（医疗机构制剂未经批准不得在医疗机构之间调剂使用）；《医疗机构制剂注册管理办法（试行）》`,
  },
  {
    code: 'FALSIFIED_RECORDS',
    label: '记录造假',
    domain: 'MARKET_REGULATION',
    legalBasis: `${DRUG_LAW}第一百二十四条第一款第六项（编造生产、检验记录）`,
  },
  {
    code: 'UNAUTHORIZED_CHANGE',
    label: '擅自变更处方工艺',
    domain: 'MARKET_REGULATION',
    legalBasis: `${DRUG_LAW}第一百二十四条第一款第七项（未经批准在药品生产过程中进行重大变更）`,
  },
  {
    code: 'COUNTERFEIT_DRUG',
    label: '生产销售假药',
    domain: 'MARKET_REGULATION',
    legalBasis: `${DRUG_LAW}第九十八条、第一百一十六条`,
  },
  {
    code: 'SUBSTANDARD_DRUG',
    label: '生产销售劣药',
    domain: 'MARKET_REGULATION',
    legalBasis: `${DRUG_LAW}第九十八条、第一百一十七条`,
  },
  {
    code: 'UNLICENSED_DRUG_TRADE',
    label: '无证经营',
    domain: 'MARKET_REGULATION',
    legalBasis: `${DRUG_LAW}第一百一十五条（未取得药品经营许可证销售药品）`,
  },
  {
    code: 'OUT_OF_SCOPE_TRADE',
    label: '超范围经营',
    domain: 'MARKET_REGULATION',
    legalBasis: `${DRUG_LAW}；《药品经营和使用质量监督管理办法》`,
  },
  {
    code: 'ILLEGAL_SOURCE_PURCHASE',
    label: '非法渠道购进',
    domain: 'MARKET_REGULATION',
    legalBasis: `${DRUG_LAW}第一百二十九条`,
  },
  {
    code: 'PHARMACIST_CERT_RENTAL',
    label: '执业药师挂证',
    domain: 'MARKET_REGULATION',
    legalBasis: `${GSP}；《执业药师注册管理办法》`,
  },
  {
    code: 'RX_WITHOUT_PRESCRIPTION',
    label: '不凭处方销售处方药',
    domain: 'MARKET_REGULATION',
    legalBasis: `${GSP}；《处方药与非处方药分类管理办法（试行）》`,
  },
  { code: 'COLD_CHAIN_BREACH', label: '冷链脱离', domain: 'MARKET_REGULATION', legalBasis: GSP },
  {
    code: 'ONLINE_ILLEGAL_SALE',
    label: '网络违法销售',
    domain: 'MARKET_REGULATION',
    legalBasis: `${DRUG_LAW}（网络销售药品）；《药品网络销售监督管理办法》`,
  },
  {
    code: 'UNREGISTERED_DEVICE',
    label: '未注册医疗器械',
    domain: 'MARKET_REGULATION',
    legalBasis: '《医疗器械监督管理条例》第八十一条（生产、经营未取得注册证的第二类、第三类医疗器械）',
  },
  {
    code: 'ILLEGAL_COSMETIC_ADDITIVE',
    label: '化妆品非法添加',
    domain: 'MARKET_REGULATION',
    legalBasis: '《化妆品监督管理条例》第五十九条（在化妆品中非法添加可能危害人体健康的物质）',
  },

  {
    code: 'ILLEGAL_MEDICAL_PRACTICE',
    label: '非法行医',
    domain: 'HEALTH',
    legalBasis:
      '《基本医疗卫生与健康促进法》第九十九条（未取得医疗机构执业许可证擅自执业）；《医师法》（非医师行医）',
  },
  {
    code: 'UNQUALIFIED_STAFF',
    label: '聘用非卫技人员',
    domain: 'HEALTH',
    legalBasis: '《医疗机构管理条例》（使用非卫生技术人员从事医疗卫生技术工作）',
  },
  {
    code: 'DEPARTMENT_LEASING',
    label: '出租承包科室',
    domain: 'HEALTH',
    legalBasis: '《基本医疗卫生与健康促进法》第一百条（医疗卫生机构对外出租、承包医疗科室）',
  },
  {
    code: 'ILLEGAL_SEX_SELECTION',
    label: '非法鉴定胎儿性别',
    domain: 'HEALTH',
    legalBasis:
      '《母婴保健法》；《人口与计划生育法》；《禁止非医学需要的胎儿性别鉴定和选择性别人工终止妊娠的规定》',
  },
  {
    code: 'ILLEGAL_BLOOD_COLLECTION',
    label: '非法采供血',
    domain: 'HEALTH',
    legalBasis: '《献血法》第十八条',
  },
  {
    code: 'ILLEGAL_MEDICAL_ADVERTISING',
    label: '违法医疗广告',
    domain: 'HEALTH',
    legalBasis: '《广告法》第十六条；《医疗广告管理办法》',
  },
  {
    code: 'DISINFECTION_PRODUCT',
    label: '消毒产品违法',
    domain: 'HEALTH',
    legalBasis: '《传染病防治法》；《消毒管理办法》',
  },

  {
    code: 'INSURANCE_FRAUD',
    label: '欺诈骗保',
    domain: 'MEDICAL_INSURANCE',
    legalBasis: `${MI_REGULATION}第四十条（定点医药机构）、第四十一条（个人）`,
  },
  {
    code: 'FAKE_HOSPITALIZATION',
    label: '虚假住院',
    domain: 'MEDICAL_INSURANCE',
    legalBasis: `${MI_REGULATION}第四十条（诱导、协助他人冒名或者虚假就医，虚构医药服务项目）`,
  },
  {
    code: 'INSURED_DRUG_RESALE',
    label: '倒卖医保药品',
    domain: 'MEDICAL_INSURANCE',
    legalBasis: `${MI_REGULATION}第四十条、第四十一条（利用享受医疗保障待遇的机会转卖药品）`,
  },

  {
    code: 'DERELICTION',
    label: '失职渎职',
    domain: 'OFFICIALS',
    legalBasis: `${SUPERVISION_LAW}；《公职人员政务处分法》`,
  },
  {
    code: 'PROTECTIVE_UMBRELLA',
    label: '保护伞',
    domain: 'OFFICIALS',
    legalBasis: `${SUPERVISION_LAW}；《公职人员政务处分法》`,
  },
  {
    code: 'CORRUPTION',
    label: '贪污贿赂/利益输送',
    domain: 'OFFICIALS',
    legalBasis: `${SUPERVISION_LAW}；《刑法》第三百八十二条、第三百八十五条`,
  },
];

/** Every violation, validated at module load, in catalogue order. */
export const violations: readonly Violation[] = Object.freeze(z.array(Violation).parse(catalogue));

const byCode = new Map(violations.map((violation) => [violation.code, violation]));
const missing = ViolationCode.options.filter((code) => !byCode.has(code));
if (missing.length > 0 || byCode.size !== violations.length) {
  throw new Error(
    `violation catalogue out of step with ViolationCode: missing ${missing.join(', ') || 'none'}`,
  );
}

export const violation = (code: ViolationCode): Violation => {
  const found = byCode.get(code);
  if (!found) throw new Error(`unknown violation code ${code}`);
  return found;
};

export const violationLabels: Readonly<Record<ViolationCode, string>> = Object.fromEntries(
  violations.map((v) => [v.code, v.label]),
) as Record<ViolationCode, string>;

const domainOfAgency: Record<AgencyKind, ViolationDomain | null> = {
  MARKET_REGULATION: 'MARKET_REGULATION',
  HEALTH: 'HEALTH',
  MEDICAL_INSURANCE: 'MEDICAL_INSURANCE',
  // the commission receives clues about officials; police open criminal cases, not these
  DISCIPLINE_INSPECTION: 'OFFICIALS',
  POLICE: null,
  // the procuratorate supervises; it opens no administrative case
  PROCURATORATE: null,
};

/** The violations an agency of this kind handles (empty for police). */
export const violationsFor = (agencyKind: AgencyKind): readonly Violation[] => {
  const domain = domainOfAgency[agencyKind];
  return violations.filter((v) => v.domain === domain);
};
