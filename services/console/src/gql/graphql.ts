/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
/** A “有关” material (检验报告/鉴定结论, 涉案物品清单) this case does not have, with the reason */
export type AbsentMaterialInput = {
  kind: MaterialKind;
  /** 没有此项材料的理由 */
  reason: string;
};

export type AgencyKind =
  | 'DISCIPLINE_INSPECTION'
  | 'HEALTH'
  | 'MARKET_REGULATION'
  | 'MEDICAL_INSURANCE'
  | 'POLICE'
  | 'PROCURATORATE';

export type CaseFilter = {
  /** Only this agency (default: every agency you may read) */
  agencyId?: string | number | null | undefined;
  /** Matches number, subject name or summary */
  search?: string | null | undefined;
  status?: Array<CaseStatus> | null | undefined;
  violation?: string | null | undefined;
  warning?: string | null | undefined;
};

export type CaseSource =
  | 'ADVERSE_REACTION'
  | 'COMPLAINT'
  | 'INSPECTION'
  | 'ONLINE_MONITORING'
  | 'OTHER'
  | 'SAMPLING'
  | 'TRANSFER';

export type CaseStatus =
  | 'CLOSED'
  | 'CLUE_REGISTERED'
  | 'FILED'
  | 'NOT_FILED'
  | 'PENALTY_DECIDED'
  | 'TRANSFERRED';

export type CaseStepInput = {
  caseId: string | number;
  commandId?: string | number | null | undefined;
  expectedVersion?: number | null | undefined;
  reason?: string | null | undefined;
};

/** 专案组成员: an officer of the proposing agency */
export type CaseTeamMemberInput = {
  name: string;
  userId: string | number;
};

/** 问题线索处置方式: 谈话函询, 初步核实, 暂存待查, 予以了结, 立案审查调查 */
export type ClueDisposition =
  | 'CASE_OPENED'
  | 'CONCLUDED'
  | 'PRELIMINARY_VERIFICATION'
  | 'SHELVED'
  | 'TALK_AND_INQUIRY';

/** DUTY must be met (else OVERDUE); CONDITIONAL only if its condition holds, RIGHT may be used (else LAPSED) */
export type DeadlineObligation =
  | 'CONDITIONAL'
  | 'DUTY'
  | 'RIGHT';

/** As of a time: MET, PENDING until due, then OVERDUE (a DUTY) or LAPSED (CONDITIONAL, RIGHT) */
export type DeadlineStatus =
  | 'LAPSED'
  | 'MET'
  | 'OVERDUE'
  | 'PENDING';

export type DecidePenaltyInput = {
  caseId: string | number;
  commandId?: string | number | null | undefined;
  /** 行政处罚决定书文号 */
  decisionNumber: string;
  expectedVersion?: number | null | undefined;
  penalties: Array<PenaltyItemInput>;
  personsResponsible: Array<PersonResponsibleInput>;
  reason?: string | null | undefined;
};

export type DecideReconsiderationInput = {
  /** true: accept (立案) on reconsideration; false: uphold the decline */
  accept: boolean;
  /** For an idempotent retry: the same commandId never appends twice */
  commandId?: string | number | null | undefined;
  /** Your side’s `Transfer.version`; CONFLICT when it moved on */
  expectedVersion?: number | null | undefined;
  /** Required when the decline is upheld */
  reason?: string | null | undefined;
  transferId: string | number;
};

export type DeclineReason =
  | 'INSUFFICIENT_EVIDENCE'
  | 'MISSING_MATERIALS'
  | 'NOT_LIABLE'
  | 'NO_OFFENCE'
  | 'OTHER'
  | 'TOO_MINOR';

export type DisposeClueInput = {
  /** For an idempotent retry: the same commandId never appends twice */
  commandId?: string | number | null | undefined;
  disposition: ClueDisposition;
  /** Your side’s `Transfer.version`; CONFLICT when it moved on */
  expectedVersion?: number | null | undefined;
  reason: string;
  transferId: string | number;
};

export type EvidenceKind =
  | 'DOCUMENT'
  | 'INQUIRY_RECORD'
  | 'ON_SITE_RECORD'
  | 'OTHER'
  | 'PHOTO'
  | 'SAMPLE_TEST_REPORT';

/** 不立案理由说明: the police’s written answer to the procuratorate */
export type ExplainNonFilingInput = {
  /** For an idempotent retry: the same commandId never appends twice */
  commandId?: string | number | null | undefined;
  /** Your side’s `Transfer.version`; CONFLICT when it moved on */
  expectedVersion?: number | null | undefined;
  /** The written explanation of why no case was filed */
  explanation: string;
  transferId: string | number;
};

export type ExtendDeadlineInput = {
  /** For an idempotent retry: the same commandId never appends twice */
  commandId?: string | number | null | undefined;
  /** Your side’s `Transfer.version`; CONFLICT when it moved on */
  expectedVersion?: number | null | undefined;
  /** Code of the policy’s extension, e.g. COMPLEX */
  extension: string;
  reason: string;
  transferId: string | number;
};

export type ForwardTransferInput = {
  /** For an idempotent retry: the same commandId never appends twice */
  commandId?: string | number | null | undefined;
  /** Your side’s `Transfer.version`; CONFLICT when it moved on */
  expectedVersion?: number | null | undefined;
  reason: string;
  /** The competent agency (of the same kind) */
  toAgencyId: string | number;
  transferId: string | number;
};

/** 移交涉案物品及有关材料 after acceptance */
export type HandOverMaterialsInput = {
  /** For an idempotent retry: the same commandId never appends twice */
  commandId?: string | number | null | undefined;
  /** Your side’s `Transfer.version`; CONFLICT when it moved on */
  expectedVersion?: number | null | undefined;
  materials: Array<MaterialInput>;
  reason?: string | null | undefined;
  transferId: string | number;
};

/** 危害后果: a harm the evidence establishes, which some criminal thresholds require (e.g. 劣药 对人体健康造成严重危害) */
export type HarmFact =
  /** 使用化妆品造成严重后果（容貌毁损、皮肤严重损伤、器官组织损伤导致严重功能障碍等） */
  | 'COSMETIC_SERIOUS_CONSEQUENCES'
  /** 对人体健康造成严重危害（致人轻伤、重伤，轻度或中度残疾，器官组织损伤导致功能障碍等） */
  | 'SERIOUS_HEALTH_HARM';

export type MaterialInput = {
  kind: MaterialKind;
  title: string;
};

export type MaterialKind =
  | 'CLUE_REPORT'
  | 'INVESTIGATION_REPORT'
  | 'OTHER'
  | 'PENALTY_DECISION'
  | 'SEIZED_ITEMS_LIST'
  | 'TEST_REPORT'
  | 'TRANSFER_LETTER';

/** 送达方式: IN_PERSON 直接送达, POST 邮寄送达, LEFT_AT_ADDRESS 留置送达, ENTRUSTED 委托送达, ELECTRONIC 电子送达, PUBLIC_NOTICE 公告送达 */
export type NoticeMethod =
  | 'ELECTRONIC'
  | 'ENTRUSTED'
  | 'IN_PERSON'
  | 'LEFT_AT_ADDRESS'
  | 'POST'
  | 'PUBLIC_NOTICE';

/** DERELICTION 失职渎职, PROTECTIVE_UMBRELLA 保护伞, CORRUPTION 贪污贿赂/利益输送 */
export type OfficialAllegation =
  | 'CORRUPTION'
  | 'DERELICTION'
  | 'PROTECTIVE_UMBRELLA';

/** The public official a DISCIPLINARY transfer is about */
export type OfficialInput = {
  allegations: Array<OfficialAllegation>;
  /** 工作单位 */
  employer: string;
  /** 干部管理权限, e.g. 乡科级, 县处级 */
  managementLevel?: string | null | undefined;
  name: string;
  /** 职务, e.g. 县市场监管局药品股股长 */
  post: string;
};

/** PLANNED 方案已制定, IN_PROGRESS 整治进行中, REPORTED 结果已报告纪委监委, CLOSED 已结束 */
export type OperationStatus =
  | 'CLOSED'
  | 'IN_PROGRESS'
  | 'PLANNED'
  | 'REPORTED';

/** 书面告知当事人 (《行政强制法》第二十一条) */
export type PartyNoticeInput = {
  /** 告知书文号 */
  documentNumber?: string | null | undefined;
  /** 送达方式 */
  method: NoticeMethod;
  /** 告知日期 */
  notifiedAt: string;
};

export type PenaltyItemInput = {
  amountFen?: number | null | undefined;
  description?: string | null | undefined;
  kind: PenaltyKind;
};

export type PenaltyKind =
  | 'CONFISCATION'
  | 'FINE'
  | 'LICENSE_REVOKED'
  | 'LICENSE_SUSPENDED'
  | 'PRACTICE_BAN'
  | 'SUSPENSION'
  | 'WARNING';

export type PersonResponsibleInput = {
  idNumber?: string | null | undefined;
  name: string;
  /** e.g. 法定代表人, 直接负责的主管人员, 其他直接责任人员 */
  role: string;
};

/** 立案监督: a notice of the procuratorate the police record on receipt (now is its receipt time) */
export type ProcuratorateNoticeInput = {
  /** For an idempotent retry: the same commandId never appends twice */
  commandId?: string | number | null | undefined;
  /** The notice’s number: 要求说明不立案理由通知书 or 通知立案书文号 */
  documentNumber: string;
  /** Your side’s `Transfer.version`; CONFLICT when it moved on */
  expectedVersion?: number | null | undefined;
  transferId: string | number;
};

/** 涉案财物一并移送 (《行政强制法》第二十一条) */
export type PropertyHandOverInput = {
  /** 移交时间 */
  handedOverAt: string;
  /** 移交清单 (its title or number) */
  inventory: string;
};

export type ProposeTransferInput = {
  /** The policy’s conditional materials (有关: 检验报告/鉴定结论, 涉案物品清单) this case does not have, each with the reason */
  absentMaterials?: Array<AbsentMaterialInput> | null | undefined;
  caseId: string | number;
  /** The 专案组 (you among them): CRIMINAL needs two or more officers (Decree art. 5) */
  caseTeam?: Array<CaseTeamMemberInput> | null | undefined;
  /** For an idempotent retry: the same commandId never appends twice */
  commandId?: string | number | null | undefined;
  /** A new stream has version 0: 0 asserts this creates it; CONFLICT otherwise */
  expectedVersion?: number | null | undefined;
  kind: TransferKind;
  materials: Array<MaterialInput>;
  /** Required for DISCIPLINARY, refused otherwise */
  official?: OfficialInput | null | undefined;
  reason: string;
  /** Declares seized property (查封、扣押的财物): the approval then records its hand-over and the written notice to the party */
  seizedProperty?: boolean | null | undefined;
  toAgencyId: string | number;
};

export type RecordEvidenceInput = {
  caseId: string | number;
  commandId?: string | number | null | undefined;
  description?: string | null | undefined;
  expectedVersion?: number | null | undefined;
  /** Harm facts this evidence establishes */
  harmFacts?: Array<HarmFact> | null | undefined;
  /** 违法所得 this evidence shows (fen); replaces an earlier value */
  illegalGainsFen?: number | null | undefined;
  kind: EvidenceKind;
  title: string;
  /** 货值金额 of the unsold goods this evidence shows (fen, marked price or market middle price); replaces an earlier value */
  unsoldGoodsValueFen?: number | null | undefined;
};

export type RecordTransferResultInput = {
  /** For an idempotent retry: the same commandId never appends twice */
  commandId?: string | number | null | undefined;
  /** Your side’s `Transfer.version`; CONFLICT when it moved on */
  expectedVersion?: number | null | undefined;
  outcome: TransferOutcome;
  /** The result in words: 判决/处罚决定/处分 with document numbers */
  result: string;
  transferId: string | number;
};

export type RegisterCaseInput = {
  amountInvolvedFen?: number | null | undefined;
  commandId?: string | number | null | undefined;
  /** A new stream has version 0: 0 asserts this creates it; CONFLICT otherwise */
  expectedVersion?: number | null | undefined;
  source: CaseSource;
  subject: SubjectInput;
  summary: string;
  violations: Array<string>;
};

export type RequestSupplementInput = {
  /** For an idempotent retry: the same commandId never appends twice */
  commandId?: string | number | null | undefined;
  /** Your side’s `Transfer.version`; CONFLICT when it moved on */
  expectedVersion?: number | null | undefined;
  /** What is missing */
  reason: string;
  requested: Array<MaterialKind>;
  transferId: string | number;
};

export type SubjectInput = {
  /** 统一社会信用代码 (GB 32100), for organisations */
  creditCode?: string | null | undefined;
  /** 身份证号 (GB 11643), for persons; never returned unmasked */
  idNumber?: string | null | undefined;
  kind: SubjectKind;
  name: string;
};

export type SubjectKind =
  | 'ORGANIZATION'
  | 'PERSON';

/** 补正材料: materials the receiver asked for */
export type SupplementMaterialsInput = {
  /** For an idempotent retry: the same commandId never appends twice */
  commandId?: string | number | null | undefined;
  /** Your side’s `Transfer.version`; CONFLICT when it moved on */
  expectedVersion?: number | null | undefined;
  materials: Array<MaterialInput>;
  reason?: string | null | undefined;
  transferId: string | number;
};

/** INCOMING: sent to your agency (inbox); OUTGOING: sent by it (outbox) */
export type TransferDirection =
  | 'INCOMING'
  | 'OUTGOING';

export type TransferFilter = {
  direction: TransferDirection;
  kind?: TransferKind | null | undefined;
  /** Only transfers with a DUTY step overdue at this time */
  overdueAsOf?: string | null | undefined;
  status?: Array<TransferStatus> | null | undefined;
};

/** CRIMINAL 行刑衔接, DISCIPLINARY 行纪衔接, ADMINISTRATIVE 行行衔接, REVERSE 反向衔接 (刑→行) */
export type TransferKind =
  | 'ADMINISTRATIVE'
  | 'CRIMINAL'
  | 'DISCIPLINARY'
  | 'REVERSE';

export type TransferOutcome =
  | 'CASE_DISMISSED'
  | 'DISCIPLINED'
  | 'DISPOSED'
  | 'NOT_PENALIZED'
  | 'NO_ACTION'
  | 'OTHER'
  | 'PENALIZED'
  | 'PROSECUTED';

export type TransferParty =
  | 'RECEIVER'
  | 'SENDER';

export type TransferStatus =
  | 'ACCEPTED'
  | 'CLOSED'
  | 'DECLINED'
  | 'FILING_ORDERED'
  | 'NON_FILING_EXPLAINED'
  | 'PROCURATORATE_INQUIRY'
  | 'PROPOSED'
  | 'RECEIVED'
  | 'RECONSIDERATION_REQUESTED'
  | 'REFUSED'
  | 'RESULT_RECORDED'
  | 'RETURNED'
  | 'SENT'
  | 'SUPERVISION_SUGGESTED';

export type TransferStepInput = {
  /** For an idempotent retry: the same commandId never appends twice */
  commandId?: string | number | null | undefined;
  /** acceptTransfer only: 立案决定书/受理通知书文号 */
  documentNumber?: string | null | undefined;
  /** Your side’s `Transfer.version`; CONFLICT when it moved on */
  expectedVersion?: number | null | undefined;
  /** approveTransfer only: required when the proposal declared seized property */
  partyNotice?: PartyNoticeInput | null | undefined;
  /** approveTransfer only: required when the proposal declared seized property */
  propertyHandOver?: PropertyHandOverInput | null | undefined;
  /** acceptTransfer only: when the seized property sent with the case was received (required then) */
  propertyReceivedAt?: string | null | undefined;
  /** Required by refuse, return, decline, requestReconsideration, suggestProcuratorateSupervision */
  reason?: string | null | undefined;
  /** declineTransfer only: the category of the decline (default OTHER) */
  reasonCategory?: DeclineReason | null | undefined;
  transferId: string | number;
};

/** APPROVAL: a proposal waiting for the head (负责人审批); TRANSFER_STEP: any other step of a transfer; JOINT_MEETING_DECISION: a decision of a 联席会议 your agency owns (责任单位), until reported done; CASE_CONSULTATION: a 案件咨询 asked of your agency, until answered; CLUE_NOTICE: a 线索通报 sent to your agency, until replied (反馈) */
export type WorkItemKind =
  | 'APPROVAL'
  | 'CASE_CONSULTATION'
  | 'CLUE_NOTICE'
  | 'JOINT_MEETING_DECISION'
  | 'TRANSFER_STEP';

export type MeQueryVariables = Exact<{ [key: string]: never; }>;


export type MeQuery = { me: { userId: string, name: string, roles: Array<string>, agency: { id: string, name: string, kind: AgencyKind, regionCode: string } } };

export type RegisterCaseMutationVariables = Exact<{
  input: RegisterCaseInput;
}>;


export type RegisterCaseMutation = { registerCase: { id: string, version: number, status: CaseStatus } };

export type FileCaseMutationVariables = Exact<{
  input: CaseStepInput;
}>;


export type FileCaseMutation = { fileCase: { id: string, version: number, status: CaseStatus } };

export type DecideNotToFileMutationVariables = Exact<{
  input: CaseStepInput;
}>;


export type DecideNotToFileMutation = { decideNotToFile: { id: string, version: number, status: CaseStatus } };

export type RecordEvidenceMutationVariables = Exact<{
  input: RecordEvidenceInput;
}>;


export type RecordEvidenceMutation = { recordEvidence: { id: string, version: number, status: CaseStatus } };

export type DecidePenaltyMutationVariables = Exact<{
  input: DecidePenaltyInput;
}>;


export type DecidePenaltyMutation = { decidePenalty: { id: string, version: number, status: CaseStatus } };

export type CloseCaseMutationVariables = Exact<{
  input: CaseStepInput;
}>;


export type CloseCaseMutation = { closeCase: { id: string, version: number, status: CaseStatus } };

export type AuditTrailQueryVariables = Exact<{
  streamId: string;
}>;


export type AuditTrailQuery = { auditTrail: { streamId: string, verification: { valid: boolean, checked: number, brokenAt: number | null, reason: string | null }, events: Array<{ type: string, version: number, occurredAt: string, recordedAt: string, hash: string | null, hashAlgorithm: string, actor: { userId: string, name: string, roles: Array<string> } }> } | null };

export type CaseDetailQueryVariables = Exact<{
  id: string | number;
  asOf?: string | null | undefined;
}>;


export type CaseDetailQuery = { case: { id: string, number: string, status: CaseStatus, source: CaseSource, summary: string, amountInvolvedFen: number | null, violations: Array<string>, warnings: Array<string>, version: number, streamId: string, agency: { id: string, name: string }, subject: { kind: SubjectKind, name: string, creditCode: string | null, idNumberMasked: string | null }, evidence: Array<{ id: string, kind: EvidenceKind, title: string, description: string | null, recordedAt: string }>, penalty: { decidedAt: string | null, decisionNumber: string, reason: string | null, repeatOffender: boolean, priorViolationsInWindow: number, penalties: Array<{ kind: PenaltyKind, amountFen: number | null, description: string | null }>, personsResponsible: Array<{ name: string, role: string, idNumberMasked: string | null }> } | null, supervision: { dueAt: string, overdue: boolean, reason: string, requirements: string | null, supervisedAt: string, liftedAt: string | null, liftReason: string | null, closedAt: string | null, commission: { name: string } } | null, transfers: Array<{ id: string, kind: TransferKind, status: TransferStatus, sentAt: string | null, proposedAt: string | null, toAgency: { name: string } }>, origin: { operationId: string, findingId: string } | null } | null };

export type CasesQueryVariables = Exact<{
  filter?: CaseFilter | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type CasesQuery = { cases: { edges: Array<{ cursor: string, node: { id: string, number: string, status: CaseStatus, summary: string, violations: Array<string>, warnings: Array<string>, agency: { id: string, name: string }, subject: { name: string }, supervision: { dueAt: string, overdue: boolean } | null } }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } };

export type OperationsQueryVariables = Exact<{ [key: string]: never; }>;


export type OperationsQuery = { operations: Array<{ id: string, title: string, status: OperationStatus, startsOn: string, endsOn: string, leadAgency: { id: string, name: string }, participants: Array<{ id: string }> }> };

export type OversightQueryVariables = Exact<{
  asOf?: string | null | undefined;
}>;


export type OversightQuery = { oversight: { overdueTransfers: Array<{ step: string, label: string, legalBasis: string, dueAt: string, party: TransferParty, agency: { name: string }, transfer: { id: string, kind: TransferKind, fromAgency: { name: string }, toAgency: { name: string } } }>, supervisedCases: Array<{ caseId: string, number: string, dueAt: string, overdue: boolean, status: CaseStatus, reason: string, agency: { name: string } }>, awaitingFeedback: Array<{ daysWaiting: number, sentAt: string, stageLabel: string, transfer: { id: string, kind: TransferKind, fromAgency: { name: string }, toAgency: { name: string } } }> } };

export type TransferDetailQueryVariables = Exact<{
  id: string | number;
  asOf?: string | null | undefined;
}>;


export type TransferDetailQuery = { transfer: { id: string, kind: TransferKind, status: TransferStatus, reason: string, caseId: string, version: number, streamId: string, receiverStreamId: string | null, copiedToProcuratorate: boolean | null, approvalNote: string | null, approverCapacityLabel: string | null, seizedProperty: boolean | null, proposedAt: string | null, sentAt: string | null, receivedAt: string | null, handedOverAt: string | null, caseTeam: Array<{ userId: string, name: string }>, absentMaterials: Array<{ kind: MaterialKind, label: string, reason: string }>, propertyHandOver: { inventory: string, handedOverAt: string } | null, partyNotice: { notifiedAt: string, methodLabel: string, documentNumber: string | null } | null, fromAgency: { id: string, name: string, kind: AgencyKind }, toAgency: { id: string, name: string, kind: AgencyKind }, materials: Array<{ kind: MaterialKind, title: string }>, handedOver: Array<{ kind: MaterialKind, title: string }>, deadlines: Array<{ step: string, label: string, legalBasis: string, dueAt: string, metAt: string | null, metLate: boolean, obligation: DeadlineObligation, party: TransferParty, status: DeadlineStatus, extension: { code: string, reason: string } | null }>, official: { name: string, post: string, employer: string, managementLevel: string | null, allegations: Array<OfficialAllegation> } | null, refusal: { reason: string, refusedAt: string } | null, supplementRequest: { reason: string, requested: Array<MaterialKind>, requestedAt: string } | null, acceptance: { acceptedAt: string, documentNumber: string | null, reason: string | null, propertyReceivedAt: string | null } | null, decline: { declinedAt: string, reason: string, reasonCategory: DeclineReason } | null, reconsideration: { reason: string, requestedAt: string, decision: { accepted: boolean, decidedAt: string, reason: string | null } | null } | null, supervision: { afterReconsideration: boolean, reason: string, suggestedAt: string } | null, procuratorateInquiry: { documentNumber: string, receivedAt: string } | null, nonFilingExplanation: { explainedAt: string, explanation: string } | null, filingOrder: { documentNumber: string, receivedAt: string } | null, returned: { reason: string, returnedAt: string } | null, forwards: Array<{ forwardedAt: string, reason: string, fromAgency: { name: string }, toAgency: { name: string } }>, extensions: Array<{ extendedAt: string, extension: string, reason: string, step: string }>, dispositions: Array<{ disposedAt: string, disposition: ClueDisposition, reason: string }>, result: { outcome: TransferOutcome, recordedAt: string, result: string } | null, closed: { closedAt: string, reason: string | null } | null } | null };

export type TransfersQueryVariables = Exact<{
  filter: TransferFilter;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type TransfersQuery = { transfers: { edges: Array<{ cursor: string, node: { id: string, kind: TransferKind, status: TransferStatus, reason: string, sentAt: string | null, proposedAt: string | null, caseId: string, fromAgency: { id: string, name: string }, toAgency: { id: string, name: string }, deadlines: Array<{ step: string, status: DeadlineStatus }> } }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } };

export type MyWorkQueryVariables = Exact<{
  asOf?: string | null | undefined;
}>;


export type MyWorkQuery = { myWork: Array<{ key: string, kind: WorkItemKind, step: string, stepLabel: string, legalBasis: string, dueAt: string, status: DeadlineStatus, title: string, transfer: { id: string, kind: TransferKind, fromAgency: { id: string, name: string }, toAgency: { id: string, name: string } } | null, case: { id: string, number: string } | null }> };

export type WorkCountQueryVariables = Exact<{ [key: string]: never; }>;


export type WorkCountQuery = { myWork: Array<{ key: string, status: DeadlineStatus }> };

export type ApproveTransferMutationVariables = Exact<{
  input: TransferStepInput;
}>;


export type ApproveTransferMutation = { approveTransfer: { id: string, version: number, status: TransferStatus } };

export type RefuseTransferMutationVariables = Exact<{
  input: TransferStepInput;
}>;


export type RefuseTransferMutation = { refuseTransfer: { id: string, version: number, status: TransferStatus } };

export type ReceiveTransferMutationVariables = Exact<{
  input: TransferStepInput;
}>;


export type ReceiveTransferMutation = { receiveTransfer: { id: string, version: number, status: TransferStatus } };

export type AcceptTransferMutationVariables = Exact<{
  input: TransferStepInput;
}>;


export type AcceptTransferMutation = { acceptTransfer: { id: string, version: number, status: TransferStatus } };

export type DeclineTransferMutationVariables = Exact<{
  input: TransferStepInput;
}>;


export type DeclineTransferMutation = { declineTransfer: { id: string, version: number, status: TransferStatus } };

export type RequestReconsiderationMutationVariables = Exact<{
  input: TransferStepInput;
}>;


export type RequestReconsiderationMutation = { requestReconsideration: { id: string, version: number, status: TransferStatus } };

export type ReturnTransferMutationVariables = Exact<{
  input: TransferStepInput;
}>;


export type ReturnTransferMutation = { returnTransfer: { id: string, version: number, status: TransferStatus } };

export type SuggestProcuratorateSupervisionMutationVariables = Exact<{
  input: TransferStepInput;
}>;


export type SuggestProcuratorateSupervisionMutation = { suggestProcuratorateSupervision: { id: string, version: number, status: TransferStatus } };

export type CloseTransferMutationVariables = Exact<{
  input: TransferStepInput;
}>;


export type CloseTransferMutation = { closeTransfer: { id: string, version: number, status: TransferStatus } };

export type RequestSupplementMutationVariables = Exact<{
  input: RequestSupplementInput;
}>;


export type RequestSupplementMutation = { requestSupplement: { id: string, version: number, status: TransferStatus } };

export type SupplyMaterialsMutationVariables = Exact<{
  input: SupplementMaterialsInput;
}>;


export type SupplyMaterialsMutation = { supplyMaterials: { id: string, version: number, status: TransferStatus } };

export type DecideReconsiderationMutationVariables = Exact<{
  input: DecideReconsiderationInput;
}>;


export type DecideReconsiderationMutation = { decideReconsideration: { id: string, version: number, status: TransferStatus } };

export type ForwardTransferMutationVariables = Exact<{
  input: ForwardTransferInput;
}>;


export type ForwardTransferMutation = { forwardTransfer: { id: string, version: number, status: TransferStatus } };

export type ExtendDeadlineMutationVariables = Exact<{
  input: ExtendDeadlineInput;
}>;


export type ExtendDeadlineMutation = { extendDeadline: { id: string, version: number, status: TransferStatus } };

export type HandOverMaterialsMutationVariables = Exact<{
  input: HandOverMaterialsInput;
}>;


export type HandOverMaterialsMutation = { handOverMaterials: { id: string, version: number, status: TransferStatus } };

export type RecordTransferResultMutationVariables = Exact<{
  input: RecordTransferResultInput;
}>;


export type RecordTransferResultMutation = { recordTransferResult: { id: string, version: number, status: TransferStatus } };

export type DisposeClueMutationVariables = Exact<{
  input: DisposeClueInput;
}>;


export type DisposeClueMutation = { disposeClue: { id: string, version: number, status: TransferStatus } };

export type RecordProcuratorateInquiryMutationVariables = Exact<{
  input: ProcuratorateNoticeInput;
}>;


export type RecordProcuratorateInquiryMutation = { recordProcuratorateInquiry: { id: string, version: number, status: TransferStatus } };

export type ExplainNonFilingMutationVariables = Exact<{
  input: ExplainNonFilingInput;
}>;


export type ExplainNonFilingMutation = { explainNonFiling: { id: string, version: number, status: TransferStatus } };

export type RecordProcuratorateFilingOrderMutationVariables = Exact<{
  input: ProcuratorateNoticeInput;
}>;


export type RecordProcuratorateFilingOrderMutation = { recordProcuratorateFilingOrder: { id: string, version: number, status: TransferStatus } };

export type ProposeTransferMutationVariables = Exact<{
  input: ProposeTransferInput;
}>;


export type ProposeTransferMutation = { proposeTransfer: { id: string, version: number, status: TransferStatus } };

export type AgenciesQueryVariables = Exact<{
  kind?: AgencyKind | null | undefined;
}>;


export type AgenciesQuery = { agencies: Array<{ id: string, name: string, kind: AgencyKind, regionCode: string }> };

export class TypedDocumentString<TResult, TVariables>
  extends String
  implements DocumentTypeDecoration<TResult, TVariables>
{
  __apiType?: NonNullable<DocumentTypeDecoration<TResult, TVariables>['__apiType']>;
  private value: string;
  public __meta__?: Record<string, any> | undefined;

  constructor(value: string, __meta__?: Record<string, any> | undefined) {
    super(value);
    this.value = value;
    this.__meta__ = __meta__;
  }

  override toString(): string & DocumentTypeDecoration<TResult, TVariables> {
    return this.value;
  }
}

export const MeDocument = new TypedDocumentString(`
    query Me {
  me {
    userId
    name
    roles
    agency {
      id
      name
      kind
      regionCode
    }
  }
}
    `) as unknown as TypedDocumentString<MeQuery, MeQueryVariables>;
export const RegisterCaseDocument = new TypedDocumentString(`
    mutation RegisterCase($input: RegisterCaseInput!) {
  registerCase(input: $input) {
    id
    version
    status
  }
}
    `) as unknown as TypedDocumentString<RegisterCaseMutation, RegisterCaseMutationVariables>;
export const FileCaseDocument = new TypedDocumentString(`
    mutation FileCase($input: CaseStepInput!) {
  fileCase(input: $input) {
    id
    version
    status
  }
}
    `) as unknown as TypedDocumentString<FileCaseMutation, FileCaseMutationVariables>;
export const DecideNotToFileDocument = new TypedDocumentString(`
    mutation DecideNotToFile($input: CaseStepInput!) {
  decideNotToFile(input: $input) {
    id
    version
    status
  }
}
    `) as unknown as TypedDocumentString<DecideNotToFileMutation, DecideNotToFileMutationVariables>;
export const RecordEvidenceDocument = new TypedDocumentString(`
    mutation RecordEvidence($input: RecordEvidenceInput!) {
  recordEvidence(input: $input) {
    id
    version
    status
  }
}
    `) as unknown as TypedDocumentString<RecordEvidenceMutation, RecordEvidenceMutationVariables>;
export const DecidePenaltyDocument = new TypedDocumentString(`
    mutation DecidePenalty($input: DecidePenaltyInput!) {
  decidePenalty(input: $input) {
    id
    version
    status
  }
}
    `) as unknown as TypedDocumentString<DecidePenaltyMutation, DecidePenaltyMutationVariables>;
export const CloseCaseDocument = new TypedDocumentString(`
    mutation CloseCase($input: CaseStepInput!) {
  closeCase(input: $input) {
    id
    version
    status
  }
}
    `) as unknown as TypedDocumentString<CloseCaseMutation, CloseCaseMutationVariables>;
export const AuditTrailDocument = new TypedDocumentString(`
    query AuditTrail($streamId: String!) {
  auditTrail(streamId: $streamId) {
    streamId
    verification {
      valid
      checked
      brokenAt
      reason
    }
    events {
      type
      version
      occurredAt
      recordedAt
      hash
      hashAlgorithm
      actor {
        userId
        name
        roles
      }
    }
  }
}
    `) as unknown as TypedDocumentString<AuditTrailQuery, AuditTrailQueryVariables>;
export const CaseDetailDocument = new TypedDocumentString(`
    query CaseDetail($id: ID!, $asOf: DateTime) {
  case(id: $id, asOf: $asOf) {
    id
    number
    status
    source
    summary
    amountInvolvedFen
    violations
    warnings
    version
    streamId
    agency {
      id
      name
    }
    subject {
      kind
      name
      creditCode
      idNumberMasked
    }
    evidence {
      id
      kind
      title
      description
      recordedAt
    }
    penalty {
      decidedAt
      decisionNumber
      reason
      repeatOffender
      priorViolationsInWindow
      penalties {
        kind
        amountFen
        description
      }
      personsResponsible {
        name
        role
        idNumberMasked
      }
    }
    supervision {
      dueAt
      overdue
      reason
      requirements
      supervisedAt
      liftedAt
      liftReason
      closedAt
      commission {
        name
      }
    }
    transfers {
      id
      kind
      status
      sentAt
      proposedAt
      toAgency {
        name
      }
    }
    origin {
      operationId
      findingId
    }
  }
}
    `) as unknown as TypedDocumentString<CaseDetailQuery, CaseDetailQueryVariables>;
export const CasesDocument = new TypedDocumentString(`
    query Cases($filter: CaseFilter, $first: Int, $after: String) {
  cases(filter: $filter, first: $first, after: $after) {
    edges {
      cursor
      node {
        id
        number
        status
        summary
        violations
        warnings
        agency {
          id
          name
        }
        subject {
          name
        }
        supervision {
          dueAt
          overdue
        }
      }
    }
    pageInfo {
      hasNextPage
      endCursor
    }
  }
}
    `) as unknown as TypedDocumentString<CasesQuery, CasesQueryVariables>;
export const OperationsDocument = new TypedDocumentString(`
    query Operations {
  operations {
    id
    title
    status
    startsOn
    endsOn
    leadAgency {
      id
      name
    }
    participants {
      id
    }
  }
}
    `) as unknown as TypedDocumentString<OperationsQuery, OperationsQueryVariables>;
export const OversightDocument = new TypedDocumentString(`
    query Oversight($asOf: DateTime) {
  oversight {
    overdueTransfers(asOf: $asOf) {
      step
      label
      legalBasis
      dueAt
      party
      agency {
        name
      }
      transfer {
        id
        kind
        fromAgency {
          name
        }
        toAgency {
          name
        }
      }
    }
    supervisedCases(asOf: $asOf) {
      caseId
      number
      dueAt
      overdue
      status
      reason
      agency {
        name
      }
    }
    awaitingFeedback(asOf: $asOf) {
      daysWaiting
      sentAt
      stageLabel
      transfer {
        id
        kind
        fromAgency {
          name
        }
        toAgency {
          name
        }
      }
    }
  }
}
    `) as unknown as TypedDocumentString<OversightQuery, OversightQueryVariables>;
export const TransferDetailDocument = new TypedDocumentString(`
    query TransferDetail($id: ID!, $asOf: DateTime) {
  transfer(id: $id, asOf: $asOf) {
    id
    kind
    status
    reason
    caseId
    version
    streamId
    receiverStreamId
    copiedToProcuratorate
    approvalNote
    approverCapacityLabel
    seizedProperty
    caseTeam {
      userId
      name
    }
    absentMaterials {
      kind
      label
      reason
    }
    propertyHandOver {
      inventory
      handedOverAt
    }
    partyNotice {
      notifiedAt
      methodLabel
      documentNumber
    }
    proposedAt
    sentAt
    receivedAt
    handedOverAt
    fromAgency {
      id
      name
      kind
    }
    toAgency {
      id
      name
      kind
    }
    materials {
      kind
      title
    }
    handedOver {
      kind
      title
    }
    deadlines {
      step
      label
      legalBasis
      dueAt
      metAt
      metLate
      obligation
      party
      status
      extension {
        code
        reason
      }
    }
    official {
      name
      post
      employer
      managementLevel
      allegations
    }
    refusal {
      reason
      refusedAt
    }
    supplementRequest {
      reason
      requested
      requestedAt
    }
    acceptance {
      acceptedAt
      documentNumber
      reason
      propertyReceivedAt
    }
    decline {
      declinedAt
      reason
      reasonCategory
    }
    reconsideration {
      reason
      requestedAt
      decision {
        accepted
        decidedAt
        reason
      }
    }
    supervision {
      afterReconsideration
      reason
      suggestedAt
    }
    procuratorateInquiry {
      documentNumber
      receivedAt
    }
    nonFilingExplanation {
      explainedAt
      explanation
    }
    filingOrder {
      documentNumber
      receivedAt
    }
    returned {
      reason
      returnedAt
    }
    forwards {
      forwardedAt
      reason
      fromAgency {
        name
      }
      toAgency {
        name
      }
    }
    extensions {
      extendedAt
      extension
      reason
      step
    }
    dispositions {
      disposedAt
      disposition
      reason
    }
    result {
      outcome
      recordedAt
      result
    }
    closed {
      closedAt
      reason
    }
  }
}
    `) as unknown as TypedDocumentString<TransferDetailQuery, TransferDetailQueryVariables>;
export const TransfersDocument = new TypedDocumentString(`
    query Transfers($filter: TransferFilter!, $first: Int, $after: String) {
  transfers(filter: $filter, first: $first, after: $after) {
    edges {
      cursor
      node {
        id
        kind
        status
        reason
        sentAt
        proposedAt
        caseId
        fromAgency {
          id
          name
        }
        toAgency {
          id
          name
        }
        deadlines {
          step
          status
        }
      }
    }
    pageInfo {
      hasNextPage
      endCursor
    }
  }
}
    `) as unknown as TypedDocumentString<TransfersQuery, TransfersQueryVariables>;
export const MyWorkDocument = new TypedDocumentString(`
    query MyWork($asOf: DateTime) {
  myWork(asOf: $asOf) {
    key
    kind
    step
    stepLabel
    legalBasis
    dueAt
    status
    title
    transfer {
      id
      kind
      fromAgency {
        id
        name
      }
      toAgency {
        id
        name
      }
    }
    case {
      id
      number
    }
  }
}
    `) as unknown as TypedDocumentString<MyWorkQuery, MyWorkQueryVariables>;
export const WorkCountDocument = new TypedDocumentString(`
    query WorkCount {
  myWork {
    key
    status
  }
}
    `) as unknown as TypedDocumentString<WorkCountQuery, WorkCountQueryVariables>;
export const ApproveTransferDocument = new TypedDocumentString(`
    mutation ApproveTransfer($input: TransferStepInput!) {
  approveTransfer(input: $input) {
    id
    version
    status
  }
}
    `) as unknown as TypedDocumentString<ApproveTransferMutation, ApproveTransferMutationVariables>;
export const RefuseTransferDocument = new TypedDocumentString(`
    mutation RefuseTransfer($input: TransferStepInput!) {
  refuseTransfer(input: $input) {
    id
    version
    status
  }
}
    `) as unknown as TypedDocumentString<RefuseTransferMutation, RefuseTransferMutationVariables>;
export const ReceiveTransferDocument = new TypedDocumentString(`
    mutation ReceiveTransfer($input: TransferStepInput!) {
  receiveTransfer(input: $input) {
    id
    version
    status
  }
}
    `) as unknown as TypedDocumentString<ReceiveTransferMutation, ReceiveTransferMutationVariables>;
export const AcceptTransferDocument = new TypedDocumentString(`
    mutation AcceptTransfer($input: TransferStepInput!) {
  acceptTransfer(input: $input) {
    id
    version
    status
  }
}
    `) as unknown as TypedDocumentString<AcceptTransferMutation, AcceptTransferMutationVariables>;
export const DeclineTransferDocument = new TypedDocumentString(`
    mutation DeclineTransfer($input: TransferStepInput!) {
  declineTransfer(input: $input) {
    id
    version
    status
  }
}
    `) as unknown as TypedDocumentString<DeclineTransferMutation, DeclineTransferMutationVariables>;
export const RequestReconsiderationDocument = new TypedDocumentString(`
    mutation RequestReconsideration($input: TransferStepInput!) {
  requestReconsideration(input: $input) {
    id
    version
    status
  }
}
    `) as unknown as TypedDocumentString<RequestReconsiderationMutation, RequestReconsiderationMutationVariables>;
export const ReturnTransferDocument = new TypedDocumentString(`
    mutation ReturnTransfer($input: TransferStepInput!) {
  returnTransfer(input: $input) {
    id
    version
    status
  }
}
    `) as unknown as TypedDocumentString<ReturnTransferMutation, ReturnTransferMutationVariables>;
export const SuggestProcuratorateSupervisionDocument = new TypedDocumentString(`
    mutation SuggestProcuratorateSupervision($input: TransferStepInput!) {
  suggestProcuratorateSupervision(input: $input) {
    id
    version
    status
  }
}
    `) as unknown as TypedDocumentString<SuggestProcuratorateSupervisionMutation, SuggestProcuratorateSupervisionMutationVariables>;
export const CloseTransferDocument = new TypedDocumentString(`
    mutation CloseTransfer($input: TransferStepInput!) {
  closeTransfer(input: $input) {
    id
    version
    status
  }
}
    `) as unknown as TypedDocumentString<CloseTransferMutation, CloseTransferMutationVariables>;
export const RequestSupplementDocument = new TypedDocumentString(`
    mutation RequestSupplement($input: RequestSupplementInput!) {
  requestSupplement(input: $input) {
    id
    version
    status
  }
}
    `) as unknown as TypedDocumentString<RequestSupplementMutation, RequestSupplementMutationVariables>;
export const SupplyMaterialsDocument = new TypedDocumentString(`
    mutation SupplyMaterials($input: SupplementMaterialsInput!) {
  supplyMaterials(input: $input) {
    id
    version
    status
  }
}
    `) as unknown as TypedDocumentString<SupplyMaterialsMutation, SupplyMaterialsMutationVariables>;
export const DecideReconsiderationDocument = new TypedDocumentString(`
    mutation DecideReconsideration($input: DecideReconsiderationInput!) {
  decideReconsideration(input: $input) {
    id
    version
    status
  }
}
    `) as unknown as TypedDocumentString<DecideReconsiderationMutation, DecideReconsiderationMutationVariables>;
export const ForwardTransferDocument = new TypedDocumentString(`
    mutation ForwardTransfer($input: ForwardTransferInput!) {
  forwardTransfer(input: $input) {
    id
    version
    status
  }
}
    `) as unknown as TypedDocumentString<ForwardTransferMutation, ForwardTransferMutationVariables>;
export const ExtendDeadlineDocument = new TypedDocumentString(`
    mutation ExtendDeadline($input: ExtendDeadlineInput!) {
  extendDeadline(input: $input) {
    id
    version
    status
  }
}
    `) as unknown as TypedDocumentString<ExtendDeadlineMutation, ExtendDeadlineMutationVariables>;
export const HandOverMaterialsDocument = new TypedDocumentString(`
    mutation HandOverMaterials($input: HandOverMaterialsInput!) {
  handOverMaterials(input: $input) {
    id
    version
    status
  }
}
    `) as unknown as TypedDocumentString<HandOverMaterialsMutation, HandOverMaterialsMutationVariables>;
export const RecordTransferResultDocument = new TypedDocumentString(`
    mutation RecordTransferResult($input: RecordTransferResultInput!) {
  recordTransferResult(input: $input) {
    id
    version
    status
  }
}
    `) as unknown as TypedDocumentString<RecordTransferResultMutation, RecordTransferResultMutationVariables>;
export const DisposeClueDocument = new TypedDocumentString(`
    mutation DisposeClue($input: DisposeClueInput!) {
  disposeClue(input: $input) {
    id
    version
    status
  }
}
    `) as unknown as TypedDocumentString<DisposeClueMutation, DisposeClueMutationVariables>;
export const RecordProcuratorateInquiryDocument = new TypedDocumentString(`
    mutation RecordProcuratorateInquiry($input: ProcuratorateNoticeInput!) {
  recordProcuratorateInquiry(input: $input) {
    id
    version
    status
  }
}
    `) as unknown as TypedDocumentString<RecordProcuratorateInquiryMutation, RecordProcuratorateInquiryMutationVariables>;
export const ExplainNonFilingDocument = new TypedDocumentString(`
    mutation ExplainNonFiling($input: ExplainNonFilingInput!) {
  explainNonFiling(input: $input) {
    id
    version
    status
  }
}
    `) as unknown as TypedDocumentString<ExplainNonFilingMutation, ExplainNonFilingMutationVariables>;
export const RecordProcuratorateFilingOrderDocument = new TypedDocumentString(`
    mutation RecordProcuratorateFilingOrder($input: ProcuratorateNoticeInput!) {
  recordProcuratorateFilingOrder(input: $input) {
    id
    version
    status
  }
}
    `) as unknown as TypedDocumentString<RecordProcuratorateFilingOrderMutation, RecordProcuratorateFilingOrderMutationVariables>;
export const ProposeTransferDocument = new TypedDocumentString(`
    mutation ProposeTransfer($input: ProposeTransferInput!) {
  proposeTransfer(input: $input) {
    id
    version
    status
  }
}
    `) as unknown as TypedDocumentString<ProposeTransferMutation, ProposeTransferMutationVariables>;
export const AgenciesDocument = new TypedDocumentString(`
    query Agencies($kind: AgencyKind) {
  agencies(kind: $kind) {
    id
    name
    kind
    regionCode
  }
}
    `) as unknown as TypedDocumentString<AgenciesQuery, AgenciesQueryVariables>;