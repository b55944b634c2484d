import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mintDevToken } from '@xianjie/auth';
import { startEmbeddedGateway, type TestGateway } from '../support/embeddedGateway.ts';
import {
  administrativeMaterials,
  agencyPerformanceQuery,
  awaitingFeedbackQuery,
  createTransferOperations,
  criminalMaterials,
  errorCode,
  shift,
  type AgencyPerformanceView,
  type AwaitingFeedbackItemView,
  type TransferOperations,
  type TransferView,
} from '../support/transferOperations.ts';

/**
 * The commission's transfer oversight (DESIGN §3.4), through GraphQL on the embedded platform
 * with the business clock pinned by the test:
 * - `oversight.awaitingFeedback(asOf)` — 首办负责制, no 一转了之: what each transfer sent and not fed
 *   back waited on as of a time;
 * - `oversight.agencyPerformance(from, to)` — per agency: out, in, decisions, times, overdue steps.
 *
 * Four transfers of 乌鲁木齐市市场监管局 (amr-650100), in March 2025 (no holidays; Beijing time):
 * - T1 行刑 → police-650100: sent 03-03 10:00, signed 16:00 (6 h), accepted 03-05 10:00 (42 h after
 *   the receipt), seized items never handed over (handOver: the third day, 03-08, is a Saturday, so due
 *   at 24:00 of Monday 03-10, decision 0014), result fed back 03-20 10:00;
 * - T2 行行 → health-650100: sent 03-04 10:00, signed 03-05 12:00 (26 h), declined 03-06 12:00 (24 h);
 * - T3 行刑 → police-650100: sent 03-06 10:00, never signed for (signReceipt due 03-07 11:00: 24 hours
 *   from the next full hour);
 * - T4 行刑 → police-650100: sent 03-07 10:00, signed 12:00 (2 h), declined 03-08 12:00 (24 h),
 *   reconsideration requested 03-09 10:00 and never decided (decideReconsideration due 03-13 00:00).
 */
describe('oversight of transfers: awaiting feedback and agency performance (embedded, PGlite, test clock)', () => {
  let gw: TestGateway;
  let ops: TransferOperations;
  let clock = '2025-03-03T09:00:00+08:00';
  const t: Record<string, string> = {};
  const tr: Record<'T1' | 'T2' | 'T3' | 'T4', TransferView> = {} as never;
  const bj = (local: string) => `2025-${local}:00+08:00`;
  const ms = (iso: string) => Date.parse(iso);

  const token = (user: string) => t[user]!;
  const amrOfficer = () => token('amr-650100-officer');
  const amrSupervisor = () => token('amr-650100-supervisor');
  const police = () => token('police-650100-officer');
  const policeSupervisor = () => token('police-650100-supervisor');
  const health = () => token('health-650100-officer');
  const healthSupervisor = () => token('health-650100-supervisor');
  const overseer = () => token('cdi-650000-overseer');

  /** Registers and files an amr case and sends a transfer of it, proposed an hour before `approveAt`. */
  const sendAt = async (approveAt: string, kind: 'CRIMINAL' | 'ADMINISTRATIVE', toAgencyId: string, receiverToken: string) => {
    clock = shift(approveAt, -3600);
    const c = await ops.registerCase(
      amrOfficer(),
      {
        subject: { kind: 'ORGANIZATION', name: '乌鲁木齐天山康宁医院', creditCode: '12650100MB1234567P' },
        source: 'INSPECTION',
        summary: `监督测试 ${kind} → ${toAgencyId}`,
        violations: ['UNLICENSED_COMPOUNDING', 'UNAPPROVED_PREPARATION'],
      },
      amrSupervisor(),
    );
    const sent = await ops.send({
      caseId: c.id,
      kind,
      toAgencyId,
      reason: '医疗机构无证配制制剂',
      materials: kind === 'CRIMINAL' ? criminalMaterials : administrativeMaterials,
      officer: amrOfficer(),
      supervisor: amrSupervisor(),
      receiverToken,
      beforeApproval: () => void (clock = approveAt),
    });
    expect(ms(sent.sentAt as string)).toBe(ms(approveAt));
    return sent;
  };

  /** Runs a step at a business time (and waits until the other side noted it). */
  const at = async (time: string, step: Parameters<TransferOperations['act']>[0], input: Record<string, unknown>, actor: string) => {
    clock = time;
    return ops.act(step, input, actor);
  };

  beforeAll(async () => {
    gw = await startEmbeddedGateway({ XIANJIE_SEED: 'none' }, { now: () => clock });
    ops = createTransferOperations(gw.gql);
    for (const user of [
      'u-amr-650100-officer',
      'u-amr-650100-supervisor',
      'u-police-650100-officer',
      'u-police-650100-supervisor',
      'u-health-650100-officer',
      'u-health-650100-supervisor',
      'u-cdi-650000-overseer',
      'u-cdi-650000-supervisor',
      'u-cdi-650100-overseer',
    ]) {
      t[user.replace(/^u-/, '')] = await gw.tokenFor(user);
    }
    // Not a demo user: a token may name any agency of the directory (DESIGN §6).
    t['cdi-650200-overseer'] = await mintDevToken({
      secret: gw.platform.devSecret!,
      userId: 'u-cdi-650200-overseer',
      name: '克拉玛依市纪委监委监督检查室干部',
      agencyId: 'cdi-650200',
      roles: ['overseer'],
    });

    // The steps in business-time order.
    tr.T1 = await sendAt(bj('03-03T10:00'), 'CRIMINAL', 'police-650100', police());
    await at(bj('03-03T16:00'), 'receiveTransfer', { transferId: tr.T1.id }, police());
    tr.T2 = await sendAt(bj('03-04T10:00'), 'ADMINISTRATIVE', 'health-650100', health());
    await at(bj('03-05T10:00'), 'acceptTransfer', { transferId: tr.T1.id, documentNumber: '乌公（食药环）立字〔2025〕31号' }, policeSupervisor());
    await at(bj('03-05T12:00'), 'receiveTransfer', { transferId: tr.T2.id }, health());
    tr.T3 = await sendAt(bj('03-06T10:00'), 'CRIMINAL', 'police-650100', police());
    await at(
      bj('03-06T12:00'),
      'declineTransfer',
      { transferId: tr.T2.id, reasonCategory: 'INSUFFICIENT_EVIDENCE', reason: '现有材料不能证明存在违法行为' },
      healthSupervisor(),
    );
    tr.T4 = await sendAt(bj('03-07T10:00'), 'CRIMINAL', 'police-650100', police());
    await at(bj('03-07T12:00'), 'receiveTransfer', { transferId: tr.T4.id }, police());
    await at(
      bj('03-08T12:00'),
      'declineTransfer',
      { transferId: tr.T4.id, reasonCategory: 'INSUFFICIENT_EVIDENCE', reason: '涉案金额未达立案追诉标准' },
      policeSupervisor(),
    );
    await at(bj('03-09T10:00'), 'requestReconsideration', { transferId: tr.T4.id, reason: '检验报告证明为假药，请求复议' }, amrSupervisor());
    await at(
      bj('03-20T10:00'),
      'recordTransferResult',
      { transferId: tr.T1.id, outcome: 'PROSECUTED', result: '已移送乌鲁木齐市天山区人民检察院审查起诉' },
      police(),
    );

    // Oversight reads both parties' read models: wait until each row shows the last step.
    const outgoing = { T1: 'RESULT_RECORDED', T2: 'DECLINED', T3: 'SENT', T4: 'RECONSIDERATION_REQUESTED' } as const;
    for (const [name, status] of Object.entries(outgoing)) {
      await ops.waitForListed(amrOfficer(), 'OUTGOING', tr[name as keyof typeof tr].id, (x) => x.status === status);
    }
    await ops.waitForListed(police(), 'INCOMING', tr.T1.id, (x) => x.status === 'RESULT_RECORDED');
    await ops.waitForListed(police(), 'INCOMING', tr.T3.id, (x) => x.status === 'SENT');
    await ops.waitForListed(police(), 'INCOMING', tr.T4.id, (x) => x.status === 'RECONSIDERATION_REQUESTED');
    await ops.waitForListed(health(), 'INCOMING', tr.T2.id, (x) => x.status === 'DECLINED');
  }, 180_000);
  afterAll(async () => gw?.close());

  /** Items as (transfer name, stage, days waiting, overdue steps), in the order returned. */
  const awaiting = async (asOf: string | undefined, user = overseer()) => {
    const names = new Map(Object.entries(tr).map(([name, v]) => [v.id, name]));
    return (await ops.awaitingFeedback(user, asOf)).map((i: AwaitingFeedbackItemView) => ({
      transfer: names.get(i.transfer.id) ?? i.transfer.id,
      stage: i.stage,
      daysWaiting: i.daysWaiting,
      overdueSteps: i.overdueSteps,
    }));
  };

  describe('awaitingFeedback (首办负责制)', () => {
    it('follows T1 from sending to the result: nothing before it is sent, gone once the result is fed back', async () => {
      expect(await awaiting(bj('03-03T09:30'))).toEqual([]);
      expect(await awaiting(shift(bj('03-03T10:00'), -1))).toEqual([]);
      expect(await awaiting(bj('03-03T10:00'))).toEqual([{ transfer: 'T1', stage: 'AWAITING_RECEIPT', daysWaiting: 0, overdueSteps: [] }]);
      expect(await awaiting(bj('03-03T16:00'))).toEqual([{ transfer: 'T1', stage: 'AWAITING_DECISION', daysWaiting: 0, overdueSteps: [] }]);
      // T2 is sent at 10:00 on 03-04: one second before it only T1 waits.
      expect(await awaiting(bj('03-04T09:59'))).toEqual([{ transfer: 'T1', stage: 'AWAITING_DECISION', daysWaiting: 0, overdueSteps: [] }]);
      expect((await awaiting(bj('03-05T10:00')))[0]).toEqual({ transfer: 'T1', stage: 'AWAITING_RESULT', daysWaiting: 2, overdueSteps: [] });
      expect((await awaiting(shift(bj('03-20T10:00'), -1)))[0]).toMatchObject({ transfer: 'T1', stage: 'AWAITING_RESULT', daysWaiting: 16 });
      expect((await awaiting(bj('03-20T10:00'))).map((i) => i.transfer)).toEqual(['T2', 'T3', 'T4']);
    });

    it('gives every transfer its stage as of a time, oldest sent first, with the DUTY steps overdue then', async () => {
      expect(await awaiting(bj('03-06T11:00'))).toEqual([
        { transfer: 'T1', stage: 'AWAITING_RESULT', daysWaiting: 3, overdueSteps: [] },
        { transfer: 'T2', stage: 'AWAITING_DECISION', daysWaiting: 2, overdueSteps: [] },
        { transfer: 'T3', stage: 'AWAITING_RECEIPT', daysWaiting: 0, overdueSteps: [] },
      ]);
      expect(await awaiting(bj('03-10T00:00'))).toEqual([
        // handOver: 3 days from the acceptance on 03-05 end on Saturday 03-08 → 24:00 of Monday 03-10
        { transfer: 'T1', stage: 'AWAITING_RESULT', daysWaiting: 6, overdueSteps: [] },
        { transfer: 'T2', stage: 'DECLINED', daysWaiting: 5, overdueSteps: [] },
        // signReceipt: 24 hours from the sending
        { transfer: 'T3', stage: 'AWAITING_RECEIPT', daysWaiting: 3, overdueSteps: ['signReceipt'] },
        { transfer: 'T4', stage: 'IN_RECONSIDERATION', daysWaiting: 2, overdueSteps: [] },
      ]);
      const t1 = async (asOf: string) => (await awaiting(asOf)).find((i) => i.transfer === 'T1');
      expect((await t1(bj('03-11T00:00')))?.overdueSteps).toEqual([]);
      expect((await t1(shift(bj('03-11T00:00'), 1)))?.overdueSteps).toEqual(['handOver']);
      // decideReconsideration: 3 days from the request on 03-09 → 24:00 of 03-12.
      const t4 = async (asOf: string) => (await awaiting(asOf)).find((i) => i.transfer === 'T4');
      expect((await t4(bj('03-13T00:00')))?.overdueSteps).toEqual([]);
      expect((await t4(shift(bj('03-13T00:00'), 1)))?.overdueSteps).toEqual(['decideReconsideration']);
      // T4 as of its decline, and a second before it.
      expect((await t4(bj('03-08T12:00')))?.stage).toBe('DECLINED');
      expect((await t4(shift(bj('03-08T12:00'), -1)))?.stage).toBe('AWAITING_DECISION');
    });

    it('defaults asOf to now', async () => {
      const now = new Date().toISOString();
      expect((await awaiting(undefined)).map((i) => i.transfer)).toEqual((await awaiting(now)).map((i) => i.transfer));
    });

    it('shows the transfers without their materials or details, with a Chinese stage label', async () => {
      const items = await ops.awaitingFeedback(overseer(), bj('03-10T00:00'));
      expect(items).toHaveLength(4);
      for (const item of items) {
        expect(item.transfer.materials).toEqual([]);
        expect(item.transfer.acceptance).toBeNull();
        expect(item.transfer.decline).toBeNull();
        expect(item.transfer.fromAgency).toEqual({ id: 'amr-650100' });
        expect(item.stageLabel).not.toBe('');
      }
      expect(items.map((i) => i.stageLabel)).toContain('复议中');
      // The parties themselves see T1's materials.
      expect((await ops.transfer(tr.T1.id, amrOfficer()))?.materials).toHaveLength(criminalMaterials.length);
    });

    it('is scoped to the overseer’s region: 650000 and 650100 see the 乌鲁木齐 transfers, 650200 none', async () => {
      const asOf = bj('03-10T00:00');
      const all = (await awaiting(asOf)).map((i) => i.transfer);
      expect(all).toEqual(['T1', 'T2', 'T3', 'T4']);
      expect((await awaiting(asOf, token('cdi-650100-overseer'))).map((i) => i.transfer)).toEqual(all);
      expect(await awaiting(asOf, token('cdi-650200-overseer'))).toEqual([]);
    });

    it('is FORBIDDEN to an officer and to a commission member without the overseer role', async () => {
      for (const user of [amrOfficer(), token('cdi-650000-supervisor')]) {
        const res = await ops.gql(awaitingFeedbackQuery, { asOf: bj('03-10T00:00') }, user);
        expect(errorCode(res)).toBe('FORBIDDEN');
        expect(res.data?.oversight ?? null).toBeNull();
      }
    });
  });

  describe('agencyPerformance', () => {
    const byAgency = (rows: AgencyPerformanceView[]) => Object.fromEntries(rows.map(({ agency, ...figures }) => [agency.id, figures]));

    it('March: figures per agency computed from the steps run', async () => {
      const rows = await ops.agencyPerformance(overseer(), bj('03-01T00:00'), bj('04-01T00:00'));
      expect(rows.map((r) => r.agency.id)).toEqual(['amr-650100', 'health-650100', 'police-650100']);
      expect(byAgency(rows)).toEqual({
        // Sent T1–T4, received none (so no rates); its own overdue step: T1's handOver.
        'amr-650100': {
          sent: 4,
          received: 0,
          accepted: 0,
          declined: 0,
          returned: 0,
          acceptanceRate: null,
          declineRate: null,
          medianHoursToReceipt: null,
          medianHoursToDecision: null,
          overdueSteps: 1,
          resultsFedBack: 0,
        },
        // T2: signed after 26 h, declined 24 h later.
        'health-650100': {
          sent: 0,
          received: 1,
          accepted: 0,
          declined: 1,
          returned: 0,
          acceptanceRate: 0,
          declineRate: 1,
          medianHoursToReceipt: 26,
          medianHoursToDecision: 24,
          overdueSteps: 0,
          resultsFedBack: 0,
        },
        // T1 (6 h, 42 h, accepted, fed back), T3 (not signed for: its receipt overdue), T4 (2 h,
        // 24 h, declined; its reconsideration decision overdue): medians (6+2)/2 and (42+24)/2.
        'police-650100': {
          sent: 0,
          received: 3,
          accepted: 1,
          declined: 1,
          returned: 0,
          acceptanceRate: 0.5,
          declineRate: 0.5,
          medianHoursToReceipt: 4,
          medianHoursToDecision: 33,
          overdueSteps: 2,
          resultsFedBack: 1,
        },
      });
    });

    it('03-05 to 03-10: only what was sent in the period, steps due in it, outcomes as of its end', async () => {
      const rows = await ops.agencyPerformance(overseer(), bj('03-05T00:00'), bj('03-10T00:00'));
      // health received nothing sent in the period and owned no late step: not listed.
      expect(byAgency(rows)).toEqual({
        // T3, T4 sent; T1's handOver is due at 24:00 of 03-10 (after a weekend), after the period.
        'amr-650100': expect.objectContaining({ sent: 2, received: 0, overdueSteps: 0, acceptanceRate: null }),
        // T3 (not signed for; receipt due 03-07 11:00 unmet), T4 (declined 03-08); T1's decide (due
        // 03-07 00:00) was met in time; T4's reconsideration decision is due after the period.
        'police-650100': {
          sent: 0,
          received: 2,
          accepted: 0,
          declined: 1,
          returned: 0,
          acceptanceRate: 0,
          declineRate: 1,
          medianHoursToReceipt: 2,
          medianHoursToDecision: 24,
          overdueSteps: 1,
          resultsFedBack: 0,
        },
      });
      // T4 as of 03-08 11:00 (before the decline): received, nothing decided, so no rates.
      const early = byAgency(await ops.agencyPerformance(overseer(), bj('03-05T00:00'), bj('03-08T11:00')));
      expect(early['police-650100']).toMatchObject({ received: 2, declined: 0, acceptanceRate: null, declineRate: null, medianHoursToDecision: null });
    });

    it('agrees with overdueTransfers: a step unmet at `to` is listed there as of `to`', async () => {
      const to = bj('04-01T00:00');
      const listed = (await ops.overdue(overseer(), to)).filter((i) => ms(i.dueAt) >= ms(bj('03-01T00:00')));
      const counted = byAgency(await ops.agencyPerformance(overseer(), bj('03-01T00:00'), to));
      for (const agencyId of ['amr-650100', 'police-650100']) {
        expect(listed.filter((i) => i.agency.id === agencyId)).toHaveLength(counted[agencyId]!.overdueSteps);
      }
    });

    it('is scoped to the overseer’s region', async () => {
      const march = [bj('03-01T00:00'), bj('04-01T00:00')] as const;
      const region = await ops.agencyPerformance(overseer(), ...march);
      expect(await ops.agencyPerformance(token('cdi-650100-overseer'), ...march)).toEqual(region);
      expect(await ops.agencyPerformance(token('cdi-650200-overseer'), ...march)).toEqual([]);
    });

    it('needs from < to within 366 days (BAD_USER_INPUT naming `to`), and the overseer role (FORBIDDEN)', async () => {
      const bad = async (from: string, to: string) => ops.gql(agencyPerformanceQuery, { from, to }, overseer());
      for (const res of [await bad(bj('03-01T00:00'), bj('03-01T00:00')), await bad(bj('04-01T00:00'), bj('03-01T00:00'))]) {
        expect(errorCode(res)).toBe('BAD_USER_INPUT');
        expect(res.errors?.[0]?.extensions?.field).toBe('to');
      }
      const tooLong = await bad('2024-01-01T00:00:00+08:00', '2025-03-01T00:00:00+08:00');
      expect(errorCode(tooLong)).toBe('BAD_USER_INPUT');
      expect(tooLong.errors?.[0]?.message).toContain('366 days');
      const officer = await ops.gql(agencyPerformanceQuery, { from: bj('03-01T00:00'), to: bj('04-01T00:00') }, amrOfficer());
      expect(errorCode(officer)).toBe('FORBIDDEN');
    });
  });
});
