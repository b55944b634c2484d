import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmbeddedGateway, type TestGateway } from '../support/embeddedGateway.ts';
import { createTransferOperations, criminalMaterials, type TransferOperations } from '../support/transferOperations.ts';

/**
 * Reminders as durable timers and the notification centre (issue 15, decision 0018), embedded
 * mode on PGlite with the test's clock. A proposal on Wed 2025-04-30 15:00 waits for the head's
 * approval until 24:00 of 5-6 (the May Day holiday moves it, decision 0014), so its 到期提醒 falls
 * 24 h earlier, at 24:00 of 5-5, not of 5-2; the head hears it once; approving cancels the rest.
 */
/** A reminder timer's payload (the scheduler's e-mail timers have another shape). */
type ReminderPayload = { stage: string; recipient: { agencyId: string; roles: string[] } };

/** Retries `probe` (its expectations) until it passes or 10 s went by. */
const until = async <T>(probe: () => Promise<T>, timeoutMs = 10_000): Promise<T> => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await probe();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
};

describe('reminders and the notification centre (embedded, PGlite, test clock)', () => {
  let gw: TestGateway;
  let ops: TransferOperations;
  let clock = '2025-04-30T10:00:00+08:00';
  const t: Record<string, string> = {};
  const reminders = () => gw.platform.services['discipline-inspection'].instance.reminders;
  const notificationFields = 'id stage stageLabel urgent title body transferId step stepLabel dueAt ruleId sentAt read';
  const notifications = async (token: string, unreadOnly = false) => {
    const res = await gw.gql<{ notifications: Record<string, unknown>[]; unreadNotificationCount: number }>(
      `query($u: Boolean) { notifications(first: 50, unreadOnly: $u) { ${notificationFields} } unreadNotificationCount }`,
      { u: unreadOnly },
      token,
    );
    expect(res.errors).toBeUndefined();
    return res.data!;
  };

  beforeAll(async () => {
    gw = await startEmbeddedGateway({ XIANJIE_SEED: 'none' }, { now: () => clock });
    ops = createTransferOperations(gw.gql);
    for (const user of ['u-amr-650100-officer', 'u-amr-650100-supervisor', 'u-police-650100-officer', 'u-police-650100-supervisor', 'u-cdi-650100-overseer']) {
      t[user.replace(/^u-/, '')] = await gw.tokenFor(user);
    }
  }, 60_000);
  afterAll(async () => gw?.close());

  it('schedules from the step’s due time (May Day shift), fires once to the head, is read and marked read; approval cancels the rest', async () => {
    const officer = t['amr-650100-officer']!;
    const head = t['amr-650100-supervisor']!;
    const c = await ops.registerCase(
      officer,
      {
        subject: { kind: 'ORGANIZATION', name: '乌鲁木齐天山康宁医院', creditCode: '12650100MB1234567P' },
        source: 'INSPECTION',
        summary: '提醒测试',
        violations: ['UNLICENSED_COMPOUNDING'],
      },
      head,
    );
    clock = '2025-04-30T15:00:00+08:00';
    const proposed = await ops.run(
      'proposeTransfer',
      { caseId: c.id, kind: 'CRIMINAL', toAgencyId: 'police-650100', reason: '涉嫌非法经营', materials: criminalMaterials },
      officer,
    );
    const group = `transfer-out-${proposed.id}`;
    const approveTimers = async () => (await reminders().timers.pending(group)).filter((x) => x.key.includes('|approve|'));

    // Derived from the approval's due time, 24:00 of 5-6 (2025-05-06T16:00Z): the reminder 24 h before, in Beijing 24:00 of 5-5.
    const scheduled = await until(async () => {
      const timers = await approveTimers();
      expect(timers).toHaveLength(4);
      return timers;
    });
    expect(scheduled.map((x) => [(x.payload as ReminderPayload).stage, x.fireAt, (x.payload as ReminderPayload).recipient.agencyId, (x.payload as ReminderPayload).recipient.roles])).toEqual([
      ['AHEAD', '2025-05-05T16:00:00.000Z', 'amr-650100', ['supervisor']],
      ['DUE', '2025-05-06T16:00:00.000Z', 'amr-650100', ['supervisor']],
      ['ESCALATE', '2025-05-07T16:00:00.000Z', 'amr-650100', ['supervisor']],
      ['WARN', '2025-05-09T16:00:00.000Z', 'cdi-650100', ['overseer', 'supervisor']],
    ]);

    // Not before its time.
    clock = '2025-05-05T23:59:59+08:00';
    expect(await reminders().runDue()).toBe(0);
    clock = '2025-05-06T00:00:30+08:00';
    expect(await reminders().runDue()).toBe(1);
    expect(await reminders().runDue()).toBe(0); // once

    // The head sees it in the notification centre; the officer (approval is the head's) and the police do not.
    const seen = await until(async () => {
      const mine = await notifications(head);
      expect(mine.notifications).toHaveLength(1);
      return mine;
    });
    expect(seen.unreadNotificationCount).toBe(1);
    expect(seen.notifications[0]).toMatchObject({ stage: 'AHEAD', stageLabel: '到期提醒', urgent: false, transferId: proposed.id, step: 'approve', ruleId: 'ahead-days', read: false });
    expect(seen.notifications[0]!.title).toContain('2025-05-06 24:00');
    expect(Date.parse(String(seen.notifications[0]!.dueAt))).toBe(Date.parse('2025-05-06T16:00:00Z'));
    for (const other of [officer, t['police-650100-officer']!, t['police-650100-supervisor']!, t['cdi-650100-overseer']!]) {
      expect(await notifications(other)).toEqual({ notifications: [], unreadNotificationCount: 0 });
    }
    const id = String(seen.notifications[0]!.id);

    // Someone else cannot mark it read (their own count answers, nothing changes); its owner can.
    const foreign = await gw.gql<{ markNotificationsRead: { unreadCount: number } }>(`mutation($ids: [ID!]!) { markNotificationsRead(ids: $ids) { unreadCount } }`, { ids: [id] }, t['police-650100-supervisor']!);
    expect(foreign.data?.markNotificationsRead.unreadCount).toBe(0);
    expect((await notifications(head)).unreadNotificationCount).toBe(1);
    const marked = await gw.gql<{ markNotificationsRead: { unreadCount: number } }>(`mutation($ids: [ID!]!) { markNotificationsRead(ids: $ids) { unreadCount } }`, { ids: [id] }, head);
    expect(marked.data?.markNotificationsRead.unreadCount).toBe(0);
    expect(await notifications(head, true)).toEqual({ notifications: [], unreadNotificationCount: 0 });
    expect((await notifications(head)).notifications[0]).toMatchObject({ id, read: true });
    const empty = await gw.gql(`mutation { markNotificationsRead(ids: []) { unreadCount } }`, {}, head);
    expect(empty.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');

    // On the record: who was told what, when, on the recipient's hash-chained stream of the month.
    const [event] = await gw.platform.store.readStream('notifications-amr-650100-202505');
    expect(event).toMatchObject({
      type: 'ReminderSent',
      data: { stage: 'AHEAD', recipient: { kind: 'OWNER', agencyId: 'amr-650100', roles: ['supervisor'] }, fireAt: '2025-05-05T16:00:00.000Z' },
    });
    expect(Date.parse(String(event!.data.sentAt))).toBe(Date.parse('2025-05-06T00:00:30+08:00'));

    // The head approves on 5-6: the approval's remaining reminders are cancelled; the send step's (24 h) are scheduled.
    clock = '2025-05-06T09:00:00+08:00';
    await ops.run('approveTransfer', { transferId: proposed.id }, head);
    await until(async () => {
      expect(await approveTimers()).toEqual([]);
      // Sent on approval: the police's 24-hour receipt, from the next full hour (10:00) → 10:00 of 5-7, reminded at 06:00.
      const receipt = (await reminders().timers.pending(group)).filter((x) => x.key.includes('|signReceipt|'));
      expect(receipt.map((x) => [(x.payload as ReminderPayload).stage, x.fireAt, (x.payload as ReminderPayload).recipient.agencyId])).toEqual([
        ['AHEAD', '2025-05-06T22:00:00.000Z', 'police-650100'],
        ['DUE', '2025-05-07T02:00:00.000Z', 'police-650100'],
        ['ESCALATE', '2025-05-07T06:00:00.000Z', 'police-650100'],
        ['WARN', '2025-05-08T02:00:00.000Z', 'cdi-650100'],
      ]);
    });
    // The police sign for it at 5-6 16:00: the receipt's reminders go.
    clock = '2025-05-06T16:00:00+08:00';
    await ops.act('receiveTransfer', { transferId: proposed.id }, t['police-650100-officer']!);
    await until(async () => expect((await reminders().timers.pending(group)).filter((x) => x.key.includes('|signReceipt|'))).toEqual([]));
    clock = '2025-05-20T09:00:00+08:00';
    await reminders().runDue();
    const events = await gw.platform.store.readStream('notifications-amr-650100-202505');
    expect(events.filter((e) => (e.data as { step: { step: string } }).step.step === 'approve')).toHaveLength(1);
    // The police's receipt was signed in time: none of its reminders was sent; its 3-day decision (now overdue) was.
    const police = (await gw.platform.store.readStream('notifications-police-650100-202505')).map((e) => (e.data as { step: { step: string } }).step.step);
    expect(police).not.toContain('signReceipt');
    expect(police).toContain('decide');
  }, 120_000);
});

describe('a restart between scheduling and firing loses nothing (embedded, PGlite data directory)', () => {
  it('a timer scheduled before the process stopped fires after it starts again, once', async () => {
    const { mkdtempSync, rmSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const path = await import('node:path');
    const dataDir = mkdtempSync(path.join(tmpdir(), 'xianjie-reminders-restart-'));
    let clock = '2025-03-10T15:00:00+08:00';
    try {
      const first = await startEmbeddedGateway({ XIANJIE_SEED: 'none', XIANJIE_DATA_DIR: dataDir }, { now: () => clock });
      const ops = createTransferOperations(first.gql);
      const officer = await first.tokenFor('u-amr-650100-officer');
      const head = await first.tokenFor('u-amr-650100-supervisor');
      const c = await ops.registerCase(
        officer,
        { subject: { kind: 'ORGANIZATION', name: '乌鲁木齐天山康宁医院', creditCode: '12650100MB1234567P' }, source: 'INSPECTION', summary: '重启测试', violations: ['UNLICENSED_COMPOUNDING'] },
        head,
      );
      const proposed = await ops.run(
        'proposeTransfer',
        { caseId: c.id, kind: 'CRIMINAL', toAgencyId: 'police-650100', reason: '重启测试', materials: criminalMaterials },
        officer,
      );
      const group = `transfer-out-${proposed.id}`;
      const remindersOf = (gw: TestGateway) => gw.platform.services['discipline-inspection'].instance.reminders;
      await until(async () => expect(await remindersOf(first).timers.pending(group)).toHaveLength(4));
      await first.close();

      // Started again on the same data: the timers are still there, and fire at their time.
      clock = '2025-03-13T00:00:30+08:00';
      const second = await startEmbeddedGateway({ XIANJIE_SEED: 'none', XIANJIE_DATA_DIR: dataDir }, { now: () => clock });
      try {
        expect((await remindersOf(second).timers.pending(group)).map((x) => (x.payload as ReminderPayload).stage)).toEqual(['AHEAD', 'DUE', 'ESCALATE', 'WARN']);
        expect(await remindersOf(second).runDue()).toBe(1);
        expect(await remindersOf(second).runDue()).toBe(0);
        const events = await second.platform.store.readStream('notifications-amr-650100-202503');
        expect(events.map((e) => (e.data as { stage: string; step: { transferId: string } }).stage)).toEqual(['AHEAD']);
      } finally {
        await second.close();
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 180_000);
});
