import { ForbiddenError } from '@xianjie/contracts/errors';
import type { AgencyLookup, AgencyRef } from './agencyRef.ts';
import { isWithinRegion } from './isWithinRegion.ts';
import { hasRole, type Principal, type Role } from './principal.ts';

/**
 * THE access rules of Xianjie (DESIGN §6), in one place: pure functions over a Principal and plain
 * facts about the thing asked for. Nothing here loads data; callers pass the facts in.
 *
 * - An agency sees its own cases; nothing is visible without a token (the verifier's job).
 * - A transfer and the materials it carries are seen by its sender and receiver.
 * - The discipline commission (`overseer` in a DISCIPLINE_INSPECTION agency) reads oversight
 *   views, cases and audit trails for agencies in its region and below, but runs no other
 *   agency's commands.
 * - Approvals (立案, 不予立案, 处罚决定) need `supervisor`.
 * - `admin` reads cases, audit trails and oversight views; it decides nothing in a case.
 */

export type AccessDecision = { allowed: true } | { allowed: false; reason: string };

const allow: AccessDecision = { allowed: true };
const deny = (reason: string): AccessDecision => ({ allowed: false, reason });

/** Throws ForbiddenError with the decision's reason when access is denied. */
export function assertAllowed(decision: AccessDecision): asserts decision is { allowed: true } {
  if (!decision.allowed) throw new ForbiddenError(decision.reason);
}

/** Who may run each case command (the owning agency's staff only; see `canRunCaseCommand`). */
export const caseCommandRoles = {
  registerCase: ['officer', 'supervisor'],
  recordEvidence: ['officer', 'supervisor'],
  closeCase: ['officer', 'supervisor'],
  /** 立案审批: filing needs the head's approval. */
  fileCase: ['supervisor'],
  /** 不予立案 is the same approval, answered no. */
  decideNotToFile: ['supervisor'],
  /** 处罚决定: 行政机关负责人 decides after the investigation (行政处罚法 第五十七条). */
  decidePenalty: ['supervisor'],
} as const satisfies Record<string, readonly Role[]>;

export type CaseCommand = keyof typeof caseCommandRoles;

/**
 * Who may run each transfer command, and on which side (DESIGN §3.2): the sender's steps are the
 * sending agency's, the receiver's steps the receiving agency's. Decisions that bind the agency
 * (负责人审批, 立案/不予立案, 复议决定, 线索处置, 延长期限) need the head.
 */
export const transferCommandRoles = {
  proposeTransfer: { side: 'sender', roles: ['officer', 'supervisor'] },
  /** 行政执法机关移送涉嫌犯罪案件的规定 第五条: 正职负责人或者主持工作的负责人 approves. */
  approveTransfer: { side: 'sender', roles: ['supervisor'] },
  refuseTransfer: { side: 'sender', roles: ['supervisor'] },
  supplyMaterials: { side: 'sender', roles: ['officer', 'supervisor'] },
  /** 复议 is requested by the agency: its head signs the request. */
  requestReconsideration: { side: 'sender', roles: ['supervisor'] },
  suggestProcuratorateSupervision: { side: 'sender', roles: ['supervisor'] },
  handOverMaterials: { side: 'sender', roles: ['officer', 'supervisor'] },
  closeTransfer: { side: 'sender', roles: ['officer', 'supervisor'] },
  receiveTransfer: { side: 'receiver', roles: ['officer', 'supervisor'] },
  forwardTransfer: { side: 'receiver', roles: ['officer', 'supervisor'] },
  returnTransfer: { side: 'receiver', roles: ['officer', 'supervisor'] },
  requestSupplement: { side: 'receiver', roles: ['officer', 'supervisor'] },
  /** 立案 / 不予立案 are the receiving agency's decisions (公安机关办理刑事案件程序规定 第一百八十条). */
  acceptTransfer: { side: 'receiver', roles: ['supervisor'] },
  declineTransfer: { side: 'receiver', roles: ['supervisor'] },
  extendDeadline: { side: 'receiver', roles: ['supervisor'] },
  decideReconsideration: { side: 'receiver', roles: ['supervisor'] },
  disposeClue: { side: 'receiver', roles: ['supervisor'] },
  recordTransferResult: { side: 'receiver', roles: ['officer', 'supervisor'] },
  /**
   * 立案监督 (公安机关办理刑事案件程序规定 第一百八十二条): an officer records the procuratorate's notices
   * as they arrive (要求说明不立案理由通知书, 通知立案书); the written explanation to the procuratorate
   * (不立案理由说明) is the agency's answer, signed by the head.
   */
  recordProcuratorateInquiry: { side: 'receiver', roles: ['officer', 'supervisor'] },
  explainNonFiling: { side: 'receiver', roles: ['supervisor'] },
  recordProcuratorateFilingOrder: { side: 'receiver', roles: ['officer', 'supervisor'] },
} as const satisfies Record<string, { side: 'sender' | 'receiver'; roles: readonly Role[] }>;

export type TransferCommand = keyof typeof transferCommandRoles;

/**
 * Who may run the commission's 挂牌督办 commands (DESIGN §3.4): the head (负责人) of a discipline
 * inspection commission (纪委监委) whose region covers the case's agency; see `canRunSupervisionCommand`.
 */
export const supervisionCommandRoles = {
  /** 挂牌督办: list a case for supervision with a due date. */
  superviseCase: ['supervisor'],
  /** 解除督办: lift it (the supervising commission or one above it). */
  liftCaseSupervision: ['supervisor'],
} as const satisfies Record<string, readonly Role[]>;

export type SupervisionCommandName = keyof typeof supervisionCommandRoles;

/**
 * Who may run each 联席会议 command (DESIGN §3.5), and as which party: the convening agency
 * (`convenor`: for `conveneJointMeeting`, the caller's own agency, which convenes) or the agency that
 * owns the decision (`owner`, 责任单位). Convening, 销号 and closing bind the convenor: its head.
 */
export const jointMeetingCommandRoles = {
  conveneJointMeeting: { party: 'convenor', roles: ['supervisor'] },
  /** 会议纪要: the convenor's staff record them (the office that keeps the meeting). */
  recordJointMeetingMinutes: { party: 'convenor', roles: ['officer', 'supervisor'] },
  /** 报告落实情况: the owner agency's staff. */
  reportJointMeetingDecision: { party: 'owner', roles: ['officer', 'supervisor'] },
  /** 核实销号 / 退回重办: the convenor's head. */
  verifyJointMeetingDecision: { party: 'convenor', roles: ['supervisor'] },
  closeJointMeeting: { party: 'convenor', roles: ['supervisor'] },
} as const satisfies Record<string, { party: 'convenor' | 'owner'; roles: readonly Role[] }>;

export type JointMeetingCommandName = keyof typeof jointMeetingCommandRoles;

/** The facts of a joint meeting the rules need. */
export interface JointMeetingFacts {
  convenorAgencyId: string;
  /** Every agency of the meeting (the convenor included). */
  participantAgencyIds: readonly string[];
}

/**
 * Who may run each 案件咨询 command (DESIGN §3.5): the asking agency's staff ask (for its own case);
 * the consulted agency's staff answer (its 法制 or case unit; the answer is an opinion, not a 立案决定).
 */
export const consultationCommandRoles = {
  askCaseConsultation: { party: 'asker', roles: ['officer', 'supervisor'] },
  answerCaseConsultation: { party: 'consulted', roles: ['officer', 'supervisor'] },
} as const satisfies Record<string, { party: 'asker' | 'consulted'; roles: readonly Role[] }>;

export type ConsultationCommandName = keyof typeof consultationCommandRoles;

/**
 * Who may run the procuratorate's 立案监督 commands (DESIGN §3.6): the staff of a procuratorate
 * (人民检察院) whose region covers the police agency; see `canRunFilingSupervisionCommand`.
 */
export const filingSupervisionCommandRoles = {
  /** 要求公安机关说明不立案理由: the procurator handling the supervision (检察官). */
  requestNonFilingExplanation: ['officer', 'supervisor'],
  /** 通知公安机关立案 is decided by the head (人民检察院刑事诉讼规则第五百六十条: 经检察长决定). */
  decideNonFilingReasons: ['supervisor'],
} as const satisfies Record<string, readonly Role[]>;

export type FilingSupervisionCommandName = keyof typeof filingSupervisionCommandRoles;

/**
 * Who may run each 线索通报 command (DESIGN §3.5): the sending agency's staff send; the notified
 * agency's staff acknowledge receipt (签收) and reply (反馈).
 */
export const clueNoticeCommandRoles = {
  sendClueNotice: { party: 'sender', roles: ['officer', 'supervisor'] },
  acknowledgeClueNotice: { party: 'notified', roles: ['officer', 'supervisor'] },
  replyClueNotice: { party: 'notified', roles: ['officer', 'supervisor'] },
} as const satisfies Record<string, { party: 'sender' | 'notified'; roles: readonly Role[] }>;

export type ClueNoticeCommandName = keyof typeof clueNoticeCommandRoles;

/**
 * The parties of a joint operation (专项整治, DESIGN §3.3) a command may belong to:
 * - `leadSupervisor`: a supervisor of the lead agency (for `planOperation`: of the planner's agency, which leads);
 * - `office`: the staff of the operation office (领导小组办公室: director and members), by platform account;
 * - `groupMember`: a person of the inspection group concerned (组长, 副组长, 成员), by platform account;
 * - `groupLeader`: the group's leader or deputy (组长, 副组长);
 * - `commissionStaff`: an overseer or supervisor of the discipline commission the result is reported to;
 * - `commissionHead`: a supervisor (负责人) of that commission.
 * Office and group parties also need a staff role (officer or supervisor).
 */
export type OperationParty =
  'leadSupervisor' | 'office' | 'groupMember' | 'groupLeader' | 'commissionStaff' | 'commissionHead';

/** Who may run each operation command: the lead agency's head plans; the groups inspect and keep their ledger. */
export const operationCommandRoles = {
  planOperation: ['leadSupervisor'],
  formInspectionGroup: ['leadSupervisor', 'office'],
  assignTargets: ['leadSupervisor', 'office'],
  /** 部署: the head launches. */
  launchOperation: ['leadSupervisor'],
  recordInspection: ['groupMember'],
  registerProblem: ['groupMember'],
  reportRectification: ['groupMember'],
  /** 销号: the group's leader or deputy verifies. */
  verifyRectification: ['groupLeader'],
  /** 回头看: the group's leader or deputy, or the office that organises it. */
  scheduleFollowUp: ['groupLeader', 'office'],
  /**
   * 自查自纠: the office records a facility's self-inspection report as it receives it. The facility
   * is an organisation with no account here (not an agency of the directory), and the seeds have it
   * report to the regulator's office (seed 000: 上报自检报告; seed 003: 报送专项治理办公室); the office
   * already sees every target, so recording reveals nothing hidden (四不两直, decision 0010).
   */
  recordSelfInspection: ['office'],
  /** 签收: the commission the result is reported to (seed 000: 将结果要向自治区纪委监委报告), its overseers or head. */
  acknowledgeOperationReport: ['commissionStaff'],
  /** 检查评估 (seed 000: 接受自治区纪委监委对专项整治工作成效的检查评估): the commission's judgement, signed by its head. */
  evaluateOperationReport: ['commissionHead'],
  /** 结果报告纪委监委: the lead agency reports. */
  reportResult: ['leadSupervisor'],
  closeOperation: ['leadSupervisor'],
} as const satisfies Record<string, readonly OperationParty[]>;

export type OperationCommandName = keyof typeof operationCommandRoles;

/** The facts of an operation the rules need: its agencies and the platform accounts of its people. */
export interface OperationFacts {
  leadAgencyId: string;
  /** Every participating agency (the lead included). */
  participantAgencyIds: readonly string[];
  /** The office's staff (director and members) with a platform account. */
  officeUserIds: readonly string[];
  /** The discipline commission the result report goes to (for the commission's parties). */
  resultRecipientAgencyId?: string;
}

/** The facts of one inspection group. */
export interface InspectionGroupFacts {
  /** Leader, deputy and members with a platform account. */
  memberUserIds: readonly string[];
  /** Leader and deputy with a platform account. */
  leaderUserIds: readonly string[];
  /** 四不两直: targets and schedule stay with the group and the office until inspected. */
  unannounced: boolean;
}

/**
 * Why personal data (a person's ID number, 当事人 details) is being read.
 * `handling`: the case team working on one case (decisions, 文书); `listing`: lists, search,
 * exports, dashboards; `oversight`: an overseer's or admin's review.
 */
export type PersonalDataUse = 'handling' | 'listing' | 'oversight';

export interface PersonalDataPurpose {
  use: PersonalDataUse;
  /** The agency that owns the case holding the data. */
  ownerAgencyId: string;
}

export interface AccessRules {
  /** Own agency; an overseer whose region contains the case agency's region; admin. */
  canReadCase(principal: Principal, facts: { agencyId: string }): AccessDecision;
  /**
   * The principal's agency must own the case (for `registerCase`: be the registering agency) and
   * the principal must hold a role of `caseCommandRoles[command]`. No one runs another agency's
   * case commands: not overseers, not admins.
   */
  canRunCaseCommand(principal: Principal, command: CaseCommand, facts: { agencyId: string }): AccessDecision;
  /**
   * The principal's agency must be the side the command belongs to (`transferCommandRoles`): the
   * sender for the sender's steps, the receiver for the receiver's; and hold one of its roles.
   */
  canRunTransferCommand(
    principal: Principal,
    command: TransferCommand,
    facts: { fromAgencyId: string; toAgencyId: string },
  ): AccessDecision;
  /**
   * The stream's owning agency and any party agency (a transfer's other side); overseers when the
   * owner or a party is in their region or below; admin.
   */
  canReadAuditTrail(
    principal: Principal,
    facts: { ownerAgencyId: string; partyAgencyIds?: readonly string[] },
  ): AccessDecision;
  /** Oversight views (overdue transfers, 以罚代刑 warnings, ...): overseers of a commission; admin. */
  canReadOversight(principal: Principal): AccessDecision;
  /** A transfer and its materials: the sender and the receiver only. */
  canReadTransfer(principal: Principal, facts: { fromAgencyId: string; toAgencyId: string }): AccessDecision;
  /** A transfer in an oversight view: overseers when either side is in their region or below; admin. */
  canOverseeTransfer(
    principal: Principal,
    facts: { fromAgencyId: string; toAgencyId: string },
  ): AccessDecision;
  /**
   * Whether the caller may show personal data unmasked: only the owning agency's supervisor, and
   * only while handling the case. Everyone else, overseers included, gets masked values.
   */
  needsUnmaskedPersonalData(principal: Principal, purpose: PersonalDataPurpose): boolean;
  /**
   * Whether a read of personal data held by `ownerAgencyId` is an oversight read that the caller
   * MUST record (DESIGN §3.4: reads of personal data by overseers are themselves recorded): true
   * for an overseer or admin reading another agency's case whose subject is a natural person
   * (`subjectKind` PERSON; an organisation's data is not personal data). The rules cannot record anything
   * themselves (they are pure); the gateway appends the record before returning the data.
   */
  mustRecordPersonalDataRead(
    principal: Principal,
    facts: { ownerAgencyId: string; subjectKind: 'ORGANIZATION' | 'PERSON' },
  ): boolean;
  /**
   * 查询留痕: the record of overseers' reads of personal data. Without facts: a supervisor of a
   * discipline inspection commission, or admin (not the overseers themselves: who watches the
   * watchers). With the reader's agency: admin; a commission's supervisor when the reader's agency
   * is the commission or in its region and below.
   */
  canReadPersonalDataReads(principal: Principal, facts?: { readerAgencyId: string }): AccessDecision;
  /**
   * 挂牌督办 / 解除督办: a supervisor of a discipline inspection commission (no one else: not
   * overseers, not admins). With the case's `agencyId`: the commission's region contains the
   * agency's. With `supervisingAgencyId` (lifting): the commission is the supervising one or one
   * whose region contains it. Callers ask without facts first (not a commission's head: FORBIDDEN)
   * and then with them (a case outside the region: the caller reports it NOT_FOUND).
   */
  canRunSupervisionCommand(
    principal: Principal,
    command: SupervisionCommandName,
    facts?: { agencyId: string; supervisingAgencyId?: string },
  ): AccessDecision;
  /** The list of cases under supervision (挂牌督办): an overseer or supervisor of a commission; admin. */
  canReadSupervisedCases(principal: Principal): AccessDecision;
  /**
   * The store's integrity against the commission's signed checkpoints (decision 0011): verifying
   * it and taking a checkpoint on demand; an overseer or supervisor of a commission; admin. Which
   * streams a problem may be named for is `canReadAuditTrail`'s to say.
   */
  canVerifyStoreIntegrity(principal: Principal): AccessDecision;
  /**
   * One case's supervision: the case's own agency (it handles the case and must know its due date);
   * an overseer or supervisor of a commission whose region contains the case's agency; admin.
   */
  canReadCaseSupervision(principal: Principal, facts: { agencyId: string }): AccessDecision;
  /**
   * A joint meeting (联席会议: its minutes, decisions and their follow-through): the agencies of the
   * meeting; overseers of a commission whose region contains one of them; admin.
   */
  canReadJointMeeting(principal: Principal, facts: JointMeetingFacts): AccessDecision;
  /**
   * The principal's agency must be the party of `jointMeetingCommandRoles[command]` (the convenor;
   * for a decision's report, its owner agency, `ownerAgencyId`) and hold one of its roles. For
   * `conveneJointMeeting` the convenor is the caller's agency.
   */
  canRunJointMeetingCommand(
    principal: Principal,
    command: JointMeetingCommandName,
    facts: { convenorAgencyId: string; ownerAgencyId?: string },
  ): AccessDecision;
  /** A case consultation (案件咨询): the asking and the consulted agency; overseers of either's region; admin. */
  canReadCaseConsultation(
    principal: Principal,
    facts: { fromAgencyId: string; toAgencyId: string },
  ): AccessDecision;
  /** The principal's agency must be the command's party (`consultationCommandRoles`) and hold one of its roles. */
  canRunConsultationCommand(
    principal: Principal,
    command: ConsultationCommandName,
    facts: { fromAgencyId: string; toAgencyId?: string },
  ): AccessDecision;
  /**
   * The procuratorate's copy (抄送) of a criminal transfer, its progress without its materials: the
   * staff (officer, supervisor) of a procuratorate (人民检察院) whose region contains either party's
   * region (the procuratorate of the region or one above it). No one else: the parties read the
   * transfer itself, overseers the oversight views. Without facts: whether the principal is a
   * procuratorate's staff at all (the list of copies).
   */
  canReadTransferCopy(principal: Principal, facts?: { fromAgencyId: string; toAgencyId: string }): AccessDecision;
  /**
   * 立案监督 commands: a procuratorate's staff with a role of `filingSupervisionCommandRoles[command]`.
   * With the police agency: the procuratorate's region contains it. Callers ask without facts first
   * (not a procuratorate's: FORBIDDEN) and then with them (a transfer outside the region: NOT_FOUND).
   */
  canRunFilingSupervisionCommand(
    principal: Principal,
    command: FilingSupervisionCommandName,
    facts?: { policeAgencyId: string },
  ): AccessDecision;
  /**
   * One transfer's 立案监督 (its steps and outcome): the transfer's two parties (the agency is told
   * the outcome; the police answer it); a procuratorate that may read the copy; overseers of either
   * side's region; admin.
   */
  canReadFilingSupervision(principal: Principal, facts: { fromAgencyId: string; toAgencyId: string }): AccessDecision;
  /** A clue notice (线索通报): the sending and the notified agency; overseers of either's region; admin. */
  canReadClueNotice(
    principal: Principal,
    facts: { fromAgencyId: string; toAgencyId: string },
  ): AccessDecision;
  /** The principal's agency must be the command's party (`clueNoticeCommandRoles`) and hold one of its roles. */
  canRunClueNoticeCommand(
    principal: Principal,
    command: ClueNoticeCommandName,
    facts: { fromAgencyId: string; toAgencyId?: string },
  ): AccessDecision;
  /** A joint operation (plan, groups, ledger, progress): the participating agencies' staff; overseers of their region; admin. */
  canReadOperation(
    principal: Principal,
    facts: Pick<OperationFacts, 'leadAgencyId' | 'participantAgencyIds'>,
  ): AccessDecision;
  /**
   * An operation's result report (结果报告, with the commission's 签收 and 检查评估) and its header
   * (title, agencies, status): whoever reads the operation; and a commission's supervisors, not only
   * its overseers, when a participant is in the commission's region or below (the report is made to
   * the commission; its head reads it without reading the plan, the groups or the ledger).
   */
  canReadOperationReport(
    principal: Principal,
    facts: Pick<OperationFacts, 'leadAgencyId' | 'participantAgencyIds'>,
  ): AccessDecision;
  /**
   * An inspection group's target list and schedule. Announced groups and inspected targets: whoever
   * reads the operation. An unannounced group's targets not yet inspected (四不两直): the group's
   * members and the operation office only — not the lead agency's other staff, not overseers, not admins.
   */
  canReadInspectionPlan(
    principal: Principal,
    facts: OperationFacts & { group: InspectionGroupFacts; inspected: boolean },
  ): AccessDecision;
  /**
   * The principal must be a party of `operationCommandRoles[command]`: for `planOperation`, a
   * supervisor (the planner's agency leads); otherwise the lead agency's supervisor, the office's
   * staff, or the group's members or leaders (for the group commands, `group` is required).
   */
  canRunOperationCommand(
    principal: Principal,
    command: OperationCommandName,
    facts: OperationFacts & { group?: Pick<InspectionGroupFacts, 'memberUserIds' | 'leaderUserIds'> },
  ): AccessDecision;
}

/** Builds the rules over the agency directory (agency kind and region are needed for oversight). */
export const createAccessRules = (lookupAgency: AgencyLookup): AccessRules => {
  type Scope = { ok: true; agency: AgencyRef } | { ok: false; reason: string };

  /** The region an overseer oversees: their own commission's. */
  const overseerScope = (principal: Principal): Scope => {
    if (!hasRole(principal, 'overseer'))
      return { ok: false, reason: `${principal.userId} lacks the overseer role` };
    const agency = lookupAgency(principal.agencyId);
    if (!agency) return { ok: false, reason: `agency "${principal.agencyId}" is not in the directory` };
    if (agency.kind !== 'DISCIPLINE_INSPECTION') {
      return {
        ok: false,
        reason: `the overseer role counts only in a discipline inspection agency (纪委监委); ${agency.id} is ${agency.kind}`,
      };
    }
    return { ok: true, agency };
  };

  /** Whether the overseer's commission covers any of the agencies; else why not. */
  const oversees = (commission: AgencyRef, agencyIds: readonly string[]): AccessDecision => {
    const outside: string[] = [];
    for (const agencyId of agencyIds) {
      const agency = lookupAgency(agencyId);
      if (!agency) {
        outside.push(`${agencyId} (not in the directory)`);
      } else if (isWithinRegion(agency.regionCode, commission.regionCode)) {
        return allow;
      } else {
        outside.push(`${agency.id} (region ${agency.regionCode})`);
      }
    }
    return deny(
      `${commission.id} oversees region ${commission.regionCode} and below; ` +
        `${outside.join(', ')} ${outside.length > 1 ? 'are' : 'is'} outside it`,
    );
  };

  const asOverseer = (
    principal: Principal,
    agencyIds: readonly string[],
    otherwise: string,
  ): AccessDecision => {
    if (!hasRole(principal, 'overseer')) return deny(otherwise);
    const scope = overseerScope(principal);
    if (!scope.ok) return deny(`${otherwise}; ${scope.reason}`);
    return oversees(scope.agency, agencyIds);
  };

  /** A commission's staff for 挂牌督办: a DISCIPLINE_INSPECTION agency and one of `roles`. */
  const commissionScope = (principal: Principal, roles: readonly Role[]): Scope => {
    const agency = lookupAgency(principal.agencyId);
    if (!agency) return { ok: false, reason: `agency "${principal.agencyId}" is not in the directory` };
    if (agency.kind !== 'DISCIPLINE_INSPECTION') {
      return {
        ok: false,
        reason: `this is for the discipline inspection commission (纪委监委); ${agency.id} is ${agency.kind}`,
      };
    }
    if (!roles.some((role) => hasRole(principal, role))) {
      return { ok: false, reason: `${principal.userId} lacks the role ${roles.join(' or ')}` };
    }
    return { ok: true, agency };
  };

  /** A procuratorate's staff (人民检察院): a PROCURATORATE agency and one of `roles`. */
  const procuratorateScope = (principal: Principal, roles: readonly Role[]): Scope => {
    const agency = lookupAgency(principal.agencyId);
    if (!agency) return { ok: false, reason: `agency "${principal.agencyId}" is not in the directory` };
    if (agency.kind !== 'PROCURATORATE') {
      return { ok: false, reason: `this is for the procuratorate (人民检察院); ${agency.id} is ${agency.kind}` };
    }
    if (!roles.some((role) => hasRole(principal, role))) {
      return { ok: false, reason: `${principal.userId} lacks the role ${roles.join(' or ')}` };
    }
    return { ok: true, agency };
  };

  const canReadTransferCopy: AccessRules['canReadTransferCopy'] = (principal, facts) => {
    const scope = procuratorateScope(principal, ['officer', 'supervisor']);
    if (!scope.ok) {
      const what = facts ? `the copy (抄送) of a transfer from ${facts.fromAgencyId} to ${facts.toAgencyId}` : 'the copies (抄送) of criminal transfers';
      return deny(`${what} are for the procuratorates of its region: ${scope.reason}`);
    }
    return facts ? oversees(scope.agency, [facts.fromAgencyId, facts.toAgencyId]) : allow;
  };

  const canReadOperation: AccessRules['canReadOperation'] = (principal, { leadAgencyId, participantAgencyIds }) => {
    if (hasRole(principal, 'admin') || participantAgencyIds.includes(principal.agencyId)) return allow;
    return asOverseer(
      principal,
      [leadAgencyId, ...participantAgencyIds],
      `an operation of ${leadAgencyId} is visible to its participating agencies and to overseers of their region only`,
    );
  };

  return {
    canReadCase(principal, { agencyId }) {
      if (hasRole(principal, 'admin') || principal.agencyId === agencyId) return allow;
      return asOverseer(
        principal,
        [agencyId],
        `cases of ${agencyId} are visible to that agency and to overseers of its region only`,
      );
    },

    canRunCaseCommand(principal, command, { agencyId }) {
      const required: readonly Role[] | undefined = Object.hasOwn(caseCommandRoles, command)
        ? caseCommandRoles[command]
        : undefined;
      if (!required) return deny(`unknown case command "${String(command)}"`);
      if (principal.agencyId !== agencyId) {
        return deny(`${command}: only ${agencyId} runs commands on its own cases`);
      }
      if (!required.some((role) => hasRole(principal, role))) {
        const approval = required.includes('officer') ? '' : " (负责人审批: the head's approval)";
        return deny(`${command} needs the role ${required.join(' or ')}${approval}`);
      }
      return allow;
    },

    canRunTransferCommand(principal, command, { fromAgencyId, toAgencyId }) {
      const rule = Object.hasOwn(transferCommandRoles, command) ? transferCommandRoles[command] : undefined;
      if (!rule) return deny(`unknown transfer command "${String(command)}"`);
      const party = rule.side === 'sender' ? fromAgencyId : toAgencyId;
      if (principal.agencyId !== party) {
        return deny(`${command} is the ${rule.side}'s step: only ${party} runs it on this transfer`);
      }
      const roles: readonly Role[] = rule.roles;
      if (!roles.some((role) => hasRole(principal, role))) {
        const approval = roles.includes('officer') ? '' : " (负责人审批: the head's approval)";
        return deny(`${command} needs the role ${roles.join(' or ')}${approval}`);
      }
      return allow;
    },

    canReadAuditTrail(principal, { ownerAgencyId, partyAgencyIds = [] }) {
      const agencies = [ownerAgencyId, ...partyAgencyIds];
      if (hasRole(principal, 'admin') || agencies.includes(principal.agencyId)) return allow;
      return asOverseer(
        principal,
        agencies,
        `the audit trail of a stream owned by ${ownerAgencyId} is visible to its owner, the parties and overseers of their region only`,
      );
    },

    canReadOversight(principal) {
      if (hasRole(principal, 'admin')) return allow;
      const scope = overseerScope(principal);
      return scope.ok
        ? allow
        : deny(
            `oversight views are for overseers of a discipline inspection agency (纪委监委): ${scope.reason}`,
          );
    },

    canReadTransfer(principal, { fromAgencyId, toAgencyId }) {
      if (principal.agencyId === fromAgencyId || principal.agencyId === toAgencyId) return allow;
      return deny(
        `a transfer from ${fromAgencyId} to ${toAgencyId} and its materials are visible to the sender and receiver only` +
          (hasRole(principal, 'overseer') ? '; overseers use the oversight view' : ''),
      );
    },

    canOverseeTransfer(principal, { fromAgencyId, toAgencyId }) {
      if (hasRole(principal, 'admin')) return allow;
      return asOverseer(
        principal,
        [fromAgencyId, toAgencyId],
        `a transfer from ${fromAgencyId} to ${toAgencyId} is overseen by overseers of either side's region only`,
      );
    },

    needsUnmaskedPersonalData(principal, { use, ownerAgencyId }) {
      return use === 'handling' && principal.agencyId === ownerAgencyId && hasRole(principal, 'supervisor');
    },

    mustRecordPersonalDataRead(principal, { ownerAgencyId, subjectKind }) {
      return (
        subjectKind === 'PERSON' &&
        principal.agencyId !== ownerAgencyId &&
        (hasRole(principal, 'overseer') || hasRole(principal, 'admin'))
      );
    },

    canRunSupervisionCommand(principal, command, facts) {
      const required: readonly Role[] | undefined = Object.hasOwn(supervisionCommandRoles, command)
        ? supervisionCommandRoles[command]
        : undefined;
      if (!required) return deny(`unknown supervision command "${String(command)}"`);
      const scope = commissionScope(principal, required);
      if (!scope.ok)
        return deny(
          `${command} is for the head of a discipline inspection commission (纪委监委负责人): ${scope.reason}`,
        );
      if (!facts) return allow;
      const covered = oversees(scope.agency, [facts.agencyId]);
      if (!covered.allowed) return covered;
      if (facts.supervisingAgencyId !== undefined && facts.supervisingAgencyId !== scope.agency.id) {
        const supervising = lookupAgency(facts.supervisingAgencyId);
        if (!supervising || !isWithinRegion(supervising.regionCode, scope.agency.regionCode)) {
          return deny(
            `${command}: the case is supervised by ${facts.supervisingAgencyId}; only that commission or one above it lifts the supervision`,
          );
        }
      }
      return allow;
    },

    canReadPersonalDataReads(principal, facts) {
      // A commission's own admins, not every agency's: whom the commission reads about is its secret (DESIGN §6).
      const scope = commissionScope(principal, ['supervisor', 'admin']);
      if (!scope.ok) {
        return deny(
          `the record of personal data reads (查询留痕) is for a commission's supervisors (纪委监委负责人) and admins: ${scope.reason}`,
        );
      }
      return facts && !hasRole(principal, 'admin') ? oversees(scope.agency, [facts.readerAgencyId]) : allow;
    },

    canReadSupervisedCases(principal) {
      // The commission's list (挂牌督办) is its own: another agency's admin is not told which cases are supervised.
      const scope = commissionScope(principal, ['overseer', 'supervisor', 'admin']);
      return scope.ok
        ? allow
        : deny(
            `the cases under supervision (挂牌督办) are listed to a commission's overseers and supervisors: ${scope.reason}`,
          );
    },

    canVerifyStoreIntegrity(principal) {
      if (hasRole(principal, 'admin')) return allow;
      const scope = commissionScope(principal, ['overseer', 'supervisor']);
      return scope.ok
        ? allow
        : deny(
            `the store's integrity (完整性校验) is verified by a commission's overseers and supervisors: ${scope.reason}`,
          );
    },

    canReadCaseSupervision(principal, { agencyId }) {
      if (hasRole(principal, 'admin') || principal.agencyId === agencyId) return allow;
      const scope = commissionScope(principal, ['overseer', 'supervisor']);
      if (!scope.ok) {
        return deny(
          `the supervision of a case of ${agencyId} is visible to that agency and to the commissions of its region only; ${scope.reason}`,
        );
      }
      return oversees(scope.agency, [agencyId]);
    },

    canReadJointMeeting(principal, { convenorAgencyId, participantAgencyIds }) {
      if (hasRole(principal, 'admin') || participantAgencyIds.includes(principal.agencyId)) return allow;
      return asOverseer(
        principal,
        [convenorAgencyId, ...participantAgencyIds],
        `a joint meeting convened by ${convenorAgencyId} is visible to its agencies and to overseers of their region only`,
      );
    },

    canRunJointMeetingCommand(principal, command, { convenorAgencyId, ownerAgencyId }) {
      const rule = Object.hasOwn(jointMeetingCommandRoles, command)
        ? jointMeetingCommandRoles[command]
        : undefined;
      if (!rule) return deny(`unknown joint meeting command "${String(command)}"`);
      const party = rule.party === 'convenor' ? convenorAgencyId : ownerAgencyId;
      if (party === undefined || principal.agencyId !== party) {
        return deny(
          rule.party === 'convenor'
            ? `${command} is the convening agency's (${convenorAgencyId}): only it runs it`
            : `${command} is the owner agency's (责任单位${ownerAgencyId ? ` ${ownerAgencyId}` : ''}): only it reports its decision done`,
        );
      }
      const roles: readonly Role[] = rule.roles;
      if (!roles.some((role) => hasRole(principal, role))) {
        const approval = roles.includes('officer') ? '' : " (负责人: the head's)";
        return deny(`${command} needs the role ${roles.join(' or ')}${approval}`);
      }
      return allow;
    },

    canReadCaseConsultation(principal, { fromAgencyId, toAgencyId }) {
      if (
        hasRole(principal, 'admin') ||
        principal.agencyId === fromAgencyId ||
        principal.agencyId === toAgencyId
      )
        return allow;
      return asOverseer(
        principal,
        [fromAgencyId, toAgencyId],
        `a consultation of ${fromAgencyId} with ${toAgencyId} is visible to the two agencies and to overseers of their region only`,
      );
    },

    canRunConsultationCommand(principal, command, { fromAgencyId, toAgencyId }) {
      const rule = Object.hasOwn(consultationCommandRoles, command)
        ? consultationCommandRoles[command]
        : undefined;
      if (!rule) return deny(`unknown consultation command "${String(command)}"`);
      const party = rule.party === 'asker' ? fromAgencyId : toAgencyId;
      if (party === undefined || principal.agencyId !== party) {
        return deny(
          `${command} is the ${rule.party === 'asker' ? 'asking' : 'consulted'} agency's step: only ${party ?? 'it'} runs it`,
        );
      }
      const roles: readonly Role[] = rule.roles;
      if (!roles.some((role) => hasRole(principal, role)))
        return deny(`${command} needs the role ${roles.join(' or ')}`);
      return allow;
    },

    canReadClueNotice(principal, { fromAgencyId, toAgencyId }) {
      if (
        hasRole(principal, 'admin') ||
        principal.agencyId === fromAgencyId ||
        principal.agencyId === toAgencyId
      )
        return allow;
      return asOverseer(
        principal,
        [fromAgencyId, toAgencyId],
        `a clue notice of ${fromAgencyId} to ${toAgencyId} is visible to the two agencies and to overseers of their region only`,
      );
    },

    canRunClueNoticeCommand(principal, command, { fromAgencyId, toAgencyId }) {
      const rule = Object.hasOwn(clueNoticeCommandRoles, command)
        ? clueNoticeCommandRoles[command]
        : undefined;
      if (!rule) return deny(`unknown clue-notice command "${String(command)}"`);
      const party = rule.party === 'sender' ? fromAgencyId : toAgencyId;
      if (party === undefined || principal.agencyId !== party) {
        return deny(
          `${command} is the ${rule.party === 'sender' ? 'sending' : 'notified'} agency's step: only ${party ?? 'it'} runs it`,
        );
      }
      const roles: readonly Role[] = rule.roles;
      if (!roles.some((role) => hasRole(principal, role)))
        return deny(`${command} needs the role ${roles.join(' or ')}`);
      return allow;
    },

    canReadTransferCopy,

    canRunFilingSupervisionCommand(principal, command, facts) {
      const required: readonly Role[] | undefined = Object.hasOwn(filingSupervisionCommandRoles, command)
        ? filingSupervisionCommandRoles[command]
        : undefined;
      if (!required) return deny(`unknown filing supervision command "${String(command)}"`);
      const scope = procuratorateScope(principal, required);
      if (!scope.ok) {
        const head = required.includes('officer') ? '' : ' (经检察长决定: the head)';
        return deny(`${command} is for the procuratorate (人民检察院)${head}: ${scope.reason}`);
      }
      return facts ? oversees(scope.agency, [facts.policeAgencyId]) : allow;
    },

    canReadFilingSupervision(principal, facts) {
      if (hasRole(principal, 'admin') || principal.agencyId === facts.fromAgencyId || principal.agencyId === facts.toAgencyId) return allow;
      if (canReadTransferCopy(principal, facts).allowed) return allow;
      return asOverseer(
        principal,
        [facts.fromAgencyId, facts.toAgencyId],
        `the 立案监督 of a transfer from ${facts.fromAgencyId} to ${facts.toAgencyId} is visible to its parties, the procuratorates and overseers of their region only`,
      );
    },

    canReadOperation,

    canReadOperationReport(principal, facts) {
      if (canReadOperation(principal, facts).allowed) return allow;
      const scope = commissionScope(principal, ['supervisor']);
      if (!scope.ok) {
        return deny(
          `the result report of an operation of ${facts.leadAgencyId} is read by its participants and by the overseers and supervisors of the commissions of their region: ${scope.reason}`,
        );
      }
      return oversees(scope.agency, [facts.leadAgencyId, ...facts.participantAgencyIds]);
    },

    canReadInspectionPlan(principal, facts) {
      const isStaff = hasRole(principal, 'officer') || hasRole(principal, 'supervisor');
      const insider =
        isStaff &&
        (facts.group.memberUserIds.includes(principal.userId) ||
          facts.officeUserIds.includes(principal.userId));
      if (insider) return allow;
      if (facts.group.unannounced && !facts.inspected) {
        return deny(
          '四不两直: the targets and schedule of an unannounced inspection group are visible to its members and the operation office only until inspected',
        );
      }
      return canReadOperation(principal, facts);
    },

    canRunOperationCommand(principal, command, facts) {
      const parties: readonly OperationParty[] | undefined = Object.hasOwn(operationCommandRoles, command)
        ? operationCommandRoles[command]
        : undefined;
      if (!parties) return deny(`unknown operation command "${String(command)}"`);
      const isStaff = hasRole(principal, 'officer') || hasRole(principal, 'supervisor');
      const is = (party: OperationParty): boolean => {
        switch (party) {
          case 'leadSupervisor':
            return principal.agencyId === facts.leadAgencyId && hasRole(principal, 'supervisor');
          case 'office':
            return isStaff && facts.officeUserIds.includes(principal.userId);
          case 'groupMember':
            return isStaff && (facts.group?.memberUserIds.includes(principal.userId) ?? false);
          case 'groupLeader':
            return isStaff && (facts.group?.leaderUserIds.includes(principal.userId) ?? false);
          case 'commissionStaff':
          case 'commissionHead': {
            if (
              facts.resultRecipientAgencyId === undefined ||
              principal.agencyId !== facts.resultRecipientAgencyId
            )
              return false;
            const roles: readonly Role[] =
              party === 'commissionHead' ? ['supervisor'] : ['overseer', 'supervisor'];
            return commissionScope(principal, roles).ok;
          }
        }
      };
      if (parties.some(is)) return allow;
      const described: Record<OperationParty, string> = {
        leadSupervisor: `a supervisor of the lead agency ${facts.leadAgencyId} (负责人)`,
        office: "the operation office's staff",
        groupMember: "the inspection group's members",
        groupLeader: "the inspection group's leader or deputy (组长、副组长)",
        commissionStaff: `the overseers or supervisors of ${facts.resultRecipientAgencyId ?? 'the commission'} (the result is reported to it)`,
        commissionHead: `a supervisor (负责人) of ${facts.resultRecipientAgencyId ?? 'the commission'} (the result is reported to it)`,
      };
      return deny(
        `${command} is for ${parties.map((p) => described[p]).join(' or ')}; ${principal.userId} is not one`,
      );
    },
  };
};
