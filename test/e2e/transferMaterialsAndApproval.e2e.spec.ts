import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmbeddedGateway, type TestGateway } from '../support/embeddedGateway.ts';
import {
  administrativeMaterials,
  caseTeamFor,
  createTransferOperations,
  criminalMaterials,
  type TransferOperations,
} from '../support/transferOperations.ts';

/**
 * Issue #14, items 4 and 3, through GraphQL over HTTP (embedded mode):
 * - materials as the statute lists them: 检验报告/鉴定意见 and 涉案物品清单 only where they exist
 *   (Decree art. 6: 有关), absent ones recorded with the reason; seized property declared on the
 *   proposal goes with the case and the party is told in writing (《行政强制法》第二十一条), and the
 *   receiver records when it got the property;
 * - who may decide: a criminal transfer is proposed by a 专案组 of two or more officers and approved
 *   or refused by the agency's head or acting head only (Decree art. 5), the capacity on record.
 * Every refusal names its field (or says why it is forbidden) and appends nothing.
 */
describe('transfer materials and who decides (embedded, PGlite)', () => {
  let gw: TestGateway;
  let ops: TransferOperations;
  const t: Record<string, string> = {};
  const fields = `id status version approverCapacity approverCapacityLabel seizedProperty
    absentMaterials { kind label reason } caseTeam { userId name }
    propertyHandOver { inventory handedOverAt } partyNotice { notifiedAt method methodLabel documentNumber }
    acceptance { documentNumber propertyReceivedAt acceptedAt } materials { kind title }`;

  beforeAll(async () => {
    gw = await startEmbeddedGateway({ XIANJIE_SEED: 'none' });
    ops = createTransferOperations(gw.gql);
    for (const user of [
      'u-amr-650100-officer',
      'u-amr-650100-supervisor',
      'u-amr-650100-deputy',
      'u-mi-650100-officer',
      'u-mi-650100-supervisor',
      'u-police-650100-officer',
      'u-police-650100-supervisor',
    ]) {
      t[user.replace(/^u-/, '')] = await gw.tokenFor(user);
    }
  }, 60_000);
  afterAll(async () => gw?.close());

  const amrOfficer = () => t['amr-650100-officer']!;
  const amrHead = () => t['amr-650100-supervisor']!;
  const amrDeputy = () => t['amr-650100-deputy']!;
  const policeOfficer = () => t['police-650100-officer']!;
  const policeHead = () => t['police-650100-supervisor']!;

  let seq = 0;
  const registerCase = (officer: string, supervisor: string, violations = ['UNLICENSED_COMPOUNDING']) =>
    ops.registerCase(
      officer,
      {
        subject: { kind: 'ORGANIZATION', name: '乌鲁木齐天山康宁医院', creditCode: '12650100MB1234567P' },
        source: 'INSPECTION',
        summary: `材料与审批测试 ${++seq}`,
        violations,
        amountInvolvedFen: 8_600_000,
      },
      supervisor,
    );

  const run = async (name: Parameters<TransferOperations['attempt']>[0], input: Record<string, unknown>, token: string) => {
    const res = await ops.attempt(name, input, token, fields);
    if (res.errors?.length) throw new Error(`${name}: ${JSON.stringify(res.errors)}`);
    return res.data![name]! as Record<string, unknown> & { id: string; version: number };
  };
  const senderEvents = async (id: string) => (await ops.auditTrail(`transfer-out-${id}`, amrOfficer()))!.events;

  it('a criminal transfer goes without a test report when the proposal says why; no reason is refused, naming the field', async () => {
    const c = await registerCase(amrOfficer(), amrHead());
    const base = { caseId: c.id, kind: 'CRIMINAL', toAgencyId: 'police-650100', reason: '涉嫌妨害药品管理罪' };
    const withoutReport = criminalMaterials.filter((m) => m.kind !== 'TEST_REPORT');

    const missing = await ops.attempt('proposeTransfer', { ...base, materials: withoutReport }, amrOfficer());
    expect(missing.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.materials' });
    expect(missing.errors![0]!.message).toMatch(/检验报告\/鉴定结论（TEST_REPORT；本案没有的，在 absentMaterials 中说明理由/);

    const noReason = await ops.attempt(
      'proposeTransfer',
      { ...base, materials: withoutReport, absentMaterials: [{ kind: 'TEST_REPORT', reason: ' ' }] },
      amrOfficer(),
    );
    expect(noReason.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.absentMaterials.0.reason' });
    expect(noReason.errors![0]!.message).toMatch(/缺少该材料的理由必填/);

    const always = await ops.attempt(
      'proposeTransfer',
      {
        ...base,
        materials: criminalMaterials.filter((m) => m.kind !== 'INVESTIGATION_REPORT'),
        absentMaterials: [{ kind: 'INVESTIGATION_REPORT', reason: '尚未写完' }],
      },
      amrOfficer(),
    );
    expect(always.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.absentMaterials.0.kind' });
    expect((await ops.caseWithTransfers(c.id, amrOfficer()))!.transfers).toEqual([]);

    const proposed = await run(
      'proposeTransfer',
      { ...base, materials: withoutReport, absentMaterials: [{ kind: 'TEST_REPORT', reason: '涉案制剂已全部销毁，无法抽样检验' }] },
      amrOfficer(),
    );
    expect(proposed).toMatchObject({
      status: 'PROPOSED',
      seizedProperty: false,
      absentMaterials: [{ kind: 'TEST_REPORT', label: '检验报告/鉴定结论', reason: '涉案制剂已全部销毁，无法抽样检验' }],
      caseTeam: caseTeamFor(amrOfficer()),
    });
    // The receiver sees the reason with the transfer as sent.
    await run('approveTransfer', { transferId: proposed.id }, amrHead());
    await ops.waitForListed(policeOfficer(), 'INCOMING', proposed.id);
    const received = await run('receiveTransfer', { transferId: proposed.id }, policeOfficer());
    expect(received.absentMaterials).toEqual([{ kind: 'TEST_REPORT', label: '检验报告/鉴定结论', reason: '涉案制剂已全部销毁，无法抽样检验' }]);
  });

  it('declared seized property goes with the case and the party is told in writing; the police record when they got it', async () => {
    const c = await registerCase(amrOfficer(), amrHead());
    const proposed = await run(
      'proposeTransfer',
      { caseId: c.id, kind: 'CRIMINAL', toAgencyId: 'police-650100', reason: '涉嫌妨害药品管理罪', materials: criminalMaterials, seizedProperty: true },
      amrOfficer(),
    );
    expect(proposed.seizedProperty).toBe(true);
    const before = (await senderEvents(proposed.id)).length;

    const bare = await ops.attempt('approveTransfer', { transferId: proposed.id }, amrHead());
    expect(bare.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.propertyHandOver' });
    expect(bare.errors![0]!.message).toMatch(/应当一并移送.*partyNotice: 移送申报了查封、扣押财物，应当书面告知当事人/);
    expect((await senderEvents(proposed.id)).length).toBe(before);

    const handedOverAt = new Date(Date.now() - 3_600_000).toISOString();
    const notifiedAt = new Date(Date.now() - 7_200_000).toISOString();
    const sent = await run(
      'approveTransfer',
      {
        transferId: proposed.id,
        propertyHandOver: { inventory: '查封扣押财物移交清单（制剂 120 盒）', handedOverAt },
        partyNotice: { notifiedAt, method: 'POST', documentNumber: '乌市监告〔2026〕9号' },
      },
      amrHead(),
    );
    expect(sent).toMatchObject({
      status: 'SENT',
      approverCapacity: 'HEAD',
      approverCapacityLabel: '正职负责人',
      propertyHandOver: { inventory: '查封扣押财物移交清单（制剂 120 盒）' },
      partyNotice: { method: 'POST', methodLabel: '邮寄送达', documentNumber: '乌市监告〔2026〕9号' },
    });
    expect(Date.parse(String((sent.propertyHandOver as { handedOverAt: string }).handedOverAt))).toBe(Date.parse(handedOverAt));

    await ops.waitForListed(policeOfficer(), 'INCOMING', proposed.id);
    const received = await run('receiveTransfer', { transferId: proposed.id }, policeOfficer());
    expect(received.propertyHandOver).toMatchObject({ inventory: '查封扣押财物移交清单（制剂 120 盒）' });
    const noReceipt = await ops.attempt('acceptTransfer', { transferId: proposed.id, documentNumber: '乌公立字〔2026〕7号' }, policeHead());
    expect(noReceipt.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.propertyReceivedAt' });
    const propertyReceivedAt = new Date(Date.now() - 60_000).toISOString();
    const accepted = await run(
      'acceptTransfer',
      { transferId: proposed.id, documentNumber: '乌公立字〔2026〕7号', propertyReceivedAt },
      policeHead(),
    );
    expect(accepted.status).toBe('ACCEPTED');
    expect(Date.parse(String((accepted.acceptance as { propertyReceivedAt: string }).propertyReceivedAt))).toBe(Date.parse(propertyReceivedAt));
  });

  it('only the head or acting head approves or refuses a criminal transfer; a deputy is told why and nothing is appended', async () => {
    const c = await registerCase(amrOfficer(), amrHead());
    const proposed = await run(
      'proposeTransfer',
      { caseId: c.id, kind: 'CRIMINAL', toAgencyId: 'police-650100', reason: '涉嫌妨害药品管理罪', materials: criminalMaterials },
      amrOfficer(),
    );
    const before = (await senderEvents(proposed.id)).length;
    for (const [name, input] of [
      ['approveTransfer', { transferId: proposed.id, expectedVersion: 1 }],
      ['refuseTransfer', { transferId: proposed.id, expectedVersion: 1, reason: '证据不足' }],
      // before the expected version: a deputy is told why, not CONFLICT
      ['approveTransfer', { transferId: proposed.id, expectedVersion: 9 }],
    ] as const) {
      const res = await ops.attempt(name, input, amrDeputy());
      expect(res.errors?.[0]?.extensions?.code, name).toBe('FORBIDDEN');
      expect(res.errors![0]!.message).toMatch(/须由本机关正职负责人或者主持工作的负责人决定/);
    }
    expect((await senderEvents(proposed.id)).length).toBe(before);
    const refused = await run('refuseTransfer', { transferId: proposed.id, reason: '证据尚不足以认定涉嫌犯罪' }, amrHead());
    expect(refused).toMatchObject({ status: 'REFUSED', approverCapacity: 'HEAD' });
    const trail = await senderEvents(proposed.id);
    expect(trail.at(-1)).toMatchObject({ type: 'TransferRefused', data: { refuserCapacity: 'HEAD' } });
  });

  it('the acting head of 医保 approves with ACTING_HEAD on record; a deputy approves a non-criminal transfer', async () => {
    const miCase = await registerCase(t['mi-650100-officer']!, t['mi-650100-supervisor']!, ['INSURANCE_FRAUD']);
    const proposed = await run(
      'proposeTransfer',
      {
        caseId: miCase.id,
        kind: 'CRIMINAL',
        toAgencyId: 'police-650100',
        reason: '骗取医保基金，涉嫌诈骗罪',
        materials: criminalMaterials.filter((m) => m.kind !== 'TEST_REPORT'),
        absentMaterials: [{ kind: 'TEST_REPORT', reason: '无须检验鉴定' }],
      },
      t['mi-650100-officer']!,
    );
    const sent = await run('approveTransfer', { transferId: proposed.id }, t['mi-650100-supervisor']!);
    expect(sent).toMatchObject({ status: 'SENT', approverCapacity: 'ACTING_HEAD', approverCapacityLabel: '主持工作的负责人' });

    const c = await registerCase(amrOfficer(), amrHead());
    const administrative = await run(
      'proposeTransfer',
      { caseId: c.id, kind: 'ADMINISTRATIVE', toAgencyId: 'health-650100', reason: '消毒产品属卫生健康部门管辖', materials: administrativeMaterials },
      amrOfficer(),
    );
    expect(administrative.caseTeam).toEqual([]);
    const approved = await run('approveTransfer', { transferId: administrative.id }, amrDeputy());
    expect(approved).toMatchObject({ status: 'SENT', approverCapacity: null });
  });

  it('a criminal proposal names a 专案组 of two or more officers, the proposer among them', async () => {
    const c = await registerCase(amrOfficer(), amrHead());
    const base = { caseId: c.id, kind: 'CRIMINAL', toAgencyId: 'police-650100', reason: '涉嫌妨害药品管理罪', materials: criminalMaterials };
    const alone = await ops.attempt('proposeTransfer', { ...base, caseTeam: caseTeamFor(amrOfficer()).slice(0, 1) }, amrOfficer());
    expect(alone.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.caseTeam' });
    expect(alone.errors![0]!.message).toMatch(/2名或者2名以上执法人员组成的专案组/);
    const others = await ops.attempt(
      'proposeTransfer',
      { ...base, caseTeam: [{ userId: 'u-amr-650100-officer2', name: '艾尔肯·吐尔逊' }, { userId: 'u-amr-650100-deputy', name: '钱立本' }] },
      amrOfficer(),
    );
    expect(others.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.caseTeam' });
    expect((await ops.caseWithTransfers(c.id, amrOfficer()))!.transfers).toEqual([]);
  });

  it('me tells the head, the acting head and a deputy apart', async () => {
    const me = async (token: string) => (await gw.gql<{ me: { capacity: string | null; capacityLabel: string | null } }>('{ me { capacity capacityLabel } }', {}, token)).data!.me;
    expect(await me(amrHead())).toEqual({ capacity: 'HEAD', capacityLabel: '正职负责人' });
    expect(await me(t['mi-650100-supervisor']!)).toEqual({ capacity: 'ACTING_HEAD', capacityLabel: '主持工作的负责人' });
    expect(await me(amrDeputy())).toEqual({ capacity: null, capacityLabel: null });
  });
});
