/**
 * Runs the authorization matrix of accessSpec.ts against a gateway (embedded or distributed): sets
 * up the targets (a case, a transfer, a case under 挂牌督办 and a joint operation, all in 650100,
 * each carrying a secret marker), then asks every query and mutation as every principal (agency
 * kind × role × region) and as nobody. Mutations carry `expectedVersion: 9999`: an allowed caller
 * gets CONFLICT (a domain error) and nothing changes, so the targets stay as they were; a denied
 * caller must get FORBIDDEN/NOT_FOUND before any version check.
 */
import { randomUUID } from 'node:crypto';
import { creditCodeCheckChar } from '@xianjie/contracts';
import { caseStepMutation } from '../support/caseOperations.ts';
import { personOf } from '../support/operationOperations.ts';
import {
  createTransferOperations,
  criminalMaterials,
  errorCode,
  type Gql,
  type GqlResult,
} from '../support/transferOperations.ts';
import { eventually } from '../support/eventually.ts';
import {
  accessTable,
  knownGap,
  principals,
  relationTo,
  roleName,
  targetFacts,
  type AccessRow,
  type Role,
  type SpecPrincipal,
} from './accessSpec.ts';

export const MARKER = '机密标记XJ7Q';

export interface MatrixDeps {
  gql: Gql;
  /** A development token for any principal (the directory decides which agencies exist). */
  mint(p: {
    userId: string;
    name: string;
    agencyId: string;
    roles: Role[];
    capacity?: 'HEAD';
  }): Promise<string>;
  /** Fires every reminder timer as of a far date (embedded: the commission's scheduler), so the targets have notifications. */
  fireReminders?(): Promise<void>;
}

export interface Targets {
  caseId: string;
  caseStreamId: string;
  transferId: string;
  operationId: string;
  meetingId: string;
  consultationId: string;
  clueNoticeId: string;
  /** Whether reminders were fired for the transfer (the notification centre's target); not in distributed mode. */
  notificationsFired: boolean;
}

const code = (region: string, n: number) => {
  const first17 = `12${region}MB${String(n).padStart(7, '0')}`;
  return `${first17}${creditCodeCheckChar(first17)}`;
};

const planInput = (commandId: string) => ({
  commandId,
  title: `矩阵测试专项整治 ${MARKER}`,
  legalBasis: ['《中华人民共和国药品管理法》'],
  participantAgencyIds: ['police-650100'],
  startsOn: '2030-04-20',
  endsOn: '2030-07-31',
  phases: [
    { kind: 'SELF_INSPECTION', startsOn: '2030-04-20', endsOn: '2030-04-30' },
    { kind: 'SUPERVISORY_INSPECTION', startsOn: '2030-05-01', endsOn: '2030-05-31' },
  ],
  focusItems: [{ title: '是否存在无证配制的行为' }],
  leadingGroup: {
    leader: personOf('周启航', 'amr-650100', '负责人', { userId: 'u-matrix-amr-650100-supervisor' }),
  },
  office: {
    hostUnit: '稽查支队',
    director: personOf('帕丽旦·热合曼', 'amr-650100', '执法人员', { userId: 'u-matrix-amr-650100-officer' }),
  },
  targets: [{ name: `乌鲁木齐某医院 ${MARKER}`, creditCode: code('650100', 77), regionCode: '650100' }],
});

const dataOf = <T>(what: string, res: GqlResult<T>): T => {
  if (res.errors?.length || !res.data) throw new Error(`${what}: ${JSON.stringify(res.errors)}`);
  return res.data;
};

export const setUpTargets = async (
  deps: MatrixDeps,
  token: (agencyId: string, role: string) => Promise<string>,
): Promise<Targets> => {
  const ops = createTransferOperations(deps.gql, { timeoutMs: 30_000 });
  const [officer, supervisor, police, cdiSupervisor] = await Promise.all([
    token('amr-650100', 'officer'),
    // the head: a criminal transfer is approved by the head only (Decree art. 5)
    token('amr-650100', 'head'),
    token('police-650100', 'officer'),
    token('cdi-650100', 'supervisor'),
  ]);
  const c = await ops.registerCase(
    officer,
    {
      subject: {
        kind: 'ORGANIZATION',
        name: `乌鲁木齐矩阵药房有限公司 ${MARKER}`,
        creditCode: '91650102MA7XJ0012E',
      },
      source: 'INSPECTION',
      summary: `授权矩阵目标案件 ${MARKER}`,
      violations: ['UNLICENSED_COMPOUNDING'],
      amountInvolvedFen: 5_000_000,
    },
    supervisor,
  );
  const sent = await ops.send({
    caseId: c.id,
    kind: 'CRIMINAL',
    toAgencyId: 'police-650100',
    reason: `涉嫌妨害药品管理罪 ${MARKER}`,
    materials: criminalMaterials,
    officer,
    supervisor,
    receiverToken: police,
  });
  dataOf(
    'superviseCase',
    await deps.gql(
      `mutation($input: SuperviseCaseInput!) { superviseCase(input: $input) { __typename } }`,
      {
        input: {
          caseId: c.id,
          dueDate: '2030-12-31',
          reason: `挂牌督办 ${MARKER}`,
          requirements: '按期办结',
        },
      },
      cdiSupervisor,
    ),
  );
  const planned = dataOf(
    'planOperation',
    await deps.gql<{ planOperation: { id: string } }>(
      `mutation($input: PlanOperationInput!) { planOperation(input: $input) { id } }`,
      { input: planInput(randomUUID()) },
      supervisor,
    ),
  ).planOperation;
  // 抄送: the procuratorate's copy arrives from the bus.
  const procurator = await token('procuratorate-650100', 'officer');
  await eventually(
    async () =>
      (
        await deps.gql<{ transferCopies: { transferId: string }[] }>(
          '{ transferCopies { transferId } }',
          {},
          procurator,
        )
      ).data?.transferCopies ?? [],
    (list) => list.some((c) => c.transferId === sent.id),
    30_000,
  );
  // The operation lists are read models: wait until the participants see it.
  await eventually(
    async () =>
      (await deps.gql<{ operations: { id: string }[] }>('{ operations { id } }', {}, police)).data
        ?.operations ?? [],
    (list) => list.some((o) => o.id === planned.id),
    30_000,
  );
  // 联席会议: market regulation convenes police; the minutes give police decision D1.
  const meeting = dataOf(
    'conveneJointMeeting',
    await deps.gql<{ conveneJointMeeting: { id: string } }>(
      `mutation($input: ConveneJointMeetingInput!) { conveneJointMeeting(input: $input) { id } }`,
      {
        input: {
          commandId: randomUUID(),
          title: `矩阵联席会议 ${MARKER}`,
          agenda: `研究衔接问题 ${MARKER}`,
          participantAgencyIds: ['police-650100'],
          heldOn: '2020-01-02',
        },
      },
      supervisor,
    ),
  ).conveneJointMeeting;
  dataOf(
    'recordJointMeetingMinutes',
    await deps.gql(
      `mutation($input: RecordJointMeetingMinutesInput!) { recordJointMeetingMinutes(input: $input) { id } }`,
      {
        input: {
          meetingId: meeting.id,
          minutes: `纪要 ${MARKER}`,
          decisions: [
            { content: `公安机关提前介入 ${MARKER}`, ownerAgencyId: 'police-650100', dueDate: '2030-12-31' },
          ],
        },
      },
      officer,
    ),
  );
  await eventually(
    async () =>
      (await deps.gql<{ jointMeetings: { id: string }[] }>('{ jointMeetings { id } }', {}, police)).data
        ?.jointMeetings ?? [],
    (list) => list.some((m) => m.id === meeting.id),
    30_000,
  );
  // 案件咨询: market regulation asks police about the case.
  const consultation = dataOf(
    'askCaseConsultation',
    await deps.gql<{ askCaseConsultation: { id: string } }>(
      `mutation($input: AskCaseConsultationInput!) { askCaseConsultation(input: $input) { id } }`,
      {
        input: {
          commandId: randomUUID(),
          toAgencyId: 'police-650100',
          caseId: c.id,
          caseReference: `矩阵案号 ${MARKER}`,
          question: `是否达到立案追诉标准 ${MARKER}`,
        },
      },
      officer,
    ),
  ).askCaseConsultation;
  await eventually(
    async () =>
      (await deps.gql<{ caseConsultations: { id: string }[] }>('{ caseConsultations { id } }', {}, police))
        .data?.caseConsultations ?? [],
    (list) => list.some((k) => k.id === consultation.id),
    30_000,
  );
  // 线索通报: market regulation notifies police of a clue.
  const notice = dataOf(
    'sendClueNotice',
    await deps.gql<{ sendClueNotice: { id: string } }>(
      `mutation($input: SendClueNoticeInput!) { sendClueNotice(input: $input) { id } }`,
      {
        input: {
          commandId: randomUUID(),
          toAgencyId: 'police-650100',
          facts: `矩阵线索 ${MARKER}`,
          suspectedOffence: `涉嫌矩阵罪 ${MARKER}`,
        },
      },
      officer,
    ),
  ).sendClueNotice;
  await eventually(
    async () =>
      (await deps.gql<{ clueNotices: { id: string }[] }>('{ clueNotices { id } }', {}, police)).data
        ?.clueNotices ?? [],
    (list) => list.some((n) => n.id === notice.id),
    30_000,
  );
  // The reminders of the transfer's open step (the police's 签收), fired as of a far date: the notification centre's target.
  if (deps.fireReminders) {
    await deps.fireReminders();
    await eventually(
      async () =>
        (
          await deps.gql<{ notifications: { transferId: string }[] }>(
            '{ notifications(first: 100) { transferId } }',
            {},
            police,
          )
        ).data?.notifications ?? [],
      (list) => list.some((n) => n.transferId === sent.id),
      30_000,
    );
  }
  return {
    caseId: c.id,
    caseStreamId: c.streamId,
    transferId: sent.id,
    operationId: planned.id,
    meetingId: meeting.id,
    consultationId: consultation.id,
    clueNoticeId: notice.id,
    notificationsFired: Boolean(deps.fireReminders),
  };
};

/** The request of a row: document and variables, and how to read the target out of the answer. */
const requestOf = (
  row: AccessRow,
  t: Targets,
): {
  query: string;
  variables: Record<string, unknown>;
  sees: (data: Record<string, unknown>) => boolean;
} => {
  const has = (list: unknown, id: string) =>
    Array.isArray(list) &&
    list.some(
      (x) =>
        (x as { id?: string; node?: { id: string } }).id === id ||
        (x as { node?: { id: string } }).node?.id === id,
    );
  const mut = (type: string, input: Record<string, unknown>) => ({
    query: `mutation($input: ${type}!) { ${row.operation}(input: $input) { __typename } }`,
    variables: { input: { commandId: randomUUID(), expectedVersion: 9999, ...input } },
    sees: (d: Record<string, unknown>) => d[row.operation] != null,
  });
  const onTransfer = (type: string, extra: Record<string, unknown> = {}) =>
    mut(type, { transferId: t.transferId, ...extra });
  const onOperation = (type: string, extra: Record<string, unknown> = {}) =>
    mut(type, { operationId: t.operationId, ...extra });
  const onMeeting = (type: string, extra: Record<string, unknown> = {}) =>
    mut(type, { meetingId: t.meetingId, ...extra });
  const materials = [{ kind: 'TEST_REPORT', title: '补充检验报告' }];
  switch (row.operation) {
    case 'agencies':
      return { query: '{ agencies { id } }', variables: {}, sees: (d) => Array.isArray(d.agencies) };
    case 'me':
      return { query: '{ me { userId } }', variables: {}, sees: (d) => d.me != null };
    case 'case':
      return {
        query: 'query($id: ID!) { case(id: $id) { id summary } }',
        variables: { id: t.caseId },
        sees: (d) => (d.case as { id?: string } | null)?.id === t.caseId,
      };
    case 'cases':
      return {
        query: '{ cases(first: 100) { edges { node { id } } } }',
        variables: {},
        sees: (d) => has((d.cases as { edges: unknown[] } | null)?.edges, t.caseId),
      };
    case 'transfer':
      return {
        query: 'query($id: ID!) { transfer(id: $id) { id reason } }',
        variables: { id: t.transferId },
        sees: (d) => (d.transfer as { id?: string } | null)?.id === t.transferId,
      };
    case 'transfers':
      return {
        query: `{ o: transfers(filter: { direction: OUTGOING }, first: 100) { edges { node { id } } }
                  i: transfers(filter: { direction: INCOMING }, first: 100) { edges { node { id } } } }`,
        variables: {},
        sees: (d) =>
          has((d.o as { edges: unknown[] } | null)?.edges, t.transferId) ||
          has((d.i as { edges: unknown[] } | null)?.edges, t.transferId),
      };
    case 'myWork':
      return {
        query: '{ myWork { key title transfer { id } } }',
        variables: {},
        sees: (d) =>
          Array.isArray(d.myWork) &&
          d.myWork.some((w) => (w as { transfer?: { id?: string } | null }).transfer?.id === t.transferId),
      };
    case 'transferCopies':
      return {
        query: '{ transferCopies { transferId reason } }',
        variables: {},
        sees: (d) =>
          Array.isArray(d.transferCopies) &&
          d.transferCopies.some((c) => (c as { transferId?: string }).transferId === t.transferId),
      };
    case 'transferCopy':
      return {
        query: 'query($id: ID!) { transferCopy(id: $id) { transferId reason } }',
        variables: { id: t.transferId },
        sees: (d) => (d.transferCopy as { transferId?: string } | null)?.transferId === t.transferId,
      };
    case 'filingSupervisions':
      return {
        query: '{ filingSupervisions { transferId } }',
        variables: {},
        sees: (d) => Array.isArray(d.filingSupervisions),
      };
    case 'requestNonFilingExplanation':
      return onTransfer('RequestNonFilingExplanationInput', {
        documentNumber: '乌检〔2030〕2号',
        reason: '矩阵监督',
      });
    case 'decideNonFilingReasons':
      return onTransfer('DecideNonFilingReasonsInput', { reasonsHold: true, reason: '矩阵审查' });
    case 'operation':
      return {
        query: 'query($id: ID!) { operation(id: $id) { id title } }',
        variables: { id: t.operationId },
        sees: (d) => (d.operation as { id?: string } | null)?.id === t.operationId,
      };
    case 'operations':
      return { query: '{ operations { id } }', variables: {}, sees: (d) => has(d.operations, t.operationId) };
    case 'operationResult':
      return {
        query: 'query($id: ID!) { operationResult(id: $id) { id title } }',
        variables: { id: t.operationId },
        sees: (d) => (d.operationResult as { id?: string } | null)?.id === t.operationId,
      };
    case 'operationResults':
      return {
        query: '{ operationResults { id } }',
        variables: {},
        sees: (d) => has(d.operationResults, t.operationId),
      };
    case 'auditTrail':
      return {
        query: 'query($s: String!) { auditTrail(streamId: $s) { streamId events { version } } }',
        variables: { s: t.caseStreamId },
        sees: (d) => (d.auditTrail as { streamId?: string } | null)?.streamId === t.caseStreamId,
      };
    case 'oversight.agencyPerformance':
      return {
        query:
          '{ oversight { agencyPerformance(from: "2030-01-01T00:00:00Z", to: "2030-12-31T00:00:00Z") { __typename } } }',
        variables: {},
        sees: (d) => (d.oversight as Record<string, unknown> | null)?.agencyPerformance != null,
      };
    case 'oversight.personalDataReads':
      return {
        query:
          '{ oversight { personalDataReads(from: "2020-01-01T00:00:00Z", to: "2035-01-01T00:00:00Z") { __typename } } }',
        variables: {},
        sees: (d) => (d.oversight as Record<string, unknown> | null)?.personalDataReads != null,
      };
    case 'oversight.integrity':
      return {
        query: '{ oversight { integrity { __typename } } }',
        variables: {},
        sees: (d) => (d.oversight as Record<string, unknown> | null)?.integrity != null,
      };
    case 'notifications':
      return {
        query: '{ notifications(first: 100) { id transferId title } }',
        variables: {},
        sees: (d) =>
          Array.isArray(d.notifications) &&
          d.notifications.some((n) => (n as { transferId?: string }).transferId === t.transferId),
      };
    case 'unreadNotificationCount':
      return {
        query: '{ unreadNotificationCount }',
        variables: {},
        sees: (d) => typeof d.unreadNotificationCount === 'number',
      };
    case 'markNotificationsRead':
      return {
        query: 'mutation { markNotificationsRead(ids: ["matrix-none"]) { unreadCount } }',
        variables: {},
        sees: (d) => d.markNotificationsRead != null,
      };
    case 'notificationPreferences':
      return {
        query: '{ notificationPreferences { emailEnabled } }',
        variables: {},
        sees: (d) => d.notificationPreferences != null,
      };
    case 'setNotificationPreferences':
      return {
        query: 'mutation { setNotificationPreferences(input: { emailEnabled: false }) { emailEnabled } }',
        variables: {},
        sees: (d) => d.setNotificationPreferences != null,
      };
    case 'checkpointPublicKey':
      return {
        query: '{ checkpointPublicKey { __typename } }',
        variables: {},
        sees: (d) => d.checkpointPublicKey != null,
      };
    case 'takeIntegrityCheckpoint':
      return {
        query: 'mutation { takeIntegrityCheckpoint { __typename } }',
        variables: {},
        sees: (d) => d.takeIntegrityCheckpoint != null,
      };
    case 'registerCase':
      return mut('RegisterCaseInput', {
        subject: { kind: 'ORGANIZATION', name: '乌鲁木齐矩阵新案药房', creditCode: '91650102MA7XJ0012E' },
        source: 'COMPLAINT',
        summary: '矩阵登记',
        violations: ['RX_WITHOUT_PRESCRIPTION'],
      });
    case 'fileCase':
    case 'decideNotToFile':
    case 'closeCase':
      return mut('CaseStepInput', { caseId: t.caseId, reason: '矩阵理由' });
    case 'recordEvidence':
      return mut('RecordEvidenceInput', { caseId: t.caseId, kind: 'DOCUMENT', title: '矩阵证据' });
    case 'decidePenalty':
      return mut('DecidePenaltyInput', {
        caseId: t.caseId,
        decisionNumber: '乌市监罚〔2030〕1号',
        penalties: [{ kind: 'WARNING' }],
        personsResponsible: [],
      });
    case 'proposeTransfer':
      // no expectedVersion: the stream is new (derived from the commandId), so 9999 would be a CONFLICT before anything else
      return mut('ProposeTransferInput', {
        expectedVersion: undefined,
        caseId: t.caseId,
        kind: 'CRIMINAL',
        toAgencyId: 'police-650100',
        reason: '矩阵移送',
        materials: criminalMaterials,
      });
    case 'superviseCase':
      return mut('SuperviseCaseInput', { caseId: t.caseId, dueDate: '2030-12-31', reason: '矩阵督办' });
    case 'liftCaseSupervision':
      return mut('LiftCaseSupervisionInput', { caseId: t.caseId, reason: '矩阵撤销' });
    case 'supplyMaterials':
      return onTransfer('SupplementMaterialsInput', { materials });
    case 'handOverMaterials':
      return onTransfer('HandOverMaterialsInput', { materials });
    case 'forwardTransfer':
      return onTransfer('ForwardTransferInput', { toAgencyId: 'police-650000', reason: '矩阵转送' });
    case 'requestSupplement':
      return onTransfer('RequestSupplementInput', { reason: '矩阵补充', requested: ['TEST_REPORT'] });
    case 'extendDeadline':
      return onTransfer('ExtendDeadlineInput', { extension: 'COMPLEX', reason: '矩阵延长' });
    case 'decideReconsideration':
      return onTransfer('DecideReconsiderationInput', { accept: true, reason: '矩阵复议' });
    case 'disposeClue':
      return onTransfer('DisposeClueInput', { disposition: 'CONCLUDED', reason: '矩阵处置' });
    case 'recordTransferResult':
      return onTransfer('RecordTransferResultInput', { outcome: 'PROSECUTED', result: '矩阵结果' });
    case 'recordProcuratorateInquiry':
    case 'recordProcuratorateFilingOrder':
      return onTransfer('ProcuratorateNoticeInput', { documentNumber: '乌检〔2030〕1号' });
    case 'explainNonFiling':
      return onTransfer('ExplainNonFilingInput', { explanation: '矩阵说明' });
    case 'planOperation':
      return mut('PlanOperationInput', (({ commandId: _c, ...rest }) => rest)(planInput('')));
    case 'formInspectionGroup':
      return onOperation('FormInspectionGroupInput', {
        phaseId: 'P2',
        name: '矩阵检查组',
        leader: personOf('周启航', 'amr-650100', '负责人'),
        deputy: personOf('卡米拉·吾斯曼', 'police-650100', '民警', { phone: '13900001001' }),
        regions: ['650100'],
      });
    case 'assignTargets':
      return onOperation('AssignTargetsInput', {
        groupId: 'G1',
        targets: [{ name: '乌鲁木齐某诊所', creditCode: code('650100', 78), regionCode: '650100' }],
      });
    case 'launchOperation':
    case 'closeOperation':
      return onOperation('OperationStepInput', { reason: '矩阵' });
    case 'recordInspection':
      return onOperation('RecordInspectionInput', { groupId: 'G1', targetCreditCode: code('650100', 77) });
    case 'registerProblem':
      return onOperation('RegisterProblemInput', {
        findingId: 'F1',
        disposition: 'ADMONITION',
        rectificationDueOn: '2030-06-30',
      });
    case 'reportRectification':
      return onOperation('ReportRectificationInput', { findingId: 'F1', summary: '矩阵整改' });
    case 'verifyRectification': {
      const checker = personOf('周启航', 'amr-650100', '负责人');
      return onOperation('VerifyRectificationInput', {
        findingId: 'F1',
        accepted: true,
        opinion: { checkedBy: [checker], findings: '矩阵核查', signedBy: [checker], responsible: checker },
      });
    }
    case 'recordSelfInspection':
      return onOperation('RecordSelfInspectionInput', {
        targetCreditCode: code('650100', 77),
        summary: '矩阵自查',
        signedBy: { name: '矩阵院长', title: '院长' },
      });
    case 'acknowledgeOperationReport':
      return onOperation('AcknowledgeOperationReportInput', { note: '矩阵签收' });
    case 'evaluateOperationReport':
      return onOperation('EvaluateOperationReportInput', { grade: 'GOOD', evaluation: '矩阵评估' });
    case 'scheduleFollowUp':
      return onOperation('ScheduleFollowUpInput', { findingId: 'F1', scheduledOn: '2030-07-01' });
    case 'reportResult':
      return onOperation('ReportResultInput', { summary: '矩阵报告' });
    case 'jointMeeting':
      return {
        query: 'query($id: ID!) { jointMeeting(id: $id) { id title } }',
        variables: { id: t.meetingId },
        sees: (d) => (d.jointMeeting as { id?: string } | null)?.id === t.meetingId,
      };
    case 'jointMeetings':
      return {
        query: '{ jointMeetings { id } }',
        variables: {},
        sees: (d) => has(d.jointMeetings, t.meetingId),
      };
    case 'conveneJointMeeting':
      return mut('ConveneJointMeetingInput', {
        title: '矩阵召集',
        agenda: '矩阵议题',
        participantAgencyIds: ['police-650100'],
        heldOn: '2030-01-02',
      });
    case 'recordJointMeetingMinutes':
      return onMeeting('RecordJointMeetingMinutesInput', { minutes: '矩阵纪要', decisions: [] });
    case 'reportJointMeetingDecision':
      return onMeeting('ReportJointMeetingDecisionInput', { decisionId: 'D1', report: '矩阵落实' });
    case 'verifyJointMeetingDecision':
      return onMeeting('VerifyJointMeetingDecisionInput', { decisionId: 'D1', accepted: true });
    case 'closeJointMeeting':
      return onMeeting('CloseJointMeetingInput', { reason: '矩阵办结' });
    case 'caseConsultation':
      return {
        query: 'query($id: ID!) { caseConsultation(id: $id) { id question } }',
        variables: { id: t.consultationId },
        sees: (d) => (d.caseConsultation as { id?: string } | null)?.id === t.consultationId,
      };
    case 'caseConsultations':
      return {
        query: '{ caseConsultations { id } }',
        variables: {},
        sees: (d) => has(d.caseConsultations, t.consultationId),
      };
    case 'askCaseConsultation':
      return mut('AskCaseConsultationInput', {
        toAgencyId: 'police-650100',
        caseReference: '矩阵案号',
        question: '矩阵咨询',
      });
    case 'answerCaseConsultation':
      return mut('AnswerCaseConsultationInput', {
        consultationId: t.consultationId,
        opinion: 'BELOW_THRESHOLD',
        answer: '矩阵答复',
      });
    case 'clueNotice':
      return {
        query: 'query($id: ID!) { clueNotice(id: $id) { id facts } }',
        variables: { id: t.clueNoticeId },
        sees: (d) => (d.clueNotice as { id?: string } | null)?.id === t.clueNoticeId,
      };
    case 'clueNotices':
      return {
        query: '{ clueNotices { id } }',
        variables: {},
        sees: (d) => has(d.clueNotices, t.clueNoticeId),
      };
    case 'sendClueNotice':
      return mut('SendClueNoticeInput', {
        toAgencyId: 'police-650100',
        facts: '矩阵线索',
        suspectedOffence: '涉嫌矩阵罪',
      });
    case 'acknowledgeClueNotice':
      return mut('AcknowledgeClueNoticeInput', { noticeId: t.clueNoticeId });
    case 'replyClueNotice':
      return mut('ReplyClueNoticeInput', {
        noticeId: t.clueNoticeId,
        disposition: 'MONITOR',
        reply: '矩阵反馈',
      });
    default:
      if (row.operation.startsWith('oversight.')) {
        const field = row.operation.slice('oversight.'.length);
        return {
          query: `{ oversight { ${field} { __typename } } }`,
          variables: {},
          sees: (d) => (d.oversight as Record<string, unknown> | null)?.[field] != null,
        };
      }
      if (row.kind === 'mutation') return onTransfer('TransferStepInput', { reason: '矩阵理由' });
      throw new Error(`no request for ${row.operation}: add it to test/proofs/accessMatrix.ts`);
  }
};

const ownerOf = (row: AccessRow): string | null =>
  row.target === 'transfer'
    ? targetFacts.transferSender
    : row.target === 'operation'
      ? targetFacts.operationParticipants[0]
      : row.target === 'meeting'
        ? targetFacts.meetingConvenor
        : row.target === 'consultation'
          ? targetFacts.consultationAsker
          : row.target === 'clueNotice'
            ? targetFacts.clueNoticeSender
            : row.target === 'none'
              ? null
              : targetFacts.caseOwner;

export interface CellFailure {
  cell: string;
  problem: string;
  /** operation, role, problem: failures of one kind together */
  group: string;
}

/** Failures grouped (operation, role, problem) with the agencies they hit: short enough to read. */
export const summarizeFailures = (failures: readonly CellFailure[]): string => {
  const groups = new Map<string, string[]>();
  for (const f of failures)
    groups.set(f.group, [...(groups.get(f.group) ?? []), f.cell.replace(/^\S+ as /, '').split(' ')[0]!]);
  return [...groups].map(([g, agencies]) => `${g} ×${agencies.length}: ${agencies.join(' ')}`).join('\n');
};

export interface MatrixResult {
  cells: number;
  byVerdict: Record<string, number>;
  failures: CellFailure[];
  gapsSeen: string[];
  gapsNotSeen: string[];
  /** Rows whose target could not be made in this mode: their allowed cells are checked for an answer without error only. */
  targetless: string[];
}

const DENIAL_CODES = new Set(['FORBIDDEN', 'NOT_FOUND']);
const ACCESS_CODES = new Set(['FORBIDDEN', 'NOT_FOUND', 'UNAUTHENTICATED']);

/** Runs every cell; `concurrency` requests at a time. */
export const runAccessMatrix = async (
  deps: MatrixDeps,
  documented: ReadonlySet<string>,
  concurrency = 6,
): Promise<MatrixResult> => {
  const all = principals();
  const tokens = new Map<string, string>();
  const keyOf = (p: SpecPrincipal) => `${p.agencyId}|${p.capacity ? 'head' : p.role}`;
  for (const p of all) {
    tokens.set(
      keyOf(p),
      await deps.mint({
        userId: p.userId,
        name: `矩阵${roleName(p)}`,
        agencyId: p.agencyId,
        roles: [p.role],
        ...(p.capacity ? { capacity: p.capacity } : {}),
      }),
    );
  }
  /** A token by agency and role, `head` for the agency's head. */
  const token = async (agencyId: string, role: string) => tokens.get(`${agencyId}|${role}`)!;
  const targets = await setUpTargets(deps, token);

  type Cell = { row: AccessRow; principal: (SpecPrincipal & { relation: string }) | null };
  const cells: Cell[] = accessTable.flatMap((row) => [null, ...all].map((principal) => ({ row, principal })));
  // Distributed mode has no hook to fire the commission's reminders as of a far date (its process
  // fires on its own clock), so the notification centre holds no target there.
  const targetless = new Set(targets.notificationsFired ? [] : ['notifications']);
  const result: MatrixResult = {
    cells: 0,
    byVerdict: {},
    failures: [],
    gapsSeen: [],
    gapsNotSeen: [],
    targetless: [...targetless],
  };
  const gapCells = new Map<string, string[]>();
  const gapsDeclared = new Set<string>();

  const check = async ({ row, principal }: Cell) => {
    const verdict = principal ? row.rule(principal) : row.operation === 'agencies' ? 'allow' : 'deny';
    const name = principal
      ? `${row.operation} as ${principal.agencyId} ${roleName(principal)} (${relationTo(principal, ownerOf(row))})`
      : `${row.operation} without a token`;
    const gap = principal ? knownGap(row.operation, principal) : undefined;
    const { query, variables, sees } = requestOf(row, targets);
    const res = await deps.gql<Record<string, unknown>>(
      query,
      variables,
      principal ? tokens.get(keyOf(principal)) : undefined,
    );
    const text = JSON.stringify(res);
    const code = errorCode(res);
    const codes = (res.errors ?? []).map((e) => String(e.extensions?.code ?? '(none)'));
    const seen = Boolean(res.data && sees(res.data));
    const problems: string[] = [];
    for (const c of codes) if (!documented.has(c)) problems.push(`undocumented code ${c}`);
    if (verdict === 'allow') {
      if (row.list || row.kind === 'query') {
        if (targetless.has(row.operation)) {
          if (code) problems.push(`allowed but refused with ${code}`);
        } else if (!seen)
          problems.push(`allowed but the target is not in the answer (${code ?? 'no error'})`);
      } else if (code && ACCESS_CODES.has(code)) problems.push(`allowed but refused with ${code}`);
    } else if (verdict === 'deny') {
      if (seen) problems.push('denied but the answer holds the target');
      if (!row.list && row.operation !== 'agencies') {
        const expected = principal ? DENIAL_CODES : new Set(['UNAUTHENTICATED']);
        // A single-target query may also answer null without an error (its existence is not disclosed).
        const nullAnswer =
          row.kind === 'query' &&
          !res.errors?.length &&
          res.data &&
          Object.values(res.data).every((v) => v === null);
        if (!nullAnswer && !(code && expected.has(code)))
          problems.push(`denied but answered ${code ?? 'with data'}`);
      }
      if (row.list && principal && code)
        problems.push(`a list refused with ${code} (expected the list without the target)`);
    } else if (code && !principal && code !== 'UNAUTHENTICATED') problems.push(`no token but ${code}`);
    // Refused or not, an answer that does not show the target must not mention it either.
    if (!seen && text.includes(MARKER)) problems.push('the target’s secret marker is in the answer');
    if (gap) gapsDeclared.add(gap);
    result.cells++;
    result.byVerdict[verdict] = (result.byVerdict[verdict] ?? 0) + 1;
    if (problems.length) {
      if (gap) gapCells.set(gap, [...(gapCells.get(gap) ?? []), `${name}: ${problems.join('; ')}`]);
      else
        result.failures.push({
          cell: name,
          problem: `${problems.join('; ')}: ${text.slice(0, 300)}`,
          group: `${row.operation} as ${principal ? roleName(principal) : 'anonymous'}: ${problems.join('; ')} [${verdict}; e.g. ${text.slice(0, 160)}]`,
        });
    }
  };

  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < cells.length) await check(cells[next++]!);
    }),
  );
  result.gapsSeen = [...gapCells].map(
    ([reason, hit]) => `${reason}\n    ${hit.length} cells, e.g. ${hit.slice(0, 3).join(' | ')}`,
  );
  result.gapsNotSeen = [...gapsDeclared].filter((g) => !gapCells.has(g));
  return result;
};

/** Prints the figures, and every known gap loudly. */
export const reportMatrix = (mode: string, result: MatrixResult): void => {
  process.stdout.write(
    `[proof] authorization matrix (${mode}): ${result.cells} cells (${Object.entries(result.byVerdict)
      .map(([v, n]) => `${v} ${n}`)
      .join(', ')}), ` + `${result.failures.length} failing, ${result.gapsSeen.length} known gaps\n`,
  );
  for (const gap of result.gapsSeen)
    process.stderr.write(`\n!!!!! KNOWN GAP (authorization, ${mode}): ${gap}\n`);
  for (const row of result.targetless)
    process.stderr.write(
      `\n!!!!! NOT FULLY CHECKED (authorization, ${mode}): ${row} has no target in this mode (no reminder fired); allowed cells were checked for an answer without error, denied ones for the absence of the target only\n`,
    );
  for (const gap of result.gapsNotSeen)
    process.stderr.write(
      `\n!!!!! KNOWN GAP NOT SEEN ANY MORE (${mode}): ${gap}: remove it from test/proofs/accessSpec.ts\n`,
    );
};

export const caseStep = caseStepMutation;
