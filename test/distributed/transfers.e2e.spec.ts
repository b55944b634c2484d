import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { beijingDate, creditCodeCheckChar } from '@xianjie/contracts';
import { announceSkip, resolveKafka, resolvePostgres } from '@xianjie/testing';
import { startDistributedPlatform, type DistributedPlatform } from '../support/distributedPlatform.ts';
import { eventually } from '../support/eventually.ts';
import { createOperationOperations, personOf } from '../support/operationOperations.ts';
import {
  administrativeMaterials,
  createTransferOperations,
  criminalMaterials,
  deadlineOf,
  disciplinaryMaterials,
  errorCode,
  reverseMaterials,
  shift,
  type TransferOperations,
} from '../support/transferOperations.ts';

const [postgres, kafka] = await Promise.all([resolvePostgres(), resolveKafka()]);
const missing = [
  !postgres.available && `PostgreSQL: ${postgres.reason}`,
  !kafka.available && `Kafka: ${kafka.reason}`,
].filter(Boolean);
if (missing.length)
  announceSkip('transfers in distributed mode (test/distributed/transfers.e2e.spec.ts)', missing.join('; '));

const AMR = { officer: 'u-amr-650100-officer', supervisor: 'u-amr-650100-supervisor' };
const POLICE = { officer: 'u-police-650100-officer', supervisor: 'u-police-650100-supervisor' };
const HEALTH = { officer: 'u-health-650100-officer', supervisor: 'u-health-650100-supervisor' };
const MI = { officer: 'u-mi-650100-officer', supervisor: 'u-mi-650100-supervisor' };
const CDI = { supervisor: 'u-cdi-650100-supervisor' };
const OVERSEER = 'u-cdi-650000-overseer';
const PROCURATORATE = { officer: 'u-procuratorate-650100-officer', supervisor: 'u-procuratorate-650100-supervisor' };

/**
 * Every transfer kind from proposal to result through the gateway process, each side in its own
 * process: the sender's and the receiver's services learn each other's steps only over Kafka, and
 * each keeps its own stream (PostgreSQL) and its own inbox/outbox read model.
 */
describe.skipIf(missing.length > 0)('transfers across processes on Kafka and PostgreSQL', () => {
  const databaseUrl = postgres.available ? postgres.url : '';
  const brokers = kafka.available ? kafka.url : '';
  let platform: DistributedPlatform;
  let ops: TransferOperations;
  const tokens: Record<string, string> = {};
  const token = (userId: string) => tokens[userId]!;

  beforeAll(async () => {
    platform = await startDistributedPlatform({ databaseUrl, brokers, tag: 'dist_tr' });
    ops = createTransferOperations(
      (query, variables = {}, bearer = '') => platform.gql(query, variables, bearer),
      { timeoutMs: 30_000 },
    );
    for (const userId of [
      ...Object.values(AMR),
      ...Object.values(POLICE),
      ...Object.values(HEALTH),
      ...Object.values(MI),
      CDI.supervisor,
      OVERSEER,
      ...Object.values(PROCURATORATE),
    ]) {
      tokens[userId] = await platform.tokenFor(userId);
    }
  }, 180_000);

  afterAll(async () => {
    await platform?.close();
  }, 60_000);

  /** A filed market-regulation case. */
  const filedCase = async (summary: string) =>
    ops.registerCase(
      token(AMR.officer),
      {
        subject: { kind: 'ORGANIZATION', name: '乌鲁木齐明德中医医院', creditCode: '12650100MB23456789' },
        source: 'INSPECTION',
        summary,
        violations: ['UNLICENSED_COMPOUNDING'],
        amountInvolvedFen: 41_000_000,
      },
      token(AMR.supervisor),
    );

  /** Waits until `who`'s inbox (INCOMING) or outbox (OUTGOING) read model lists the transfer with `status`. */
  const listedAs = async (who: string, direction: 'INCOMING' | 'OUTGOING', id: string, status: string) => {
    const row = await ops.waitForListed(token(who), direction, id, (t) => t.status === status);
    expect(row.status).toBe(status);
    return row;
  };

  /** Waits until the case, as `who` reads it, has `status`. */
  const caseWithStatus = async (id: string, who: string, status: string) =>
    (await eventually(
      () => ops.caseWithTransfers(id, token(who)),
      (found) => found?.status === status,
      30_000,
    ))!;

  /** Both parties' lists: the receiver's inbox and the sender's outbox. */
  const bothListAs = async (t: { id: string }, sender: string, receiver: string, status: string) => {
    await Promise.all([
      listedAs(sender, 'OUTGOING', t.id, status),
      listedAs(receiver, 'INCOMING', t.id, status),
    ]);
  };

  /** Proposes and approves; the receiver's inbox lists it as SENT once the approval arrived over Kafka. */
  const send = async (
    args: {
      caseId: string;
      kind: string;
      toAgencyId: string;
      reason: string;
      materials: unknown[];
      official?: unknown;
    },
    sender: { officer: string; supervisor: string },
    receiver: string,
  ) => {
    const proposed = await ops.run('proposeTransfer', args as Record<string, unknown>, token(sender.officer));
    expect(proposed.status).toBe('PROPOSED');
    const sent = await ops.run('approveTransfer', { transferId: proposed.id }, token(sender.supervisor));
    expect(sent.status).toBe('SENT');
    await bothListAs(sent, sender.officer, receiver, 'SENT');
    return sent;
  };

  it('CRIMINAL 行刑: market regulation → police, from proposal to closure, each side noting the other’s steps from Kafka', async () => {
    const c = await filedCase('行刑衔接：无证配制制剂');
    const sent = await send(
      {
        caseId: c.id,
        kind: 'CRIMINAL',
        toAgencyId: 'police-650100',
        reason: '无证配制并销售医院制剂，涉嫌妨害药品管理罪',
        materials: criminalMaterials,
      },
      AMR,
      POLICE.officer,
    );
    // The sender's own reaction to its approval marks the case transferred.
    const caseNow = await caseWithStatus(c.id, AMR.officer, 'TRANSFERRED');
    expect(caseNow.transfers.map((t) => t.id)).toContain(sent.id);

    const received = await ops.act('receiveTransfer', { transferId: sent.id }, token(POLICE.officer));
    expect(received.status).toBe('RECEIVED');
    expect(received.receiverStreamId).toBe(`transfer-in-${sent.id}`);
    await bothListAs(sent, AMR.officer, POLICE.officer, 'RECEIVED');

    const asked = await ops.act(
      'requestSupplement',
      { transferId: sent.id, requested: ['OTHER'], reason: '请补充制剂销售记录' },
      token(POLICE.officer),
    );
    expect(asked.supplementRequest).toMatchObject({ requested: ['OTHER'] });
    // The sender may supply only once the request arrived on its own stream (act waited for it).
    const supplied = await ops.act(
      'supplyMaterials',
      { transferId: sent.id, materials: [{ kind: 'OTHER', title: '制剂门诊销售记录' }] },
      token(AMR.officer),
    );
    expect(supplied.supplementRequest).toBeNull();
    expect(supplied.materials).toHaveLength(criminalMaterials.length + 1);

    // A refusal crosses the service's HTTP API with its kind and reason, as in embedded mode.
    const early = await ops.attempt(
      'handOverMaterials',
      { transferId: sent.id, materials: [{ kind: 'SEIZED_ITEMS_LIST', title: '清单' }] },
      token(AMR.officer),
    );
    expect(errorCode(early)).toBe('INVALID_TRANSITION');
    const accepted = await ops.act(
      'acceptTransfer',
      { transferId: sent.id, documentNumber: '乌公（食药环）立字〔2026〕27号' },
      token(POLICE.supervisor),
    );
    expect(accepted.status).toBe('ACCEPTED');
    await bothListAs(sent, AMR.officer, POLICE.officer, 'ACCEPTED');

    const handedOver = await ops.act(
      'handOverMaterials',
      { transferId: sent.id, materials: [{ kind: 'SEIZED_ITEMS_LIST', title: '涉案物品移交清单' }] },
      token(AMR.officer),
    );
    expect(handedOver.handedOver).toEqual([{ kind: 'SEIZED_ITEMS_LIST', title: '涉案物品移交清单' }]);
    // The police see the hand-over on their own stream.
    expect((await ops.transfer(sent.id, token(POLICE.officer)))!.handedOver).toHaveLength(1);

    await ops.act(
      'recordTransferResult',
      { transferId: sent.id, outcome: 'PROSECUTED', result: '乌检刑诉〔2026〕88号：提起公诉' },
      token(POLICE.officer),
    );
    await bothListAs(sent, AMR.officer, POLICE.officer, 'RESULT_RECORDED');

    const closed = await ops.act('closeTransfer', { transferId: sent.id }, token(AMR.officer));
    expect(closed.status).toBe('CLOSED');
    await bothListAs(sent, AMR.officer, POLICE.officer, 'CLOSED');
    expect((await ops.caseWithTransfers(c.id, token(AMR.officer)))!.status).toBe('TRANSFERRED');
  });

  it('DISCIPLINARY 行纪: a clue about an official → the commission, signed for and disposed of by its supervisor, result fed back', async () => {
    const c = await filedCase('行纪衔接：监管人员检查走过场');
    const official = {
      name: '王某',
      post: '某市场监管所药品监管股股长',
      employer: '乌鲁木齐市某区市场监督管理局',
      managementLevel: '乡科级',
      allegations: ['DERELICTION'],
    };
    const sent = await send(
      {
        caseId: c.id,
        kind: 'DISCIPLINARY',
        toAgencyId: 'cdi-650100',
        reason: '连续 4 次日常检查未发现无证配制，涉嫌失职',
        materials: disciplinaryMaterials,
        official,
      },
      AMR,
      CDI.supervisor,
    );
    const received = await ops.act('receiveTransfer', { transferId: sent.id }, token(CDI.supervisor));
    expect(received.official).toMatchObject({ name: '王某', allegations: ['DERELICTION'] });
    await bothListAs(sent, AMR.officer, CDI.supervisor, 'RECEIVED');

    await ops.act(
      'disposeClue',
      { transferId: sent.id, disposition: 'PRELIMINARY_VERIFICATION', reason: '反映问题具体，予以初步核实' },
      token(CDI.supervisor),
    );
    await bothListAs(sent, AMR.officer, CDI.supervisor, 'ACCEPTED');
    const sender = (await ops.transfer(sent.id, token(AMR.officer)))!;
    expect(sender.dispositions).toMatchObject([{ disposition: 'PRELIMINARY_VERIFICATION' }]);

    await ops.act(
      'recordTransferResult',
      { transferId: sent.id, outcome: 'DISCIPLINED', result: '给予政务警告处分' },
      token(CDI.supervisor),
    );
    await bothListAs(sent, AMR.officer, CDI.supervisor, 'RESULT_RECORDED');
  });

  it.each([
    { to: 'health-650100', receiver: HEALTH, reason: '消毒产品标签宣称疗效，移送卫生健康部门' },
    { to: 'mi-650100', receiver: MI, reason: '串换药品、套取医保基金，移送医疗保障部门' },
  ])(
    'ADMINISTRATIVE 行行: market regulation → $to, accepted and penalised',
    async ({ to, receiver, reason }) => {
      const c = await filedCase(`行行衔接：${to}`);
      const sent = await send(
        { caseId: c.id, kind: 'ADMINISTRATIVE', toAgencyId: to, reason, materials: administrativeMaterials },
        AMR,
        receiver.officer,
      );
      await ops.act('receiveTransfer', { transferId: sent.id }, token(receiver.officer));
      await bothListAs(sent, AMR.officer, receiver.officer, 'RECEIVED');
      await ops.act(
        'acceptTransfer',
        { transferId: sent.id, documentNumber: `受〔2026〕${to}` },
        token(receiver.supervisor),
      );
      await bothListAs(sent, AMR.officer, receiver.officer, 'ACCEPTED');
      const result = await ops.act(
        'recordTransferResult',
        { transferId: sent.id, outcome: 'PENALIZED', result: '警告，罚款 5,000 元' },
        token(receiver.officer),
      );
      expect(result.result).toMatchObject({ outcome: 'PENALIZED' });
      await bothListAs(sent, AMR.officer, receiver.officer, 'RESULT_RECORDED');
    },
  );

  it('立案监督 across processes: the procuratorate gets the 抄送 over Kafka, its notices reach the police’s process, their answers come back', async () => {
    const c = await filedCase('立案监督：检察院在自己的进程中');
    const criminal = await send(
      { caseId: c.id, kind: 'CRIMINAL', toAgencyId: 'police-650100', reason: '涉嫌生产、销售假药罪', materials: criminalMaterials },
      AMR,
      POLICE.officer,
    );
    await ops.act('receiveTransfer', { transferId: criminal.id }, token(POLICE.officer));
    await ops.act('declineTransfer', { transferId: criminal.id, reasonCategory: 'INSUFFICIENT_EVIDENCE', reason: '证据不足' }, token(POLICE.supervisor));
    await ops.act('suggestProcuratorateSupervision', { transferId: criminal.id, reason: '建议检察院立案监督' }, token(AMR.supervisor));
    const copyQuery = `query($id: ID!) { transferCopy(id: $id) { transferId supervisionSuggested progress { step }
      filingSupervision { status explanation filingDocumentNumber } } }`;
    type Copy = { transferId: string; supervisionSuggested: boolean; progress: { step: string }[]; filingSupervision: { status: string; explanation: string | null; filingDocumentNumber: string | null } | null };
    const copy = async () => (await platform.gql<{ transferCopy: Copy | null }>(copyQuery, { id: criminal.id }, token(PROCURATORATE.officer))).data?.transferCopy ?? null;
    // 抄送: the procuratorate's process learns the transfer and its steps over Kafka (no materials).
    expect((await eventually(copy, (x) => x?.supervisionSuggested === true, 30_000))!.progress.map((p) => p.step)).toEqual([
      'TransferApproved',
      'TransferReceiptSigned',
      'TransferDeclined',
      'ProcuratorateSupervisionSuggested',
    ]);
    const asked = await platform.gql<{ requestNonFilingExplanation: { status: string } }>(
      `mutation($input: RequestNonFilingExplanationInput!) { requestNonFilingExplanation(input: $input) { status } }`,
      { input: { transferId: criminal.id, documentNumber: '乌检刑监要说〔2025〕21号', reason: '市场监管局建议立案监督' } },
      token(PROCURATORATE.officer),
    );
    expect(asked.errors).toBeUndefined();
    // The notice reaches the police's process and stream; the police explain; the procuratorate notes it.
    await ops.waitForTransfer(criminal.id, token(POLICE.officer), (x) => x.status === 'PROCURATORATE_INQUIRY', 'the inquiry on the police’s stream');
    await ops.run('explainNonFiling', { transferId: criminal.id, explanation: '证据不足以证明明知' }, token(POLICE.supervisor));
    await eventually(copy, (x) => x?.filingSupervision?.status === 'EXPLANATION_RECEIVED', 30_000);
    const notified = await platform.gql<{ decideNonFilingReasons: { status: string } }>(
      `mutation($input: DecideNonFilingReasonsInput!) { decideNonFilingReasons(input: $input) { status } }`,
      { input: { transferId: criminal.id, reasonsHold: false, reason: '不立案理由不能成立', documentNumber: '乌检刑监通立〔2025〕7号' } },
      token(PROCURATORATE.supervisor),
    );
    expect(notified.data?.decideNonFilingReasons.status).toBe('FILING_NOTIFIED');
    await ops.waitForTransfer(criminal.id, token(POLICE.officer), (x) => x.status === 'FILING_ORDERED', 'the order on the police’s stream');
    await ops.run('acceptTransfer', { transferId: criminal.id, documentNumber: '乌公立字〔2025〕77号' }, token(POLICE.supervisor));
    expect(await eventually(copy, (x) => x?.filingSupervision?.status === 'FILED', 30_000)).toMatchObject({
      filingSupervision: { explanation: '证据不足以证明明知', filingDocumentNumber: '乌公立字〔2025〕77号' },
    });
    // The agency reads the outcome on its transfer (from the procuratorate's process, over HTTP).
    const outcome = await platform.gql<{ transfer: { filingSupervision: { status: string } | null } }>(
      `query($id: ID!) { transfer(id: $id) { filingSupervision { status } } }`,
      { id: criminal.id },
      token(AMR.officer),
    );
    expect(outcome.data?.transfer.filingSupervision?.status).toBe('FILED');
  }, 120_000);

  it('REVERSE 反向衔接: police decline a criminal transfer and send the case back to market regulation', async () => {
    const c = await filedCase('反向衔接：货值未达刑事标准');
    const criminal = await send(
      {
        caseId: c.id,
        kind: 'CRIMINAL',
        toAgencyId: 'police-650100',
        reason: '涉嫌生产销售劣药',
        materials: criminalMaterials,
      },
      AMR,
      POLICE.officer,
    );
    await ops.act('receiveTransfer', { transferId: criminal.id }, token(POLICE.officer));
    await ops.act(
      'declineTransfer',
      {
        transferId: criminal.id,
        reasonCategory: 'NO_OFFENCE',
        reason: '货值未达立案追诉标准，不需要追究刑事责任',
      },
      token(POLICE.supervisor),
    );
    await bothListAs(criminal, AMR.officer, POLICE.officer, 'DECLINED');

    const proposed = await ops.run(
      'proposeTransfer',
      {
        caseId: c.id,
        kind: 'REVERSE',
        toAgencyId: 'amr-650100',
        reason: '不需要追究刑事责任，依法应当给予行政处罚',
        materials: reverseMaterials,
      },
      token(POLICE.officer),
    );
    const back = await ops.run('approveTransfer', { transferId: proposed.id }, token(POLICE.supervisor));
    expect(back).toMatchObject({
      kind: 'REVERSE',
      status: 'SENT',
      fromAgency: { id: 'police-650100' },
      toAgency: { id: 'amr-650100' },
    });
    await bothListAs(back, POLICE.officer, AMR.officer, 'SENT');

    await ops.act('receiveTransfer', { transferId: back.id }, token(AMR.officer));
    await bothListAs(back, POLICE.officer, AMR.officer, 'RECEIVED');
    await ops.act('acceptTransfer', { transferId: back.id }, token(AMR.supervisor));
    await ops.act(
      'recordTransferResult',
      { transferId: back.id, outcome: 'PENALIZED', result: '乌市监罚〔2026〕12号：罚款 50,000 元' },
      token(AMR.officer),
    );
    await bothListAs(back, POLICE.officer, AMR.officer, 'RESULT_RECORDED');
    // The declined criminal transfer stays in both lists as declined.
    await bothListAs(criminal, AMR.officer, POLICE.officer, 'DECLINED');
  });

  /**
   * 专项整治 across processes: the operations process refers a 立案查处 finding over Kafka; the
   * market-regulation process opens the case with its origin and publishes `case.registered`; the
   * operations process links the case back to the ledger from that message. No pinned clock here:
   * the plan's dates are laid around today (Beijing time), the group works in the phase under way.
   */
  it(
    'a joint operation (专项整治): a 立案查处 finding opens a case in the market-regulation process, linked back to the ledger over Kafka',
    { timeout: 120_000 },
    async () => {
      const operations = createOperationOperations((query, variables = {}, bearer = '') =>
        platform.gql(query, variables, bearer),
      );
      const [head, office, groupLeader, groupDeputy] = await Promise.all([
        platform.tokenFor('u-amr-650000-supervisor'),
        platform.tokenFor('u-amr-650000-office'),
        platform.tokenFor('u-amr-650000-g2-leader'),
        platform.tokenFor('u-amr-650000-g2-deputy'),
      ]);
      const cityOfficer = token(AMR.officer);

      // Dates around today in Beijing: the supervisory phase began three days ago and runs on, so a
      // run across midnight still inspects and registers inside it.
      const today = beijingDate(new Date().toISOString());
      const day = (offset: number) =>
        new Date(Date.parse(`${today}T00:00:00Z`) + offset * 86_400_000).toISOString().slice(0, 10);
      const first17 = '12650100MB0000731';
      const target = {
        name: '乌鲁木齐某民族医院（分布式专项整治）',
        creditCode: `${first17}${creditCodeCheckChar(first17)}`,
        regionCode: '650100',
      };
      const title = '乌鲁木齐医疗机构制剂室专项整治（分布式端到端）';
      const officeDirector = personOf('田立军', 'amr-650000', '药品生产监督管理处处长', {
        userId: 'u-amr-650000-office',
      });

      const planned = await operations.run(
        'planOperation',
        {
          commandId: `dist-operation-${platform.prefix}`,
          title,
          legalBasis: ['《中华人民共和国药品管理法》'],
          participantAgencyIds: ['amr-650100'],
          startsOn: day(-10),
          endsOn: day(60),
          phases: [
            { kind: 'SELF_INSPECTION', startsOn: day(-10), endsOn: day(-4) },
            { kind: 'SUPERVISORY_INSPECTION', startsOn: day(-3), endsOn: day(20) },
            { kind: 'ASSESSMENT', startsOn: day(21), endsOn: day(30) },
            { kind: 'RECTIFICATION', startsOn: day(31), endsOn: day(60) },
          ],
          focusItems: [
            { title: '是否存在无证配制、无文号配制、文号过期配制的行为' },
            { title: '是否存在未经批准擅自调剂使用的行为' },
          ],
          leadingGroup: {
            leader: personOf('马玉清', 'amr-650000', '局长', { userId: 'u-amr-650000-supervisor' }),
            deputies: [],
            members: [officeDirector],
          },
          office: { hostUnit: '药品生产监督管理处', director: officeDirector, members: [] },
          duties: [
            {
              unit: '药品生产监督管理处',
              agencyId: 'amr-650000',
              duty: '牵头负责监督检查，依法查处违法违规行为',
            },
          ],
          targets: [target],
        },
        head,
      );
      const operationId = planned.id;
      expect(planned).toMatchObject({
        status: 'PLANNED',
        version: 1,
        streamId: `operation-${operationId}`,
        leadAgency: { id: 'amr-650000' },
        participants: [{ id: 'amr-650000' }, { id: 'amr-650100' }],
        resultRecipient: { id: 'cdi-650000' },
      });
      expect(planned.phases.map((p) => [p.id, p.kind, p.startsOn])).toEqual([
        ['P1', 'SELF_INSPECTION', day(-10)],
        ['P2', 'SUPERVISORY_INSPECTION', day(-3)],
        ['P3', 'ASSESSMENT', day(21)],
        ['P4', 'RECTIFICATION', day(31)],
      ]);

      const on = (input: Record<string, unknown>) => ({ operationId, ...input });
      const formed = await operations.run(
        'formInspectionGroup',
        on({
          name: '第一检查组',
          phaseId: 'P2',
          leader: personOf('王建国', 'amr-650000', '党组成员、副局长', { userId: 'u-amr-650000-g2-leader' }),
          deputy: personOf('马春燕', 'amr-650000', '审评查验中心副主任', {
            userId: 'u-amr-650000-g2-deputy',
            phone: '0991-5552002',
          }),
          members: [personOf('帕丽旦·热合曼', 'amr-650100', '执法人员', { userId: AMR.officer })],
          regions: ['650100'],
        }),
        office,
      );
      expect(formed.groups).toMatchObject([
        {
          id: 'G1',
          phase: { id: 'P2', kind: 'SUPERVISORY_INSPECTION' },
          startsOn: day(-3),
          endsOn: day(20),
          liaisonPhone: '0991-5552002',
          members: [{ userId: AMR.officer, agency: { id: 'amr-650100' } }],
        },
      ]);
      const assigned = await operations.run(
        'assignTargets',
        on({ groupId: 'G1', targets: [{ ...target, plannedOn: day(1) }] }),
        office,
      );
      expect(assigned.unassignedTargets).toEqual([]);
      expect(assigned.groups.map((g) => [g.id, g.targetCount, g.inspectedCount])).toEqual([['G1', 1, 0]]);
      const launched = await operations.run('launchOperation', on({ reason: '印发方案' }), head);
      expect(launched).toMatchObject({ status: 'IN_PROGRESS', version: 4 });

      // The group's city officer inspects; the deputy puts the finding in the ledger as 立案查处,
      // handled by the city regulator (named: by default the leader's agency, the province's, would be).
      const inspectedAt = new Date(Date.now() - 2 * 3_600_000).toISOString();
      const inspected = await operations.run(
        'recordInspection',
        on({
          groupId: 'G1',
          targetCreditCode: target.creditCode,
          inspectedAt,
          checklist: [
            { itemId: 'F1', result: 'NON_COMPLIANT', note: '无《医疗机构制剂许可证》' },
            { itemId: 'F2', result: 'COMPLIANT' },
          ],
          findings: [
            {
              description: '未取得《医疗机构制剂许可证》擅自配制',
              focusItemIds: ['F1'],
              violations: ['UNLICENSED_COMPOUNDING'],
            },
          ],
        }),
        cityOfficer,
      );
      expect(inspected.groups[0]!.targets).toMatchObject([
        { creditCode: target.creditCode, inspectionId: 'I1', inspectedAt },
      ]);
      const findingId = 'I1-F1';
      const dueOn = day(30);
      const registered = await operations.run(
        'registerProblem',
        on({
          findingId,
          disposition: 'CASE_INVESTIGATION',
          handlingAgencyId: 'amr-650100',
          rectificationDueOn: dueOn,
          amountInvolvedFen: 3_600_000,
        }),
        groupDeputy,
      );
      // ProblemRegistered and FindingReferred
      expect(registered.version).toBe(7);

      // The market-regulation process opened the case from the Kafka message: the city officer
      // finds it in the case list of their agency, with its origin.
      const caseFields = `id number status source summary violations amountInvolvedFen agency { id }
        subject { kind name creditCode } origin { operationId findingId operation { id title } }`;
      type CaseWithOrigin = {
        id: string;
        number: string;
        origin: {
          operationId: string;
          findingId: string;
          operation: { id: string; title: string } | null;
        } | null;
        [field: string]: unknown;
      };
      const listed = await eventually(
        async () => {
          const res = await platform.gql<{ cases: { edges: { node: CaseWithOrigin }[] } }>(
            `query($filter: CaseFilter) { cases(filter: $filter, first: 10) { edges { node { ${caseFields} } } } }`,
            { filter: { agencyId: 'amr-650100', search: target.name } },
            cityOfficer,
          );
          expect(res.errors).toBeUndefined();
          return res.data!.cases.edges.map((e) => e.node);
        },
        (cases) => cases.length > 0,
        30_000,
      );
      expect(listed).toHaveLength(1);
      const opened = listed[0]!;
      expect(opened).toMatchObject({
        status: 'CLUE_REGISTERED',
        source: 'INSPECTION',
        agency: { id: 'amr-650100' },
        summary: `${title}：未取得《医疗机构制剂许可证》擅自配制`,
        violations: ['UNLICENSED_COMPOUNDING'],
        amountInvolvedFen: 3_600_000,
        subject: { kind: 'ORGANIZATION', name: target.name, creditCode: target.creditCode },
        origin: { operationId, findingId, operation: { id: operationId, title } },
      });

      // The link back: case.registered crossed Kafka to the operations process, which noted the case on the finding.
      const entryOf = async () =>
        (await operations.ledger(operationId, office)).find((p) => p.findingId === findingId);
      const linked = (await eventually(entryOf, (p) => p?.case != null, 30_000))!;
      expect(linked).toMatchObject({
        inspectionId: 'I1',
        groupId: 'G1',
        targetName: target.name,
        targetCreditCode: target.creditCode,
        disposition: 'CASE_INVESTIGATION',
        handlingAgency: { id: 'amr-650100' },
        status: 'OPEN',
        overdue: false,
        rectificationDueOn: dueOn,
        case: { caseId: opened.id, caseNumber: opened.number, agency: { id: 'amr-650100' } },
        caseTransfers: [],
        awaitingPoliceTransfer: false,
      });
      expect(opened.number).toMatch(
        new RegExp(`^AMR650100〔${beijingDate(linked.case!.registeredAt).slice(0, 4)}〕\\d{5}号$`),
      );
      // The case(id) the officer opens is the one the ledger names.
      const one = await platform.gql<{ case: CaseWithOrigin | null }>(
        `query($id: ID!) { case(id: $id) { ${caseFields} } }`,
        { id: linked.case!.caseId },
        cityOfficer,
      );
      expect(one.errors).toBeUndefined();
      expect(one.data!.case).toMatchObject({
        id: opened.id,
        number: opened.number,
        origin: { operationId, findingId },
      });

      // The office's figures: one target of one, one inspection, one problem open, one case opened.
      const progress = await operations.progress(operationId, office);
      expect(progress).toMatchObject({
        status: 'IN_PROGRESS',
        targets: { assigned: 1, inspected: 1, coverage: 1 },
        inspections: { regular: 1, followUps: 0 },
        findingsNotInLedger: 0,
        ledger: { problems: 1, open: 1, reported: 0, closed: 0, closureRate: 0 },
        overdue: [],
        followUps: { scheduled: 0, done: 0 },
        cases: { referred: 1, opened: 1, transferredToPolice: 0 },
      });
      expect(progress.byGroup.map((g) => [g.groupId, g.assigned, g.inspected, g.coverage])).toEqual([
        ['G1', 1, 1, 1],
      ]);
      expect(progress.byRegion.map((r) => [r.regionCode, r.assigned, r.inspected])).toEqual([
        ['650100', 1, 1],
      ]);
      expect(progress.byPhase.map((p) => [p.phaseId, p.assigned, p.inspected, p.problemsRegistered])).toEqual(
        [
          ['P1', 0, 0, 0],
          ['P2', 1, 1, 1],
          ['P3', 0, 0, 0],
          ['P4', 0, 0, 0],
        ],
      );
      expect(progress.ledger.byDisposition.filter((d) => d.problems > 0)).toEqual([
        { disposition: 'CASE_INVESTIGATION', problems: 1, closed: 0 },
      ]);
      const ledger = await operations.ledger(operationId, office);
      expect(ledger.map((p) => [p.findingId, p.status, p.case?.caseId])).toEqual([
        [findingId, 'OPEN', opened.id],
      ]);
      const inspections = await operations.inspections(operationId, office);
      expect(
        inspections.map((i) => [i.id, i.groupId, i.kind, i.targetCreditCode, i.findings.map((x) => x.id)]),
      ).toEqual([['I1', 'G1', 'REGULAR', target.creditCode, [findingId]]]);
      // The group's leader sees the same entry as the office.
      expect((await operations.ledger(operationId, groupLeader)).map((p) => p.case?.caseId)).toEqual([
        opened.id,
      ]);
    },
  );

  it('挂牌督办 across processes: the commission learns the case over Kafka, lists it, and the agency sees the supervision', async () => {
    const c = await filedCase('挂牌督办：群众反复举报的无证配制');
    const dueDate = new Date(Date.now() + (8 * 3600 + 14 * 86_400) * 1000).toISOString().slice(0, 10); // Beijing date, 14 days on
    const fields = 'caseId number agency { id } status commission { id } dueDate dueAt overdue';
    // The commission's service knows the case once the case event has crossed Kafka: NOT_FOUND until then.
    const supervised = await eventually(
      () =>
        platform.gql<{ superviseCase: Record<string, unknown> }>(
          `mutation($input: SuperviseCaseInput!) { superviseCase(input: $input) { ${fields} } }`,
          { input: { caseId: c.id, dueDate, reason: '群众反复举报', commandId: `dist-supervise-${c.id}` } },
          token(CDI.supervisor),
        ),
      (res) => errorCode(res) !== 'NOT_FOUND',
      30_000,
    );
    expect(supervised.errors).toBeUndefined();
    const expected = {
      caseId: c.id,
      number: c.number,
      agency: { id: 'amr-650100' },
      status: 'FILED',
      commission: { id: 'cdi-650100' },
      dueDate,
      dueAt: new Date(Date.parse(`${dueDate}T00:00:00+08:00`) + 86_400_000).toISOString(), // 24:00 Beijing time
      overdue: false,
    };
    // The status is the commission's knowledge of the case: the filing may still be on its way.
    expect(supervised.data!.superviseCase).toEqual({
      ...expected,
      status: expect.stringMatching(/^(CLUE_REGISTERED|FILED)$/),
    });
    // The list and the case's field read the commission's supervision read model: wait for it.
    const listed = await eventually(
      async () =>
        (
          await platform.gql<{ oversight: { supervisedCases: { caseId: string; status: string }[] } }>(
            `query { oversight { supervisedCases { ${fields} } } }`,
            {},
            token(CDI.supervisor),
          )
        ).data!.oversight.supervisedCases.filter((x) => x.caseId === c.id),
      (rows) => rows[0]?.status === 'FILED',
      30_000,
    );
    expect(listed).toEqual([expected]);
    // The handling agency reads it on its case (the gateway asks the commission's process).
    const seen = await platform.gql<{ case: { supervision: unknown } }>(
      `query($id: ID!) { case(id: $id) { supervision { ${fields} } } }`,
      { id: c.id },
      token(AMR.officer),
    );
    expect(seen.data!.case.supervision).toEqual(expected);
  });

  // The restarted police consumer waits out the killed member's Kafka session (30 s) before it rejoins.
  it(
    'delivers a transfer sent while the police process is down (SIGKILL after approval) exactly once after its restart; the overseer sees its overdue decision',
    { timeout: 120_000 },
    async () => {
      const c = await filedCase('行刑衔接：公安进程中断');
      const proposed = await ops.run(
        'proposeTransfer',
        {
          caseId: c.id,
          kind: 'CRIMINAL',
          toAgencyId: 'police-650100',
          reason: '涉嫌生产销售假药',
          materials: criminalMaterials,
        },
        token(AMR.officer),
      );
      const sent = await ops.run('approveTransfer', { transferId: proposed.id }, token(AMR.supervisor));
      await platform.stop('police', 'SIGKILL');
      const down = await ops.attempt('receiveTransfer', { transferId: sent.id }, token(POLICE.officer));
      expect(errorCode(down)).toBe('SERVICE_UNAVAILABLE');
      await listedAs(AMR.officer, 'OUTGOING', sent.id, 'SENT');

      await platform.start('police');
      await listedAs(POLICE.officer, 'INCOMING', sent.id, 'SENT');
      const received = await ops.act('receiveTransfer', { transferId: sent.id }, token(POLICE.officer));
      expect(received.status).toBe('RECEIVED');
      await bothListAs(sent, AMR.officer, POLICE.officer, 'RECEIVED');

      const inbox = await ops.list(token(POLICE.officer), { direction: 'INCOMING' });
      expect(inbox.filter((t) => t.id === sent.id)).toHaveLength(1);
      const db = new pg.Client({ connectionString: databaseUrl });
      await db.connect();
      try {
        const incoming = await db.query(
          `SELECT count(*)::int AS n FROM "${platform.schemaOf('police')}".incoming_transfers WHERE transfer_id = $1`,
          [sent.id],
        );
        expect(incoming.rows[0].n).toBe(1);
        const receipts = await db.query(
          `SELECT type FROM "${platform.schemaOf('xianjie')}".events WHERE stream_id = $1 ORDER BY version`,
          [`transfer-in-${sent.id}`],
        );
        expect(receipts.rows.map((r) => r.type)).toEqual(['TransferReceiptSigned']);
      } finally {
        await db.end();
      }

      // The police's decision (立案 or not) is open: far past its due time, the overseer of the region
      // sees it as overdue, owned by the police.
      const decide = deadlineOf(received.deadlines, 'decide');
      expect(decide).toMatchObject({ party: 'RECEIVER', obligation: 'DUTY', metAt: null });
      const asOf = shift(decide.dueAt, 10 * 86_400);
      const overdue = await ops.overdue(token(OVERSEER), asOf);
      const item = overdue.find((i) => i.transfer.id === sent.id && i.step === decide.step);
      expect(item).toMatchObject({
        party: 'RECEIVER',
        agency: { id: 'police-650100' },
        transfer: { kind: 'CRIMINAL', materials: [] },
      });
      // An overseer is no party: the transfers come without their materials.
      expect(overdue.every((i) => i.transfer.materials.length === 0)).toBe(true);

      // 首办负责制 across processes: the overseer sees it awaiting the police's decision (from the
      // sender's row, which noted the receipt over Kafka), and the performance from the moment it
      // was sent (the file's last transfer) to now counts exactly this transfer for both agencies.
      const awaiting = (await ops.awaitingFeedback(token(OVERSEER), asOf)).find(
        (i) => i.transfer.id === sent.id,
      );
      expect(awaiting).toMatchObject({ stage: 'AWAITING_DECISION', transfer: { materials: [] } });
      expect(awaiting!.overdueSteps).toContain('decide');
      const sentAt = Date.parse(sent.sentAt as string);
      const performance = await ops.agencyPerformance(
        token(OVERSEER),
        new Date(sentAt).toISOString(),
        new Date(Date.now() + 60_000).toISOString(),
      );
      const hoursToReceipt =
        Math.round(((Date.parse(received.receivedAt as string) - sentAt) / 3_600_000) * 100) / 100;
      expect(performance.find((p) => p.agency.id === 'amr-650100')).toMatchObject({ sent: 1, received: 0 });
      expect(performance.find((p) => p.agency.id === 'police-650100')).toMatchObject({
        sent: 0,
        received: 1,
        accepted: 0,
        declined: 0,
        acceptanceRate: null,
        medianHoursToReceipt: hoursToReceipt,
        medianHoursToDecision: null,
      });
    },
  );
});
