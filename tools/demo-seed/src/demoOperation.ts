/**
 * The demo joint operation (专项整治): the plan of the source document 全区医疗机构制剂室整治工作方案
 * (自治区纪委监委民生领域突出问题专项治理), led by the regional drug administration (amr-650000) with the
 * city market regulators and the regional health commission taking part — its four phases, the
 * seven 重点查处 items, the leading group, office, 责任分工 and the four mixed inspection groups with
 * their regions and facility counts (伊犁州1家、阿勒泰地区1家、博尔塔拉蒙古自治州1家; 哈密1家、昌吉1家、
 * 吐鲁番1家; 乌鲁木齐市7家; 和田地区4家、喀什地区3家). Every person, hospital, credit code and phone
 * number is fictional (the titles follow the plan); the credit codes carry valid GB 32100 check
 * characters.
 *
 * The source's dates (自查自纠 to 2020-04-30, 监督检查 2020-05-01~05-31, 检查评估 06-01~06-15,
 * 整改提升 06-16~07-31) are moved so that the 监督检查 phase runs from 20 days before the seed to
 * 10 days after it: the demo opens in the middle of the inspections, with live coverage (11 of 20
 * facilities inspected), a problem closed (销号), one overdue and followed up (回头看), one opening a
 * case (立案查处) and the rest under way. Each step's time is days before the seed, Beijing time.
 */
import type { OperationCommandName } from '@xianjie/auth';
import { creditCodeCheckChar, formatBeijing } from '@xianjie/contracts';

export interface DemoOperationStep {
  command: OperationCommandName;
  /** The demo user who runs it (packages/auth demoUsers / demoOperationUsers). */
  as: string;
  /** Business time, ISO-8601 Beijing. */
  at: string;
  /** The command input without `commandId` and `operationId` (the seed adds them). */
  input: Record<string, unknown>;
}

export const demoOperationTitle = '全区医疗机构制剂室专项整治（民生领域突出问题专项治理）';

/** The accounts that act in the story. */
export const demoOperationActors = {
  /** 张明远, 局长: plans and launches; leads 第三检查组. */
  head: 'u-amr-650000-g3-leader',
  /** 田立军, the office's director and 第一检查组's deputy. */
  office: 'u-amr-650000-office',
  g1Leader: 'u-amr-650000-g1-leader',
  g2Leader: 'u-amr-650000-g2-leader',
  g2Deputy: 'u-amr-650000-g2-deputy',
  g3Deputy: 'u-amr-650000-g3-deputy',
  g4Leader: 'u-amr-650000-g4-leader',
  g4Deputy: 'u-amr-650000-g4-deputy',
} as const;

const LEAD = 'amr-650000';
const HEALTH = 'health-650000';
/** The city market regulators of the directory: each seconds officers (各地州市选派两名执法人员协助). */
const cityRegulators = ['amr-650100', 'amr-650200', 'amr-650400', 'amr-650500', 'amr-652300', 'amr-654000'];

const creditCode = (regionCode: string, serial: number): string => {
  // 12 = 机构编制 (事业单位), then the region, then a fictional 9-character organisation code.
  const first17 = `12${regionCode}45${String(serial).padStart(7, '0')}`;
  return `${first17}${creditCodeCheckChar(first17)}`;
};

const facility = (name: string, regionCode: string, serial: number) => ({ name, creditCode: creditCode(regionCode, serial), regionCode });

/** The register (全覆盖), by group. */
export const demoOperationTargets = {
  G1: [
    facility('伊宁市天杏中医医院', '654000', 1001),
    facility('阿勒泰市金山民族医院', '654300', 1002),
    facility('博乐市赛里木中医医院', '652700', 1003),
  ],
  G2: [
    facility('哈密市瓜乡中医医院', '650500', 2001),
    facility('昌吉市庭州中医医院', '652300', 2002),
    facility('吐鲁番市火洲维吾尔医医院', '650400', 2003),
  ],
  G3: [
    facility('乌鲁木齐天山中医医院', '650100', 3001),
    facility('乌鲁木齐红山维吾尔医医院', '650100', 3002),
    facility('乌鲁木齐雅山中医骨伤医院', '650100', 3003),
    facility('乌鲁木齐水磨沟妇幼保健院', '650100', 3004),
    facility('乌鲁木齐博格达皮肤病医院', '650100', 3005),
    facility('乌鲁木齐南湖中西医结合医院', '650100', 3006),
    facility('乌鲁木齐西山民族医院', '650100', 3007),
  ],
  G4: [
    facility('和田市玉龙维吾尔医医院', '653200', 4001),
    facility('和田县昆仑中医医院', '653200', 4002),
    facility('墨玉县喀拉喀什民族医院', '653200', 4003),
    facility('于田县克里雅中医医院', '653200', 4004),
    facility('喀什市艾提尕民族医院', '653100', 4005),
    facility('疏附县帕米尔中医医院', '653100', 4006),
    facility('莎车县叶尔羌维吾尔医医院', '653100', 4007),
  ],
} as const;

const person = (name: string, title: string, extra: { agencyId?: string; userId?: string; phone?: string } = {}) => ({
  name,
  agencyId: extra.agencyId ?? LEAD,
  title,
  ...(extra.userId ? { userId: extra.userId } : {}),
  ...(extra.phone ? { phone: extra.phone } : {}),
});

// People of the plan (fictional), with platform accounts for those who act.
const p = {
  zhang: person('张明远', '自治区市场监督管理局党组成员，自治区药品监督管理局党组书记、局长', { userId: demoOperationActors.head }),
  yu: person('于晓萍', '自治区卫生健康委党组成员，自治区人民医院党委书记、副院长', { agencyId: HEALTH }),
  wang: person('王建国', '党组成员、副局长', { userId: demoOperationActors.g2Leader }),
  ma: person('马文涛', '党组成员、副局长'),
  liu: person('刘长青', '党组成员、副局长', { userId: demoOperationActors.g1Leader }),
  li: person('李振华', '药品安全总监', { userId: demoOperationActors.g4Leader }),
  tian: person('田立军', '药品生产监督管理处处长', { userId: demoOperationActors.office, phone: '0991-5551001' }),
  luo: person('罗志刚', '综合办公室主任'),
  gong: person('宫晓伟', '机关纪委负责人'),
  zhangXm: person('张雪梅', '注册管理处处长'),
  cao: person('曹玉兰', '自治区卫生健康委中医药管理处处长', { agencyId: HEALTH }),
  maYq: person('马玉清', '执法稽查局负责人', { userId: 'u-amr-650000-supervisor' }),
  maGd: person('马国栋', '自治区药品检验研究院党委书记、院长'),
  liWj: person('李文静', '自治区药品审评查验中心主任', { userId: demoOperationActors.g3Deputy }),
  zhou: person('周建成', '自治区药品不良反应监测中心副主任', { userId: demoOperationActors.g4Deputy }),
  pang: person('庞立新', '自治区卫生健康委中医药管理处三级调研员', { agencyId: HEALTH }),
  yin: person('尹佳', '自治区卫生健康委药物政策与基本药物制度处三级调研员', { agencyId: HEALTH }),
  caoM: person('曹敏', '法规财务处四级调研员'),
  shao: person('邵卫东', '药品生产监督管理处副处长'),
  zhai: person('翟文龙', '药品生产监督管理处主任科员'),
  xiao: person('肖晶晶', '药品生产监督管理处主任科员'),
  peng: person('彭丽娜', '机关纪委干部'),
};

const focusItems = [
  { title: '是否存在无证配制、无文号配制、文号过期配制的行为', legalBasis: '《中华人民共和国药品管理法》第七十四条、第七十六条' },
  {
    title:
      '生产过程控制是否符合《医疗机构制剂配制监督管理办法》《医疗机构制剂配制质量管理规范》《医疗机构制剂许可证》验收标准要求，各项制度及操作规程是否健全以及是否执行到位',
    legalBasis: '《医疗机构制剂配制质量管理规范（试行）》',
  },
  { title: '对物料供应商是否进行审计' },
  { title: '是否存在擅自接受委托配制或委托配制的情况' },
  { title: '是否存在未经批准擅自调剂使用的行为', legalBasis: '《中华人民共和国药品管理法》第七十六条' },
  { title: '物料、中间品、成品是否按照标准进行检验、留样，是否存在配制检验记录造假、未经检验使用的情况' },
  {
    title: '生产工艺、处方、原辅料、直接接触制剂的包装材料等是否与注册申报资料或备案资料一致，是否存在未经批准擅自变更的行为',
  },
];

const duties = [
  { unit: '药品生产监督管理处', agencyId: LEAD, duty: '牵头负责专项整治工作的人员培训、监督检查、制定抽验计划并组织实施，依法查处违法违规行为' },
  { unit: '综合办公室', agencyId: LEAD, duty: '负责专项整治工作的协调及车辆等后勤保障工作' },
  { unit: '机关纪委', agencyId: LEAD, duty: '负责专项整治工作落实情况的监督检查，执纪问责' },
  { unit: '执法稽查局', agencyId: LEAD, duty: '负责重大案件的查办工作' },
  { unit: '法规财务处', agencyId: LEAD, duty: '负责专项整治工作经费、法律法规的运用及执法行为的监督指导' },
  { unit: '注册管理处', agencyId: LEAD, duty: '配合做好制剂品种监督相关工作' },
  { unit: '自治区药品检验研究院', agencyId: LEAD, duty: '负责专项整治工作期间制剂的检验工作' },
  { unit: '审评查验中心、不良反应监测中心', agencyId: LEAD, duty: '配合做好专项整治期间监督检查工作' },
  { unit: '自治区卫生健康委', agencyId: HEALTH, duty: '参与整治工作，督促医疗机构落实整改' },
  ...cityRegulators.map((agencyId) => ({ unit: '市场监督管理局', agencyId, duty: '选派两名执法人员协助自治区药监局开展专项整治工作' })),
];

const groups = [
  {
    name: '第一检查组',
    leader: p.liu,
    deputy: { ...p.tian, title: '药品生产监督管理处处长（联络员）', phone: '13900001001' },
    members: [
      person('刘晓芬', '自治区药品审评查验中心主任药师'),
      person('谢婉清', '自治区药品检验研究院科研技术部中药师'),
      person('哈力木拉提·沙吾提', '伊犁哈萨克自治州市场监督管理局执法人员', { agencyId: 'amr-654000', userId: 'u-amr-654000-inspector' }),
    ],
    regions: ['654000', '654300', '652700'],
  },
  {
    name: '第二检查组',
    leader: p.wang,
    deputy: person('马春燕', '自治区药品审评查验中心副主任（联络员）', { userId: demoOperationActors.g2Deputy, phone: '13900002002' }),
    members: [
      p.zhai,
      person('周刚毅', '自治区药品检验研究院化药检验研究室副主任药师'),
      person('买买提·艾力', '哈密市市场监督管理局执法人员', { agencyId: 'amr-650500', userId: 'u-amr-650500-inspector' }),
    ],
    regions: ['650500', '652300', '650400'],
  },
  {
    name: '第三检查组',
    leader: p.zhang,
    deputy: { ...p.liWj, title: '自治区药品审评查验中心主任（联络员）', phone: '13900003003' },
    members: [
      person('薛桂林', '自治区药品审评查验中心副研究员'),
      person('吴翠萍', '自治区药品检验研究院中药民族药检验研究室副主任药师'),
      p.xiao,
      person('帕丽旦·热合曼', '乌鲁木齐市市场监督管理局执法人员', { agencyId: 'amr-650100', userId: 'u-amr-650100-officer' }),
      person('努尔兰·别克', '自治区卫生健康委卫生监督员', { agencyId: HEALTH, userId: 'u-health-650000-officer' }),
    ],
    regions: ['650100'],
  },
  {
    name: '第四检查组',
    leader: p.li,
    deputy: { ...p.zhou, title: '自治区药品不良反应监测中心副主任（联络员）', phone: '13900004004' },
    members: [
      person('艾买提江·阿布都拉', '自治区药品检验研究院科研技术部副部长、副主任药师'),
      person('夏云飞', '自治区药品审评查验中心干部'),
      person('阿曼古丽·吐尔逊', '自治区药品审评查验中心干部'),
    ],
    regions: ['653200', '653100'],
  },
];

const FOCUS_IDS = ['F1', 'F2', 'F3', 'F4', 'F5', 'F6', 'F7'] as const;
type FocusId = (typeof FOCUS_IDS)[number];

/** A REGULAR inspection's checklist: every item COMPLIANT but those named (NON_COMPLIANT, with the note). */
const checklist = (nonCompliant: Partial<Record<FocusId, string>> = {}) =>
  FOCUS_IDS.map((itemId) =>
    nonCompliant[itemId] ? { itemId, result: 'NON_COMPLIANT', note: nonCompliant[itemId] } : { itemId, result: 'COMPLIANT' },
  );

/** The plan and its story, with dates relative to `base` (the seed's time). */
export const demoOperationSteps = (base: number): DemoOperationStep[] => {
  const day = (n: number) => formatBeijing(base + n * 86_400_000).slice(0, 10);
  const at = (n: number, time: string) => `${day(n)}T${time}:00+08:00`;
  const A = demoOperationActors;
  const steps: DemoOperationStep[] = [];
  const step = (command: OperationCommandName, as: string, when: string, input: Record<string, unknown>) =>
    void steps.push({ command, as, at: when, input });
  let inspections = 0;
  /** Records an inspection and returns its id (I1, I2, … in order of recording). */
  const inspect = (as: string, when: string, input: Record<string, unknown>): string => {
    step('recordInspection', as, when, input);
    return `I${++inspections}`;
  };
  const T = demoOperationTargets;

  step('planOperation', A.head, at(-47, '10:00'), {
    title: demoOperationTitle,
    legalBasis: [
      '《中华人民共和国药品管理法》',
      '《医疗机构制剂配制监督管理办法（试行）》',
      '《医疗机构制剂配制质量管理规范（试行）》',
      '《医疗机构制剂注册管理办法（试行）》',
    ],
    participantAgencyIds: [...cityRegulators, HEALTH],
    startsOn: day(-40),
    endsOn: day(71),
    phases: [
      { kind: 'SELF_INSPECTION', startsOn: day(-40), endsOn: day(-21) },
      { kind: 'SUPERVISORY_INSPECTION', startsOn: day(-20), endsOn: day(10) },
      { kind: 'ASSESSMENT', startsOn: day(11), endsOn: day(25) },
      { kind: 'RECTIFICATION', startsOn: day(26), endsOn: day(71) },
    ],
    focusItems,
    leadingGroup: {
      leader: p.zhang,
      deputies: [p.yu, p.wang, p.ma, p.liu, p.li],
      members: [p.luo, p.gong, p.zhangXm, p.tian, p.cao, p.maYq, p.maGd, p.liWj, p.zhou, p.pang, p.yin, p.caoM],
    },
    office: { hostUnit: '自治区药监局药品生产监督管理处', director: p.tian, members: [p.shao, p.zhai, p.xiao, p.peng] },
    duties,
    targets: [...T.G1, ...T.G2, ...T.G3, ...T.G4],
  });

  // 混编成组 (the office), all in 监督检查 (P2), unannounced (四不两直).
  groups.forEach((group, i) => step('formInspectionGroup', A.office, at(-45, `10:${String(i * 10).padStart(2, '0')}`), { ...group, phaseId: 'P2' }));
  // Each group's schedule: the inspected ones on the day of their inspection below, the rest to come.
  const plannedOn: Record<string, number[]> = { G1: [-18, -16, 3], G2: [-17, -14, -12], G3: [-19, -15, -11, -7, 2, 5, 8], G4: [-9, -5, 1, 4, 6, 8, 9] };
  (['G1', 'G2', 'G3', 'G4'] as const).forEach((groupId, i) =>
    step('assignTargets', A.office, at(-44, `10:${String(i * 10).padStart(2, '0')}`), {
      groupId,
      targets: T[groupId].map((t, j) => ({ ...t, plannedOn: day(plannedOn[groupId]![j]!) })),
    }),
  );
  step('launchOperation', A.head, at(-42, '09:00'), { reason: '印发工作方案，部署全区医疗机构制剂室专项整治' });

  // 自查自纠 (to day -21): the facilities send their 自检报告 to the office, which records them as
  // they come in (seed 000: 上报自检报告). Two come in after the phase (late); one never does, and
  // the office sees it in the list of those who have not reported.
  const all = [...T.G1, ...T.G2, ...T.G3, ...T.G4];
  const silent = T.G4[6]; // 莎车县叶尔羌维吾尔医医院: no report
  const late: readonly string[] = [T.G2[2].creditCode, T.G4[5].creditCode];
  const selfInspection = (target: (typeof all)[number], index: number, submitted: string) => {
    const items =
      index % 3 === 0
        ? [
            { description: '部分制剂批准文号将于年内到期，未提前申请再注册', focusItemIds: ['F1'], rectified: false, measures: '已提交再注册申请' },
            { description: '留样记录缺少复核签字', rectified: true, measures: '已补签，修订留样管理规程' },
          ]
        : [];
    return {
      targetCreditCode: target.creditCode,
      submittedAt: submitted,
      items,
      summary: items.length > 0 ? '对照七项重点查处内容逐项自查，发现问题2个，已整改1个' : '对照七项重点查处内容逐项自查，未发现问题',
      signedBy: { name: `${target.name.slice(0, 2)}院长`, title: '院长' },
    };
  };
  // In order of receipt: two a day from day -38, then the late ones after the phase.
  const onTime = all.filter((t) => t !== silent && !late.includes(t.creditCode));
  onTime.forEach((target, index) => {
    const when = -38 + Math.floor(index / 2);
    step('recordSelfInspection', A.office, at(when, index % 2 === 0 ? '10:00' : '15:00'), selfInspection(target, index, at(when - 1, '17:30')));
  });
  all
    .filter((t) => late.includes(t.creditCode))
    .forEach((target, index) => step('recordSelfInspection', A.office, at(-20, `16:${index}0`), selfInspection(target, index + 1, at(-20, `11:${index}0`))));

  // 监督检查: rectified and verified (销号).
  const i1 = inspect(A.g3Deputy, at(-19, '10:00'), {
    groupId: 'G3',
    targetCreditCode: T.G3[0].creditCode,
    checklist: checklist({ F6: '3 批成品未按规定留样' }),
    findings: [{ description: '部分批次成品未按规定留样，留样记录不全', focusItemIds: ['F6'] }],
    summary: '现场检查制剂室配制、检验、留样情况',
  });
  step('registerProblem', A.g3Deputy, at(-19, '16:00'), { findingId: `${i1}-F1`, disposition: 'RECTIFICATION_ORDER', rectificationDueOn: day(-9) });

  const i2 = inspect(A.office, at(-18, '11:00'), {
    groupId: 'G1',
    targetCreditCode: T.G1[0].creditCode,
    checklist: checklist({ F5: '向两家医疗机构调剂“清肺止咳合剂”无批准文件' }),
    findings: [{ description: '未经批准将“清肺止咳合剂”调剂至其他医疗机构使用', focusItemIds: ['F5'], violations: ['UNAPPROVED_DISPENSING'] }],
  });
  step('registerProblem', A.office, at(-18, '17:00'), {
    findingId: `${i2}-F1`,
    disposition: 'REGULATORY_TALK',
    rectificationDueOn: day(5),
    note: '约谈医院法定代表人、制剂室负责人',
  });

  // Overdue, then 回头看.
  const i3 = inspect(A.g2Deputy, at(-17, '10:30'), {
    groupId: 'G2',
    targetCreditCode: T.G2[0].creditCode,
    checklist: checklist({ F3: '无供应商审计记录' }),
    findings: [{ description: '未对中药饮片、辅料供应商开展质量审计', focusItemIds: ['F3'] }],
  });
  step('registerProblem', A.g2Deputy, at(-16, '09:30'), { findingId: `${i3}-F1`, disposition: 'RECTIFICATION_ORDER', rectificationDueOn: day(-8) });

  inspect(A.office, at(-16, '15:00'), { groupId: 'G1', targetCreditCode: T.G1[1].creditCode, checklist: checklist(), summary: '未发现问题' });

  // 立案查处: opens a case at the drug administration (the group leader's agency).
  const i5 = inspect(A.g3Deputy, at(-15, '10:00'), {
    groupId: 'G3',
    targetCreditCode: T.G3[1].creditCode,
    checklist: checklist({ F1: '“复方苦参膏”批准文号已过期' }),
    findings: [
      {
        description: '“复方苦参膏”批准文号过期后仍继续配制并在门诊使用',
        focusItemIds: ['F1'],
        violations: ['UNAPPROVED_PREPARATION'],
      },
    ],
  });
  step('registerProblem', A.g3Deputy, at(-14, '10:00'), {
    findingId: `${i5}-F1`,
    disposition: 'CASE_INVESTIGATION',
    rectificationDueOn: day(20),
    amountInvolvedFen: 3_600_000,
    note: '移执法稽查局立案查处',
  });

  inspect(A.g2Deputy, at(-14, '15:00'), { groupId: 'G2', targetCreditCode: T.G2[1].creditCode, checklist: checklist(), summary: '未发现问题' });

  const i7 = inspect(A.g2Deputy, at(-12, '10:00'), {
    groupId: 'G2',
    targetCreditCode: T.G2[2].creditCode,
    checklist: checklist({ F6: '中间品检验记录缺失' }),
    findings: [{ description: '中间品未经检验即转入下道工序', focusItemIds: ['F6'] }],
  });
  step('registerProblem', A.g2Deputy, at(-12, '16:00'), { findingId: `${i7}-F1`, disposition: 'RECTIFICATION_ORDER', rectificationDueOn: day(8) });

  step('reportRectification', A.g3Deputy, at(-12, '17:00'), { findingId: `${i1}-F1`, summary: '已对在库成品补做留样，建立留样台账并修订留样管理规程' });

  inspect(A.g3Deputy, at(-11, '10:00'), { groupId: 'G3', targetCreditCode: T.G3[2].creditCode, checklist: checklist(), summary: '未发现问题' });

  step('verifyRectification', A.g3Deputy, at(-10, '10:00'), {
    findingId: `${i1}-F1`,
    accepted: true,
    note: '现场核查：留样台账已建立，整改到位，予以销号',
    // 核查意见: 谁检查、谁签名、谁负责 (seed 001)
    opinion: {
      checkedBy: [p.liWj, p.xiao],
      checkedAt: at(-11, '15:00'),
      findings: '现场查看成品留样及留样台账，抽查3个批次留样与记录一致，整改到位',
      signedBy: [p.liWj, p.xiao],
      responsible: p.liWj,
    },
  });

  inspect(A.g4Deputy, at(-9, '11:00'), { groupId: 'G4', targetCreditCode: T.G4[0].creditCode, checklist: checklist(), summary: '未发现问题' });

  const i10 = inspect(A.g3Deputy, at(-7, '10:00'), {
    groupId: 'G3',
    targetCreditCode: T.G3[3].creditCode,
    checklist: checklist({ F7: '辅料供应来源及配制工艺与备案资料不一致' }),
    findings: [
      {
        description: '擅自变更“健脾消食颗粒”辅料来源及配制工艺，未经批准',
        focusItemIds: ['F7'],
        violations: ['UNAUTHORIZED_CHANGE'],
      },
    ],
  });
  step('registerProblem', A.g3Deputy, at(-7, '16:00'), {
    findingId: `${i10}-F1`,
    disposition: 'SUSPENSION',
    suspended: ['COMPOUNDING'],
    rectificationDueOn: day(15),
    note: '暂停该品种配制，待补充备案后恢复',
  });

  step('scheduleFollowUp', A.office, at(-6, '10:00'), { findingId: `${i3}-F1`, scheduledOn: day(-3), reason: '逾期未报送整改报告' });

  const i11 = inspect(A.g4Deputy, at(-5, '11:00'), {
    groupId: 'G4',
    targetCreditCode: T.G4[1].creditCode,
    checklist: checklist({ F2: '洁净区压差记录缺失' }),
    findings: [{ description: '洁净区压差记录缺失，操作规程未及时修订', focusItemIds: ['F2'] }],
  });
  step('registerProblem', A.g4Deputy, at(-5, '16:00'), { findingId: `${i11}-F1`, disposition: 'ADMONITION', rectificationDueOn: day(10) });

  inspect(A.g2Deputy, at(-3, '15:00'), {
    groupId: 'G2',
    targetCreditCode: T.G2[0].creditCode,
    kind: 'FOLLOW_UP',
    followUpOf: [`${i3}-F1`],
    summary: '回头看：供应商审计制度已起草但尚未实施，整改仍未到位，责令立即整改并拟从严查处',
  });

  step('reportRectification', A.g2Deputy, at(-2, '10:00'), { findingId: `${i7}-F1`, summary: '已制定中间品检验规程，对在制批次补做检验' });
  return steps;
};
