/**
 * Demo transfers (移送) that tell the story of the source documents: a hospital preparation room
 * compounding without a licence goes to police (行刑); the inspector who let it run is reported to
 * the commission (行纪); disinfection products go to health and insurance fraud to medical
 * insurance (行行); one criminal transfer is declined and reconsidered. People, organisations and
 * phone numbers are fictional. Times are days before the seed (`at(daysAgo, 'HH:mm')`, Beijing time)
 * so that countdowns run and some steps are overdue when the demo is opened.
 */
import type { TransferCommandName } from '@xianjie/transfer-service';
import type { CaseCommandName } from '@xianjie/case-service';

export type DemoStep =
  | { case: CaseCommandName; as: string; at: At; input: Record<string, unknown> }
  | { transfer: TransferCommandName; as: string; at: At; input: Record<string, unknown> };

/** Days before the seed and a Beijing wall-clock time. */
export interface At {
  daysAgo: number;
  time: string;
}

export interface DemoTransfer {
  title: string;
  /** The case the transfer is about, registered by `officer` of the sending agency. */
  register: { as: string; at: At; input: Record<string, unknown> };
  steps: DemoStep[];
}

const at = (daysAgo: number, time: string): At => ({ daysAgo, time });

/** The supervisor of each sending agency is its head (正职负责人; 医保: 主持工作的负责人), who alone approves a criminal transfer. */
const AMR = { officer: 'u-amr-650100-officer', supervisor: 'u-amr-650100-supervisor' };
/** The 专案组 of a criminal transfer: two or more officers (Decree art. 5). */
const AMR_TEAM = [
  { userId: 'u-amr-650100-officer', name: '帕丽旦·热合曼' },
  { userId: 'u-amr-650100-officer2', name: '艾尔肯·吐尔逊' },
];
const MI_TEAM = [
  { userId: 'u-mi-650100-officer', name: '冉晓东' },
  { userId: 'u-mi-650100-officer2', name: '玛依拉·努尔' },
];
const POLICE = { officer: 'u-police-650100-officer', supervisor: 'u-police-650100-supervisor' };
/** The commission's clue office: its supervisor signs for and disposes of clues (overseers read oversight views). */
const CDI = { supervisor: 'u-cdi-650100-supervisor' };
const HEALTH = { officer: 'u-health-650100-officer', supervisor: 'u-health-650100-supervisor' };
const MI = { officer: 'u-mi-650100-officer', supervisor: 'u-mi-650100-supervisor' };

const criminalMaterials = [
  { kind: 'TRANSFER_LETTER', title: '涉嫌犯罪案件移送书' },
  { kind: 'INVESTIGATION_REPORT', title: '涉嫌犯罪案件情况的调查报告' },
  { kind: 'SEIZED_ITEMS_LIST', title: '涉案物品清单（制剂 1,260 瓶、配制设备 3 台）' },
  { kind: 'TEST_REPORT', title: '自治区药品检验研究院检验报告书' },
];

/** `$transfer` in an input is replaced by the id of the story's transfer. */
export const demoTransfers: DemoTransfer[] = [
  {
    title: '医院制剂室无证配制 → 公安（行刑衔接，已立案，跟踪结果）',
    register: {
      as: AMR.officer,
      at: at(24, '10:00'),
      input: {
        subject: { kind: 'ORGANIZATION', name: '乌鲁木齐明德中医医院', creditCode: '12650100MB23456789' },
        source: 'INSPECTION',
        summary:
          '制剂室专项检查发现该院未取得《医疗机构制剂许可证》，配制“消痞和胃颗粒”等 4 个品种并在门诊销售，货值约 41 万元。',
        violations: ['UNLICENSED_COMPOUNDING', 'UNAPPROVED_PREPARATION'],
        amountInvolvedFen: 41_000_000,
      },
    },
    steps: [
      { case: 'fileCase', as: AMR.supervisor, at: at(23, '09:30'), input: { reason: '涉嫌无证配制制剂，符合立案条件' } },
      {
        case: 'recordEvidence',
        as: AMR.officer,
        at: at(22, '16:00'),
        input: { kind: 'SAMPLE_TEST_REPORT', title: '药品检验报告书', description: '抽检 4 批次，3 批次检出未标示成分' },
      },
      {
        transfer: 'proposeTransfer',
        as: AMR.officer,
        at: at(21, '10:00'),
        input: {
          kind: 'CRIMINAL',
          toAgencyId: 'police-650100',
          reason: '无证配制并销售医院制剂，货值逾 20 万元，涉嫌妨害药品管理罪（刑法第一百四十二条之一）',
          materials: criminalMaterials,
          // 查封、扣押的制剂和设备随案移送（《行政强制法》第二十一条）
          seizedProperty: true,
          caseTeam: AMR_TEAM,
        },
      },
      {
        transfer: 'approveTransfer',
        as: AMR.supervisor,
        at: at(21, '15:00'),
        input: {
          reason: '同意移送，抄送市人民检察院',
          propertyHandOver: { inventory: '查封扣押财物移交清单（乌市监扣〔2026〕8号：制剂 1,260 瓶、配制设备 3 台）', handedOverAt: '$at(21, 14:30)' },
          partyNotice: { notifiedAt: '$at(21, 11:00)', method: 'IN_PERSON', documentNumber: '乌市监告〔2026〕5号' },
        },
      },
      { transfer: 'receiveTransfer', as: POLICE.officer, at: at(20, '10:30'), input: {} },
      {
        transfer: 'requestSupplement',
        as: POLICE.officer,
        at: at(20, '16:00'),
        input: { requested: ['OTHER'], reason: '请补充制剂销售记录及患者用药情况登记（联系人：卡警官，0991-5550123）' },
      },
      {
        transfer: 'supplyMaterials',
        as: AMR.officer,
        at: at(19, '11:00'),
        input: { materials: [{ kind: 'OTHER', title: '制剂门诊销售记录（2025 年 1 月至今）' }] },
      },
      {
        transfer: 'acceptTransfer',
        as: POLICE.supervisor,
        at: at(18, '17:00'),
        input: { documentNumber: '乌公（食药环）立字〔2026〕27号', propertyReceivedAt: '$at(20, 11:00)' },
      },
      {
        transfer: 'handOverMaterials',
        as: AMR.officer,
        at: at(17, '10:00'),
        input: { materials: [{ kind: 'SEIZED_ITEMS_LIST', title: '涉案物品移交清单（制剂 1,260 瓶、设备 3 台）' }] },
      },
    ],
  },
  {
    title: '监管人员失职 → 纪委监委（行纪衔接，初步核实）',
    register: {
      as: AMR.officer,
      at: at(16, '09:00'),
      input: {
        subject: { kind: 'ORGANIZATION', name: '乌鲁木齐明德中医医院', creditCode: '12650100MB23456789' },
        source: 'OTHER',
        summary: '复盘发现该院制剂室无证配制持续两年，辖区监管所日常检查记录显示“未见异常”，涉嫌检查走过场。',
        violations: ['UNLICENSED_COMPOUNDING'],
      },
    },
    steps: [
      { case: 'fileCase', as: AMR.supervisor, at: at(16, '15:00'), input: {} },
      {
        transfer: 'proposeTransfer',
        as: AMR.officer,
        at: at(15, '10:00'),
        input: {
          kind: 'DISCIPLINARY',
          toAgencyId: 'cdi-650100',
          reason: '辖区监管所药品监管人员连续 4 次日常检查未发现制剂室无证配制，涉嫌失职',
          materials: [
            { kind: 'CLUE_REPORT', title: '问题线索报告' },
            { kind: 'TRANSFER_LETTER', title: '问题线索移送函' },
            { kind: 'OTHER', title: '2024—2025 年日常检查记录 4 份' },
          ],
          official: {
            name: '王某',
            post: '某市场监管所药品监管股股长',
            employer: '乌鲁木齐市某区市场监督管理局',
            managementLevel: '乡科级',
            allegations: ['DERELICTION'],
          },
        },
      },
      { transfer: 'approveTransfer', as: AMR.supervisor, at: at(15, '16:00'), input: {} },
      { transfer: 'receiveTransfer', as: CDI.supervisor, at: at(14, '10:00'), input: {} },
      {
        transfer: 'disposeClue',
        as: CDI.supervisor,
        at: at(12, '11:00'),
        input: { disposition: 'PRELIMINARY_VERIFICATION', reason: '反映问题具体，具有可查性，予以初步核实' },
      },
    ],
  },
  {
    title: '药店销售宣称疗效的消毒产品 → 卫健（行行衔接，已处罚反馈）',
    register: {
      as: AMR.officer,
      at: at(30, '10:00'),
      input: {
        subject: { kind: 'ORGANIZATION', name: '乌鲁木齐市沙依巴克区百草堂大药房', creditCode: '92650103MA7XJ00456' },
        source: 'INSPECTION',
        summary: '检查发现店内销售的“抑菌洗液”标签宣称治疗妇科炎症，属消毒产品违法宣传，依法由卫生健康部门管辖。',
        violations: ['OUT_OF_SCOPE_TRADE'],
        amountInvolvedFen: 86_000,
      },
    },
    steps: [
      {
        transfer: 'proposeTransfer',
        as: AMR.officer,
        at: at(29, '10:00'),
        input: {
          kind: 'ADMINISTRATIVE',
          toAgencyId: 'health-650100',
          reason: '消毒产品标签宣称疗效，属《消毒管理办法》调整范围，移送卫生健康部门处理',
          materials: [
            { kind: 'TRANSFER_LETTER', title: '案件移送函' },
            { kind: 'INVESTIGATION_REPORT', title: '现场检查笔录及产品照片' },
          ],
        },
      },
      { transfer: 'approveTransfer', as: AMR.supervisor, at: at(29, '16:00'), input: {} },
      { transfer: 'receiveTransfer', as: HEALTH.officer, at: at(28, '10:00'), input: {} },
      { transfer: 'acceptTransfer', as: HEALTH.supervisor, at: at(27, '11:00'), input: { documentNumber: '乌卫监受〔2026〕19号' } },
      {
        transfer: 'recordTransferResult',
        as: HEALTH.officer,
        at: at(10, '15:00'),
        input: { outcome: 'PENALIZED', result: '乌卫医罚〔2026〕33号：警告，罚款 5,000 元，责令改正标签' },
      },
      { transfer: 'closeTransfer', as: AMR.officer, at: at(9, '10:00'), input: {} },
    ],
  },
  {
    title: '药店串换医保药品 → 医保（行行衔接，受理逾期）',
    register: {
      as: AMR.officer,
      at: at(35, '10:00'),
      input: {
        subject: { kind: 'ORGANIZATION', name: '乌鲁木齐市天山区益民大药房', creditCode: '92650102MA7XJ0056U' },
        source: 'COMPLAINT',
        summary: '举报称该药房以医保卡刷取药品后实际发放保健品、日用品，并不凭处方销售处方药。',
        violations: ['RX_WITHOUT_PRESCRIPTION'],
        amountInvolvedFen: 1_380_000,
      },
    },
    steps: [
      { case: 'fileCase', as: AMR.supervisor, at: at(34, '10:00'), input: {} },
      {
        transfer: 'proposeTransfer',
        as: AMR.officer,
        at: at(33, '10:00'),
        input: {
          kind: 'ADMINISTRATIVE',
          toAgencyId: 'mi-650100',
          reason: '串换药品、套取医保基金，涉嫌欺诈骗保，移送医疗保障部门',
          materials: [
            { kind: 'TRANSFER_LETTER', title: '案件移送函' },
            { kind: 'INVESTIGATION_REPORT', title: '进销存记录与医保结算记录比对表' },
          ],
        },
      },
      { transfer: 'approveTransfer', as: AMR.supervisor, at: at(33, '15:00'), input: {} },
      { transfer: 'receiveTransfer', as: MI.officer, at: at(32, '10:00'), input: {} },
    ],
  },
  {
    title: '销售假药 → 公安不予立案 → 复议后立案',
    register: {
      as: AMR.officer,
      at: at(26, '10:00'),
      input: {
        subject: { kind: 'ORGANIZATION', name: '乌鲁木齐市水磨沟区济康药店', creditCode: '92650105MA7XJ0067B' },
        source: 'SAMPLING',
        summary: '抽检发现该店销售的“复方甘草片”为假药，经查系从非法渠道购进。',
        violations: ['COUNTERFEIT_DRUG', 'ILLEGAL_SOURCE_PURCHASE'],
        amountInvolvedFen: 260_000,
      },
    },
    steps: [
      { case: 'fileCase', as: AMR.supervisor, at: at(26, '15:00'), input: {} },
      {
        transfer: 'proposeTransfer',
        as: AMR.officer,
        at: at(25, '10:00'),
        input: {
          kind: 'CRIMINAL',
          toAgencyId: 'police-650100',
          reason: '销售假药，涉嫌销售假药罪（刑法第一百四十一条）',
          materials: [
            { kind: 'TRANSFER_LETTER', title: '涉嫌犯罪案件移送书' },
            { kind: 'INVESTIGATION_REPORT', title: '调查报告' },
            { kind: 'SEIZED_ITEMS_LIST', title: '涉案物品清单' },
            { kind: 'TEST_REPORT', title: '药品检验报告书（假药认定）' },
          ],
          caseTeam: AMR_TEAM,
        },
      },
      { transfer: 'approveTransfer', as: AMR.supervisor, at: at(25, '16:00'), input: {} },
      { transfer: 'receiveTransfer', as: POLICE.officer, at: at(24, '09:30'), input: {} },
      {
        transfer: 'declineTransfer',
        as: POLICE.supervisor,
        at: at(22, '17:00'),
        input: { reasonCategory: 'INSUFFICIENT_EVIDENCE', reason: '现有证据不能证明行为人明知是假药' },
      },
      {
        transfer: 'requestReconsideration',
        as: AMR.supervisor,
        at: at(21, '11:00'),
        input: { reason: '进货单据及聊天记录显示其明知系无批准文号药品，请求复议' },
      },
      { transfer: 'decideReconsideration', as: POLICE.supervisor, at: at(19, '16:00'), input: { accept: true, reason: '复议认为符合立案条件，予以立案' } },
    ],
  },
  {
    title: '虚构诊疗骗取医保基金 → 公安（行刑衔接，待主持工作的负责人审批；无检验报告，记录理由）',
    register: {
      as: MI.officer,
      at: at(3, '10:00'),
      input: {
        subject: { kind: 'ORGANIZATION', name: '乌鲁木齐康泰门诊部', creditCode: '52650100MJY123456A' },
        source: 'ONLINE_MONITORING',
        summary: '智能监控发现该门诊部虚构理疗项目、串换药品，骗取医保基金约 62 万元。',
        violations: ['INSURANCE_FRAUD'],
        amountInvolvedFen: 62_000_000,
      },
    },
    steps: [
      { case: 'fileCase', as: MI.supervisor, at: at(3, '15:00'), input: {} },
      {
        transfer: 'proposeTransfer',
        as: MI.officer,
        at: at(1, '10:00'),
        input: {
          kind: 'CRIMINAL',
          toAgencyId: 'police-650100',
          reason: '虚构诊疗项目骗取医保基金数额巨大，涉嫌诈骗罪（刑法第二百六十六条）',
          materials: [
            { kind: 'TRANSFER_LETTER', title: '涉嫌犯罪案件移送书' },
            { kind: 'INVESTIGATION_REPORT', title: '涉嫌犯罪案件情况的调查报告' },
            { kind: 'OTHER', title: '医保结算明细及病历抽查记录' },
          ],
          absentMaterials: [
            { kind: 'TEST_REPORT', reason: '骗保案件事实由结算数据和病历证明，无须检验或者鉴定' },
            { kind: 'SEIZED_ITEMS_LIST', reason: '未查封、扣押财物' },
          ],
          seizedProperty: false,
          caseTeam: MI_TEAM,
        },
      },
    ],
  },
];
