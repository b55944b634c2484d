import type { AddressInfo } from 'node:net';
import express from 'express';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  creditCodeCheckChar,
  demoDirectory,
  ForbiddenError,
  integrationEventSchemas,
  integrationTopic,
  InvalidTransitionError,
  operationStreamId,
  ValidationError,
} from '@xianjie/contracts';
import { createAccessRules, createTokenVerifier, findDemoUser, mintDevToken } from '@xianjie/auth';
import type { Principal } from '@xianjie/auth';
import { createEventStore } from '@xianjie/event-store';
import type { EventStore, SqlClient } from '@xianjie/event-store';
import { createMemoryBus, createMessageRegistry } from '@xianjie/messaging';
import type { Bus, IntegrationMessage } from '@xianjie/messaging';
import { createCaseModule } from '@xianjie/case-service';
import type { CaseModule } from '@xianjie/case-service';
import { createTransferModule } from '@xianjie/transfer-service';
import type { TransferModule } from '@xianjie/transfer-service';
import { createDisciplineInspectionService } from '@xianjie/discipline-inspection';
import type { DisciplineInspectionService } from '@xianjie/discipline-inspection';
import { createOperationsService, operationEventView } from '../src/index.ts';
import { createInProcessOperationsClient } from '../src/client/index.ts';
import type { OperationsService } from '../src/index.ts';

const demo = (id: string): Principal => {
  const u = findDemoUser(id)!;
  return { userId: u.userId, name: u.name, agencyId: u.agencyId, roles: [...u.roles], ...(u.capacity ? { capacity: u.capacity } : {}) };
};
const who = (userId: string, name: string, agencyId: string, role: 'officer' | 'supervisor'): Principal => ({ userId, name, agencyId, roles: [role] });

// Every name and phone number below is invented; the shape follows the source plan (全区医疗机构制剂室整治).
const leadHead = demo('u-amr-650000-supervisor');
const leadOfficer = demo('u-amr-650000-officer');
const office = who('u-office-director', '田海峰', 'amr-650000', 'officer');
const g1Leader = who('u-g1-leader', '刘洪亮', 'amr-650000', 'officer');
const g1Member = who('u-g1-member', '谢丽娜', 'health-650000', 'officer');
const g2Leader = who('u-g2-leader', '王忠', 'amr-650000', 'officer');
const g2Member = who('u-g2-member', '周钢', 'amr-650000', 'officer');
const overseer = demo('u-cdi-650000-overseer');
const cityOverseer = demo('u-cdi-650100-overseer');
const policeOfficer = demo('u-police-650100-officer');

const personOf = (p: Principal, title: string, phone?: string) => ({ name: p.name, agencyId: p.agencyId, title, userId: p.userId, ...(phone ? { phone } : {}) });
const creditCode = (region: string, n: number) => {
  const first17 = `12${region}MB${String(n).padStart(7, '0')}`;
  return `${first17}${creditCodeCheckChar(first17)}`;
};
const yili = { name: '伊犁州某医院制剂室', creditCode: creditCode('654000', 1), regionCode: '654000' };
const altay = { name: '阿勒泰地区某医院制剂室', creditCode: creditCode('654300', 2), regionCode: '654300' };
const urumqi = { name: '乌鲁木齐市某中医医院制剂室', creditCode: creditCode('650100', 3), regionCode: '650100' };

/** `YYYY-MM-DDTHH:mm` in Beijing time. */
const bj = (local: string): string => `${local}:00+08:00`;

const plan = {
  commandId: 'plan-zhiji-2025',
  title: '全区医疗机构制剂室专项整治',
  legalBasis: ['《中华人民共和国药品管理法》', '《医疗机构制剂配制监督管理办法（试行）》'],
  participantAgencyIds: ['health-650000'],
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
    leader: personOf(leadHead, '局长'),
    deputies: [{ name: '余文静', agencyId: 'health-650000', title: '卫生健康委党组成员' }],
    members: [personOf(office, '药品生产监督管理处处长')],
  },
  office: { hostUnit: '药品生产监督管理处', director: personOf(office, '处长'), members: [] },
  duties: [{ unit: '药品生产监督管理处', agencyId: 'amr-650000', duty: '牵头负责人员培训、监督检查，依法查处违法违规行为' }],
  targets: [yili, urumqi],
};

describe('operations service (PGlite, memory bus, with market regulation and the commission)', () => {
  let store: EventStore;
  let sql: SqlClient;
  let bus: Bus;
  let ops: OperationsService;
  let amr: CaseModule;
  let amrTransfers: TransferModule;
  let cdi: DisciplineInspectionService;
  let clock = bj('2025-04-15T10:00');
  let operationId = '';
  const published: IntegrationMessage[] = [];
  const run = (name: Parameters<OperationsService['operations']['execute']>[0], input: Record<string, unknown>, principal: Principal) =>
    ops.operations.execute(name, { operationId, ...input }, { principal });
  const state = async () => (await ops.operations.operationAsOf(operationId))!.state;
  const until = async (what: string, check: () => Promise<boolean>) => {
    for (let i = 0; i < 400 && !(await check()); i++) await new Promise((r) => setTimeout(r, 25));
    expect(await check(), what).toBe(true);
  };

  beforeAll(async () => {
    ({ store, sql } = (await createEventStore({ kind: 'pglite' })) as { store: EventStore; sql: SqlClient });
    const logger = pino({ level: 'silent' });
    bus = createMemoryBus({ registry: createMessageRegistry(integrationEventSchemas()), logger });
    const common = { store, sql, bus, directory: demoDirectory, rules: createAccessRules((id) => demoDirectory.get(id)), logger, now: () => clock };
    cdi = await createDisciplineInspectionService({ ...common, schema: 'discipline_inspection' });
    ops = await createOperationsService({ ...common, schema: 'operations' });
    amr = await createCaseModule({ ...common, serviceName: 'market-regulation', agencyKinds: ['MARKET_REGULATION'], schema: 'market_regulation' });
    amrTransfers = await createTransferModule({ ...common, serviceName: 'market-regulation', agencyKinds: ['MARKET_REGULATION'], schema: 'market_regulation' });
    for (const service of [cdi, ops, amr, amrTransfers]) await service.start();
    const tap = await bus.subscribe({
      groupId: 'test-tap',
      topics: [integrationTopic('operation')],
      fromBeginning: true,
      handler: async (message) => void published.push(message),
    });
    await tap.ready;
  });
  afterAll(async () => {
    for (const service of [amrTransfers, amr, ops, cdi]) await service?.stop();
    await bus?.close();
    await store?.close();
  });

  it('plans, forms mixed groups, assigns targets and launches; the planning checks name the field', async () => {
    const planned = await ops.operations.execute('planOperation', plan, { principal: leadHead });
    operationId = planned.operationId;
    expect(planned.view).toMatchObject({
      status: 'PLANNED',
      leadAgencyId: 'amr-650000',
      participantAgencyIds: ['amr-650000', 'health-650000'],
      resultRecipientAgencyId: 'cdi-650000',
      phases: [{ phaseId: 'P1', name: '自查自纠' }, { phaseId: 'P2' }, { phaseId: 'P3' }, { phaseId: 'P4', name: '整改提升' }],
    });
    // a retry answers as the first time and appends nothing
    const retried = await ops.operations.execute('planOperation', plan, { principal: leadHead });
    expect(retried).toMatchObject({ operationId, duplicate: true, version: 1 });
    // only a supervisor plans (the planner's agency leads)
    await expect(ops.operations.execute('planOperation', { ...plan, commandId: 'other' }, { principal: leadOfficer })).rejects.toBeInstanceOf(ForbiddenError);

    clock = bj('2025-04-16T10:00');
    const g1 = {
      name: '第一检查组',
      phaseId: 'P2',
      leader: personOf(g1Leader, '副局长'),
      deputy: personOf(office, '处长', '13800000001'),
      members: [personOf(g1Member, '中药师')],
      regions: ['654000', '654300'],
    };
    // the office organises: it forms the groups too
    expect((await run('formInspectionGroup', g1, office)).view!.groups.map((g) => g.groupId)).toEqual(['G1']);
    // a person in two groups whose work overlaps
    const overlapping = run(
      'formInspectionGroup',
      { ...g1, name: '第二检查组', leader: personOf(g2Leader, '副局长'), deputy: personOf(g2Member, '主任科员', '13800000002'), members: [personOf(g1Member, '中药师')], regions: ['650100'] },
      leadHead,
    );
    await expect(overlapping).rejects.toBeInstanceOf(ValidationError);
    await expect(overlapping).rejects.toMatchObject({
      issues: [{ path: 'members.0', message: expect.stringContaining('谢丽娜 (health-650000) is in 第一检查组 (G1), whose work overlaps') }],
    });
    // a member from an agency that does not take part
    await expect(
      run('formInspectionGroup', { ...g1, name: '第二检查组', leader: personOf(policeOfficer, '民警'), deputy: personOf(g2Member, '主任科员', '13800000002'), members: [], regions: ['650100'] }, leadHead),
    ).rejects.toMatchObject({ issues: [{ path: 'leader.agencyId' }] });
    // a group member does not plan
    await expect(run('formInspectionGroup', { ...g1, name: '第九检查组' }, g1Member)).rejects.toBeInstanceOf(ForbiddenError);
    await run(
      'formInspectionGroup',
      { name: '第二检查组', phaseId: 'P2', leader: personOf(g2Leader, '副局长'), deputy: personOf(g2Member, '主任科员', '13800000002'), regions: ['650100'] },
      leadHead,
    );

    clock = bj('2025-04-17T10:00');
    await run('assignTargets', { groupId: 'G1', targets: [{ ...yili, plannedOn: '2025-05-06' }, altay] }, office);
    // launching with a register target in no group is refused
    await expect(run('launchOperation', {}, leadHead)).rejects.toMatchObject({
      code: 'INVALID_TRANSITION',
      reason: expect.stringContaining(`1 target(s) are assigned to no group: ${urumqi.name}`),
    });
    // a target in two groups
    await expect(run('assignTargets', { groupId: 'G2', targets: [{ ...yili, regionCode: '650100' }] }, office)).rejects.toMatchObject({
      issues: expect.arrayContaining([{ path: 'targets.0.creditCode', message: expect.stringContaining('already assigned to 第一检查组 (G1)') }]),
    });
    await run('assignTargets', { groupId: 'G2', targets: [urumqi] }, office);
    clock = bj('2025-04-30T10:00');
    const launched = await run('launchOperation', {}, leadHead);
    expect(launched.view!.status).toBe('IN_PROGRESS');
    expect(await store.readStream(operationStreamId(operationId))).toHaveLength(6);
  });

  it('keeps an unannounced group’s targets and schedule to its members and the office until inspected (四不两直)', async () => {
    await ops.projector.catchUp();
    const codes = async (p: Principal, groupId?: string) =>
      (await ops.queries.targets(p, operationId, groupId ? { groupId } : {})).map((t) => t.creditCode).sort();
    expect(await codes(g1Member)).toEqual([yili.creditCode, altay.creditCode].sort());
    expect(await codes(g2Member)).toEqual([urumqi.creditCode]);
    expect(await codes(g2Member, 'G1')).toEqual([]);
    expect(await codes(office)).toEqual([yili.creditCode, altay.creditCode, urumqi.creditCode].sort());
    expect(await codes(leadHead)).toEqual([]); // the lead agency's head is not the office
    expect(await codes(overseer)).toEqual([]);

    const groupsSeenByG2 = await ops.queries.groups(g2Member, operationId);
    expect(groupsSeenByG2.find((g) => g.groupId === 'G1')).toMatchObject({ targets: [], hiddenTargets: 2, targetCount: 2, startsOn: null, endsOn: null });
    expect(groupsSeenByG2.find((g) => g.groupId === 'G2')).toMatchObject({ hiddenTargets: 0, startsOn: '2025-05-01', endsOn: '2025-05-31' });
    const seenByG1 = (await ops.queries.groups(g1Member, operationId)).find((g) => g.groupId === 'G1')!;
    expect(seenByG1.targets.find((t) => t.creditCode === yili.creditCode)).toMatchObject({ plannedOn: '2025-05-06' });

    // the audit trail shows another group's member no hidden target either (the chain is verified on the stored events)
    const current = await state();
    const trail = (await store.readStream(operationStreamId(operationId))).map((e) =>
      operationEventView(g2Member, createAccessRules((id) => demoDirectory.get(id)), current, { type: e.type, data: e.data }),
    );
    expect(JSON.stringify(trail)).not.toContain(yili.creditCode);
    expect(JSON.stringify(trail)).toContain(urumqi.creditCode);
    expect(trail.find((e) => e.type === 'TargetsAssigned' && e.data.groupId === 'G1')!.data).toMatchObject({ targets: [], hiddenTargets: 2 });
    expect(trail.find((e) => e.type === 'InspectionGroupFormed' && e.data.groupId === 'G1')!.data).toMatchObject({ startsOn: null, endsOn: null });
    const officeTrail = (await store.readStream(operationStreamId(operationId))).map((e) =>
      operationEventView(office, createAccessRules((id) => demoDirectory.get(id)), current, { type: e.type, data: e.data }),
    );
    expect(JSON.stringify(officeTrail)).toContain(yili.creditCode);

    // the operation itself: participants and the overseers of the region, nobody else
    expect((await ops.queries.operation(overseer, operationId)).title).toBe(plan.title);
    // to anyone else it does not exist (NOT_FOUND, as an unknown id)
    await expect(ops.queries.operation(policeOfficer, operationId)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect((await ops.queries.operations(policeOfficer)).map((o) => o.operationId)).toEqual([]);
    expect((await ops.queries.operations(g1Member)).map((o) => o.operationId)).toEqual([operationId]);
  });

  it('records inspections (two groups at once), registers problems and verifies a rectification (销号)', async () => {
    clock = bj('2025-05-06T18:00');
    // another group's member cannot record G1's inspection
    await expect(
      run('recordInspection', { groupId: 'G1', targetCreditCode: yili.creditCode, checklist: [] }, g2Member),
    ).rejects.toBeInstanceOf(ForbiddenError);

    const [first, second] = await Promise.all([
      run(
        'recordInspection',
        {
          groupId: 'G1',
          targetCreditCode: yili.creditCode,
          inspectedAt: bj('2025-05-06T09:30'),
          checklist: [
            { itemId: 'F1', result: 'NON_COMPLIANT', note: '批准文号过期' },
            { itemId: 'F2', result: 'COMPLIANT' },
            { itemId: 'F3', result: 'NON_COMPLIANT' },
          ],
          findings: [
            { description: '批准文号过期后仍配制复方制剂', focusItemIds: ['F1'], violations: ['UNAPPROVED_PREPARATION'] },
            { description: '检验记录与留样不符', focusItemIds: ['F3'], violations: ['FALSIFIED_RECORDS'] },
          ],
        },
        g1Member,
      ),
      run(
        'recordInspection',
        {
          groupId: 'G2',
          targetCreditCode: urumqi.creditCode,
          inspectedAt: bj('2025-05-06T10:00'),
          checklist: [
            { itemId: 'F1', result: 'NON_COMPLIANT' },
            { itemId: 'F2', result: 'COMPLIANT' },
            { itemId: 'F3', result: 'COMPLIANT' },
          ],
          findings: [{ description: '未取得《医疗机构制剂许可证》擅自配制', focusItemIds: ['F1'], violations: ['UNLICENSED_COMPOUNDING'] }],
        },
        g2Member,
      ),
    ]);
    // one stream: the group that lost the race was decided again on the new state
    expect([first.events[0]!.data.inspectionId, second.events[0]!.data.inspectionId].sort()).toEqual(['I1', 'I2']);
    const yiliInspection = first.events[0]!.data.groupId === 'G1' ? first.events[0]!.data : second.events[0]!.data;
    const yiliFindings = (yiliInspection.findings as { findingId: string }[]).map((f) => f.findingId);
    const urumqiFinding = `${first.events[0]!.data.groupId === 'G2' ? first.events[0]!.data.inspectionId : second.events[0]!.data.inspectionId}-F1`;
    expect(yiliFindings).toHaveLength(2);

    // recorded: yili is no longer secret to the other group; altay still is
    await ops.projector.catchUp();
    expect((await ops.queries.targets(g2Member, operationId, { groupId: 'G1' })).map((t) => t.creditCode)).toEqual([yili.creditCode]);

    clock = bj('2025-05-10T10:00');
    const [caseFinding, recordsFinding] = yiliFindings as [string, string];
    const ordered = await run('registerProblem', { findingId: recordsFinding, disposition: 'RECTIFICATION_ORDER', rectificationDueOn: '2025-06-30' }, g1Member);
    expect(ordered.events.map((e) => e.type)).toEqual(['ProblemRegistered']);
    await expect(run('registerProblem', { findingId: recordsFinding, disposition: 'ADMONITION', rectificationDueOn: '2025-06-30' }, g1Member)).rejects.toBeInstanceOf(
      InvalidTransitionError,
    );
    clock = bj('2025-06-20T10:00');
    await run('reportRectification', { findingId: recordsFinding, summary: '已建立检验留样台账，补做检验' }, g1Member);
    // 销号 is for the group's leader or deputy
    const opinion = { checkedBy: [personOf(g1Leader, '副局长')], findings: '现场查看留样台账，整改到位', signedBy: [personOf(g1Leader, '副局长')], responsible: personOf(g1Leader, '副局长') };
    await expect(run('verifyRectification', { findingId: recordsFinding, accepted: true, opinion }, g1Member)).rejects.toBeInstanceOf(ForbiddenError);
    // 销号 without its 核查意见 is refused, the field named
    await expect(run('verifyRectification', { findingId: recordsFinding, accepted: true }, g1Leader)).rejects.toMatchObject({ issues: [{ path: 'opinion' }] });
    clock = bj('2025-06-25T10:00');
    await run(
      'verifyRectification',
      {
        findingId: recordsFinding,
        accepted: true,
        note: '现场核查整改到位',
        opinion,
      },
      g1Leader,
    );
    await ops.projector.catchUp();
    expect((await ops.queries.ledger(overseer, operationId, { status: ['CLOSED'] })).map((p) => p.findingId)).toEqual([recordsFinding]);

    (globalThis as Record<string, unknown>).findings = { caseFinding, urumqiFinding };
  });

  it('opens a case in market regulation from a 立案查处 finding, linked both ways', async () => {
    const { caseFinding } = (globalThis as Record<string, unknown>).findings as { caseFinding: string };
    clock = bj('2025-06-26T10:00');
    const registered = await run('registerProblem', { findingId: caseFinding, disposition: 'CASE_INVESTIGATION', rectificationDueOn: '2025-07-31' }, g1Member);
    expect(registered.events.map((e) => e.type)).toEqual(['ProblemRegistered', 'FindingReferred']);
    await until('the finding knows its case', async () => (await state()).problems.find((p) => p.findingId === caseFinding)!.case !== null);

    const link = (await state()).problems.find((p) => p.findingId === caseFinding)!.case!;
    expect(link).toMatchObject({ agencyId: 'amr-650000', caseNumber: expect.stringMatching(/^AMR650000〔2025〕\d{5}号$/) });
    const opened = await amr.cases.caseAsOf(link.caseId);
    expect(opened!.state).toMatchObject({
      status: 'CLUE_REGISTERED',
      agencyId: 'amr-650000',
      source: 'INSPECTION',
      subject: { kind: 'ORGANIZATION', name: yili.name, creditCode: yili.creditCode },
      violations: ['UNAPPROVED_PREPARATION'],
      origin: { operationId, findingId: caseFinding },
    });
    const [caseEvent] = await store.readStream(`case-${link.caseId}`);
    expect(caseEvent!.metadata.actor).toMatchObject({ userId: 'system:market-regulation', agencyId: 'amr-650000', roles: [] });
    // a redelivered referral registers nothing more
    const referral = published.find((m) => m.type === 'xianjie.operation.finding-referred.v1' && (m.data as { findingId: string }).findingId === caseFinding)!;
    expect(await amr.findings!.handle(referral)).toBe('duplicate');
    expect(await store.readStream(`case-${link.caseId}`)).toHaveLength(1);
  });

  it('a 移送公安 finding: the case is registered, and the CRIMINAL transfer the case team proposes is noted on the finding once approved', async () => {
    const { urumqiFinding } = (globalThis as Record<string, unknown>).findings as { urumqiFinding: string };
    clock = bj('2025-06-26T11:00');
    await run(
      'registerProblem',
      { findingId: urumqiFinding, disposition: 'POLICE_REFERRAL', rectificationDueOn: '2025-07-31', amountInvolvedFen: 12_000_000 },
      g2Member,
    );
    await until('the finding knows its case', async () => (await state()).problems.find((p) => p.findingId === urumqiFinding)!.case !== null);
    await ops.projector.catchUp();
    const before = (await ops.queries.ledger(leadHead, operationId, { disposition: ['POLICE_REFERRAL'] }))[0]!;
    expect(before).toMatchObject({ findingId: urumqiFinding, awaitingPoliceTransfer: true, caseTransfers: [] });

    clock = bj('2025-06-27T10:00');
    const proposed = await amrTransfers.transfers.execute(
      'proposeTransfer',
      {
        caseId: before.case!.caseId,
        kind: 'CRIMINAL',
        toAgencyId: 'police-650100',
        reason: '无证配制医疗机构制剂，涉嫌生产、销售假药罪',
        materials: [
          { kind: 'TRANSFER_LETTER', title: '涉嫌犯罪案件移送书' },
          { kind: 'INVESTIGATION_REPORT', title: '调查报告' },
          { kind: 'SEIZED_ITEMS_LIST', title: '涉案物品清单' },
          { kind: 'TEST_REPORT', title: '检验报告' },
        ],
        caseTeam: [{ userId: 'u-amr-650000-officer', name: '韩思远' }, { userId: 'u-amr-650000-officer2', name: '孙雅婷' }],
      },
      { principal: leadOfficer },
    );
    await amrTransfers.transfers.execute('approveTransfer', { transferId: proposed.transferId }, { principal: leadHead });
    await until('the finding knows the transfer', async () => (await state()).problems.find((p) => p.findingId === urumqiFinding)!.caseTransfers.length > 0);
    await ops.projector.catchUp();
    const after = (await ops.queries.ledger(leadHead, operationId, { disposition: ['POLICE_REFERRAL'] }))[0]!;
    expect(after).toMatchObject({
      awaitingPoliceTransfer: false,
      caseTransfers: [{ transferId: proposed.transferId, kind: 'CRIMINAL', toAgencyId: 'police-650100' }],
    });
  });

  it('an overdue rectification gets a follow-up inspection (回头看)', async () => {
    clock = bj('2025-06-27T09:00');
    const altayInspection = await run(
      'recordInspection',
      {
        groupId: 'G1',
        targetCreditCode: altay.creditCode,
        inspectedAt: bj('2025-05-20T10:00'),
        checklist: [
          { itemId: 'F1', result: 'COMPLIANT' },
          { itemId: 'F2', result: 'NON_COMPLIANT' },
          { itemId: 'F3', result: 'COMPLIANT' },
        ],
        findings: [{ description: '未经批准向其他医院调剂制剂', focusItemIds: ['F2'] }],
      },
      g1Leader,
    );
    const findingId = `${String(altayInspection.events[0]!.data.inspectionId)}-F1`;
    clock = bj('2025-06-27T12:00');
    await run('registerProblem', { findingId, disposition: 'REGULATORY_TALK', rectificationDueOn: '2025-07-10' }, g1Leader);
    clock = '2025-07-10T23:59:59+08:00';
    await expect(run('scheduleFollowUp', { findingId, scheduledOn: '2025-07-15' }, g1Leader)).rejects.toMatchObject({
      code: 'INVALID_TRANSITION',
      reason: expect.stringContaining('is not overdue (due 2025-07-10)'),
    });
    clock = '2025-07-11T00:00:01+08:00';
    await ops.projector.catchUp();
    expect((await ops.queries.ledger(office, operationId, { overdueAsOf: clock })).map((p) => p.findingId)).toEqual([findingId]);
    // the office organises the 回头看
    await run('scheduleFollowUp', { findingId, scheduledOn: '2025-07-15', reason: '逾期未报送整改报告' }, office);
    clock = bj('2025-07-15T16:00');
    const followUp = await run(
      'recordInspection',
      {
        groupId: 'G1',
        targetCreditCode: altay.creditCode,
        kind: 'FOLLOW_UP',
        followUpOf: [findingId],
        checklist: [{ itemId: 'F2', result: 'COMPLIANT', note: '已停止调剂' }],
        summary: '回头看：已停止调剂，整改报告未报',
      },
      g1Leader,
    );
    expect(followUp.state.problems.find((p) => p.findingId === findingId)!.followUps).toMatchObject([
      { scheduledOn: '2025-07-15', inspectedAt: bj('2025-07-15T16:00') },
    ]);
    (globalThis as Record<string, unknown>).overdueFinding = findingId;
  });

  it('computes progress from the events as of a time: coverage per group, region and phase, ledger, closure rate, overdue', async () => {
    const overdueFinding = (globalThis as Record<string, unknown>).overdueFinding as string;
    // after the launch, before any inspection
    const early = await ops.queries.progress(overseer, operationId, bj('2025-05-01T10:00'));
    expect(early.targets).toEqual({ assigned: 3, inspected: 0, coverage: 0 });
    expect(early.ledger.problems).toBe(0);

    const late = await ops.queries.progress(overseer, operationId, bj('2025-07-16T10:00'));
    expect(late.targets).toEqual({ assigned: 3, inspected: 3, coverage: 1 });
    expect(late.byGroup.map((g) => [g.groupId, g.assigned, g.inspected])).toEqual([
      ['G1', 2, 2],
      ['G2', 1, 1],
    ]);
    expect(late.byRegion.map((r) => [r.regionCode, r.assigned, r.inspected])).toEqual([
      ['650100', 1, 1],
      ['654000', 1, 1],
      ['654300', 1, 1],
    ]);
    expect(late.byPhase.map((p) => [p.phaseId, p.assigned, p.inspected, p.followUps])).toEqual([
      ['P1', 0, 0, 0],
      ['P2', 3, 3, 0],
      ['P3', 0, 0, 0],
      ['P4', 0, 0, 1],
    ]);
    expect(late.ledger).toMatchObject({ problems: 4, open: 3, reported: 0, closed: 1, closureRate: 0.25 });
    expect(late.ledger.byDisposition.filter((d) => d.problems > 0)).toEqual([
      { disposition: 'REGULATORY_TALK', problems: 1, closed: 0 },
      { disposition: 'RECTIFICATION_ORDER', problems: 1, closed: 1 },
      { disposition: 'CASE_INVESTIGATION', problems: 1, closed: 0 },
      { disposition: 'POLICE_REFERRAL', problems: 1, closed: 0 },
    ]);
    expect(late.overdue.map((o) => [o.findingId, o.daysOverdue, o.followUpScheduledOn])).toEqual([[overdueFinding, 6, null]]);
    expect(late.followUps).toEqual({ scheduled: 1, done: 1 });
    expect(late.cases).toEqual({ referred: 2, opened: 2, transferredToPolice: 1 });
    // one second before the due time it was not overdue yet
    expect((await ops.queries.progress(overseer, operationId, '2025-07-10T23:59:59+08:00')).overdue).toEqual([]);
  });

  it('reports the result to the discipline commission of its region: an inbox item there', async () => {
    clock = bj('2025-07-20T10:00');
    await expect(run('reportResult', { summary: '报告' }, g1Leader)).rejects.toBeInstanceOf(ForbiddenError);
    const reported = await run('reportResult', { summary: '共检查医疗机构制剂室3家，发现问题4个，已销号1个，立案2起，移送公安1起' }, leadHead);
    expect(reported.view!.report).toMatchObject({ toAgencyId: 'cdi-650000', figures: { targetsInspected: 3, problems: 4, problemsClosed: 1, casesOpened: 2 } });
    await until('the commission has the report', async () => (await cdi.operationReports.list(overseer)).length === 1);
    const [item] = await cdi.operationReports.list(overseer);
    expect(item).toMatchObject({
      operationId,
      toAgencyId: 'cdi-650000',
      leadAgencyId: 'amr-650000',
      participantAgencyIds: ['amr-650000', 'health-650000'],
      figures: { targetsAssigned: 3, closureRate: 0.25, overdueRectifications: 1, casesReferred: 2 },
    });
    // the commission's own supervisor sees its inbox; a city commission does not (addressed above it)
    expect(await cdi.operationReports.list(demo('u-cdi-650000-supervisor'))).toHaveLength(1);
    expect(await cdi.operationReports.list(cityOverseer)).toEqual([]);
    // the message carries no target list: only the figures
    const message = published.find((m) => m.type === 'xianjie.operation.result-reported.v1')!;
    expect(JSON.stringify(message.data)).not.toContain(altay.creditCode);

    clock = bj('2025-08-01T10:00');
    await expect(run('closeOperation', {}, leadHead)).rejects.toMatchObject({ code: 'INVALID_TRANSITION', reason: expect.stringContaining('3 problem(s) are not closed') });
    const closed = await run('closeOperation', { reason: '未销号问题转入日常监管' }, leadHead);
    expect(closed.view).toMatchObject({ status: 'CLOSED', closeReason: '未销号问题转入日常监管' });
  });

  it('publishes only the public operation facts (no plan, no targets)', () => {
    expect([...new Set(published.map((m) => m.type))].sort()).toEqual([
      'xianjie.operation.finding-referred.v1',
      'xianjie.operation.result-reported.v1',
    ]);
    expect(published.every((m) => m.partitionKey === operationId && m.source === '/xianjie/operations')).toBe(true);
  });

  describe('over HTTP', () => {
    const SECRET = 'operations-test-secret-at-least-32-bytes!';
    let url: string;
    let close: () => void;
    beforeAll(async () => {
      const app = express();
      app.use(ops.router(createTokenVerifier({ mode: 'dev', secret: SECRET })));
      const server = app.listen(0, '127.0.0.1');
      await new Promise<void>((r) => server.once('listening', () => r()));
      url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      close = () => server.close();
    });
    afterAll(() => close());
    const auth = async (p?: Principal): Promise<Record<string, string>> =>
      p ? { authorization: `Bearer ${await mintDevToken({ secret: SECRET, userId: p.userId, name: p.name, agencyId: p.agencyId, roles: p.roles })}` } : {};

    it('answers queries with the access rules applied, and maps errors to statuses', async () => {
      const targets = await fetch(`${url}/operations/${operationId}/targets`, { headers: await auth(g2Member) });
      expect(targets.status).toBe(200);
      // after every inspection the targets are no secret to participants any more
      expect(((await targets.json()) as { items: unknown[] }).items).toHaveLength(3);
      const progress = await fetch(`${url}/operations/${operationId}/progress?asOf=${encodeURIComponent(bj('2025-05-01T10:00'))}`, { headers: await auth(overseer) });
      expect(((await progress.json()) as { targets: unknown }).targets).toEqual({ assigned: 3, inspected: 0, coverage: 0 });
      expect((await fetch(`${url}/operations/${operationId}`, { headers: await auth(policeOfficer) })).status).toBe(404);
      expect((await fetch(`${url}/operations/${operationId}`)).status).toBe(401);
      expect((await fetch(`${url}/operations/nope`, { headers: await auth(overseer) })).status).toBe(404);
    });

    it('runs commands: 201, or the refusal with its code', async () => {
      const post = async (name: string, body: unknown, p?: Principal) =>
        fetch(`${url}/operation-commands/${name}`, { method: 'POST', headers: { 'content-type': 'application/json', ...(await auth(p)) }, body: JSON.stringify(body) });
      clock = bj('2026-03-01T10:00');
      const created = await post('planOperation', { ...plan, commandId: 'http-plan', startsOn: '2026-04-20', endsOn: '2026-07-31', phases: [{ kind: 'SUPERVISORY_INSPECTION', startsOn: '2026-05-01', endsOn: '2026-05-31' }] }, leadHead);
      expect(created.status).toBe(201);
      const body = (await created.json()) as { operationId: string; operation: { status: string; unassignedTargets: unknown[] } };
      expect(body.operation).toMatchObject({ status: 'PLANNED', unassignedTargets: [{ creditCode: yili.creditCode }, { creditCode: urumqi.creditCode }] });
      const bad = await post('planOperation', { ...plan, commandId: 'http-bad', phases: [{ kind: 'OTHER', startsOn: '2025-03-01', endsOn: '2025-04-25' }] }, leadHead);
      expect(bad.status).toBe(400);
      expect(((await bad.json()) as { error: { field: string } }).error.field).toBe('phases.0.startsOn');
      expect((await post('launchOperation', { operationId: body.operationId }, g1Member)).status).toBe(403);
      expect((await post('launchOperation', { operationId: body.operationId }, leadHead)).status).toBe(422);
      expect((await post('dissolveOperation', {}, leadHead)).status).toBe(404);
      // occurredAt is an in-process option: in a body it is not an input, the command is now's
      const told = await post('planOperation', { ...plan, commandId: 'http-told', occurredAt: bj('2026-02-01T10:00'), startsOn: '2026-04-20', endsOn: '2026-07-31', phases: [{ kind: 'SUPERVISORY_INSPECTION', startsOn: '2026-05-01', endsOn: '2026-05-31' }] }, leadHead);
      expect(told.status).toBe(201);
      const [planned] = await store.readStream(operationStreamId(((await told.json()) as { operationId: string }).operationId));
      expect(planned!.metadata.occurredAt).toBe(clock);
    });
  });

  it('takes occurredAt from a trusted in-process caller as each command time, and counts the rectification due date from it', async () => {
    clock = bj('2025-05-12T10:00');
    const client = createInProcessOperationsClient(ops);
    const at = (p: Principal, occurredAt?: string) => ({ principal: p, token: null, correlationId: 'import-ops', ...(occurredAt ? { occurredAt } : {}) });
    const { operationId: id } = await client.execute(
      'planOperation',
      { ...plan, commandId: 'plan-told', targets: [urumqi], startsOn: '2025-05-10', endsOn: '2025-07-31', phases: [{ kind: 'SUPERVISORY_INSPECTION', startsOn: '2025-05-10', endsOn: '2025-05-31' }] },
      at(leadHead, bj('2025-05-10T09:00')),
    );
    const group = { name: '第一检查组', phaseId: 'P1', leader: personOf(g2Leader, '副局长'), deputy: personOf(g2Member, '主任科员', '13800000002'), regions: ['650100'] };
    await client.execute('formInspectionGroup', { operationId: id, ...group }, at(office, bj('2025-05-10T09:10')));
    await client.execute('assignTargets', { operationId: id, groupId: 'G1', targets: [urumqi] }, at(office, bj('2025-05-10T09:20')));
    await client.execute('launchOperation', { operationId: id }, at(leadHead, bj('2025-05-10T09:30')));
    const inspection = {
      operationId: id,
      groupId: 'G1',
      targetCreditCode: urumqi.creditCode,
      checklist: [
        { itemId: 'F1', result: 'NON_COMPLIANT', note: '批准文号过期' },
        { itemId: 'F2', result: 'COMPLIANT' },
        { itemId: 'F3', result: 'COMPLIANT' },
      ],
      findings: [{ description: '批准文号过期后仍配制', focusItemIds: ['F1'] }],
    };
    await client.execute('recordInspection', inspection, at(g2Member, bj('2025-05-10T10:00')));
    const inspected = (await ops.operations.operationAsOf(id))!.state.inspections[0]!;
    expect(inspected.inspectedAt).toBe(bj('2025-05-10T10:00'));
    const findingId = `${inspected.inspectionId}-F1`;
    const problem = { operationId: id, findingId, disposition: 'REGULATORY_TALK', rectificationDueOn: '2025-05-11' };
    // Told now, a due date of yesterday is in the past; told two days ago, it is the day after.
    await expect(client.execute('registerProblem', problem, at(g2Leader))).rejects.toMatchObject({ issues: [expect.objectContaining({ path: 'rectificationDueOn' })] });
    await client.execute('registerProblem', problem, at(g2Leader, bj('2025-05-10T11:00')));

    const events = await store.readStream(operationStreamId(id));
    expect(events.map((e) => e.metadata.occurredAt)).toEqual([
      bj('2025-05-10T09:00'),
      bj('2025-05-10T09:10'),
      bj('2025-05-10T09:20'),
      bj('2025-05-10T09:30'),
      bj('2025-05-10T10:00'),
      bj('2025-05-10T11:00'),
    ]);
    expect(events[0]!.data).toMatchObject({ plannedAt: bj('2025-05-10T09:00') });
    await ops.projector.catchUp();
    expect((await ops.queries.ledger(office, id, { overdueAsOf: clock })).map((p) => p.findingId)).toEqual([findingId]);
    // Never after now.
    await expect(client.execute('launchOperation', { operationId: id }, at(leadHead, bj('2025-05-12T10:01')))).rejects.toMatchObject({
      code: 'BAD_USER_INPUT',
      issues: [expect.objectContaining({ path: 'occurredAt' })],
    });
  });
});
