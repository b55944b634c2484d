import { creditCodeCheckChar } from '@xianjie/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmbeddedGateway, type TestGateway } from '../support/embeddedGateway.ts';
import { eventually } from '../support/eventually.ts';
import {
  createOperationOperations,
  personOf,
  type LedgerEntryView,
  type OperationOperations,
} from '../support/operationOperations.ts';
import { createTransferOperations, criminalMaterials, errorCode, type TransferOperations } from '../support/transferOperations.ts';

/**
 * A joint operation (专项整治, DESIGN §3.3) end to end through GraphQL over HTTP, embedded mode on
 * PGlite with the test's business clock: plan → mixed groups → targets → launch → inspections →
 * findings in the ledger → one rectified and verified (销号), one overdue and followed up (回头看),
 * one 立案查处 opening a case in market regulation (read back with its origin), one 移送公安 whose
 * case the user transfers to police (the ledger shows it); progress as of several times matches
 * the events; 四不两直 holds in the operation and in its audit trail. People are demo accounts.
 * And what the seeds add (issue 14 item 8): 自查自纠 reports recorded by the office, with the
 * targets that have not reported; 销号 refused without a 核查意见 (谁检查、谁签名、谁负责) and accepted
 * with one; a 回头看 that finds a closed problem relapsed (反弹) reopens it and the figures count it;
 * the commission's supervisor reads the result report (not the operation), acknowledges and evaluates it.
 */
describe('a joint operation through GraphQL (embedded, PGlite, test clock)', () => {
  let gw: TestGateway;
  let ops: OperationOperations;
  let transfers: TransferOperations;
  let clock = '2025-04-15T10:00:00+08:00';
  let operationId = '';
  const t: Record<string, string> = {};
  const f: Record<string, string> = {};

  const code = (region: string, n: number) => {
    const first17 = `12${region}MB${String(n).padStart(7, '0')}`;
    return `${first17}${creditCodeCheckChar(first17)}`;
  };
  const yili = { name: '伊宁市某中医医院', creditCode: code('654000', 11), regionCode: '654000' };
  const altay = { name: '阿勒泰市某民族医院', creditCode: code('654300', 12), regionCode: '654300' };
  const urumqi = { name: '乌鲁木齐某中医医院', creditCode: code('650100', 13), regionCode: '650100' };
  const urumqi2 = { name: '乌鲁木齐某骨伤医院', creditCode: code('650100', 14), regionCode: '650100' };

  const officeDirector = personOf('田立军', 'amr-650000', '药品生产监督管理处处长', { userId: 'u-amr-650000-office' });
  const g1 = {
    name: '第一检查组',
    phaseId: 'P2',
    leader: personOf('刘长青', 'amr-650000', '党组成员、副局长', { userId: 'u-amr-650000-g1-leader' }),
    deputy: { ...officeDirector, phone: '13900001001' },
    members: [personOf('努尔兰·别克', 'health-650000', '卫生监督员', { userId: 'u-health-650000-officer' })],
    regions: ['654000', '654300'],
  };
  const g2 = {
    name: '第二检查组',
    phaseId: 'P2',
    leader: personOf('王建国', 'amr-650000', '党组成员、副局长', { userId: 'u-amr-650000-g2-leader' }),
    deputy: personOf('马春燕', 'amr-650000', '审评查验中心副主任', { userId: 'u-amr-650000-g2-deputy', phone: '0991-5552002' }),
    members: [personOf('帕丽旦·热合曼', 'amr-650100', '执法人员', { userId: 'u-amr-650100-officer' })],
    regions: ['650100'],
  };
  const plan = {
    commandId: 'e2e-operation-workflow',
    title: '全区医疗机构制剂室专项整治（端到端）',
    legalBasis: ['《中华人民共和国药品管理法》'],
    participantAgencyIds: ['amr-650100', 'health-650000'],
    startsOn: '2025-04-20',
    endsOn: '2025-07-31',
    phases: [
      { kind: 'SELF_INSPECTION', startsOn: '2025-04-20', endsOn: '2025-04-30' },
      { kind: 'SUPERVISORY_INSPECTION', startsOn: '2025-05-01', endsOn: '2025-05-31' },
      { kind: 'ASSESSMENT', startsOn: '2025-06-01', endsOn: '2025-06-15' },
      { kind: 'RECTIFICATION', startsOn: '2025-06-16', endsOn: '2025-07-31' },
    ],
    focusItems: [
      { title: '是否存在无证配制、无文号配制、文号过期配制的行为' },
      { title: '是否存在未经批准擅自调剂使用的行为' },
      { title: '是否存在配制检验记录造假、未经检验使用的情况' },
    ],
    leadingGroup: {
      leader: personOf('马玉清', 'amr-650000', '局长', { userId: 'u-amr-650000-supervisor' }),
      deputies: [personOf('于晓萍', 'health-650000', '卫生健康委党组成员')],
      members: [officeDirector],
    },
    office: { hostUnit: '药品生产监督管理处', director: officeDirector, members: [] },
    duties: [{ unit: '药品生产监督管理处', agencyId: 'amr-650000', duty: '牵头负责监督检查，依法查处违法违规行为' }],
    targets: [yili, altay, urumqi, urumqi2],
  };

  beforeAll(async () => {
    gw = await startEmbeddedGateway({ XIANJIE_SEED: 'none' }, { now: () => clock });
    ops = createOperationOperations(gw.gql);
    transfers = createTransferOperations(gw.gql);
    for (const user of [
      'u-amr-650000-supervisor',
      'u-amr-650000-officer',
      'u-amr-650000-office',
      'u-amr-650000-g1-leader',
      'u-amr-650000-g2-leader',
      'u-amr-650000-g2-deputy',
      'u-health-650000-officer',
      'u-amr-650100-officer',
      'u-amr-650100-supervisor',
      'u-police-650100-officer',
      'u-cdi-650000-overseer',
      'u-cdi-650000-supervisor',
      'u-cdi-650100-supervisor',
    ]) {
      t[user.replace(/^u-/, '')] = await gw.tokenFor(user);
    }
  }, 60_000);
  afterAll(async () => gw?.close());

  const head = () => t['amr-650000-supervisor']!;
  const office = () => t['amr-650000-office']!;
  const g1Leader = () => t['amr-650000-g1-leader']!;
  const g1Member = () => t['health-650000-officer']!;
  const g2Deputy = () => t['amr-650000-g2-deputy']!;
  const g2Member = () => t['amr-650100-officer']!;
  const overseer = () => t['cdi-650000-overseer']!;
  const on = (input: Record<string, unknown>) => ({ operationId, ...input });
  /** 核查意见: the group's leader and its member checked and signed; the leader answers for it (谁检查、谁签名、谁负责). */
  const opinion = {
    checkedBy: [g1.leader, g1.members[0]!],
    checkedAt: '2025-06-24T15:00:00+08:00',
    findings: '现场查看检验留样台账及补做的检验记录，整改到位',
    signedBy: [g1.leader, g1.members[0]!],
    responsible: g1.leader,
  };
  const entry = async (findingId: string, token = office()): Promise<LedgerEntryView> =>
    (await ops.ledger(operationId, token)).find((p) => p.findingId === findingId)!;

  it('plans, forms mixed groups, assigns every target and launches', async () => {
    const planned = await ops.run('planOperation', plan, head());
    operationId = planned.id;
    expect(planned).toMatchObject({
      status: 'PLANNED',
      version: 1,
      streamId: `operation-${operationId}`,
      leadAgency: { id: 'amr-650000' },
      participants: [{ id: 'amr-650000' }, { id: 'amr-650100' }, { id: 'health-650000' }],
      resultRecipient: { id: 'cdi-650000' },
      office: { hostUnit: '药品生产监督管理处', director: { name: '田立军', userId: 'u-amr-650000-office' } },
    });
    expect(planned.phases.map((p) => `${p.id} ${p.name}`)).toEqual(['P1 自查自纠', 'P2 监督检查', 'P3 检查评估', 'P4 整改提升']);
    expect(planned.unassignedTargets!.map((x) => x.creditCode)).toEqual([yili, altay, urumqi, urumqi2].map((x) => x.creditCode));
    // a retry with the same commandId finds the same operation and appends nothing
    expect(await ops.run('planOperation', plan, head())).toMatchObject({ id: operationId, version: 1 });

    clock = '2025-04-16T10:00:00+08:00';
    const formed = await ops.run('formInspectionGroup', on(g1), office());
    expect(formed.groups[0]).toMatchObject({
      id: 'G1',
      phase: { id: 'P2', kind: 'SUPERVISORY_INSPECTION' },
      startsOn: '2025-05-01',
      endsOn: '2025-05-31',
      unannounced: true,
      leader: { name: '刘长青', agency: { id: 'amr-650000' } },
      deputy: { name: '田立军', phone: '13900001001' },
      liaisonPhone: '13900001001',
      members: [{ name: '努尔兰·别克', agency: { id: 'health-650000' } }],
    });
    await ops.run('formInspectionGroup', on(g2), head());

    clock = '2025-04-17T10:00:00+08:00';
    await ops.run('assignTargets', on({ groupId: 'G1', targets: [{ ...yili, plannedOn: '2025-05-06' }, { ...altay, plannedOn: '2025-05-20' }] }), office());
    const assigned = await ops.run('assignTargets', on({ groupId: 'G2', targets: [urumqi, urumqi2] }), office());
    expect(assigned.unassignedTargets).toEqual([]);
    expect(assigned.groups.map((g) => [g.id, g.targetCount, g.targets.length, g.hiddenTargets])).toEqual([
      ['G1', 2, 2, 0],
      ['G2', 2, 2, 0],
    ]);

    clock = '2025-04-30T10:00:00+08:00';
    const launched = await ops.run('launchOperation', on({ reason: '印发方案' }), head());
    expect(launched).toMatchObject({ status: 'IN_PROGRESS', version: 6 });
  });

  it('keeps an unannounced group’s targets to its members and the office (四不两直), in the operation and its audit trail', async () => {
    const byG2 = (await ops.operation(operationId, g2Member()))!;
    expect(byG2.groups.find((g) => g.id === 'G1')).toMatchObject({ targets: [], hiddenTargets: 2, targetCount: 2, startsOn: null, endsOn: null });
    expect(byG2.groups.find((g) => g.id === 'G2')!.targets.map((x) => x.creditCode)).toEqual([urumqi.creditCode, urumqi2.creditCode]);
    const byG1 = (await ops.operation(operationId, g1Member()))!;
    expect(byG1.groups.find((g) => g.id === 'G1')!.targets.map((x) => [x.creditCode, x.plannedOn])).toEqual([
      [yili.creditCode, '2025-05-06'],
      [altay.creditCode, '2025-05-20'],
    ]);
    const byOffice = (await ops.operation(operationId, office()))!;
    expect(byOffice.groups.map((g) => g.targets.length)).toEqual([2, 2]);
    // the lead agency's head plans but is not the office; the commission oversees but sees counts only
    for (const token of [head(), overseer()]) {
      const view = (await ops.operation(operationId, token))!;
      expect(view.groups.map((g) => [g.targets.length, g.hiddenTargets])).toEqual([
        [0, 2],
        [0, 2],
      ]);
    }
    expect(byG2.unassignedTargets).toBeNull();

    // the stream holds every list: its audit trail shows a reader only what the reader may see
    const streamId = `operation-${operationId}`;
    const g2Trail = (await transfers.auditTrail(streamId, g2Member()))!;
    expect(g2Trail.verification).toEqual({ valid: true, checked: 6, brokenAt: null });
    expect(JSON.stringify(g2Trail.events)).not.toContain(yili.creditCode);
    expect(JSON.stringify(g2Trail.events)).toContain(urumqi.creditCode);
    // the plan's register: G2's own two targets, the other two counted
    expect(g2Trail.events.find((e) => e.type === 'OperationPlanned')!.data).toMatchObject({ targets: [urumqi, urumqi2], hiddenTargets: 2 });
    expect(g2Trail.events.find((e) => e.type === 'TargetsAssigned' && e.data.groupId === 'G1')!.data).toMatchObject({
      targets: [],
      hiddenTargets: 2,
    });
    expect(g2Trail.events.find((e) => e.type === 'InspectionGroupFormed' && e.data.groupId === 'G1')!.data).toMatchObject({
      startsOn: null,
      endsOn: null,
    });
    const overseerTrail = (await transfers.auditTrail(streamId, overseer()))!;
    expect(JSON.stringify(overseerTrail.events)).not.toContain(yili.creditCode);
    expect(JSON.stringify(overseerTrail.events)).not.toContain(urumqi.creditCode);
    const officeTrail = (await transfers.auditTrail(streamId, office()))!;
    expect(JSON.stringify(officeTrail.events)).toContain(yili.creditCode);
    expect(officeTrail.events.find((e) => e.type === 'OperationPlanned')!.data).toMatchObject({ hiddenTargets: 0 });
    // owner and parties only: police take no part
    const police = await gw.gql(`query($s: String!) { auditTrail(streamId: $s) { streamId } }`, { s: streamId }, t['police-650100-officer']!);
    expect(errorCode(police)).toBe('NOT_FOUND');
    expect(await ops.operation(operationId, t['police-650100-officer']!)).toBeNull();
  });

  it('自查自纠: the office records the facilities’ reports; who has not reported is listed to those who may see the target', async () => {
    clock = '2025-05-02T09:00:00+08:00';
    const report = (target: { creditCode: string }, submittedAt: string, items: Record<string, unknown>[] = []) =>
      on({ targetCreditCode: target.creditCode, submittedAt, items, summary: '对照重点查处内容逐项自查', signedBy: { name: '院长某', title: '院长' } });
    // a group member does not record it: the facility reports to the office (seed 000: 上报自检报告; seed 003: 报送专项治理办公室)
    expect(errorCode(await ops.attempt('recordSelfInspection', report(yili, '2025-04-28T17:00:00+08:00'), g1Member()))).toBe('FORBIDDEN');
    await ops.run(
      'recordSelfInspection',
      report(yili, '2025-04-28T17:00:00+08:00', [
        { description: '部分制剂批准文号将于年内到期', focusItemIds: ['F1'], rectified: false, measures: '已提交再注册申请' },
        { description: '留样记录缺少复核签字', rectified: true, measures: '已补签' },
      ]),
      office(),
    );
    await ops.run('recordSelfInspection', report(urumqi, '2025-04-30T23:59:59+08:00'), office());
    // one second after 24:00 of the phase's last day (30 Apr): late
    const byOffice = await ops.run('recordSelfInspection', report(urumqi2, '2025-05-01T00:00:01+08:00'), office());
    expect(byOffice.selfInspections.map((r) => [r.targetName, r.late])).toEqual([
      [yili.name, false],
      [urumqi.name, false],
      [urumqi2.name, true],
    ]);
    // the office sees who has not reported
    expect(byOffice.selfInspectionsMissing).toEqual([{ name: altay.name, creditCode: altay.creditCode, regionCode: altay.regionCode, groupId: 'G1' }]);
    const again = await ops.attempt('recordSelfInspection', report(urumqi, '2025-04-29T10:00:00+08:00'), office());
    expect(errorCode(again)).toBe('INVALID_TRANSITION');

    // 四不两直: G2's member sees its own targets' reports, nothing of G1's; the head and the commission see counts only
    const byG2 = (await ops.operation(operationId, g2Member()))!;
    expect(byG2.selfInspections.map((r) => r.targetCreditCode)).toEqual([urumqi.creditCode, urumqi2.creditCode]);
    expect(byG2.selfInspectionsMissing).toEqual([]);
    for (const token of [head(), overseer()]) {
      const view = (await ops.operation(operationId, token))!;
      expect([view.selfInspections, view.selfInspectionsMissing]).toEqual([[], []]);
      expect(JSON.stringify(view)).not.toContain(altay.creditCode);
    }
    // a report names its target: the audit trail shows G2's member only that G1's came in
    const g2Trail = (await transfers.auditTrail(`operation-${operationId}`, g2Member()))!;
    const reports = g2Trail.events.filter((e) => e.type === 'SelfInspectionRecorded').map((e) => e.data);
    expect(reports.map((d) => d.targetCreditCode ?? `hidden ${String(d.hiddenTargets)}`)).toEqual(['hidden 1', urumqi.creditCode, urumqi2.creditCode]);
    expect(JSON.stringify(g2Trail.events)).not.toContain(yili.creditCode);
    expect((await ops.progress(operationId, overseer())).selfInspection).toEqual({
      dueAt: '2025-04-30T16:00:00.000Z',
      due: true,
      targets: 4,
      reported: 3,
      late: 1,
      missing: 1,
      itemsFound: 2,
      itemsRectified: 1,
    });
  });

  it('records inspections; another group’s member may not; the inspected target is no secret any more', async () => {
    clock = '2025-05-06T18:00:00+08:00';
    const refused = await ops.attempt(
      'recordInspection',
      on({ groupId: 'G1', targetCreditCode: yili.creditCode, checklist: [] }),
      g2Member(),
    );
    expect(errorCode(refused)).toBe('FORBIDDEN');

    const byG1 = await ops.run(
      'recordInspection',
      on({
        groupId: 'G1',
        targetCreditCode: yili.creditCode,
        inspectedAt: '2025-05-06T09:30:00+08:00',
        checklist: [
          { itemId: 'F1', result: 'NON_COMPLIANT', note: '批准文号过期' },
          { itemId: 'F2', result: 'COMPLIANT' },
          { itemId: 'F3', result: 'NON_COMPLIANT' },
        ],
        findings: [
          { description: '批准文号过期后仍配制复方制剂', focusItemIds: ['F1'], violations: ['UNAPPROVED_PREPARATION'] },
          { description: '检验记录与留样不符', focusItemIds: ['F3'], violations: ['FALSIFIED_RECORDS'] },
        ],
      }),
      g1Member(),
    );
    expect(byG1.groups.find((g) => g.id === 'G1')).toMatchObject({ inspectedCount: 1 });
    await ops.run(
      'recordInspection',
      on({
        groupId: 'G2',
        targetCreditCode: urumqi.creditCode,
        inspectedAt: '2025-05-06T10:00:00+08:00',
        checklist: [
          { itemId: 'F1', result: 'NON_COMPLIANT' },
          { itemId: 'F2', result: 'COMPLIANT' },
          { itemId: 'F3', result: 'COMPLIANT' },
        ],
        findings: [{ description: '未取得《医疗机构制剂许可证》擅自配制', focusItemIds: ['F1'], violations: ['UNLICENSED_COMPOUNDING'] }],
      }),
      g2Deputy(),
    );
    const inspections = await ops.inspections(operationId, overseer());
    expect(inspections.map((i) => [i.id, i.groupId, i.kind, i.targetName, i.findings.map((x) => x.id)])).toEqual([
      ['I1', 'G1', 'REGULAR', yili.name, ['I1-F1', 'I1-F2']],
      ['I2', 'G2', 'REGULAR', urumqi.name, ['I2-F1']],
    ]);
    // recorded: the other group (and the commission) now see yili, not altay
    const byG2 = (await ops.operation(operationId, g2Member()))!;
    expect(byG2.groups.find((g) => g.id === 'G1')).toMatchObject({ targets: [{ creditCode: yili.creditCode }], hiddenTargets: 1 });
    Object.assign(f, { yiliCase: 'I1-F1', yiliRecords: 'I1-F2', urumqiPolice: 'I2-F1' });
  });

  it('registers a problem, rectifies and verifies it (销号: the group’s leader or deputy only)', async () => {
    clock = '2025-05-10T10:00:00+08:00';
    const registered = await ops.run(
      'registerProblem',
      on({ findingId: f.yiliRecords, disposition: 'RECTIFICATION_ORDER', rectificationDueOn: '2025-06-30' }),
      g1Member(),
    );
    expect(registered.version).toBe(12);
    expect(await entry(f.yiliRecords!)).toMatchObject({
      disposition: 'RECTIFICATION_ORDER',
      status: 'OPEN',
      rectificationDueOn: '2025-06-30',
      dueAt: '2025-06-30T16:00:00.000Z',
      overdue: false,
      targetName: yili.name,
    });
    const again = await ops.attempt('registerProblem', on({ findingId: f.yiliRecords, disposition: 'ADMONITION', rectificationDueOn: '2025-06-30' }), g1Member());
    expect(errorCode(again)).toBe('INVALID_TRANSITION');

    clock = '2025-06-20T10:00:00+08:00';
    await ops.run('reportRectification', on({ findingId: f.yiliRecords, summary: '已建立检验留样台账，补做检验' }), g1Member());
    expect(await entry(f.yiliRecords!)).toMatchObject({ status: 'RECTIFICATION_REPORTED', reports: [{ summary: '已建立检验留样台账，补做检验' }] });
    const byMember = await ops.attempt('verifyRectification', on({ findingId: f.yiliRecords, accepted: true, opinion }), g1Member());
    expect(errorCode(byMember)).toBe('FORBIDDEN');
    // 销号 without its 核查意见 is refused, the field named (seed 001: 逐个验收销号; 谁检查、谁签名、谁负责)
    const bare = await ops.attempt('verifyRectification', on({ findingId: f.yiliRecords, accepted: true, note: '到位' }), g1Leader());
    expect(errorCode(bare)).toBe('BAD_USER_INPUT');
    expect(bare.errors![0]!.extensions!.field).toBe('input.opinion');
    expect(bare.errors![0]!.message).toContain('核查意见');
    // 谁检查、谁签名: a signer who did not check
    const stranger = personOf('孙志远', 'amr-650000', '副处长');
    const unsigned = await ops.attempt('verifyRectification', on({ findingId: f.yiliRecords, accepted: true, opinion: { ...opinion, signedBy: [stranger] } }), g1Leader());
    expect(errorCode(unsigned)).toBe('BAD_USER_INPUT');
    expect(unsigned.errors![0]!.extensions!.field).toBe('input.opinion.signedBy.0');
    const noReason = await ops.attempt('verifyRectification', on({ findingId: f.yiliRecords, accepted: false }), g1Leader());
    expect(errorCode(noReason)).toBe('BAD_USER_INPUT');
    expect(noReason.errors![0]!.extensions!.field).toBe('input.note');

    clock = '2025-06-25T10:00:00+08:00';
    await ops.run('verifyRectification', on({ findingId: f.yiliRecords, accepted: true, note: '现场核查整改到位', opinion }), g1Leader());
    expect(await entry(f.yiliRecords!, overseer())).toMatchObject({
      status: 'CLOSED',
      statusLabel: '已销号',
      verificationNote: '现场核查整改到位',
      verifiedAt: '2025-06-25T02:00:00.000Z',
      verificationOpinion: {
        checkedBy: [{ name: '刘长青' }, { name: '努尔兰·别克', agency: { id: 'health-650000' } }],
        checkedAt: '2025-06-24T07:00:00.000Z',
        method: 'ON_SITE',
        methodLabel: '现场核查',
        findings: '现场查看检验留样台账及补做的检验记录，整改到位',
        signedBy: [{ name: '刘长青' }, { name: '努尔兰·别克' }],
        responsible: { name: '刘长青', title: '党组成员、副局长' },
      },
    });
    expect((await ops.ledger(operationId, overseer(), { status: ['CLOSED'] })).map((p) => p.findingId)).toEqual([f.yiliRecords]);
  });

  it('a 立案查处 finding opens a case in market regulation, read back with case(id) and its origin', async () => {
    clock = '2025-06-26T10:00:00+08:00';
    await ops.run(
      'registerProblem',
      on({ findingId: f.yiliCase, disposition: 'CASE_INVESTIGATION', rectificationDueOn: '2025-07-31', amountInvolvedFen: 2_400_000 }),
      g1Member(),
    );
    const linked = await eventually(() => entry(f.yiliCase!), (p) => p.case !== null, 20_000);
    expect(linked).toMatchObject({
      disposition: 'CASE_INVESTIGATION',
      handlingAgency: { id: 'amr-650000' },
      case: { agency: { id: 'amr-650000' }, caseNumber: expect.stringMatching(/^AMR650000〔2025〕\d{5}号$/) },
      awaitingPoliceTransfer: false,
    });
    const res = await gw.gql<{ case: Record<string, unknown> | null }>(
      `query($id: ID!) { case(id: $id) { id number status source summary violations amountInvolvedFen agency { id }
        subject { kind name creditCode } origin { operationId findingId operation { id title } } } }`,
      { id: linked.case!.caseId },
      t['amr-650000-officer']!,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.case).toMatchObject({
      number: linked.case!.caseNumber,
      status: 'CLUE_REGISTERED',
      source: 'INSPECTION',
      agency: { id: 'amr-650000' },
      violations: ['UNAPPROVED_PREPARATION'],
      amountInvolvedFen: 2_400_000,
      subject: { kind: 'ORGANIZATION', name: yili.name, creditCode: yili.creditCode },
      origin: { operationId, findingId: f.yiliCase, operation: { id: operationId, title: plan.title } },
    });
    // another agency does not see the case at all
    const other = await gw.gql<{ case: unknown }>(`query($id: ID!) { case(id: $id) { id } }`, { id: linked.case!.caseId }, g2Member());
    expect(other.data?.case).toBeNull();
  });

  it('a 移送公安 finding: the case opens at the city regulator; once the user’s CRIMINAL transfer is approved the ledger shows it', async () => {
    clock = '2025-06-26T11:00:00+08:00';
    await ops.run(
      'registerProblem',
      on({
        findingId: f.urumqiPolice,
        disposition: 'POLICE_REFERRAL',
        rectificationDueOn: '2025-07-31',
        handlingAgencyId: 'amr-650100',
        amountInvolvedFen: 12_000_000,
      }),
      g2Deputy(),
    );
    const waiting = await eventually(() => entry(f.urumqiPolice!), (p) => p.case !== null, 20_000);
    expect(waiting).toMatchObject({ handlingAgency: { id: 'amr-650100' }, awaitingPoliceTransfer: true, caseTransfers: [] });
    expect((await ops.progress(operationId, overseer())).cases).toEqual({ referred: 2, opened: 2, transferredToPolice: 0 });

    clock = '2025-06-27T10:00:00+08:00';
    const proposed = await transfers.run(
      'proposeTransfer',
      {
        caseId: waiting.case!.caseId,
        kind: 'CRIMINAL',
        toAgencyId: 'police-650100',
        reason: '无证配制医疗机构制剂，涉嫌生产、销售假药罪',
        materials: criminalMaterials,
      },
      t['amr-650100-officer']!,
    );
    // proposed, not approved: still awaiting
    expect((await entry(f.urumqiPolice!)).awaitingPoliceTransfer).toBe(true);
    clock = '2025-06-27T15:00:00+08:00';
    await transfers.run('approveTransfer', { transferId: proposed.id }, t['amr-650100-supervisor']!);
    const transferred = await eventually(() => entry(f.urumqiPolice!), (p) => p.caseTransfers.length > 0, 20_000);
    expect(transferred).toMatchObject({
      awaitingPoliceTransfer: false,
      caseTransfers: [{ transferId: proposed.id, kind: 'CRIMINAL', toAgency: { id: 'police-650100' } }],
    });
    expect((await ops.progress(operationId, overseer())).cases).toEqual({ referred: 2, opened: 2, transferredToPolice: 1 });
  });

  it('an overdue rectification (from 24:00 of its due day) gets a 回头看 and its follow-up inspection', async () => {
    clock = '2025-06-27T09:00:00+08:00';
    const altayInspection = await ops.run(
      'recordInspection',
      on({
        groupId: 'G1',
        targetCreditCode: altay.creditCode,
        inspectedAt: '2025-05-20T10:00:00+08:00',
        checklist: [
          { itemId: 'F1', result: 'COMPLIANT' },
          { itemId: 'F2', result: 'NON_COMPLIANT' },
          { itemId: 'F3', result: 'COMPLIANT' },
        ],
        findings: [{ description: '未经批准向其他医院调剂制剂', focusItemIds: ['F2'] }],
      }),
      g1Leader(),
    );
    expect(altayInspection.groups.find((g) => g.id === 'G1')!.inspectedCount).toBe(2);
    f.altay = 'I3-F1';
    clock = '2025-06-27T12:00:00+08:00';
    await ops.run('registerProblem', on({ findingId: f.altay, disposition: 'REGULATORY_TALK', rectificationDueOn: '2025-07-10' }), g1Leader());

    clock = '2025-07-10T23:59:59+08:00';
    const early = await ops.attempt('scheduleFollowUp', on({ findingId: f.altay, scheduledOn: '2025-07-15' }), g1Leader());
    expect(errorCode(early)).toBe('INVALID_TRANSITION');
    expect(String(early.errors![0]!.extensions!.reason)).toContain('is not overdue (due 2025-07-10)');
    expect((await entry(f.altay)).overdue).toBe(false);

    clock = '2025-07-11T00:00:01+08:00';
    // overdue is a query: as of one second after 24:00 of the due day it is, one second before it is not
    expect((await ops.ledger(operationId, office(), { overdueAsOf: '2025-07-11T00:00:01+08:00' })).map((p) => p.findingId)).toEqual([f.altay]);
    expect(await ops.ledger(operationId, office(), { overdueAsOf: '2025-07-10T23:59:59+08:00' })).toEqual([]);
    // a group member does not schedule the 回头看; the office does
    expect(errorCode(await ops.attempt('scheduleFollowUp', on({ findingId: f.altay, scheduledOn: '2025-07-15' }), g1Member()))).toBe('FORBIDDEN');
    await ops.run('scheduleFollowUp', on({ findingId: f.altay, scheduledOn: '2025-07-15', reason: '逾期未报送整改报告' }), office());
    expect((await ops.progress(operationId, overseer(), '2025-07-12T10:00:00+08:00')).overdue).toMatchObject([
      { findingId: f.altay, groupId: 'G1', daysOverdue: 2, followUpScheduledOn: '2025-07-15', rejected: false },
    ]);

    clock = '2025-07-15T16:00:00+08:00';
    await ops.run(
      'recordInspection',
      on({
        groupId: 'G1',
        targetCreditCode: altay.creditCode,
        kind: 'FOLLOW_UP',
        followUpOf: [f.altay],
        checklist: [{ itemId: 'F2', result: 'COMPLIANT', note: '已停止调剂' }],
        summary: '回头看：已停止调剂，整改报告未报',
      }),
      g1Leader(),
    );
    expect(await entry(f.altay)).toMatchObject({
      status: 'OPEN',
      overdue: true,
      followUps: [{ scheduledOn: '2025-07-15', reason: '逾期未报送整改报告', inspectionId: 'I4', inspectedAt: '2025-07-15T08:00:00.000Z' }],
    });
  });

  it('computes progress from the events as of a time, matching the ledger', async () => {
    const early = await ops.progress(operationId, overseer(), '2025-05-01T10:00:00+08:00');
    expect(early).toMatchObject({ status: 'IN_PROGRESS', targets: { assigned: 4, inspected: 0, coverage: 0 }, ledger: { problems: 0, closureRate: null } });

    const late = await ops.progress(operationId, overseer(), '2025-07-16T10:00:00+08:00');
    expect(late.targets).toEqual({ assigned: 4, inspected: 3, coverage: 0.75 });
    expect(late.byGroup.map((g) => [g.groupId, g.name, g.assigned, g.inspected])).toEqual([
      ['G1', '第一检查组', 2, 2],
      ['G2', '第二检查组', 2, 1],
    ]);
    // 四不两直 in aggregates: G2's target not yet inspected is counted in the totals and its group, never placed for the overseer
    expect(late.byRegion.map((r) => [r.regionCode, r.assigned, r.inspected])).toEqual([
      ['650100', 1, 1],
      ['654000', 1, 1],
      ['654300', 1, 1],
    ]);
    expect(late.byPhase.map((p) => [p.phaseId, p.assigned, p.inspected, p.followUps, p.problemsRegistered])).toEqual([
      ['P1', 0, 0, 0, 0],
      ['P2', 4, 3, 0, 1],
      ['P3', 0, 0, 0, 0],
      ['P4', 0, 0, 1, 3],
    ]);
    expect(late.inspections).toEqual({ regular: 3, followUps: 1 });
    expect(late.ledger).toMatchObject({ problems: 4, open: 3, reported: 0, closed: 1, closureRate: 0.25 });
    expect(late.ledger.byDisposition.filter((d) => d.problems > 0)).toEqual([
      { disposition: 'REGULATORY_TALK', problems: 1, closed: 0 },
      { disposition: 'RECTIFICATION_ORDER', problems: 1, closed: 1 },
      { disposition: 'CASE_INVESTIGATION', problems: 1, closed: 0 },
      { disposition: 'POLICE_REFERRAL', problems: 1, closed: 0 },
    ]);
    expect(late.overdue.map((o) => [o.findingId, o.daysOverdue, o.followUpScheduledOn])).toEqual([[f.altay, 6, null]]);
    expect(late.followUps).toEqual({ scheduled: 1, done: 1 });
    expect(late.cases).toEqual({ referred: 2, opened: 2, transferredToPolice: 1 });

    // the same figures from the ledger itself
    const ledger = await ops.ledger(operationId, overseer(), undefined);
    expect(ledger.filter((p) => p.status === 'CLOSED')).toHaveLength(late.ledger.closed);
    expect(ledger.filter((p) => p.overdue).map((p) => p.findingId)).toEqual(late.overdue.map((o) => o.findingId));

    // the operation as of an earlier time: its ledger and inspections as they stood
    const asOf = '2025-06-01T10:00:00+08:00';
    const then = (await ops.operation(operationId, overseer(), asOf))!;
    expect(then.asOf).toBe('2025-06-01T02:00:00.000Z');
    expect((await ops.ledger(operationId, overseer(), undefined, asOf)).map((p) => [p.findingId, p.status])).toEqual([[f.yiliRecords, 'OPEN']]);
    expect((await ops.inspections(operationId, overseer(), asOf)).map((i) => i.id)).toEqual(['I1', 'I2']);
  });

  it('回头看 of a closed problem finds it relapsed (反弹): it reopens and the figures count it', async () => {
    clock = '2025-07-16T10:00:00+08:00';
    // a closed problem is followed up without being overdue (seed 002: 防止问题复发和反弹; seed 003: 回头看，查漏补缺)
    await ops.run('scheduleFollowUp', on({ findingId: f.yiliRecords, scheduledOn: '2025-07-18', reason: '销号后回头看' }), office());
    clock = '2025-07-18T17:00:00+08:00';
    const notClosed = await ops.attempt(
      'recordInspection',
      on({ groupId: 'G1', targetCreditCode: altay.creditCode, kind: 'FOLLOW_UP', followUpOf: [f.altay], relapses: [{ findingId: f.altay, description: 'x', rectificationDueOn: '2025-07-31' }] }),
      g1Leader(),
    );
    expect(errorCode(notClosed)).toBe('BAD_USER_INPUT');
    expect((notClosed.errors![0]!.extensions!.issues as { path: string; message: string }[]).find((i) => i.path === 'input.relapses.0.findingId')!.message).toContain(
      'only a closed problem relapses (反弹)',
    );
    await ops.run(
      'recordInspection',
      on({
        groupId: 'G1',
        targetCreditCode: yili.creditCode,
        kind: 'FOLLOW_UP',
        inspectedAt: '2025-07-18T10:00:00+08:00',
        followUpOf: [f.yiliRecords],
        summary: '回头看：检验留样台账7月起又停记',
        relapses: [{ findingId: f.yiliRecords, description: '检验留样台账7月起又停记，问题反弹', rectificationDueOn: '2025-07-31' }],
      }),
      g1Leader(),
    );
    expect(await entry(f.yiliRecords!, overseer())).toMatchObject({
      status: 'OPEN',
      rectificationDueOn: '2025-07-31',
      verifiedAt: null,
      verificationOpinion: null,
      relapses: [
        {
          inspectionId: 'I5',
          description: '检验留样台账7月起又停记，问题反弹',
          rectificationDueOn: '2025-07-31',
          relapsedAt: '2025-07-18T02:00:00.000Z',
          closedAt: '2025-06-25T02:00:00.000Z',
          // who signed and answers for the 销号 that did not hold (谁负责)
          closureOpinion: { responsible: { name: '刘长青' }, signedBy: [{ name: '刘长青' }, { name: '努尔兰·别克' }] },
        },
      ],
      followUps: [{ scheduledOn: '2025-07-18', inspectionId: 'I5' }],
    });
    const progress = await ops.progress(operationId, overseer());
    expect(progress.ledger).toMatchObject({ problems: 4, open: 4, closed: 0, closureRate: 0, relapses: 1, relapsedProblems: 1 });
    expect(progress.inspections).toEqual({ regular: 3, followUps: 2 });
  });

  it('reports the result to the commission and closes, with a reason while problems are open', async () => {
    clock = '2025-07-20T10:00:00+08:00';
    expect(errorCode(await ops.attempt('reportResult', on({ summary: '报告' }), g1Member()))).toBe('FORBIDDEN');
    const reported = await ops.run('reportResult', on({ summary: '检查医疗机构制剂室3家，发现问题4个，已销号1个，立案2起，移送公安1起' }), head());
    expect(reported).toMatchObject({
      status: 'REPORTED',
      report: {
        toAgency: { id: 'cdi-650000' },
        figures: {
          targetsAssigned: 4,
          targetsInspected: 3,
          problems: 4,
          problemsClosed: 0,
          closureRate: 0,
          casesOpened: 2,
          relapses: 1,
          selfInspectionsReported: 3,
          selfInspectionsMissing: 1,
        },
        acknowledgement: null,
        evaluation: null,
      },
    });
    clock = '2025-08-01T10:00:00+08:00';
    const bare = await ops.attempt('closeOperation', on({}), head());
    expect(errorCode(bare)).toBe('INVALID_TRANSITION');
    expect(String(bare.errors![0]!.extensions!.reason)).toContain('4 problem(s) are not closed');
    const closed = await ops.run('closeOperation', on({ reason: '未销号问题转入日常监管' }), head());
    expect(closed).toMatchObject({ status: 'CLOSED', closeReason: '未销号问题转入日常监管' });
    // lists come from the read model, which follows the append shortly
    const listed = await eventually(() => ops.operations(overseer(), ['CLOSED']), (list) => list.length > 0);
    expect(listed.map((o) => [o.id, o.status])).toEqual([[operationId, 'CLOSED']]);
  });

  it('the commission’s supervisor reads the result report (not the operation); the commission acknowledges (签收) and evaluates (检查评估) it', async () => {
    const cdiHead = t['cdi-650000-supervisor']!;
    const cityCdiHead = t['cdi-650100-supervisor']!;
    // the head of the commission reads the report, not the plan, groups or ledger
    expect(await ops.operation(operationId, cdiHead)).toBeNull();
    expect(await ops.result(operationId, cdiHead)).toMatchObject({
      id: operationId,
      status: 'CLOSED',
      title: plan.title,
      resultRecipient: { id: 'cdi-650000' },
      report: { toAgency: { id: 'cdi-650000' }, figures: { problems: 4, relapses: 1 }, acknowledgement: null },
    });
    const inList = await eventually(() => ops.results(cdiHead), (list) => list.some((r) => r.id === operationId));
    expect(inList.find((r) => r.id === operationId)!.report!.summary).toContain('发现问题4个');
    // the city commission covers a participant (amr-650100): it reads the report, but it was not made to it
    expect((await ops.result(operationId, cityCdiHead))!.id).toBe(operationId);
    expect(errorCode(await ops.attempt('acknowledgeOperationReport', on({}), cityCdiHead, 'id'))).toBe('FORBIDDEN');
    // police take no part: absent, as for an unknown id
    expect(await ops.result(operationId, t['police-650100-officer']!)).toBeNull();
    expect(errorCode(await ops.attempt('acknowledgeOperationReport', on({}), t['police-650100-officer']!, 'id'))).toBe('NOT_FOUND');
    // the lead agency does not acknowledge its own report
    expect(errorCode(await ops.attempt('acknowledgeOperationReport', on({}), head(), 'id'))).toBe('FORBIDDEN');

    clock = '2025-08-03T10:00:00+08:00';
    const evaluation = { grade: 'GOOD', evaluation: '全覆盖检查到位，问题台账清晰；反弹问题须限期整改销号，并报送整改情况' };
    const early = await ops.attempt('evaluateOperationReport', on(evaluation), cdiHead, 'id');
    expect(errorCode(early)).toBe('INVALID_TRANSITION');
    expect((await ops.attempt('acknowledgeOperationReport', on({ note: '已收悉' }), overseer(), 'id')).errors).toBeUndefined();
    // the evaluation is the head's: not an overseer's
    expect(errorCode(await ops.attempt('evaluateOperationReport', on(evaluation), overseer(), 'id'))).toBe('FORBIDDEN');
    clock = '2025-08-10T10:00:00+08:00';
    const evaluated = await gw.gql<{ evaluateOperationReport: { report: Record<string, unknown> } }>(
      `mutation($input: EvaluateOperationReportInput!) { evaluateOperationReport(input: $input) { id report {
        acknowledgement { agency { id } by { userId name } note acknowledgedAt } evaluation { agency { id } by { userId } grade gradeLabel evaluation evaluatedAt } } } }`,
      { input: on(evaluation) },
      cdiHead,
    );
    expect(evaluated.errors).toBeUndefined();
    expect(evaluated.data!.evaluateOperationReport.report).toEqual({
      acknowledgement: { agency: { id: 'cdi-650000' }, by: { userId: 'u-cdi-650000-overseer', name: '郑清和' }, note: '已收悉', acknowledgedAt: '2025-08-03T02:00:00.000Z' },
      evaluation: {
        agency: { id: 'cdi-650000' },
        by: { userId: 'u-cdi-650000-supervisor' },
        grade: 'GOOD',
        gradeLabel: '较好',
        evaluation: evaluation.evaluation,
        evaluatedAt: '2025-08-10T02:00:00.000Z',
      },
    });
    // shown on the operation to its readers
    expect((await ops.operation(operationId, head()))!.report).toMatchObject({ acknowledgement: { note: '已收悉' }, evaluation: { grade: 'GOOD' } });
  });
});
