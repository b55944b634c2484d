import { creditCodeCheckChar } from '@xianjie/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmbeddedGateway, type TestGateway } from '../support/embeddedGateway.ts';
import { createOperationOperations, personOf, type OperationOperations } from '../support/operationOperations.ts';
import type { GqlResult } from '../support/transferOperations.ts';

/**
 * Every planning check of a joint operation (DESIGN §3.3; the rules in
 * packages/domain/src/operation/operationDecider.ts) answers through GraphQL with its code and the
 * field under `input` (BAD_USER_INPUT) or the reason (INVALID_TRANSITION), and appends nothing:
 * phases out of order or outside the operation, a group outside its phase, a person of an agency
 * that takes no part, a region outside the participants', a person in two groups whose work
 * overlaps, a target in two groups or in none at launch, a target outside its group's regions or
 * schedule.
 */
describe('planning checks of a joint operation through GraphQL (embedded, PGlite, test clock)', () => {
  let gw: TestGateway;
  let ops: OperationOperations;
  let clock = '2025-03-01T10:00:00+08:00';
  let operationId = '';
  const t: Record<string, string> = {};

  const code = (region: string, n: number) => {
    const first17 = `12${region}MB${String(n).padStart(7, '0')}`;
    return `${first17}${creditCodeCheckChar(first17)}`;
  };
  const yili = { name: '伊宁市某中医医院', creditCode: code('654000', 21), regionCode: '654000' };
  const urumqi = { name: '乌鲁木齐某中医医院', creditCode: code('650100', 22), regionCode: '650100' };
  const urumqi2 = { name: '乌鲁木齐某骨伤医院', creditCode: code('650100', 23), regionCode: '650100' };

  const officeDirector = personOf('田立军', 'amr-650000', '药品生产监督管理处处长', { userId: 'u-amr-650000-office' });
  const inspector = personOf('谢婉清', 'amr-650000', '药品检验研究院中药师');
  const plan = {
    commandId: 'e2e-operation-planning-checks',
    title: '医疗机构制剂室专项整治（规划校验）',
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
    focusItems: [{ title: '是否存在无证配制、无文号配制、文号过期配制的行为' }],
    leadingGroup: { leader: personOf('马玉清', 'amr-650000', '局长', { userId: 'u-amr-650000-supervisor' }), deputies: [], members: [] },
    office: { hostUnit: '药品生产监督管理处', director: officeDirector, members: [] },
    targets: [yili, urumqi, urumqi2],
  };
  const group1 = {
    name: '第一检查组',
    phaseId: 'P2',
    leader: personOf('刘长青', 'amr-650000', '副局长', { userId: 'u-amr-650000-g1-leader' }),
    deputy: { ...officeDirector, phone: '13900001001' },
    members: [inspector],
    regions: ['654000', '654300'],
  };
  const group2 = {
    name: '第二检查组',
    phaseId: 'P2',
    leader: personOf('王建国', 'amr-650000', '副局长', { userId: 'u-amr-650000-g2-leader' }),
    deputy: personOf('马春燕', 'amr-650000', '审评查验中心副主任', { userId: 'u-amr-650000-g2-deputy', phone: '0991-5552002' }),
    members: [personOf('帕丽旦·热合曼', 'amr-650100', '执法人员', { userId: 'u-amr-650100-officer' })],
    regions: ['650100', '654000'],
  };

  beforeAll(async () => {
    gw = await startEmbeddedGateway({ XIANJIE_SEED: 'none' }, { now: () => clock });
    ops = createOperationOperations(gw.gql);
    for (const user of ['u-amr-650000-supervisor', 'u-amr-650000-officer', 'u-amr-650000-office']) {
      t[user.replace(/^u-/, '')] = await gw.tokenFor(user);
    }
  }, 60_000);
  afterAll(async () => gw?.close());

  const head = () => t['amr-650000-supervisor']!;
  const office = () => t['amr-650000-office']!;
  const on = (input: Record<string, unknown>) => ({ operationId, ...input });
  const version = async () => (await ops.operation(operationId, office()))!.version;

  /** The refusal's code, its fields (BAD_USER_INPUT) and that the operation did not move on. */
  const refused = async (attempt: Promise<GqlResult<unknown>>, code: string) => {
    const before = operationId ? await version() : 0;
    const res = await attempt;
    expect(res.errors?.[0]?.extensions?.code, JSON.stringify(res.errors)).toBe(code);
    if (operationId) expect(await version()).toBe(before);
    const extensions = res.errors![0]!.extensions!;
    const issues = (extensions.issues as { path: string; message: string }[] | undefined) ?? [];
    return { field: extensions.field as string | undefined, issues, reason: String(extensions.reason ?? ''), message: res.errors![0]!.message };
  };

  describe('planOperation', () => {
    it('phases out of order: BAD_USER_INPUT on the later phase’s start', async () => {
      const outOfOrder = [plan.phases[1], plan.phases[0], plan.phases[2], plan.phases[3]];
      const { field, issues } = await refused(ops.attempt('planOperation', { ...plan, phases: outOfOrder }, head()), 'BAD_USER_INPUT');
      expect(field).toBe('input.phases.1.startsOn');
      expect(issues[0]!.message).toContain('phases are in order and do not overlap');
    });

    it('phases outside the operation: its start before, its end after', async () => {
      const phases = [
        { kind: 'SELF_INSPECTION', startsOn: '2025-04-10', endsOn: '2025-04-30' },
        plan.phases[1],
        plan.phases[2],
        { kind: 'RECTIFICATION', startsOn: '2025-06-16', endsOn: '2025-08-15' },
      ];
      const { issues } = await refused(ops.attempt('planOperation', { ...plan, phases }, head()), 'BAD_USER_INPUT');
      expect(issues).toEqual([
        { path: 'input.phases.0.startsOn', message: 'the phase starts (2025-04-10) before the operation (2025-04-20)' },
        { path: 'input.phases.3.endsOn', message: 'the phase ends (2025-08-15) after the operation (2025-07-31)' },
      ]);
    });

    it('a person of an agency that takes no part', async () => {
      const leadingGroup = { ...plan.leadingGroup, members: [personOf('鲁建岳', 'police-650100', '食药环侦支队负责人')] };
      const { field, issues } = await refused(ops.attempt('planOperation', { ...plan, leadingGroup }, head()), 'BAD_USER_INPUT');
      expect(field).toBe('input.leadingGroup.members.0.agencyId');
      expect(issues[0]!.message).toContain('police-650100 does not take part in the operation');
    });

    it('a register target outside the participants’ regions', async () => {
      const xining = { name: '西宁市某医院', creditCode: code('630100', 24), regionCode: '630100' };
      const { field, issues } = await refused(ops.attempt('planOperation', { ...plan, targets: [xining] }, head()), 'BAD_USER_INPUT');
      expect(field).toBe('input.targets.0.regionCode');
      expect(issues[0]!.message).toContain("630100 is outside the participants' regions");
    });

    it('a credit code with a wrong check character (the contracts’ zod, at the gateway)', async () => {
      const bad = { ...yili, creditCode: `${yili.creditCode.slice(0, 17)}${yili.creditCode.endsWith('0') ? '1' : '0'}` };
      const { field } = await refused(ops.attempt('planOperation', { ...plan, targets: [bad] }, head()), 'BAD_USER_INPUT');
      expect(field).toBe('input.targets.0.creditCode');
    });

    it('only a supervisor plans (the planner’s agency leads); nobody without a token', async () => {
      await refused(ops.attempt('planOperation', plan, t['amr-650000-officer']!), 'FORBIDDEN');
      await refused(ops.attempt('planOperation', plan, ''), 'UNAUTHENTICATED');
    });

    it('a plan with an expectedVersion other than 0 is a CONFLICT (DESIGN §4: every input takes one)', async () => {
      const { message } = await refused(ops.attempt('planOperation', { ...plan, expectedVersion: 3 }, head()), 'CONFLICT');
      expect(message).toMatch(/3/);
    });

    it('a refused plan appended nothing: its commandId plans the operation afresh', async () => {
      const planned = await ops.run('planOperation', { ...plan, expectedVersion: 0 }, head());
      operationId = planned.id;
      expect(planned).toMatchObject({ version: 1, status: 'PLANNED' });
      expect(planned.phases.map((p) => p.startsOn)).toEqual(['2025-04-20', '2025-05-01', '2025-06-01', '2025-06-16']);
    });
  });

  describe('formInspectionGroup', () => {
    it('a member of an agency that takes no part', async () => {
      const leader = personOf('鲁建岳', 'police-650100', '食药环侦支队负责人');
      const { field } = await refused(ops.attempt('formInspectionGroup', on({ ...group1, leader }), office()), 'BAD_USER_INPUT');
      expect(field).toBe('input.leader.agencyId');
    });

    it('a region outside the participants’', async () => {
      const { field, issues } = await refused(ops.attempt('formInspectionGroup', on({ ...group1, regions: ['654000', '630100'] }), office()), 'BAD_USER_INPUT');
      expect(field).toBe('input.regions.1');
      expect(issues[0]!.message).toContain("630100 is outside the participants' regions");
    });

    it('a group working outside its phase', async () => {
      const { field, issues } = await refused(
        ops.attempt('formInspectionGroup', on({ ...group1, startsOn: '2025-04-25', endsOn: '2025-05-20' }), office()),
        'BAD_USER_INPUT',
      );
      expect(field).toBe('input.startsOn');
      expect(issues[0]!.message).toContain('before its phase 监督检查 (2025-05-01–2025-05-31)');
    });

    it('a deputy without a valid phone (the liaison’s, at the gateway)', async () => {
      const { field } = await refused(
        ops.attempt('formInspectionGroup', on({ ...group1, deputy: { ...group1.deputy, phone: '139-0000' } }), office()),
        'BAD_USER_INPUT',
      );
      expect(field).toBe('input.deputy.phone');
    });

    it('a person in two groups whose work overlaps; in a later phase they may serve again', async () => {
      await ops.run('formInspectionGroup', on(group1), office());
      const { field, issues } = await refused(
        ops.attempt('formInspectionGroup', on({ ...group2, members: [...group2.members, inspector] }), office()),
        'BAD_USER_INPUT',
      );
      expect(field).toBe('input.members.1');
      expect(issues[0]!.message).toBe(
        "谢婉清 (amr-650000) is in 第一检查组 (G1), whose work overlaps this group's 2025-05-01–2025-05-31",
      );
      await ops.run('formInspectionGroup', on(group2), office());
      // the 回头看 group of the rectification phase does not overlap the first: the same inspector serves in it
      const followUpGroup = await ops.run(
        'formInspectionGroup',
        on({ ...group1, name: '回头看检查组', phaseId: 'P4', members: [inspector], regions: ['654000'] }),
        office(),
      );
      expect(followUpGroup.groups.map((g) => [g.id, g.startsOn])).toEqual([
        ['G1', '2025-05-01'],
        ['G2', '2025-05-01'],
        ['G3', '2025-06-16'],
      ]);
    });
  });

  describe('assignTargets and launchOperation', () => {
    it('a target outside the group’s regions, and a planned day outside its work', async () => {
      const outside = await refused(ops.attempt('assignTargets', on({ groupId: 'G1', targets: [urumqi] }), office()), 'BAD_USER_INPUT');
      expect(outside.field).toBe('input.targets.0.regionCode');
      expect(outside.issues[0]!.message).toContain('650100 is not among the regions of 第一检查组 (G1): 654000, 654300');
      const late = await refused(ops.attempt('assignTargets', on({ groupId: 'G1', targets: [{ ...yili, plannedOn: '2025-06-02' }] }), office()), 'BAD_USER_INPUT');
      expect(late.field).toBe('input.targets.0.plannedOn');
      expect(late.issues[0]!.message).toContain('is outside the work of 第一检查组 (G1) (2025-05-01–2025-05-31)');
    });

    it('a target in two groups', async () => {
      await ops.run('assignTargets', on({ groupId: 'G1', targets: [{ ...yili, plannedOn: '2025-05-06' }] }), office());
      const { field, issues } = await refused(ops.attempt('assignTargets', on({ groupId: 'G2', targets: [yili] }), office()), 'BAD_USER_INPUT');
      expect(field).toBe('input.targets.0.creditCode');
      expect(issues[0]!.message).toBe(`${yili.name} (${yili.creditCode}) is already assigned to 第一检查组 (G1); a target has one group`);
    });

    it('a target in no group, then a group with no target: the launch is refused with the reason', async () => {
      await ops.run('assignTargets', on({ groupId: 'G2', targets: [urumqi] }), office());
      const unassigned = await refused(ops.attempt('launchOperation', on({}), head()), 'INVALID_TRANSITION');
      expect(unassigned.reason).toContain(`1 target(s) are assigned to no group: ${urumqi2.name} (${urumqi2.creditCode})`);
      await ops.run('assignTargets', on({ groupId: 'G2', targets: [urumqi2] }), office());
      const idle = await refused(ops.attempt('launchOperation', on({}), head()), 'INVALID_TRANSITION');
      expect(idle.reason).toContain('回头看检查组 (G3) has no targets');
      // the office forms and assigns, the head launches
      const followUpTarget = { name: '伊宁市某民族医院', creditCode: code('654000', 25), regionCode: '654000' };
      await ops.run('assignTargets', on({ groupId: 'G3', targets: [followUpTarget] }), office());
      await refused(ops.attempt('launchOperation', on({}), office()), 'FORBIDDEN');
      clock = '2025-04-30T10:00:00+08:00';
      expect(await ops.run('launchOperation', on({}), head())).toMatchObject({ status: 'IN_PROGRESS', unassignedTargets: [] });
    });
  });
});
