import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmbeddedGateway, type GraphQLResult, type TestGateway } from '../support/embeddedGateway.ts';
import { eventually } from '../support/eventually.ts';

/**
 * 案件咨询 (DESIGN §3.5): market regulation asks the police whether a case meets the criminal
 * threshold on Wed 2025-04-30 15:00; the answer is due at 24:00 of the 3rd working day after it
 * (05-08: the May Day holiday skipped; a local rule, labelled so); it is in the police's 待办
 * (`myWork`, CASE_CONSULTATION) until answered, overdue one second after the due time; the answer is
 * visible to the asker. Only POLICE may be consulted (the procuratorate joins later); outsiders get
 * null. Embedded mode, PGlite, the test's business clock.
 */
describe('案件咨询: consulting the police on the criminal threshold (embedded)', () => {
  let gw: TestGateway;
  let clock = '2025-04-30T15:00:00+08:00';
  const t: Record<string, string> = {};

  beforeAll(async () => {
    gw = await startEmbeddedGateway({ XIANJIE_SEED: 'none' }, { now: () => clock });
    for (const user of ['u-amr-650100-officer', 'u-police-650100-officer', 'u-health-650100-officer', 'u-police-650000-officer', 'u-cdi-650100-overseer']) {
      t[user.replace(/^u-/, '')] = await gw.tokenFor(user);
    }
  }, 60_000);
  afterAll(async () => gw?.close());

  const fields = `id status statusLabel from { id } to { id } caseReference question facts askedAt dueAt dueRule overdue opinion opinionLabel answer answeredAt late version`;
  type Consultation = { id: string; status: string; dueAt: string; dueRule: string; overdue: boolean; opinion: string | null; answer: string | null; late: boolean } & Record<
    string,
    unknown
  >;
  const codeOf = (res: GraphQLResult<unknown>) => res.errors?.[0]?.extensions?.code;
  const data = <T>(res: GraphQLResult<T>): T => {
    if (res.errors?.length || !res.data) throw new Error(JSON.stringify(res.errors));
    return res.data;
  };
  const ask = (input: Record<string, unknown>, token: string) =>
    gw.gql<{ askCaseConsultation: Consultation }>(`mutation($input: AskCaseConsultationInput!) { askCaseConsultation(input: $input) { ${fields} } }`, { input }, token);
  const answer = (input: Record<string, unknown>, token: string) =>
    gw.gql<{ answerCaseConsultation: Consultation }>(`mutation($input: AnswerCaseConsultationInput!) { answerCaseConsultation(input: $input) { ${fields} } }`, { input }, token);
  const read = (id: string, token: string) =>
    gw.gql<{ caseConsultation: Consultation | null }>(`query($id: ID!) { caseConsultation(id: $id) { ${fields} } }`, { id }, token);
  const work = async (token: string, asOf?: string) =>
    data(
      await gw.gql<{ myWork: { key: string; kind: string; stepLabel: string; status: string; legalBasis: string; title: string; consultation: { id: string } | null }[] }>(
        'query($asOf: DateTime) { myWork(asOf: $asOf) { key kind stepLabel status legalBasis title consultation { id } } }',
        { asOf },
        token,
      ),
    ).myWork.filter((w) => w.kind === 'CASE_CONSULTATION');

  const question = {
    commandId: 'kc-1',
    toAgencyId: 'police-650100',
    caseReference: '乌市监立〔2025〕012号',
    question: '涉案货值金额12万元、已销售3万元，是否达到生产、销售伪劣产品罪立案追诉标准？',
    facts: '当事人无证配制并销售中药制剂',
  };
  let id = '';

  it('asks the police; due 24:00 of the 3rd working day after the day of asking, holidays skipped; a local rule, labelled', async () => {
    const asked = data(await ask(question, t['amr-650100-officer']!)).askCaseConsultation;
    id = asked.id;
    expect(asked).toMatchObject({ status: 'ASKED', statusLabel: '待答复', from: { id: 'amr-650100' }, to: { id: 'police-650100' }, overdue: false, version: 1 });
    expect(Date.parse(asked.dueAt)).toBe(Date.parse('2025-05-09T00:00:00+08:00'));
    expect(asked.dueRule).toContain('地方规则（无法定依据）');
    expect(data(await ask(question, t['amr-650100-officer']!)).askCaseConsultation.id).toBe(id);

    const health = await ask({ ...question, commandId: 'kc-2', toAgencyId: 'health-650100' }, t['amr-650100-officer']!);
    expect(codeOf(health)).toBe('BAD_USER_INPUT');
    expect(JSON.stringify(health.errors)).toContain('input.toAgencyId');
    expect(codeOf(await ask({ ...question, commandId: 'kc-3' }, t['cdi-650100-overseer']!))).toBe('FORBIDDEN');
  });

  it('is in the police’s 待办 until answered, overdue one second after the due time; outsiders read nothing', async () => {
    const items = await eventually(() => work(t['police-650100-officer']!), (list) => list.length === 1, 10_000);
    expect(items[0]).toMatchObject({ key: `${id}:answer`, stepLabel: '答复案件咨询', status: 'PENDING', consultation: { id } });
    expect(items[0]!.legalBasis).toContain('地方规则');
    expect((await work(t['police-650100-officer']!, '2025-05-09T00:00:00+08:00'))[0]!.status).toBe('PENDING');
    expect((await work(t['police-650100-officer']!, '2025-05-09T00:00:01+08:00'))[0]!.status).toBe('OVERDUE');
    expect(await work(t['amr-650100-officer']!)).toEqual([]);
    expect(await work(t['police-650000-officer']!)).toEqual([]);

    expect(data(await read(id, t['cdi-650100-overseer']!)).caseConsultation?.id).toBe(id);
    for (const outsider of ['health-650100-officer', 'police-650000-officer']) {
      const res = await read(id, t[outsider]!);
      expect(res.errors).toBeUndefined();
      expect(res.data?.caseConsultation, outsider).toBeNull();
      const list = data(await gw.gql<{ caseConsultations: { id: string }[] }>('{ caseConsultations { id } }', {}, t[outsider]!)).caseConsultations;
      expect(list.map((c) => c.id)).not.toContain(id);
      expect(codeOf(await answer({ consultationId: id, opinion: 'MEETS_THRESHOLD', answer: '越权答复' }, t[outsider]!)), outsider).toBe('NOT_FOUND');
    }
    expect(codeOf(await answer({ consultationId: id, opinion: 'MEETS_THRESHOLD', answer: '自答' }, t['amr-650100-officer']!))).toBe('FORBIDDEN');
  });

  it('the police answer (late, one second after the due time); the asker sees the answer; 待办 empties', async () => {
    clock = '2025-05-09T00:00:01+08:00';
    const answered = data(
      await answer({ consultationId: id, expectedVersion: 1, opinion: 'MEETS_THRESHOLD', answer: '货值金额已达15万元标准（含已销售部分三倍计算），建议移送' }, t['police-650100-officer']!),
    ).answerCaseConsultation;
    expect(answered).toMatchObject({ status: 'ANSWERED', opinion: 'MEETS_THRESHOLD', late: true, overdue: false, version: 2 });
    const seen = data(await read(id, t['amr-650100-officer']!)).caseConsultation!;
    expect(seen).toMatchObject({ status: 'ANSWERED', opinionLabel: '达到刑事立案追诉标准，建议移送', late: true });
    expect(seen.answer).toContain('建议移送');
    await eventually(() => work(t['police-650100-officer']!), (list) => list.length === 0, 10_000);
    expect(codeOf(await answer({ consultationId: id, opinion: 'BELOW_THRESHOLD', answer: '再答' }, t['police-650100-officer']!))).toBe('INVALID_TRANSITION');
    const trail = `query($s: String!) { auditTrail(streamId: $s) { events { type } verification { valid } } }`;
    type Trail = { auditTrail: { events: { type: string }[]; verification: { valid: boolean } } | null };
    const own = data(await gw.gql<Trail>(trail, { s: `consultation-${id}` }, t['police-650100-officer']!)).auditTrail!;
    expect(own.events.map((e) => e.type)).toEqual(['CaseConsultationAsked', 'CaseConsultationAnswered']);
    expect(own.verification.valid).toBe(true);
    expect((await gw.gql<Trail>(trail, { s: `consultation-${id}` }, t['health-650100-officer']!)).data?.auditTrail ?? null).toBeNull();
  });
});
