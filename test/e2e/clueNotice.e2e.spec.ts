import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmbeddedGateway, type GraphQLResult, type TestGateway } from '../support/embeddedGateway.ts';
import { eventually } from '../support/eventually.ts';

/**
 * 线索通报 (DESIGN §3.5): market regulation tells the police of a clue that may be criminal on Wed
 * 2025-04-30 15:00, before any transfer and without a case reference; the reply is due at 24:00 of
 * the 3rd working day after it (05-08: the May Day holiday skipped; a local rule, labelled so, citing
 * 中办发〔2011〕8号); it is in the police's 待办 (`myWork`, CLUE_NOTICE) until replied — 签收 alone
 * does not end it — overdue one second after the due time; the sender reads the reply. Only POLICE
 * may be notified; outsiders get null / NOT_FOUND. Embedded mode, PGlite, the test's business clock.
 */
describe('线索通报: telling the police of a clue before a transfer (embedded)', () => {
  let gw: TestGateway;
  let clock = '2025-04-30T15:00:00+08:00';
  const t: Record<string, string> = {};

  beforeAll(async () => {
    gw = await startEmbeddedGateway({ XIANJIE_SEED: 'none' }, { now: () => clock });
    for (const user of [
      'u-amr-650100-officer',
      'u-police-650100-officer',
      'u-health-650100-officer',
      'u-police-650000-officer',
      'u-cdi-650100-overseer',
    ]) {
      t[user.replace(/^u-/, '')] = await gw.tokenFor(user);
    }
  }, 60_000);
  afterAll(async () => gw?.close());

  const fields = `id status statusLabel from { id } to { id } caseReference facts suspectedOffence sentAt dueAt dueRule overdue acknowledgedAt disposition dispositionLabel reply repliedAt late version`;
  type Notice = {
    id: string;
    status: string;
    dueAt: string;
    dueRule: string;
    overdue: boolean;
    disposition: string | null;
    reply: string | null;
    late: boolean;
  } & Record<string, unknown>;
  const codeOf = (res: GraphQLResult<unknown>) => res.errors?.[0]?.extensions?.code;
  const data = <T>(res: GraphQLResult<T>): T => {
    if (res.errors?.length || !res.data) throw new Error(JSON.stringify(res.errors));
    return res.data;
  };
  const send = (input: Record<string, unknown>, token: string) =>
    gw.gql<{ sendClueNotice: Notice }>(
      `mutation($input: SendClueNoticeInput!) { sendClueNotice(input: $input) { ${fields} } }`,
      { input },
      token,
    );
  const acknowledge = (input: Record<string, unknown>, token: string) =>
    gw.gql<{ acknowledgeClueNotice: Notice }>(
      `mutation($input: AcknowledgeClueNoticeInput!) { acknowledgeClueNotice(input: $input) { ${fields} } }`,
      { input },
      token,
    );
  const reply = (input: Record<string, unknown>, token: string) =>
    gw.gql<{ replyClueNotice: Notice }>(
      `mutation($input: ReplyClueNoticeInput!) { replyClueNotice(input: $input) { ${fields} } }`,
      { input },
      token,
    );
  const read = (id: string, token: string) =>
    gw.gql<{ clueNotice: Notice | null }>(
      `query($id: ID!) { clueNotice(id: $id) { ${fields} } }`,
      { id },
      token,
    );
  const work = async (token: string, asOf?: string) =>
    data(
      await gw.gql<{
        myWork: {
          key: string;
          kind: string;
          stepLabel: string;
          status: string;
          legalBasis: string;
          title: string;
          clueNotice: { id: string } | null;
        }[];
      }>(
        'query($asOf: DateTime) { myWork(asOf: $asOf) { key kind stepLabel status legalBasis title clueNotice { id } } }',
        { asOf },
        token,
      ),
    ).myWork.filter((w) => w.kind === 'CLUE_NOTICE');

  const clue = {
    commandId: 'cn-1',
    toAgencyId: 'police-650100',
    facts: '日常巡查发现某药店无证销售自制中药制剂，检出西药成分，疑似有毒有害',
    suspectedOffence: '涉嫌生产、销售有毒、有害食品罪',
  };
  let id = '';

  it('notifies the police without a case reference; due 24:00 of the 3rd working day, May Day skipped; a local rule, labelled', async () => {
    const sent = data(await send(clue, t['amr-650100-officer']!)).sendClueNotice;
    id = sent.id;
    expect(sent).toMatchObject({
      status: 'SENT',
      statusLabel: '待签收',
      caseReference: null,
      from: { id: 'amr-650100' },
      to: { id: 'police-650100' },
      overdue: false,
      version: 1,
    });
    expect(Date.parse(sent.dueAt)).toBe(Date.parse('2025-05-09T00:00:00+08:00'));
    expect(sent.dueRule).toContain('地方规则（无法定依据）');
    expect(sent.dueRule).toContain('中办发〔2011〕8号');
    expect(data(await send(clue, t['amr-650100-officer']!)).sendClueNotice.id).toBe(id);

    const health = await send(
      { ...clue, commandId: 'cn-2', toAgencyId: 'health-650100' },
      t['amr-650100-officer']!,
    );
    expect(codeOf(health)).toBe('BAD_USER_INPUT');
    expect(JSON.stringify(health.errors)).toContain('线索只能通报给');
    const blank = await send({ ...clue, commandId: 'cn-3', suspectedOffence: ' ' }, t['amr-650100-officer']!);
    expect(codeOf(blank)).toBe('BAD_USER_INPUT');
    expect(JSON.stringify(blank.errors)).toContain('请填写涉嫌罪名');
    expect(codeOf(await send({ ...clue, commandId: 'cn-4' }, t['cdi-650100-overseer']!))).toBe('FORBIDDEN');
  });

  it('is in the police’s 待办 until replied, also after 签收; overdue one second after the due time; outsiders read nothing', async () => {
    const items = await eventually(
      () => work(t['police-650100-officer']!),
      (list) => list.length === 1,
      10_000,
    );
    expect(items[0]).toMatchObject({
      key: `${id}:reply`,
      stepLabel: '反馈线索通报',
      status: 'PENDING',
      clueNotice: { id },
    });
    expect(items[0]!.legalBasis).toContain('地方规则');
    clock = '2025-05-06T09:00:00+08:00';
    const acknowledged = data(
      await acknowledge({ noticeId: id, expectedVersion: 1 }, t['police-650100-officer']!),
    ).acknowledgeClueNotice;
    expect(acknowledged).toMatchObject({ status: 'ACKNOWLEDGED', statusLabel: '已签收待反馈', version: 2 });
    expect(Date.parse(String(acknowledged.acknowledgedAt))).toBe(Date.parse('2025-05-06T09:00:00+08:00'));
    await eventually(
      () => work(t['police-650100-officer']!),
      (list) => list.length === 1 && list[0]!.status === 'PENDING',
      10_000,
    );
    expect((await work(t['police-650100-officer']!, '2025-05-09T00:00:00+08:00'))[0]!.status).toBe('PENDING');
    expect((await work(t['police-650100-officer']!, '2025-05-09T00:00:01+08:00'))[0]!.status).toBe('OVERDUE');
    expect(await work(t['amr-650100-officer']!)).toEqual([]);
    expect(await work(t['police-650000-officer']!)).toEqual([]);

    expect(data(await read(id, t['cdi-650100-overseer']!)).clueNotice?.id).toBe(id);
    for (const outsider of ['health-650100-officer', 'police-650000-officer']) {
      const res = await read(id, t[outsider]!);
      expect(res.errors).toBeUndefined();
      expect(res.data?.clueNotice, outsider).toBeNull();
      const list = data(
        await gw.gql<{ clueNotices: { id: string }[] }>('{ clueNotices { id } }', {}, t[outsider]!),
      ).clueNotices;
      expect(list.map((n) => n.id)).not.toContain(id);
      expect(
        codeOf(await reply({ noticeId: id, disposition: 'INVESTIGATE', reply: '越权反馈' }, t[outsider]!)),
        outsider,
      ).toBe('NOT_FOUND');
    }
    expect(
      codeOf(
        await reply({ noticeId: id, disposition: 'INVESTIGATE', reply: '自答' }, t['amr-650100-officer']!),
      ),
    ).toBe('FORBIDDEN');
  });

  it('the police reply (late, one second after the due time); the sender reads it; 待办 empties; the trail is the two agencies’', async () => {
    clock = '2025-05-09T00:00:01+08:00';
    const replied = data(
      await reply(
        {
          noticeId: id,
          expectedVersion: 2,
          disposition: 'INVESTIGATE',
          reply: '经初查，涉案产品检出西地那非，已立案侦查',
        },
        t['police-650100-officer']!,
      ),
    ).replyClueNotice;
    expect(replied).toMatchObject({
      status: 'REPLIED',
      disposition: 'INVESTIGATE',
      late: true,
      overdue: false,
      version: 3,
    });
    const seen = data(await read(id, t['amr-650100-officer']!)).clueNotice!;
    expect(seen).toMatchObject({
      status: 'REPLIED',
      statusLabel: '已反馈',
      dispositionLabel: '立案侦查',
      late: true,
    });
    expect(seen.reply).toContain('已立案侦查');
    await eventually(
      () => work(t['police-650100-officer']!),
      (list) => list.length === 0,
      10_000,
    );
    expect(
      codeOf(
        await reply({ noticeId: id, disposition: 'MONITOR', reply: '再答' }, t['police-650100-officer']!),
      ),
    ).toBe('INVALID_TRANSITION');
    const trail = `query($s: String!) { auditTrail(streamId: $s) { events { type } verification { valid } } }`;
    type Trail = { auditTrail: { events: { type: string }[]; verification: { valid: boolean } } | null };
    const own = data(
      await gw.gql<Trail>(trail, { s: `clue-notice-${id}` }, t['amr-650100-officer']!),
    ).auditTrail!;
    expect(own.events.map((e) => e.type)).toEqual([
      'ClueNoticeSent',
      'ClueNoticeAcknowledged',
      'ClueNoticeReplied',
    ]);
    expect(own.verification.valid).toBe(true);
    expect(
      (await gw.gql<Trail>(trail, { s: `clue-notice-${id}` }, t['health-650100-officer']!)).data
        ?.auditTrail ?? null,
    ).toBeNull();
  });
});
