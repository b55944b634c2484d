import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SMTPServer } from 'smtp-server';
import { startEmbeddedGateway, type TestGateway } from '../support/embeddedGateway.ts';
import { freePort } from '../support/freePort.ts';
import { createTransferOperations, criminalMaterials, type TransferOperations } from '../support/transferOperations.ts';

/**
 * Reminder e-mail (issue 15, decision 0018): a real SMTP server started here (`smtp-server`), the
 * platform sending through nodemailer (SMTP_URL). The head turns e-mail on with quiet hours
 * 22:00–08:00: the non-urgent 到期提醒 due at 00:00 waits until 08:00, the urgent 到期通知 does not;
 * the Chinese subject arrives intact.
 */

interface Received {
  to: string[];
  raw: string;
}

/** The Subject header, unfolded, its RFC 2047 encoded words decoded (adjacent words joined before UTF-8 decoding). */
const subjectOf = (raw: string): string => {
  const header = raw.split(/\r?\n\r?\n/)[0]!.replace(/\r?\n[ \t]+/g, ' ');
  const line = header.split(/\r?\n/).find((l) => /^subject:/i.test(l))!;
  const value = line.replace(/^subject:\s*/i, '');
  const words = [...value.matchAll(/=\?utf-8\?([bq])\?([^?]*)\?=/gi)];
  if (words.length === 0) return value;
  const bytes = Buffer.concat(
    words.map(([, enc, text]) =>
      enc!.toUpperCase() === 'B'
        ? Buffer.from(text!, 'base64')
        : Buffer.from(text!.replace(/_/g, ' ').replace(/=([0-9a-f]{2})/gi, (_m, h: string) => String.fromCharCode(parseInt(h, 16))), 'latin1'),
    ),
  );
  return bytes.toString('utf8');
};

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

describe('reminders by e-mail through a real SMTP server (embedded, PGlite, test clock)', () => {
  let gw: TestGateway;
  let ops: TransferOperations;
  let smtp: SMTPServer;
  const inbox: Received[] = [];
  let clock = '2025-04-30T10:00:00+08:00';
  const t: Record<string, string> = {};

  beforeAll(async () => {
    const port = await freePort();
    smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          inbox.push({ to: session.envelope.rcptTo.map((r) => r.address), raw: Buffer.concat(chunks).toString('utf8') });
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => smtp.listen(port, '127.0.0.1', resolve));
    gw = await startEmbeddedGateway({ XIANJIE_SEED: 'none', SMTP_URL: `smtp://127.0.0.1:${port}` }, { now: () => clock });
    ops = createTransferOperations(gw.gql);
    for (const user of ['u-amr-650100-officer', 'u-amr-650100-supervisor']) t[user.replace(/^u-/, '')] = await gw.tokenFor(user);
  }, 60_000);
  afterAll(async () => {
    await gw?.close();
    await new Promise<void>((resolve) => (smtp ? smtp.close(() => resolve()) : resolve()));
  });

  it('sends the head’s reminders to the address they chose, holding the non-urgent one through their quiet hours', async () => {
    const head = t['amr-650100-supervisor']!;
    const reminders = () => gw.platform.services['discipline-inspection'].instance.reminders;
    const set = await gw.gql<{ setNotificationPreferences: Record<string, unknown> }>(
      `mutation($i: NotificationPreferencesInput!) { setNotificationPreferences(input: $i) { email emailEnabled quietHoursStart quietHoursEnd emailAvailable } }`,
      { i: { email: 'head@amr.example.cn', emailEnabled: true, quietHoursStart: '22:00', quietHoursEnd: '08:00' } },
      head,
    );
    expect(set.data?.setNotificationPreferences).toEqual({
      email: 'head@amr.example.cn',
      emailEnabled: true,
      quietHoursStart: '22:00',
      quietHoursEnd: '08:00',
      emailAvailable: true,
    });
    const bad = await gw.gql(`mutation { setNotificationPreferences(input: { emailEnabled: true }) { email } }`, {}, head);
    expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(JSON.stringify(bad.errors)).toContain('email');

    const c = await ops.registerCase(
      t['amr-650100-officer']!,
      { subject: { kind: 'ORGANIZATION', name: '乌鲁木齐天山康宁医院', creditCode: '12650100MB1234567P' }, source: 'INSPECTION', summary: '邮件提醒测试', violations: ['UNLICENSED_COMPOUNDING'] },
      head,
    );
    clock = '2025-04-30T15:00:00+08:00';
    const proposed = await ops.run(
      'proposeTransfer',
      { caseId: c.id, kind: 'CRIMINAL', toAgencyId: 'police-650100', reason: '涉嫌非法经营', materials: criminalMaterials },
      t['amr-650100-officer']!,
    );
    await until(async () => expect((await reminders().timers.pending(`transfer-out-${proposed.id}`)).length).toBeGreaterThan(0));

    // 到期提醒 at 24:00 of 5-5, inside the quiet hours: recorded now, e-mailed at 08:00.
    clock = '2025-05-06T00:00:30+08:00';
    expect(await reminders().runDue()).toBe(1);
    const emailTimer = await until(async () => {
      const [timer] = (await reminders().timers.pending()).filter((x) => x.key.startsWith('email|'));
      expect(timer).toBeDefined();
      return timer!;
    });
    expect(emailTimer.fireAt).toBe('2025-05-06T00:00:00.000Z'); // 08:00 Beijing
    clock = '2025-05-06T07:59:59+08:00';
    await reminders().runDue();
    expect(inbox).toHaveLength(0);
    clock = '2025-05-06T08:00:01+08:00';
    await reminders().runDue();
    await until(async () => expect(inbox).toHaveLength(1));
    expect(inbox[0]!.to).toEqual(['head@amr.example.cn']);
    expect(subjectOf(inbox[0]!.raw)).toBe('【到期提醒】行刑衔接（涉嫌犯罪案件移送公安机关）（移送至乌鲁木齐市公安局）「负责人审批（批准或不批准移送）」将于2025-05-06 24:00（北京时间）到期');

    // 到期通知 at 24:00 of 5-6 is urgent: e-mailed at once, quiet hours or not.
    clock = '2025-05-07T00:00:30+08:00';
    expect(await reminders().runDue()).toBe(1);
    await until(async () => {
      await reminders().runDue();
      expect(inbox).toHaveLength(2);
    });
    expect(subjectOf(inbox[1]!.raw)).toContain('【到期通知】');
  }, 120_000);
});
