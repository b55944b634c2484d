import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmbeddedGateway, type GraphQLResult, type TestGateway } from '../support/embeddedGateway.ts';
import { eventually } from '../support/eventually.ts';
import { caseStepMutation, registerCaseMutation } from '../support/caseOperations.ts';

/**
 * 挂牌督办 (DESIGN §3.4, §4): the commission lists a case of an agency in its region for supervision
 * (`superviseCase`), reads the list (`oversight { supervisedCases(asOf) }`, overdue exact to the
 * second), lifts it (`liftCaseSupervision`); the handling agency sees it on `Case.supervision`.
 * Embedded mode, PGlite, the test's business clock.
 */
describe('挂牌督办: listed supervision of cases by the commission (embedded)', () => {
  let gw: TestGateway;
  let clock = '2025-09-01T09:00:00+08:00';
  const t: Record<string, string> = {};

  beforeAll(async () => {
    gw = await startEmbeddedGateway({ XIANJIE_SEED: 'none' }, { now: () => clock });
    for (const user of [
      'u-amr-650100-officer',
      'u-amr-650100-supervisor',
      'u-amr-650000-officer',
      'u-cdi-650100-supervisor',
      'u-cdi-650100-overseer',
      'u-cdi-650000-supervisor',
      'u-cdi-650000-overseer',
    ]) {
      t[user.replace(/^u-/, '')] = await gw.tokenFor(user);
    }
  }, 60_000);
  afterAll(async () => gw?.close());

  const supervisedFields = `caseId number agency { id } status commission { id } reason requirements dueDate dueAt supervisedAt
    overdue closedAt liftedAt liftReason streamId version`;
  const superviseMutation = `mutation($input: SuperviseCaseInput!) { superviseCase(input: $input) { ${supervisedFields} } }`;
  const liftMutation = `mutation($input: LiftCaseSupervisionInput!) { liftCaseSupervision(input: $input) { ${supervisedFields} } }`;
  const listQuery = `query($asOf: DateTime) { oversight { supervisedCases(asOf: $asOf) { ${supervisedFields} } } }`;

  type Supervised = {
    caseId: string;
    number: string;
    agency: { id: string };
    status: string;
    commission: { id: string };
    dueAt: string;
    supervisedAt: string;
    overdue: boolean;
    closedAt: string | null;
    liftedAt: string | null;
    streamId: string;
    version: number;
  } & Record<string, unknown>;

  const codeOf = (res: GraphQLResult<unknown>) => res.errors?.[0]?.extensions?.code;
  const data = <T>(res: GraphQLResult<T>): T => {
    if (res.errors?.length || !res.data) throw new Error(JSON.stringify(res.errors));
    return res.data;
  };

  const registerCase = async (token: string, summary: string) =>
    data(
      await gw.gql<{ registerCase: { id: string; number: string } }>(
        registerCaseMutation,
        {
          input: {
            subject: { kind: 'ORGANIZATION', name: '乌鲁木齐仁和堂大药房有限公司', creditCode: '91650104MA7Y8K2Q30' },
            source: 'COMPLAINT',
            summary,
            violations: ['COUNTERFEIT_DRUG'],
          },
        },
        token,
      ),
    ).registerCase;
  const caseStep = async (name: string, input: Record<string, unknown>, token: string) =>
    data(await gw.gql<Record<string, { status: string }>>(caseStepMutation(name), { input }, token))[name]!;
  /** The commission's case facts (its read model of the agencies' public case events) have the case, with `status`. */
  const commissionKnows = (caseId: string, status?: string) =>
    eventually(
      () => gw.platform.services['discipline-inspection'].instance.supervision.caseFacts(caseId),
      (facts) => facts !== null && (status === undefined || facts.status === status),
    );

  const supervise = (input: Record<string, unknown>, token = t['cdi-650100-supervisor']!) =>
    gw.gql<{ superviseCase: Supervised }>(superviseMutation, { input }, token);
  const list = (token: string, asOf?: string) => gw.gql<{ oversight: { supervisedCases: Supervised[] } }>(listQuery, { asOf }, token);
  const listed = async (token: string, asOf?: string) => data(await list(token, asOf)).oversight.supervisedCases;
  const auditTrail = async (streamId: string, token: string) =>
    data(
      await gw.gql<{ auditTrail: { events: { type: string; actor: { userId: string } }[]; verification: { valid: boolean; checked: number } } }>(
        'query($s: String!) { auditTrail(streamId: $s) { events { type actor { userId } } verification { valid checked } } }',
        { s: streamId },
        token,
      ),
    ).auditTrail;

  let cityCase: { id: string; number: string };
  let provinceCase: { id: string; number: string };
  let supervised: Supervised;
  const dueAt = '2025-09-30T16:00:00.000Z'; // 24:00 of 2025-09-30, Beijing time
  const shift = (iso: string, seconds: number) => new Date(Date.parse(iso) + seconds * 1000).toISOString();

  it('a commission supervisor lists a filed case of its city: 24:00 Beijing time of the due date, actor on the trail', async () => {
    cityCase = await registerCase(t['amr-650100-officer']!, '群众多次举报该药店销售假药，转办后仍未查处到位');
    await caseStep('fileCase', { caseId: cityCase.id, reason: '符合立案条件' }, t['amr-650100-supervisor']!);
    await commissionKnows(cityCase.id, 'FILED');
    clock = '2025-09-02T10:00:00+08:00';
    const res = await supervise({
      caseId: cityCase.id,
      dueDate: '2025-09-30',
      reason: '群众反复举报，社会关注度高',
      requirements: '依法从严从快查处',
      commandId: 'e2e-supervise-city-case',
    });
    supervised = data(res).superviseCase;
    expect(supervised).toEqual({
      caseId: cityCase.id,
      number: cityCase.number,
      agency: { id: 'amr-650100' },
      status: 'FILED',
      commission: { id: 'cdi-650100' },
      reason: '群众反复举报，社会关注度高',
      requirements: '依法从严从快查处',
      dueDate: '2025-09-30',
      dueAt,
      supervisedAt: '2025-09-02T02:00:00.000Z',
      overdue: false,
      closedAt: null,
      liftedAt: null,
      liftReason: null,
      streamId: `supervision-${cityCase.id}`,
      version: 1,
    });
    const trail = await auditTrail(supervised.streamId, t['cdi-650100-supervisor']!);
    expect(trail.events).toEqual([{ type: 'CaseSupervised', actor: { userId: 'u-cdi-650100-supervisor' } }]);
    expect(trail.verification).toEqual({ valid: true, checked: 1 });
  });

  it('a retry with the same commandId answers as the first time and appends nothing', async () => {
    clock = '2025-09-02T10:05:00+08:00';
    const again = await supervise({
      caseId: cityCase.id,
      dueDate: '2025-09-30',
      reason: '群众反复举报，社会关注度高',
      requirements: '依法从严从快查处',
      commandId: 'e2e-supervise-city-case',
    });
    expect(data(again).superviseCase).toEqual(supervised);
    expect((await auditTrail(supervised.streamId, t['cdi-650100-supervisor']!)).events).toHaveLength(1);
  });

  it('a case already under supervision: INVALID_TRANSITION saying by whom and until when, nothing appended', async () => {
    const res = await supervise({ caseId: cityCase.id, dueDate: '2025-10-31', reason: '自治区纪委监委督办' }, t['cdi-650000-supervisor']!);
    expect(codeOf(res)).toBe('INVALID_TRANSITION');
    expect(res.errors![0]!.extensions).toMatchObject({ command: 'superviseCase', state: 'SUPERVISED' });
    expect(res.errors![0]!.message).toMatch(/already under supervision \(挂牌督办\) by cdi-650100 .*due 2025-09-30/);
    const trail = await auditTrail(supervised.streamId, t['cdi-650100-supervisor']!);
    expect(trail.events.map((e) => e.type)).toEqual(['CaseSupervised']);
    expect(trail.verification).toEqual({ valid: true, checked: 1 });
  });

  it('a case outside the commission’s region is NOT_FOUND, exactly like a case that does not exist', async () => {
    provinceCase = await registerCase(t['amr-650000-officer']!, '自治区局查办的药店销售假药案');
    await commissionKnows(provinceCase.id);
    const outside = await supervise({ caseId: provinceCase.id, dueDate: '2025-09-30', reason: '督办' });
    const missing = await supervise({ caseId: 'no-such-case', dueDate: '2025-09-30', reason: '督办' });
    expect(codeOf(outside)).toBe('NOT_FOUND');
    expect(codeOf(missing)).toBe('NOT_FOUND');
    expect(outside.errors![0]!.message).toBe(`Case ${provinceCase.id} not found`);
    expect(outside.errors![0]!.extensions).toEqual({ code: 'NOT_FOUND', entity: 'Case', id: provinceCase.id });
    expect(missing.errors![0]!.extensions).toEqual({ code: 'NOT_FOUND', entity: 'Case', id: 'no-such-case' });
    // the province's commission covers it
    const provincial = await supervise({ caseId: provinceCase.id, dueDate: '2025-09-15', reason: '自治区纪委监委挂牌督办' }, t['cdi-650000-supervisor']!);
    expect(data(provincial).superviseCase).toMatchObject({ commission: { id: 'cdi-650000' }, agency: { id: 'amr-650000' } });
  });

  it('officers, agency heads and the commission’s overseers may not list a case: FORBIDDEN', async () => {
    for (const who of ['amr-650100-officer', 'amr-650100-supervisor', 'cdi-650100-overseer']) {
      const res = await supervise({ caseId: cityCase.id, dueDate: '2025-09-30', reason: '督办' }, t[who]!);
      expect(codeOf(res), who).toBe('FORBIDDEN');
    }
    expect((await gw.gql(superviseMutation, { input: { caseId: cityCase.id, dueDate: '2025-09-30', reason: '督办' } })).errors?.[0]?.extensions?.code).toBe(
      'UNAUTHENTICATED',
    );
  });

  it('bad input names the field under input', async () => {
    const past = await supervise({ caseId: cityCase.id, dueDate: '2025-09-01', reason: '督办' });
    expect(past.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.dueDate' });
    const notADate = await supervise({ caseId: cityCase.id, dueDate: '9月30日', reason: '督办' });
    expect(notADate.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.dueDate' });
    const noReason = await supervise({ caseId: cityCase.id, dueDate: '2025-09-30', reason: ' ' });
    expect(noReason.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.reason' });
  });

  it('lists the supervised cases of the region, earliest due first, overdue flipping one second after 24:00 of the due date', async () => {
    const cityOverseer = t['cdi-650100-overseer']!;
    await eventually(() => listed(cityOverseer), (items) => items.some((i) => i.caseId === cityCase.id));
    // the city sees its own region only; the province sees both, its own case first (due earlier)
    expect((await listed(cityOverseer)).map((i) => i.caseId)).toEqual([cityCase.id]);
    expect((await listed(t['cdi-650100-supervisor']!)).map((i) => i.caseId)).toEqual([cityCase.id]);
    await eventually(() => listed(t['cdi-650000-overseer']!), (items) => items.length === 2);
    expect((await listed(t['cdi-650000-overseer']!)).map((i) => [i.caseId, i.commission.id])).toEqual([
      [provinceCase.id, 'cdi-650000'],
      [cityCase.id, 'cdi-650100'],
    ]);
    const overdueAt = async (asOf: string) => (await listed(cityOverseer, asOf)).find((i) => i.caseId === cityCase.id)!.overdue;
    expect(await overdueAt(shift(dueAt, -1))).toBe(false);
    expect(await overdueAt(dueAt)).toBe(false);
    expect(await overdueAt(shift(dueAt, 1))).toBe(true);
    const [item] = await listed(cityOverseer, shift(dueAt, 1));
    expect(item).toEqual({ ...supervised, overdue: true });
  });

  it('the list is the commission’s: agencies get FORBIDDEN; the other oversight views stay the overseers’', async () => {
    expect(codeOf(await list(t['amr-650100-officer']!))).toBe('FORBIDDEN');
    expect(codeOf(await list(t['amr-650100-supervisor']!))).toBe('FORBIDDEN');
    const penalty = await gw.gql('{ oversight { penaltyInsteadOfTransfer { caseId } } }', {}, t['cdi-650100-supervisor']!);
    expect(codeOf(penalty)).toBe('FORBIDDEN');
  });

  it('the handling agency sees the supervision of its case and its due date; it may read the supervision’s trail', async () => {
    const query = `query($id: ID!) { case(id: $id) { id supervision { dueDate dueAt overdue commission { id } reason } } }`;
    const res = await eventually(
      () => gw.gql<{ case: { supervision: Record<string, unknown> | null } | null }>(query, { id: cityCase.id }, t['amr-650100-officer']!),
      (r) => r.data?.case?.supervision != null,
    );
    expect(res.data!.case!.supervision).toEqual({
      dueDate: '2025-09-30',
      dueAt,
      overdue: false,
      commission: { id: 'cdi-650100' },
      reason: '群众反复举报，社会关注度高',
    });
    expect((await auditTrail(supervised.streamId, t['amr-650100-officer']!)).events).toHaveLength(1);
  });

  it('a case closed before its due time is not overdue and shows when it closed; 解除督办 takes it off the list', async () => {
    clock = '2025-09-03T09:00:00+08:00';
    const other = await registerCase(t['amr-650100-officer']!, '另一药店销售假药线索');
    await commissionKnows(other.id);
    data(await supervise({ caseId: other.id, dueDate: '2025-09-10', reason: '线索久拖未核查' }));
    clock = '2025-09-05T15:00:00+08:00';
    await caseStep('decideNotToFile', { caseId: other.id, reason: '经核查，违法事实不成立' }, t['amr-650100-supervisor']!);
    await caseStep('closeCase', { caseId: other.id }, t['amr-650100-officer']!);
    await commissionKnows(other.id, 'CLOSED');
    const afterDue = '2025-09-11T00:00:01+08:00';
    const closedItem = (await eventually(() => listed(t['cdi-650100-overseer']!, afterDue), (items) => items.some((i) => i.caseId === other.id))).find(
      (i) => i.caseId === other.id,
    );
    expect(closedItem).toMatchObject({ status: 'CLOSED', closedAt: '2025-09-05T07:00:00.000Z', overdue: false });

    clock = '2025-09-06T10:00:00+08:00';
    // only a supervisor lifts; the city commission lifts its own
    expect(codeOf(await gw.gql(liftMutation, { input: { caseId: other.id, reason: '已办结' } }, t['cdi-650100-overseer']!))).toBe('FORBIDDEN');
    const lifted = data(await gw.gql<{ liftCaseSupervision: Supervised }>(liftMutation, { input: { caseId: other.id, reason: '已依法办结' } }, t['cdi-650100-supervisor']!));
    expect(lifted.liftCaseSupervision).toMatchObject({ caseId: other.id, liftedAt: '2025-09-06T02:00:00.000Z', liftReason: '已依法办结', version: 2 });
    await eventually(() => listed(t['cdi-650100-overseer']!), (items) => !items.some((i) => i.caseId === other.id));
    const again = await gw.gql(liftMutation, { input: { caseId: other.id, reason: '再次解除' } }, t['cdi-650100-supervisor']!);
    expect(codeOf(again)).toBe('INVALID_TRANSITION');
    const trail = await auditTrail(`supervision-${other.id}`, t['cdi-650100-supervisor']!);
    expect(trail.events.map((e) => e.type)).toEqual(['CaseSupervised', 'CaseSupervisionLifted']);
    expect(trail.verification).toEqual({ valid: true, checked: 2 });
  });
});

/**
 * The demo seed (`pnpm start` without XIANJIE_SEED) lists one case for supervision
 * (services/gateway/src/seed/demoSupervision.ts): the city commission's 挂牌督办 of a pharmacy case,
 * due a fortnight after the seed, which the city's market regulation bureau sees on its case.
 */
describe('the demo seed’s 挂牌督办 (embedded, PGlite)', () => {
  let gw: TestGateway;

  beforeAll(async () => {
    gw = await startEmbeddedGateway({}); // XIANJIE_SEED unset: embedded mode seeds the demo
  }, 180_000);
  afterAll(async () => gw?.close());

  it('the city commission lists the pharmacy case, due in 14 days and not overdue; the bureau sees it on its case', async () => {
    const overseer = await gw.tokenFor('u-cdi-650100-overseer');
    const res = await eventually(
      () =>
        gw.gql<{ oversight: { supervisedCases: { caseId: string; number: string; agency: { id: string }; commission: { id: string }; dueAt: string; overdue: boolean; status: string }[] } }>(
          '{ oversight { supervisedCases { caseId number agency { id } commission { id } dueAt overdue status } } }',
          {},
          overseer,
        ),
      (r) => (r.data?.oversight.supervisedCases.length ?? 0) > 0,
    );
    const [item, ...rest] = res.data!.oversight.supervisedCases;
    expect(rest).toEqual([]);
    expect(item).toMatchObject({ agency: { id: 'amr-650100' }, commission: { id: 'cdi-650100' }, overdue: false, status: 'FILED' });
    const daysLeft = (Date.parse(item!.dueAt) - Date.now()) / 86_400_000;
    expect(daysLeft).toBeGreaterThan(13);
    expect(daysLeft).toBeLessThanOrEqual(15);
    const bureau = await gw.tokenFor('u-amr-650100-officer');
    const onCase = await gw.gql<{ case: { number: string; summary: string; supervision: { commission: { id: string } } | null } | null }>(
      'query($id: ID!) { case(id: $id) { number summary supervision { commission { id } } } }',
      { id: item!.caseId },
      bureau,
    );
    expect(onCase.data!.case).toMatchObject({ number: item!.number, summary: expect.stringMatching(/假冒“阿莫西林胶囊”/), supervision: { commission: { id: 'cdi-650100' } } });
  });
});
