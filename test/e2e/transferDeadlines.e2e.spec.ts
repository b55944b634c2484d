import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmbeddedGateway, type TestGateway } from '../support/embeddedGateway.ts';
import { eventually } from '../support/eventually.ts';
import {
  administrativeMaterials,
  createTransferOperations,
  criminalMaterials,
  deadlineOf,
  shift,
  type TransferOperations,
  type TransferView,
} from '../support/transferOperations.ts';

/**
 * Overdue is exact (DESIGN §3.2: "overdue is a query (asOf), not a guess"): for a step, asOf one
 * second before its due time it is PENDING (or MET), one second after it is OVERDUE — the same in
 * the transfer's own deadlines (`transfer(id, asOf)`), the receiver's inbox
 * (`transfers(filter: {overdueAsOf})`) and the commission's `oversight { overdueTransfers(asOf) }`.
 *
 * The business clock is the test's: every command happens at the time we set. The 2025 calendar
 * (国办发明电〔2024〕12号): National Day holiday 10-01..10-08; adjusted working days (调休) Sunday
 * 09-28 and Saturday 10-11. Windows in working days end at 24:00 Beijing time of the n-th working
 * day after the starting day (the starting day is not counted). Calendar-day windows whose last day
 * is a holiday or weekend end at 24:00 of the first working day after it, the agency's as well as
 * the police's (decision 0014: 劳动节 2025 is 05-01..05-05); the police's hour windows run from the
 * next full hour, the starting hour not counted.
 */
describe('transfer deadlines are exact to the second (embedded, PGlite, test clock)', () => {
  let gw: TestGateway;
  let ops: TransferOperations;
  let clock = '2025-09-01T09:00:00+08:00';
  const t: Record<string, string> = {};

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
      'u-mi-650100-officer',
      'u-cdi-650000-overseer',
    ]) {
      t[user.replace(/^u-/, '')] = await gw.tokenFor(user);
    }
  }, 60_000);
  afterAll(async () => gw?.close());

  const amrOfficer = () => t['amr-650100-officer']!;
  const overseer = () => t['cdi-650000-overseer']!;
  const ms = (iso: string) => Date.parse(iso);

  /** Registers and files an amr case and sends a transfer of it at the given business times. */
  const sendAt = async (args: {
    proposeAt: string;
    approveAt: string;
    kind: 'CRIMINAL' | 'ADMINISTRATIVE';
    toAgencyId: string;
    receiverToken: string;
  }): Promise<TransferView> => {
    clock = args.proposeAt;
    const c = await ops.registerCase(
      amrOfficer(),
      {
        subject: { kind: 'ORGANIZATION', name: '乌鲁木齐天山康宁医院', creditCode: '12650100MB1234567P' },
        source: 'INSPECTION',
        summary: `期限测试 ${args.kind} → ${args.toAgencyId}`,
        violations: ['UNLICENSED_COMPOUNDING', 'UNAPPROVED_PREPARATION'],
      },
      t['amr-650100-supervisor']!,
    );
    const sent = await ops.send({
      caseId: c.id,
      kind: args.kind,
      toAgencyId: args.toAgencyId,
      reason: '期限测试',
      materials: args.kind === 'CRIMINAL' ? criminalMaterials : administrativeMaterials,
      officer: amrOfficer(),
      supervisor: t['amr-650100-supervisor']!,
      receiverToken: args.receiverToken,
      beforeApproval: () => void (clock = args.approveAt),
    });
    expect(ms(sent.sentAt as string)).toBe(ms(args.approveAt));
    // The sender's read model (oversight reads the receipt's deadline from it) has the sending.
    await ops.waitForListed(amrOfficer(), 'OUTGOING', sent.id, (x) => x.status === 'SENT');
    return sent;
  };

  /** The step's status as of `at` in the transfer rebuilt as of `at`. */
  const statusAt = async (id: string, token: string, step: string, at: string) => deadlineOf(await ops.deadlines(id, token, at), step).status;

  const inboxOverdue = async (token: string, at: string) =>
    (await ops.list(token, { direction: 'INCOMING', overdueAsOf: at })).map((x) => x.id);

  const oversightItems = async (id: string, at: string) =>
    (await ops.overdue(overseer(), at)).filter((i) => i.transfer.id === id).map((i) => ({ step: i.step, party: i.party, agency: i.agency.id, dueAt: ms(i.dueAt) }));

  it('行行 decide (15 working days) from a receipt on 2025-09-30 crosses National Day and the adjusted Saturday 10-11', async () => {
    const health = t['health-650100-officer']!;
    const sent = await sendAt({
      proposeAt: '2025-09-29T10:00:00+08:00',
      approveAt: '2025-09-29T15:00:00+08:00',
      kind: 'ADMINISTRATIVE',
      toAgencyId: 'health-650100',
      receiverToken: health,
    });
    clock = '2025-09-30T10:00:00+08:00';
    const received = await ops.act('receiveTransfer', { transferId: sent.id }, health);

    // Received Tue 09-30 (not counted). Working days after it: 10-01..10-08 holiday; 10-09 Thu (1),
    // 10-10 Fri (2), 10-11 Sat 调休 (3), 10-13..10-17 (4–8), 10-20..10-24 (9–13), 10-27 (14),
    // 10-28 Tue (15) → due at 24:00 of 10-28 Beijing time = 2025-10-29T00:00:00+08:00.
    // (Without the adjusted Saturday it would be 10-29 24:00.)
    const decideDue = '2025-10-29T00:00:00+08:00';
    const decide = deadlineOf(received.deadlines, 'decide');
    expect(decide).toMatchObject({ party: 'RECEIVER', obligation: 'DUTY', metAt: null });
    expect(ms(decide.startedAt)).toBe(ms('2025-09-30T10:00:00+08:00'));
    expect(ms(decide.dueAt)).toBe(ms(decideDue));
    // signReceipt: 1 working day after the sending on Mon 09-29 → 24:00 of Tue 09-30; met at 10:00 that day.
    const signDue = '2025-10-01T00:00:00+08:00';
    expect(ms(deadlineOf(received.deadlines, 'signReceipt').dueAt)).toBe(ms(signDue));
    // approve: 3 working days after the proposal on 09-29 → 09-30, 10-09, 10-10 → 24:00 of 10-10.
    expect(ms(deadlineOf(received.deadlines, 'approve').dueAt)).toBe(ms('2025-10-11T00:00:00+08:00'));

    const before = shift(decideDue, -1);
    const after = shift(decideDue, 1);
    // The inbox row of the receipt is in the health service's read model (which the lists and oversight read).
    await ops.waitForListed(health, 'INCOMING', sent.id, (x) => x.status === 'RECEIVED');
    // Until the sender's read model notes the receipt, only its row knows the receipt step.
    await ops.waitForListed(amrOfficer(), 'OUTGOING', sent.id, (x) => x.status === 'RECEIVED');

    expect(await statusAt(sent.id, health, 'decide', before)).toBe('PENDING');
    expect(await statusAt(sent.id, health, 'decide', decideDue)).toBe('PENDING');
    expect(await statusAt(sent.id, health, 'decide', after)).toBe('OVERDUE');
    // The sender sees the same clock on the receiver's step.
    expect(await statusAt(sent.id, amrOfficer(), 'decide', after)).toBe('OVERDUE');
    // A step met before its due time stays met after it.
    expect(await statusAt(sent.id, health, 'signReceipt', shift(signDue, 1))).toBe('MET');
    expect(await statusAt(sent.id, health, 'signReceipt', after)).toBe('MET');

    expect(await inboxOverdue(health, before)).toEqual([]);
    expect(await inboxOverdue(health, after)).toEqual([sent.id]);

    expect(await oversightItems(sent.id, before)).toEqual([]);
    expect(await oversightItems(sent.id, after)).toEqual([{ step: 'decide', party: 'RECEIVER', agency: 'health-650100', dueAt: ms(decideDue) }]);

    // Decided late (the morning after): met late; overdue stays what it was at the time it was.
    clock = '2025-10-29T09:00:00+08:00';
    const accepted = await ops.act('acceptTransfer', { transferId: sent.id, documentNumber: '乌卫监受〔2025〕88号' }, t['health-650100-supervisor']!);
    expect(deadlineOf(accepted.deadlines, 'decide')).toMatchObject({ metLate: true });
    const nowDeadlines = await ops.deadlines(sent.id, health, undefined, after);
    expect(deadlineOf(nowDeadlines, 'decide').status).toBe('OVERDUE');
    expect(deadlineOf(await ops.deadlines(sent.id, health, undefined, shift(clock, 1)), 'decide').status).toBe('MET');
    // Oversight reads both parties' rows: wait until each has noted the acceptance.
    await ops.waitForListed(health, 'INCOMING', sent.id, (x) => x.status === 'ACCEPTED');
    await ops.waitForListed(amrOfficer(), 'OUTGOING', sent.id, (x) => x.status === 'ACCEPTED');
    expect(await inboxOverdue(health, after)).toEqual([sent.id]);
    expect(await inboxOverdue(health, shift(clock, 1))).toEqual([]);
    expect(await oversightItems(sent.id, shift(clock, 1))).toEqual([]);
  });

  it('signReceipt (1 working day) of a Friday 2025-09-26 sending ends on the adjusted Sunday 09-28: due 2025-09-29T00:00+08:00', async () => {
    const mi = t['mi-650100-officer']!;
    const sent = await sendAt({
      proposeAt: '2025-09-26T09:00:00+08:00',
      approveAt: '2025-09-26T16:30:00+08:00',
      kind: 'ADMINISTRATIVE',
      toAgencyId: 'mi-650100',
      receiverToken: mi,
    });
    // Sent Fri 09-26; the next working day is Sun 09-28 (调休上班), so the window ends at its 24:00.
    const due = '2025-09-29T00:00:00+08:00';
    const sign = deadlineOf(sent.deadlines, 'signReceipt');
    expect(sign).toMatchObject({ party: 'RECEIVER', obligation: 'DUTY', metAt: null });
    expect(ms(sign.dueAt)).toBe(ms(due));

    const before = shift(due, -1);
    const after = shift(due, 1);
    for (const token of [mi, amrOfficer()]) {
      expect(await statusAt(sent.id, token, 'signReceipt', before)).toBe('PENDING');
      expect(await statusAt(sent.id, token, 'signReceipt', after)).toBe('OVERDUE');
    }
    // Not yet signed for: the inbox lists it from what was sent (status SENT) with the receipt's clock.
    expect(await inboxOverdue(mi, before)).not.toContain(sent.id);
    expect(await inboxOverdue(mi, after)).toContain(sent.id);
    expect(await oversightItems(sent.id, before)).toEqual([]);
    expect(await oversightItems(sent.id, after)).toEqual([{ step: 'signReceipt', party: 'RECEIVER', agency: 'mi-650100', dueAt: ms(due) }]);

    // Signed for on the adjusted Sunday itself: met in time, MET one second after the due time.
    clock = '2025-09-28T11:00:00+08:00';
    const received = await ops.act('receiveTransfer', { transferId: sent.id }, mi);
    expect(deadlineOf(received.deadlines, 'signReceipt')).toMatchObject({ metLate: false });
    expect(await statusAt(sent.id, mi, 'signReceipt', after)).toBe('MET');
    await ops.waitForListed(mi, 'INCOMING', sent.id, (x) => x.status === 'RECEIVED');
    await eventually(() => oversightItems(sent.id, after), (items) => items.length === 0);
    expect(await inboxOverdue(mi, after)).not.toContain(sent.id);
    // Its decide window starts on a working Sunday: 09-29 (1), 09-30 (2), 10-09..10-11 (3–5),
    // 10-13..10-17 (6–10), 10-20..10-24 (11–15) → 24:00 of Fri 10-24.
    expect(ms(deadlineOf(received.deadlines, 'decide').dueAt)).toBe(ms('2025-10-25T00:00:00+08:00'));
  });

  it('行刑 signReceipt (24 hours, the starting hour not counted) is exact to the second, and met before due it stays MET', async () => {
    const police = t['police-650100-officer']!;
    const approveAt = '2025-11-03T15:27:42+08:00';
    const sent = await sendAt({
      proposeAt: '2025-11-03T09:12:05+08:00',
      approveAt,
      kind: 'CRIMINAL',
      toAgencyId: 'police-650100',
      receiverToken: police,
    });
    // Sent at 15:27:42: the hour 15时 is not counted (刑事诉讼法第一百零五条, decision 0014), 24 hours from 16:00.
    const due = '2025-11-04T16:00:00+08:00';
    expect(ms(deadlineOf(sent.deadlines, 'signReceipt').dueAt)).toBe(ms(due));
    const before = shift(due, -1);
    const after = shift(due, 1);
    expect(await statusAt(sent.id, police, 'signReceipt', before)).toBe('PENDING');
    expect(await statusAt(sent.id, police, 'signReceipt', due)).toBe('PENDING');
    expect(await statusAt(sent.id, police, 'signReceipt', after)).toBe('OVERDUE');
    expect(await inboxOverdue(police, before)).not.toContain(sent.id);
    expect(await inboxOverdue(police, after)).toContain(sent.id);
    expect(await oversightItems(sent.id, before)).toEqual([]);
    expect(await oversightItems(sent.id, after)).toEqual([{ step: 'signReceipt', party: 'RECEIVER', agency: 'police-650100', dueAt: ms(due) }]);

    // Signed 2 seconds before the due time.
    clock = shift(due, -2);
    const received = await ops.act('receiveTransfer', { transferId: sent.id }, police);
    expect(ms(deadlineOf(received.deadlines, 'signReceipt').metAt!)).toBe(ms(due) - 2000);
    expect(await statusAt(sent.id, police, 'signReceipt', before)).toBe('MET');
    expect(await statusAt(sent.id, police, 'signReceipt', after)).toBe('MET');
    // As of 3 seconds before due (before the receipt) it was pending, never overdue.
    expect(await statusAt(sent.id, police, 'signReceipt', shift(due, -3))).toBe('PENDING');
    await ops.waitForListed(police, 'INCOMING', sent.id, (x) => x.status === 'RECEIVED');
    await eventually(() => oversightItems(sent.id, after), (items) => items.length === 0);
    expect(await inboxOverdue(police, after)).not.toContain(sent.id);
  });

  it("行刑 the agency's 3-day windows whose last day is in 劳动节 end at 24:00 of 05-06: a 复议 request on 05-06 is in time, on 05-07 refused", async () => {
    const police = t['police-650100-officer']!;
    const policeSupervisor = t['police-650100-supervisor']!;
    const amrSupervisor = t['amr-650100-supervisor']!;
    const mayDay6 = '2025-05-07T00:00:00+08:00'; // 24:00 of 05-06 = 2025-05-06T16:00:00Z
    expect(new Date(mayDay6).toISOString()).toBe('2025-05-06T16:00:00.000Z');
    const declinedOn0430 = async () => {
      const sent = await sendAt({
        proposeAt: '2025-04-28T09:00:00+08:00',
        approveAt: '2025-04-28T10:00:00+08:00',
        kind: 'CRIMINAL',
        toAgencyId: 'police-650100',
        receiverToken: police,
      });
      // approve: 3 days from 04-28 end on 05-01, a holiday → 24:00 of 05-06 (met on 04-28).
      expect(ms(deadlineOf(sent.deadlines, 'approve').dueAt)).toBe(ms(mayDay6));
      clock = '2025-04-29T10:00:00+08:00';
      await ops.act('receiveTransfer', { transferId: sent.id }, police);
      clock = '2025-04-30T15:00:00+08:00';
      const declined = await ops.act('declineTransfer', { transferId: sent.id, reasonCategory: 'NO_OFFENCE', reason: '没有犯罪事实' }, policeSupervisor);
      expect(ms(deadlineOf(declined.deadlines, 'requestReconsideration').dueAt)).toBe(ms(mayDay6));
      return declined;
    };

    const late = await declinedOn0430();
    expect(await statusAt(late.id, amrOfficer(), 'requestReconsideration', '2025-05-03T23:59:59+08:00')).toBe('PENDING');
    expect(await statusAt(late.id, amrOfficer(), 'requestReconsideration', mayDay6)).toBe('PENDING');
    expect(await statusAt(late.id, amrOfficer(), 'requestReconsideration', shift(mayDay6, 1))).toBe('LAPSED');
    clock = '2025-05-07T09:00:00+08:00';
    const refused = await ops.attempt('requestReconsideration', { transferId: late.id, reason: '请求复议' }, amrSupervisor);
    expect(refused.errors?.[0]?.extensions?.code, JSON.stringify(refused.errors)).toBe('INVALID_TRANSITION');
    expect(String(refused.errors![0]!.extensions!.reason)).toContain('ended at 2025-05-07T00:00:00+08:00');

    const inTime = await declinedOn0430();
    clock = '2025-05-06T09:00:00+08:00';
    const requested = await ops.act('requestReconsideration', { transferId: inTime.id, reason: '请求复议' }, amrSupervisor);
    expect(deadlineOf(requested.deadlines, 'requestReconsideration')).toMatchObject({ status: 'MET' });
  });

  it('行刑 hand-over after an acceptance on 2025-04-30 is not overdue in the holiday, only after 24:00 of 05-06', async () => {
    const police = t['police-650100-officer']!;
    const sent = await sendAt({
      proposeAt: '2025-04-29T09:00:00+08:00',
      approveAt: '2025-04-29T10:00:00+08:00',
      kind: 'CRIMINAL',
      toAgencyId: 'police-650100',
      receiverToken: police,
    });
    clock = '2025-04-30T10:00:00+08:00';
    await ops.act('receiveTransfer', { transferId: sent.id }, police);
    clock = '2025-04-30T15:00:00+08:00';
    const accepted = await ops.act('acceptTransfer', { transferId: sent.id, documentNumber: '乌公立字〔2025〕501号' }, t['police-650100-supervisor']!);
    const due = '2025-05-07T00:00:00+08:00';
    expect(ms(deadlineOf(accepted.deadlines, 'handOver').dueAt)).toBe(ms(due));
    await ops.waitForListed(amrOfficer(), 'OUTGOING', sent.id, (x) => x.status === 'ACCEPTED');
    await ops.waitForListed(police, 'INCOMING', sent.id, (x) => x.status === 'ACCEPTED');
    expect(await oversightItems(sent.id, '2025-05-04T10:00:00+08:00')).toEqual([]);
    expect(await oversightItems(sent.id, shift(due, -1))).toEqual([]);
    expect(await oversightItems(sent.id, shift(due, 1))).toEqual([{ step: 'handOver', party: 'SENDER', agency: 'amr-650100', dueAt: ms(due) }]);
  });

  it("the sender's own overdue steps are listed too: an unapproved proposal (approve) and a hand-over not made (handOver)", async () => {
    // 行行 proposed Mon 2025-12-01, never approved: 3 working days → 12-02, 12-03, 12-04 → 24:00 of 12-04.
    clock = '2025-12-01T10:00:00+08:00';
    const c = await ops.registerCase(
      amrOfficer(),
      {
        subject: { kind: 'ORGANIZATION', name: '乌鲁木齐天山康宁医院', creditCode: '12650100MB1234567P' },
        source: 'INSPECTION',
        summary: '期限测试 未审批',
        violations: ['UNLICENSED_COMPOUNDING'],
      },
      t['amr-650100-supervisor']!,
    );
    const proposed = await ops.run(
      'proposeTransfer',
      { caseId: c.id, kind: 'ADMINISTRATIVE', toAgencyId: 'health-650100', reason: '期限测试', materials: administrativeMaterials },
      amrOfficer(),
    );
    const approveDue = '2025-12-05T00:00:00+08:00';
    expect(ms(deadlineOf(proposed.deadlines, 'approve').dueAt)).toBe(ms(approveDue));
    await ops.waitForListed(amrOfficer(), 'OUTGOING', proposed.id);
    expect(await oversightItems(proposed.id, shift(approveDue, -1))).toEqual([]);
    expect(await oversightItems(proposed.id, shift(approveDue, 1))).toEqual([{ step: 'approve', party: 'SENDER', agency: 'amr-650100', dueAt: ms(approveDue) }]);
    const outboxOverdue = async (at: string) => (await ops.list(amrOfficer(), { direction: 'OUTGOING', overdueAsOf: at })).map((x) => x.id);
    expect(await outboxOverdue(shift(approveDue, -1))).not.toContain(proposed.id);
    expect(await outboxOverdue(shift(approveDue, 1))).toContain(proposed.id);

    // 行刑 accepted Mon 2025-12-01 14:00: the seized items are handed over within 3 days → 24:00 of 12-04.
    const police = t['police-650100-officer']!;
    const sent = await sendAt({
      proposeAt: '2025-12-01T09:00:00+08:00',
      approveAt: '2025-12-01T09:30:00+08:00',
      kind: 'CRIMINAL',
      toAgencyId: 'police-650100',
      receiverToken: police,
    });
    clock = '2025-12-01T11:00:00+08:00';
    await ops.act('receiveTransfer', { transferId: sent.id }, police);
    clock = '2025-12-01T14:00:00+08:00';
    const accepted = await ops.act('acceptTransfer', { transferId: sent.id }, await gw.tokenFor('u-police-650100-supervisor'));
    const handOverDue = '2025-12-05T00:00:00+08:00';
    expect(deadlineOf(accepted.deadlines, 'handOver')).toMatchObject({ party: 'SENDER', obligation: 'DUTY', metAt: null });
    expect(ms(deadlineOf(accepted.deadlines, 'handOver').dueAt)).toBe(ms(handOverDue));
    // Oversight reads both parties' rows: the police row must have noted its own acceptance too,
    // or its decide step (due the same midnight) would still look open.
    await ops.waitForListed(police, 'INCOMING', sent.id, (x) => x.status === 'ACCEPTED');
    await ops.waitForListed(amrOfficer(), 'OUTGOING', sent.id, (x) => x.status === 'ACCEPTED');
    expect(await oversightItems(sent.id, shift(handOverDue, -1))).toEqual([]);
    expect(await oversightItems(sent.id, shift(handOverDue, 1))).toEqual([{ step: 'handOver', party: 'SENDER', agency: 'amr-650100', dueAt: ms(handOverDue) }]);
  });

  it('行刑 decide (3 days) whose last day falls in the National Day holiday rolls over to the next working day', async () => {
    const police = t['police-650100-officer']!;
    const sent = await sendAt({
      proposeAt: '2025-09-29T09:00:00+08:00',
      approveAt: '2025-09-29T11:00:00+08:00',
      kind: 'CRIMINAL',
      toAgencyId: 'police-650100',
      receiverToken: police,
    });
    clock = '2025-09-30T10:00:00+08:00';
    const received = await ops.act('receiveTransfer', { transferId: sent.id }, police);
    // 3 days after 09-30 is 10-03, a holiday: 《刑事诉讼法》第一百零五条 moves the end to the first
    // working day after the holiday, 10-09 → due 2025-10-10T00:00:00+08:00.
    const due = '2025-10-10T00:00:00+08:00';
    expect(ms(deadlineOf(received.deadlines, 'decide').dueAt)).toBe(ms(due));
    expect(await statusAt(sent.id, police, 'decide', shift(due, -1))).toBe('PENDING');
    expect(await statusAt(sent.id, police, 'decide', shift(due, 1))).toBe('OVERDUE');
    await ops.waitForListed(police, 'INCOMING', sent.id, (x) => x.status === 'RECEIVED');
    // The receipt is read from the sender's row until the sender's read model has noted it.
    await ops.waitForListed(amrOfficer(), 'OUTGOING', sent.id, (x) => x.status === 'RECEIVED');
    expect(await oversightItems(sent.id, shift(due, -1))).toEqual([]);
    expect(await oversightItems(sent.id, shift(due, 1))).toEqual([{ step: 'decide', party: 'RECEIVER', agency: 'police-650100', dueAt: ms(due) }]);
  });
});
