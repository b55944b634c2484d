import type { CaseCommandName } from '@xianjie/case-service';

/**
 * Demo cases drawn from the campaign documents (医疗机构制剂室整治, 药品安全专项整治): a hospital
 * preparation room compounding without a licence, pharmacies selling prescription drugs without
 * prescriptions, a rented pharmacist certificate, a repeat offender. Organisations, people and
 * numbers are fictional; credit codes and ID numbers are made up but carry valid check characters.
 */
export interface DemoCase {
  officer: string;
  supervisor: string;
  register: {
    subject: { kind: 'ORGANIZATION' | 'PERSON'; name: string; creditCode?: string; idNumber?: string };
    source: string;
    summary: string;
    violations: string[];
    amountInvolvedFen?: number;
  };
  steps: { command: CaseCommandName; as: 'officer' | 'supervisor'; input: Record<string, unknown> }[];
}

const URUMQI = { officer: 'u-amr-650100-officer', supervisor: 'u-amr-650100-supervisor' };
const REGION = { officer: 'u-amr-650000-officer', supervisor: 'u-amr-650000-supervisor' };

const ANTAI = { kind: 'ORGANIZATION' as const, name: '乌鲁木齐安泰大药房有限公司', creditCode: '91650102MA7XJ0012E' };

export const demoCases: DemoCase[] = [
  {
    ...URUMQI,
    register: {
      subject: { kind: 'ORGANIZATION', name: '乌鲁木齐天山康宁医院', creditCode: '12650100MB1234567P' },
      source: 'INSPECTION',
      summary: '监督检查发现该院制剂室未取得《医疗机构制剂许可证》、无制剂批准文号配制“清肺止咳合剂”，并擅自调剂至两家社区卫生服务中心使用。',
      violations: ['UNLICENSED_COMPOUNDING', 'UNAPPROVED_PREPARATION', 'UNAPPROVED_DISPENSING'],
      amountInvolvedFen: 8_600_000,
    },
    steps: [
      { command: 'fileCase', as: 'supervisor', input: { reason: '经初步核查，涉嫌无证配制制剂，符合立案条件' } },
      { command: 'recordEvidence', as: 'officer', input: { kind: 'ON_SITE_RECORD', title: '制剂室现场检查笔录', description: '现场查见配制设备及成品 320 瓶' } },
      { command: 'recordEvidence', as: 'officer', input: { kind: 'SAMPLE_TEST_REPORT', title: '自治区药品检验研究院检验报告', description: '抽检 3 批，2 批含量不合格' } },
      {
        command: 'decidePenalty',
        as: 'supervisor',
        input: {
          decisionNumber: '乌市监药罚〔2026〕31号',
          penalties: [
            { kind: 'CONFISCATION', description: '没收违法配制的制剂 320 瓶及违法所得' },
            { kind: 'FINE', amountFen: 25_800_000, description: '处违法配制制剂货值金额三倍罚款' },
          ],
          personsResponsible: [{ name: '赵明远', role: '直接负责的主管人员' }],
        },
      },
      { command: 'closeCase', as: 'officer', input: { reason: '罚没款已缴清' } },
    ],
  },
  {
    ...URUMQI,
    register: {
      subject: ANTAI,
      source: 'COMPLAINT',
      summary: '群众投诉该药房超出《药品经营许可证》范围经营生物制品。',
      violations: ['OUT_OF_SCOPE_TRADE'],
      amountInvolvedFen: 420_000,
    },
    steps: [
      { command: 'fileCase', as: 'supervisor', input: {} },
      { command: 'recordEvidence', as: 'officer', input: { kind: 'INQUIRY_RECORD', title: '企业负责人询问笔录' } },
      {
        command: 'decidePenalty',
        as: 'supervisor',
        input: {
          decisionNumber: '乌市监药罚〔2026〕12号',
          penalties: [{ kind: 'WARNING' }, { kind: 'FINE', amountFen: 5_000_000 }],
          personsResponsible: [{ name: '钱立新', role: '法定代表人' }],
        },
      },
      { command: 'closeCase', as: 'officer', input: {} },
    ],
  },
  {
    ...URUMQI,
    register: {
      subject: ANTAI,
      source: 'INSPECTION',
      summary: '飞行检查发现冷藏药品（胰岛素注射液）脱离冷链储存，温控记录缺失 36 小时。',
      violations: ['COLD_CHAIN_BREACH'],
      amountInvolvedFen: 96_000,
    },
    steps: [
      { command: 'fileCase', as: 'supervisor', input: {} },
      { command: 'recordEvidence', as: 'officer', input: { kind: 'ON_SITE_RECORD', title: '冷库温控记录调取' } },
      {
        command: 'decidePenalty',
        as: 'supervisor',
        input: {
          decisionNumber: '乌市监药罚〔2026〕58号',
          penalties: [{ kind: 'FINE', amountFen: 10_000_000 }, { kind: 'SUSPENSION', description: '责令停业整顿 15 日' }],
          personsResponsible: [{ name: '钱立新', role: '法定代表人' }, { name: '孙雅琴', role: '质量负责人' }],
          reason: '一年内再次违法，依法从重处罚',
        },
      },
    ],
  },
  {
    ...URUMQI,
    register: {
      subject: { kind: 'ORGANIZATION', name: '乌鲁木齐市新市区仁和大药房', creditCode: '92650104MA7XJ0023C' },
      source: 'ONLINE_MONITORING',
      summary: '网络监测发现执业药师注册于该店但长期不在岗，疑似“挂证”，并存在不凭处方销售处方药行为。',
      violations: ['PHARMACIST_CERT_RENTAL', 'RX_WITHOUT_PRESCRIPTION'],
    },
    steps: [
      { command: 'fileCase', as: 'supervisor', input: { reason: '线索查证属实' } },
      { command: 'recordEvidence', as: 'officer', input: { kind: 'DOCUMENT', title: '执业药师考勤及处方登记' } },
    ],
  },
  {
    ...URUMQI,
    register: {
      subject: { kind: 'PERSON', name: '李某', idNumber: '650104197506152348' },
      source: 'ONLINE_MONITORING',
      summary: '网络平台个人店铺销售处方药“阿莫西林胶囊”，无药品经营资质。',
      violations: ['ONLINE_ILLEGAL_SALE'],
      amountInvolvedFen: 38_000,
    },
    steps: [{ command: 'decideNotToFile', as: 'supervisor', input: { reason: '经核查，店铺已关闭，违法事实轻微并及时改正，依法不予立案' } }],
  },
  {
    ...REGION,
    register: {
      subject: { kind: 'ORGANIZATION', name: '克拉玛依丽姿美容化妆品有限公司', creditCode: '91650200MA7XJ0034Y' },
      source: 'SAMPLING',
      summary: '监督抽检发现祛斑类化妆品非法添加氢醌。',
      violations: ['ILLEGAL_COSMETIC_ADDITIVE'],
      amountInvolvedFen: 1_250_000,
    },
    steps: [{ command: 'fileCase', as: 'supervisor', input: {} }],
  },
  {
    ...URUMQI,
    register: {
      subject: { kind: 'ORGANIZATION', name: '乌鲁木齐康源医药连锁有限公司', creditCode: '91650100MA7XJ0001D' },
      source: 'COMPLAINT',
      summary: '举报称该公司从无资质个人处购进中药饮片。',
      violations: ['ILLEGAL_SOURCE_PURCHASE'],
    },
    steps: [],
  },
];
