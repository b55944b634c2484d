/**
 * The one place where codes become Chinese: every enum value, status, role, agency kind, step
 * code, event type and error code the console shows. Components call these maps (or `label`)
 * and never print a raw English code. The maps the contracts also hold are copied here (the
 * contracts pull in Node modules the browser cannot load) and a unit test keeps them equal.
 */

/** A code's Chinese label; an unknown code shows as 未知（CODE）so a gap is visible, not blank. */
export const label = (labels: Readonly<Record<string, string>>, code: string | null | undefined): string =>
  code == null ? '—' : (labels[code] ?? `未知（${code}）`);

export const agencyKindLabels: Readonly<Record<string, string>> = {
  MARKET_REGULATION: '市场监管（药监）',
  HEALTH: '卫生健康',
  MEDICAL_INSURANCE: '医疗保障',
  POLICE: '公安',
  DISCIPLINE_INSPECTION: '纪委监委',
  PROCURATORATE: '人民检察院',
};

export const caseSourceLabels: Readonly<Record<string, string>> = {
  COMPLAINT: '投诉举报',
  INSPECTION: '监督检查',
  SAMPLING: '监督抽检',
  ADVERSE_REACTION: '不良反应监测',
  ONLINE_MONITORING: '网络监测',
  TRANSFER: '移送',
  OTHER: '其他',
};

export const caseStatusLabels: Readonly<Record<string, string>> = {
  CLUE_REGISTERED: '线索登记',
  FILED: '已立案',
  NOT_FILED: '不予立案',
  PENALTY_DECIDED: '已作出处罚决定',
  TRANSFERRED: '已移送',
  CLOSED: '已结案',
};

export const clueDispositionLabels: Readonly<Record<string, string>> = {
  TALK_AND_INQUIRY: '谈话函询',
  PRELIMINARY_VERIFICATION: '初步核实',
  SHELVED: '暂存待查',
  CONCLUDED: '予以了结',
  CASE_OPENED: '立案审查调查',
};

export const declineReasonLabels: Readonly<Record<string, string>> = {
  NO_OFFENCE: '没有违法犯罪事实',
  TOO_MINOR: '情节显著轻微，不需要追究责任',
  NOT_LIABLE: '具有依法不追究责任的情形',
  INSUFFICIENT_EVIDENCE: '证据不足',
  MISSING_MATERIALS: '移送材料不全（不得以此为由不予接受）',
  OTHER: '其他',
};

export const evidenceKindLabels: Readonly<Record<string, string>> = {
  DOCUMENT: '书证',
  PHOTO: '照片/视听资料',
  SAMPLE_TEST_REPORT: '抽样检验报告',
  INQUIRY_RECORD: '询问笔录',
  ON_SITE_RECORD: '现场笔录',
  OTHER: '其他',
};

export const materialKindLabels: Readonly<Record<string, string>> = {
  TRANSFER_LETTER: '移送书',
  INVESTIGATION_REPORT: '调查报告',
  SEIZED_ITEMS_LIST: '涉案物品清单',
  TEST_REPORT: '检验报告/鉴定结论',
  PENALTY_DECISION: '行政处罚决定书',
  CLUE_REPORT: '问题线索报告',
  OTHER: '其他材料',
};

export const noticeMethodLabels: Readonly<Record<string, string>> = {
  IN_PERSON: '直接送达',
  POST: '邮寄送达',
  LEFT_AT_ADDRESS: '留置送达',
  ENTRUSTED: '委托送达',
  ELECTRONIC: '电子送达',
  PUBLIC_NOTICE: '公告送达',
};

export const agencyCapacityLabels: Readonly<Record<string, string>> = {
  HEAD: '正职负责人',
  ACTING_HEAD: '主持工作的负责人',
};

export const operationStatusLabels: Readonly<Record<string, string>> = {
  PLANNED: '方案已制定（待部署）',
  IN_PROGRESS: '整治进行中',
  REPORTED: '结果已报告纪委监委',
  CLOSED: '已结束',
};

export const penaltyKindLabels: Readonly<Record<string, string>> = {
  WARNING: '警告',
  FINE: '罚款',
  CONFISCATION: '没收违法所得/非法财物',
  SUSPENSION: '责令停产停业',
  LICENSE_SUSPENDED: '暂扣许可证',
  LICENSE_REVOKED: '吊销许可证',
  PRACTICE_BAN: '从业禁止',
};

export const transferOutcomeLabels: Readonly<Record<string, string>> = {
  PROSECUTED: '移送审查起诉',
  CASE_DISMISSED: '撤销案件',
  PENALIZED: '给予行政处罚',
  NOT_PENALIZED: '不予行政处罚',
  DISCIPLINED: '给予党纪政务处分',
  DISPOSED: '线索处置完毕',
  NO_ACTION: '不予处理/予以了结',
  OTHER: '其他',
};

export const transferStatusLabels: Readonly<Record<string, string>> = {
  PROPOSED: '待审批',
  REFUSED: '不予批准移送',
  SENT: '已移送（待签收）',
  RECEIVED: '已签收',
  ACCEPTED: '已立案/受理',
  DECLINED: '不予立案/不予受理',
  RECONSIDERATION_REQUESTED: '已提请复议',
  RETURNED: '已退回',
  SUPERVISION_SUGGESTED: '已建议检察院立案监督',
  RESULT_RECORDED: '已反馈结果',
  CLOSED: '已办结',
  PROCURATORATE_INQUIRY: '检察院要求说明不立案理由',
  NON_FILING_EXPLAINED: '已说明不立案理由',
  FILING_ORDERED: '检察院通知立案',
};

export const transferStepLabels: Readonly<Record<string, string>> = {
  approve: '负责人审批（批准或不批准移送）',
  send: '批准后移送',
  signReceipt: '签收',
  forwardOrReturn: '转送或退回（非本机关管辖）',
  requestSupplement: '通知补正材料',
  supplyMaterials: '补正材料',
  decide: '作出立案/受理或不予立案/不予受理决定',
  requestReconsideration: '提请复议',
  decideReconsideration: '作出复议决定',
  suggestSupervision: '建议检察院立案监督',
  explainNonFiling: '向检察院说明不立案理由',
  fileOnOrder: '按检察院通知立案',
  handOver: '移交涉案物品及有关材料',
  feedbackResult: '结果反馈',
};

export const violationLabels: Readonly<Record<string, string>> = {
  UNLICENSED_COMPOUNDING: '无证配制',
  UNAPPROVED_PREPARATION: '无文号/文号过期配制',
  UNAPPROVED_DISPENSING: '擅自调剂使用',
  FALSIFIED_RECORDS: '记录造假',
  UNAUTHORIZED_CHANGE: '擅自变更处方工艺',
  COUNTERFEIT_DRUG: '生产销售假药',
  SUBSTANDARD_DRUG: '生产销售劣药',
  UNLICENSED_DRUG_TRADE: '无证经营',
  OUT_OF_SCOPE_TRADE: '超范围经营',
  ILLEGAL_SOURCE_PURCHASE: '非法渠道购进',
  PHARMACIST_CERT_RENTAL: '执业药师挂证',
  RX_WITHOUT_PRESCRIPTION: '不凭处方销售处方药',
  COLD_CHAIN_BREACH: '冷链脱离',
  ONLINE_ILLEGAL_SALE: '网络违法销售',
  UNREGISTERED_DEVICE: '未注册医疗器械',
  ILLEGAL_COSMETIC_ADDITIVE: '化妆品非法添加',
  ILLEGAL_MEDICAL_PRACTICE: '非法行医',
  UNQUALIFIED_STAFF: '聘用非卫技人员',
  DEPARTMENT_LEASING: '出租承包科室',
  ILLEGAL_SEX_SELECTION: '非法鉴定胎儿性别',
  ILLEGAL_BLOOD_COLLECTION: '非法采供血',
  ILLEGAL_MEDICAL_ADVERTISING: '违法医疗广告',
  DISINFECTION_PRODUCT: '消毒产品违法',
  INSURANCE_FRAUD: '欺诈骗保',
  FAKE_HOSPITALIZATION: '虚假住院',
  INSURED_DRUG_RESALE: '倒卖医保药品',
  DERELICTION: '失职渎职',
  PROTECTIVE_UMBRELLA: '保护伞',
  CORRUPTION: '贪污贿赂/利益输送',
};

export const transferKindLabels: Readonly<Record<string, string>> = {
  CRIMINAL: '行刑衔接（涉嫌犯罪案件移送公安机关）',
  DISCIPLINARY: '行纪衔接（问题线索移送纪委监委）',
  ADMINISTRATIVE: '行行衔接（移送有管辖权的行政机关）',
  REVERSE: '反向衔接（公安机关移送行政机关处理）',
};

/** Short names of the four kinds of transfer, for tags and filters (the long ones above). */
export const transferKindShortLabels: Readonly<Record<string, string>> = {
  CRIMINAL: '行刑',
  DISCIPLINARY: '行纪',
  ADMINISTRATIVE: '行行',
  REVERSE: '反向',
};

export const roleLabels: Readonly<Record<string, string>> = {
  officer: '承办人员',
  supervisor: '负责人',
  overseer: '监督人员',
  admin: '系统管理员',
};

export const deadlineStatusLabels: Readonly<Record<string, string>> = {
  MET: '已完成',
  PENDING: '进行中',
  OVERDUE: '已超期',
  LAPSED: '已逾期失效',
};

export const deadlineObligationLabels: Readonly<Record<string, string>> = {
  DUTY: '法定义务',
  CONDITIONAL: '附条件义务',
  RIGHT: '权利（可选）',
};

export const transferPartyLabels: Readonly<Record<string, string>> = {
  SENDER: '移送方',
  RECEIVER: '接收方',
};

export const transferDirectionLabels: Readonly<Record<string, string>> = {
  INCOMING: '收件箱',
  OUTGOING: '发件箱',
};

export const workItemKindLabels: Readonly<Record<string, string>> = {
  APPROVAL: '待审批',
  CASE_SUPERVISION: '挂牌督办',
  TRANSFER_STEP: '移送环节',
  JOINT_MEETING_DECISION: '联席会议议定事项',
  CASE_CONSULTATION: '案件咨询',
  CLUE_NOTICE: '线索通报',
};

export const subjectKindLabels: Readonly<Record<string, string>> = {
  ORGANIZATION: '单位',
  PERSON: '个人',
};

export const officialAllegationLabels: Readonly<Record<string, string>> = {
  DERELICTION: '失职渎职',
  PROTECTIVE_UMBRELLA: '保护伞',
  CORRUPTION: '贪污贿赂/利益输送',
};

/** Case warnings (computed by the server from the case facts). */
export const caseWarningLabels: Readonly<Record<string, string>> = {
  REPEAT_OFFENDER: '从严从重：当事人在政策期限内已有违法处罚记录',
  PENALTY_INSTEAD_OF_TRANSFER: '以罚代刑预警：仅作行政处罚结案，但案情已达刑事追诉标准且未移送公安机关',
};

/** Audit-trail event types (case, transfer, supervision and operation streams; *Noted = learnt from the other side). */
export const eventTypeLabels: Readonly<Record<string, string>> = {
  CaseRegistered: '登记案件线索',
  CaseFiled: '立案',
  CaseNotFiled: '不予立案',
  EvidenceRecorded: '调查取证',
  PenaltyDecided: '作出行政处罚决定',
  CaseTransferred: '案件移送',
  CaseClosed: '结案',
  CaseSupervised: '挂牌督办',
  CaseSupervisionLifted: '解除督办',
  TransferProposed: '提出移送',
  TransferApproved: '负责人批准移送',
  TransferRefused: '负责人不批准移送',
  TransferReceiptSigned: '签收',
  TransferForwarded: '转送',
  TransferReturned: '退回',
  SupplementRequested: '通知补正材料',
  MaterialsSupplemented: '补正材料',
  TransferAccepted: '立案/受理',
  TransferDeclined: '不予立案/不予受理',
  ReconsiderationRequested: '提请复议',
  ReconsiderationDecided: '复议决定',
  ProcuratorateSupervisionSuggested: '建议检察院立案监督',
  MaterialsHandedOver: '移交涉案物品及有关材料',
  ClueDisposed: '线索处置',
  TransferResultRecorded: '结果反馈',
  TransferClosed: '办结',
  DeadlineExtended: '延长期限',
  ProcuratorateInquiryRecorded: '记录检察院要求说明不立案理由',
  NonFilingExplained: '说明不立案理由',
  ProcuratorateFilingOrderRecorded: '记录检察院通知立案',
  ReceiptNoted: '获悉：对方已签收',
  ForwardNoted: '获悉：对方已转送',
  ReturnNoted: '获悉：对方已退回',
  SupplementRequestNoted: '获悉：对方通知补正材料',
  AcceptanceNoted: '获悉：对方已立案/受理',
  DeclineNoted: '获悉：对方不予立案/不予受理',
  DeadlineExtensionNoted: '获悉：对方延长期限',
  ReconsiderationDecisionNoted: '获悉：对方作出复议决定',
  ClueDisposalNoted: '获悉：对方已处置线索',
  ResultNoted: '获悉：对方反馈结果',
  ProcuratorateInquiryNoted: '获悉：检察院要求说明不立案理由',
  NonFilingExplanationNoted: '获悉：已说明不立案理由',
  FilingOrderNoted: '获悉：检察院通知立案',
  SupplementNoted: '获悉：对方已补正材料',
  ReconsiderationRequestNoted: '获悉：对方提请复议',
  SupervisionSuggestionNoted: '获悉：对方建议检察院立案监督',
  HandOverNoted: '获悉：对方已移交涉案物品',
  ClosureNoted: '获悉：对方已办结',
  OperationPlanned: '制定工作方案',
  OperationLaunched: '部署',
  OperationResultReported: '结果报告纪委监委',
  OperationClosed: '结束',
};

/** `extensions.code` of the API's errors (gateway, services and the HTTP edge). */
export const errorCodeLabels: Readonly<Record<string, string>> = {
  UNAUTHENTICATED: '请先登录',
  FORBIDDEN: '无权访问',
  NOT_FOUND: '不存在或无权访问',
  BAD_USER_INPUT: '输入有误',
  CONFLICT: '已被他人修改',
  INVALID_TRANSITION: '当前状态下不能进行此操作',
  RATE_LIMITED: '操作过于频繁，请稍后再试',
  QUERY_TOO_COMPLEX: '查询过于复杂，请缩小范围',
  PAYLOAD_TOO_LARGE: '提交的内容过大',
  SERVICE_UNAVAILABLE: '服务暂不可用，请稍后重试',
  INTERNAL_SERVER_ERROR: '系统内部错误，请稍后重试',
  // The services' HTTP APIs and downloads answer { error: { code: 'INTERNAL' } } on a fault.
  INTERNAL: '系统内部错误，请稍后重试',
  NETWORK_ERROR: '网络连接失败，请检查网络后重试',
};

/** The notice of a CONFLICT on a command (expectedVersion moved on). */
export const conflictNotice = '该记录已被他人修改，请刷新后重试';

/** The Chinese message of an error code; unknown codes fall back to the generic one. */
export const errorMessage = (code: string | null | undefined): string =>
  (code && errorCodeLabels[code]) || '操作失败，请稍后重试';

/** The services that record facts themselves (actor `system:<service>`: a fact learnt from the other side, a finding's case). */
export const serviceLabels: Readonly<Record<string, string>> = {
  'market-regulation': '市场监管服务',
  health: '卫生健康服务',
  'medical-insurance': '医疗保障服务',
  police: '公安服务',
  'discipline-inspection': '纪委监委服务',
  operations: '专项整治服务',
};

/** Who did it, for the audit trail: a person by name and roles, a service as 系统自动记录（…）. */
export const actorLabel = (actor: { userId: string; name: string; roles: readonly string[] }): string => {
  if (actor.userId.startsWith('system:')) return `系统自动记录（${label(serviceLabels, actor.userId.slice('system:'.length))}）`;
  return actor.roles.length > 0 ? `${actor.name}（${actor.roles.map((role) => label(roleLabels, role)).join('、')}）` : actor.name;
};
