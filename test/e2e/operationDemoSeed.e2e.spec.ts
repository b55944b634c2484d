import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmbeddedGateway, type TestGateway } from '../support/embeddedGateway.ts';
import { eventually } from '../support/eventually.ts';
import { createOperationOperations, type OperationOperations, type OperationView } from '../support/operationOperations.ts';
import { createTransferOperations, type TransferOperations } from '../support/transferOperations.ts';

/**
 * The demo seed's joint operation (services/gateway/src/seed/demoOperation.ts): the plan of
 * 全区医疗机构制剂室整治工作方案 led by the regional drug administration, with its four mixed
 * inspection groups, their regions and facility counts (1+1+1, 1+1+1, 7, 4+3), in the middle of
 * its 监督检查 phase: a problem closed (销号), one overdue with its 回头看, one opening a case.
 */
describe('the demo seed’s joint operation (embedded, PGlite)', () => {
  let gw: TestGateway;
  let ops: OperationOperations;
  let transfers: TransferOperations;
  let operationId = '';
  const t: Record<string, string> = {};

  beforeAll(async () => {
    gw = await startEmbeddedGateway({}); // XIANJIE_SEED unset: embedded mode seeds the demo
    ops = createOperationOperations(gw.gql);
    transfers = createTransferOperations(gw.gql);
    for (const user of [
      'u-amr-650000-supervisor',
      'u-amr-650000-officer',
      'u-amr-650000-office',
      'u-amr-650000-g2-deputy',
      'u-cdi-650000-overseer',
      'u-police-650100-officer',
    ]) {
      t[user.replace(/^u-/, '')] = await gw.tokenFor(user);
    }
    // the list is the read model: it follows the seed's appends shortly
    const listed = await eventually(
      () => ops.operations(t['cdi-650000-overseer']!),
      (list) => list.some((o) => o.title.includes('医疗机构制剂室')),
      30_000,
    );
    operationId = listed.find((o) => o.title.includes('医疗机构制剂室'))!.id;
  }, 180_000);
  afterAll(async () => gw?.close());

  it('is listed for the participants and the regional commission, not for police', async () => {
    expect(operationId).not.toBe('');
    // The list is the read model: wait for it to have projected the launch too.
    const listed = await eventually(
      () => ops.operations(t['amr-650000-officer']!, ['IN_PROGRESS']),
      (list) => list.some((o) => o.id === operationId),
    );
    expect(listed.find((o) => o.id === operationId)).toMatchObject({
      status: 'IN_PROGRESS',
      leadAgency: { id: 'amr-650000' },
    });
    expect(listed.find((o) => o.id === operationId)!.participants.map((a) => a.id)).toEqual([
      'amr-650000',
      'amr-650100',
      'amr-650200',
      'amr-650400',
      'amr-650500',
      'amr-652300',
      'amr-654000',
      'health-650000',
    ]);
    expect(await ops.operations(t['police-650100-officer']!)).toEqual([]);
    expect(await ops.operation(operationId, t['police-650100-officer']!)).toBeNull();
  });

  it('shows the plan: four phases around today, the seven focus items, leading group, office and duties', async () => {
    const op = (await ops.operation(operationId, t['amr-650000-supervisor']!))!;
    expect(op.phases.map((p) => [p.id, p.kind, p.name])).toEqual([
      ['P1', 'SELF_INSPECTION', '自查自纠'],
      ['P2', 'SUPERVISORY_INSPECTION', '监督检查'],
      ['P3', 'ASSESSMENT', '检查评估'],
      ['P4', 'RECTIFICATION', '整改提升'],
    ]);
    // the demo opens in the middle of the supervisory inspections
    const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
    expect(op.phases[1]!.startsOn < today && today < op.phases[1]!.endsOn).toBe(true);
    expect(op.focusItems.map((f) => f.id)).toEqual(['F1', 'F2', 'F3', 'F4', 'F5', 'F6', 'F7']);
    expect(op.focusItems[0]!.title).toBe('是否存在无证配制、无文号配制、文号过期配制的行为');
    expect(op.leadingGroup.leader).toMatchObject({ name: '张明远', agency: { id: 'amr-650000' } });
    expect(op.leadingGroup.deputies.map((d) => d.agency.id)).toContain('health-650000');
    expect(op.office).toMatchObject({ hostUnit: '自治区药监局药品生产监督管理处', director: { name: '田立军' } });
    expect(op.duties.find((d) => d.unit === '执法稽查局')!.duty).toBe('负责重大案件的查办工作');
    expect(op.resultRecipient.id).toBe('cdi-650000');
  });

  it('has four mixed groups with their regions and facility counts (1+1+1, 1+1+1, 7, 4+3), liaison phones, and targets hidden as counts', async () => {
    const op = (await ops.operation(operationId, t['amr-650000-supervisor']!))!;
    expect(op.groups.map((g) => [g.id, g.name, g.regions, g.targetCount])).toEqual([
      ['G1', '第一检查组', ['654000', '654300', '652700'], 3],
      ['G2', '第二检查组', ['650500', '652300', '650400'], 3],
      ['G3', '第三检查组', ['650100'], 7],
      ['G4', '第四检查组', ['653200', '653100'], 7],
    ]);
    for (const g of op.groups) {
      expect(g.unannounced).toBe(true);
      expect(g.liaisonPhone).toMatch(/^1390000\d{4}$/);
      expect(g.phase).toMatchObject({ id: 'P2' });
    }
    // mixed (混编成组): the drug administration with the seconded city regulators and the health commission
    expect(op.groups.map((g) => [...new Set([g.leader, g.deputy, ...g.members].map((p) => p.agency.id))])).toEqual([
      ['amr-650000', 'amr-654000'],
      ['amr-650000', 'amr-650500'],
      ['amr-650000', 'amr-650100', 'health-650000'],
      ['amr-650000'],
    ]);
    // the lead agency's supervisor is in no group and not the office: uninspected targets are counts only (四不两直)
    expect(op.groups.map((g) => [g.id, g.inspectedCount, g.targets.length, g.hiddenTargets])).toEqual([
      ['G1', 2, 2, 1],
      ['G2', 3, 3, 0],
      ['G3', 4, 4, 3],
      ['G4', 2, 2, 5],
    ]);
    expect(op.groups.find((g) => g.id === 'G3')!.startsOn).toBeNull();
    expect(op.groups.find((g) => g.id === 'G2')!.startsOn).not.toBeNull(); // every target inspected: no secret left

    // per region, as the plan publishes them (to the office, who sees every target): 伊犁州1家、阿勒泰地区1家、博州1家; 哈密、昌吉、吐鲁番各1家; 乌鲁木齐7家; 和田4家、喀什3家
    const byOffice = await ops.progress(operationId, t['amr-650000-office']!);
    expect(Object.fromEntries(byOffice.byRegion.map((r) => [r.regionCode, r.assigned]))).toEqual({
      '650100': 7,
      '650400': 1,
      '650500': 1,
      '652300': 1,
      '652700': 1,
      '653100': 3,
      '653200': 4,
      '654000': 1,
      '654300': 1,
    });
    expect(byOffice.targets).toEqual({ assigned: 20, inspected: 11, coverage: 11 / 20 });
    // the overseer: the same totals, but an unannounced group's targets not yet inspected are placed in no region (四不两直)
    const progress = await ops.progress(operationId, t['cdi-650000-overseer']!);
    expect(progress.targets).toEqual(byOffice.targets);
    const hiddenFromOverseer = op.groups.reduce((n, g) => n + g.hiddenTargets, 0);
    expect(hiddenFromOverseer).toBeGreaterThan(0);
    expect(progress.byRegion.reduce((n, r) => n + r.assigned, 0)).toBe(20 - hiddenFromOverseer);

    // the office sees every list
    const seenByOffice = (await ops.operation(operationId, t['amr-650000-office']!))!;
    expect(seenByOffice.groups.map((g) => [g.targets.length, g.hiddenTargets])).toEqual([
      [3, 0],
      [3, 0],
      [7, 0],
      [7, 0],
    ]);
    // 自查自纠: 17 reports on time, 2 late, one facility never reported; the office sees which
    expect(seenByOffice.selfInspections).toHaveLength(19);
    expect(seenByOffice.selfInspections.filter((r) => r.late).map((r) => r.targetName)).toEqual(['吐鲁番市火洲维吾尔医医院', '疏附县帕米尔中医医院']);
    expect(seenByOffice.selfInspectionsMissing.map((x) => [x.name, x.groupId])).toEqual([['莎车县叶尔羌维吾尔医医院', 'G4']]);
    expect(byOffice.selfInspection).toMatchObject({ due: true, targets: 20, reported: 19, late: 2, missing: 1 });
  });

  it('has a ledger with a problem closed (销号), one overdue with its 回头看, one opening a case at the drug administration', async () => {
    const overseer = t['cdi-650000-overseer']!;
    const ledger = await ops.ledger(operationId, overseer);
    expect(ledger.map((p) => [p.disposition, p.status])).toEqual([
      ['RECTIFICATION_ORDER', 'CLOSED'],
      ['REGULATORY_TALK', 'OPEN'],
      ['RECTIFICATION_ORDER', 'OPEN'],
      ['CASE_INVESTIGATION', 'OPEN'],
      ['RECTIFICATION_ORDER', 'RECTIFICATION_REPORTED'],
      ['SUSPENSION', 'OPEN'],
      ['ADMONITION', 'OPEN'],
    ]);
    // the 销号 carries its 核查意见: 谁检查、谁签名、谁负责
    expect(ledger[0]!.verificationOpinion).toMatchObject({
      checkedBy: [{ name: '李文静' }, { name: '肖晶晶' }],
      signedBy: [{ name: '李文静' }, { name: '肖晶晶' }],
      responsible: { name: '李文静' },
    });
    const overdue = ledger.filter((p) => p.overdue);
    expect(overdue).toHaveLength(1);
    expect(overdue[0]).toMatchObject({ groupId: 'G2', followUps: [{ reason: '逾期未报送整改报告' }] });
    expect(overdue[0]!.followUps[0]!.inspectionId).not.toBeNull();

    const progress = await ops.progress(operationId, overseer);
    expect(progress.ledger).toMatchObject({ problems: 7, closed: 1, reported: 1, open: 5, closureRate: 1 / 7 });
    expect(progress.overdue.map((o) => o.findingId)).toEqual([overdue[0]!.findingId]);
    expect(progress.followUps).toEqual({ scheduled: 1, done: 1 });

    // the case arrives over the bus: the drug administration's case service registers it, the operation links it
    const linked = await eventually(
      () => ops.ledger(operationId, overseer, { disposition: ['CASE_INVESTIGATION'] }),
      (list) => list[0]?.case !== null,
      30_000,
    );
    const entry = linked[0]!;
    expect(entry.case).toMatchObject({ agency: { id: 'amr-650000' } });
    const res = await gw.gql<{ case: { status: string; source: string; subject: { name: string }; origin: { operationId: string; findingId: string } } | null }>(
      `query($id: ID!) { case(id: $id) { status source subject { name } origin { operationId findingId } } }`,
      { id: entry.case!.caseId },
      t['amr-650000-officer']!,
    );
    expect(res.data?.case).toMatchObject({
      status: 'CLUE_REGISTERED',
      source: 'INSPECTION',
      subject: { name: entry.targetName },
      origin: { operationId, findingId: entry.findingId },
    });
  });

  it('keeps the audit trail of the operation readable by the commission, without the hidden targets', async () => {
    const trail = (await transfers.auditTrail(`operation-${operationId}`, t['cdi-650000-overseer']!))!;
    expect(trail.verification.valid).toBe(true);
    expect(trail.events[0]!.type).toBe('OperationPlanned');
    const office = (await ops.operation(operationId, t['amr-650000-office']!))!;
    const hidden = office.groups.find((g) => g.id === 'G4')!.targets.filter((x) => x.inspectionId === null);
    expect(hidden).toHaveLength(5);
    for (const target of hidden) expect(JSON.stringify(trail.events)).not.toContain(target.creditCode);
    const assigned = trail.events.find((e) => e.type === 'TargetsAssigned' && e.data.groupId === 'G4')!;
    expect(assigned.data).toMatchObject({ hiddenTargets: 5 });
    expect((assigned.data.targets as unknown[]).length).toBe(2);
  });

  it('shows a member of the second group its own targets, and another group’s uninspected ones as a count', async () => {
    const view: OperationView = (await ops.operation(operationId, t['amr-650000-g2-deputy']!))!;
    expect(view.groups.find((g) => g.id === 'G2')!.targets).toHaveLength(3);
    expect(view.groups.find((g) => g.id === 'G3')!.hiddenTargets).toBe(3);
  });
});
