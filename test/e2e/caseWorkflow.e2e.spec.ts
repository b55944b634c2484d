import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmbeddedGateway, type TestGateway } from '../support/embeddedGateway.ts';
import { caseFields, registerCaseMutation, caseStepMutation } from '../support/caseOperations.ts';
import { eventually } from '../support/eventually.ts';

/** The case workflow end to end through GraphQL over HTTP, embedded mode on PGlite. */
describe('case workflow through GraphQL (embedded, PGlite)', () => {
  let gw: TestGateway;
  let officer: string;
  let supervisor: string;
  let otherCityOfficer: string;
  let overseer: string;

  beforeAll(async () => {
    gw = await startEmbeddedGateway({ XIANJIE_SEED: 'none' });
    officer = await gw.tokenFor('u-amr-650100-officer');
    supervisor = await gw.tokenFor('u-amr-650100-supervisor');
    otherCityOfficer = await gw.tokenFor('u-amr-650000-officer');
    overseer = await gw.tokenFor('u-cdi-650000-overseer');
  }, 60_000);
  afterAll(async () => gw?.close());

  const register = async (token: string, input: Record<string, unknown>) =>
    gw.gql<{ registerCase: Record<string, unknown> }>(registerCaseMutation, { input }, token);

  const validInput = {
    subject: { kind: 'ORGANIZATION', name: '乌鲁木齐天山康宁医院', creditCode: '12650100MB1234567P' },
    source: 'INSPECTION',
    summary: '制剂室无证配制',
    violations: ['UNLICENSED_COMPOUNDING'],
    amountInvolvedFen: 8_600_000,
  };

  it('serves the agency directory without a token, and nothing else', async () => {
    const agencies = await gw.gql<{ agencies: { id: string; kind: string }[] }>('{ agencies { id kind name regionCode parentId } }');
    expect(agencies.errors).toBeUndefined();
    expect(agencies.data!.agencies.map((a) => a.id)).toEqual(expect.arrayContaining(['amr-650000', 'police-650100', 'cdi-650000']));
    const me = await gw.gql('{ me { userId } }');
    expect(me.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const bad = await gw.gql('{ me { userId } }', {}, 'not-a-token');
    expect(bad.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('answers me with the principal of the token', async () => {
    const res = await gw.gql<{ me: { userId: string; agency: { id: string }; roles: string[] } }>(
      '{ me { userId name roles agency { id name } } }',
      {},
      supervisor,
    );
    expect(res.data?.me).toMatchObject({ userId: 'u-amr-650100-supervisor', agency: { id: 'amr-650100' }, roles: ['supervisor'] });
  });

  it('takes a case from clue to closed, every step on a verified audit trail with its actor', async () => {
    // 无证配制 + 无文号配制: the latter meets 妨害药品管理罪 (刑法第一百四十二条之一) in the threshold table.
    const registered = await register(officer, { ...validInput, violations: ['UNLICENSED_COMPOUNDING', 'UNAPPROVED_PREPARATION'] });
    expect(registered.errors).toBeUndefined();
    const c = registered.data!.registerCase as { id: string; streamId: string; status: string; version: number; number: string };
    expect(c).toMatchObject({ status: 'CLUE_REGISTERED', version: 1 });
    expect(c.number).toMatch(/^AMR650100〔\d{4}〕\d{5}号$/);

    const step = async (name: string, token: string, input: Record<string, unknown>) => {
      const res = await gw.gql<Record<string, { status: string; version: number }>>(caseStepMutation(name), { input }, token);
      expect(res.errors, `${name}: ${JSON.stringify(res.errors)}`).toBeUndefined();
      return res.data![name]!;
    };
    expect(await step('fileCase', supervisor, { caseId: c.id, reason: '符合立案条件', expectedVersion: 1 })).toMatchObject({ status: 'FILED', version: 2 });
    expect(
      await step('recordEvidence', officer, { caseId: c.id, kind: 'ON_SITE_RECORD', title: '现场检查笔录' }),
    ).toMatchObject({ status: 'FILED', version: 3 });
    expect(
      await step('decidePenalty', supervisor, {
        caseId: c.id,
        decisionNumber: '乌市监药罚〔2026〕1号',
        penalties: [{ kind: 'FINE', amountFen: 25_800_000 }],
        personsResponsible: [{ name: '赵明远', role: '直接负责的主管人员', idNumber: '650102198001011234' }],
      }),
    ).toMatchObject({ status: 'PENALTY_DECIDED', version: 4 });
    const closed = await step('closeCase', officer, { caseId: c.id, reason: '罚没款已缴清' });
    expect(closed).toMatchObject({ status: 'CLOSED', version: 5 });

    const read = await gw.gql<{ case: Record<string, unknown> }>(
      `query($id: ID!) { case(id: $id) { ${caseFields} penalty { decisionNumber repeatOffender personsResponsible { name idNumberMasked } } evidence { title } } }`,
      { id: c.id },
      officer,
    );
    expect(read.errors).toBeUndefined();
    expect(read.data!.case).toMatchObject({
      status: 'CLOSED',
      penalty: { decisionNumber: '乌市监药罚〔2026〕1号', repeatOffender: false, personsResponsible: [{ name: '赵明远', idNumberMasked: '6****************4' }] },
      evidence: [{ title: '现场检查笔录' }],
    });
    // Closed with a penalty only although 无文号配制 meets a criminal threshold and was never transferred: 以罚代刑.
    expect(read.data!.case.warnings).toContain('PENALTY_INSTEAD_OF_TRANSFER');

    const trail = await gw.gql<{ auditTrail: { events: { version: number; type: string; actor: { userId: string; agencyId: string; roles: string[] }; hash: string | null; prevHash: string | null; data: Record<string, unknown> }[]; verification: { valid: boolean; checked: number; brokenAt: number | null } } }>(
      `query($s: String!) { auditTrail(streamId: $s) { streamId events { version type occurredAt actor { userId name agencyId roles } data hash prevHash } verification { valid checked brokenAt } } }`,
      { s: c.streamId },
      overseer,
    );
    expect(trail.errors).toBeUndefined();
    const events = trail.data!.auditTrail.events;
    expect(events.map((e) => [e.type, e.actor.userId])).toEqual([
      ['CaseRegistered', 'u-amr-650100-officer'],
      ['CaseFiled', 'u-amr-650100-supervisor'],
      ['EvidenceRecorded', 'u-amr-650100-officer'],
      ['PenaltyDecided', 'u-amr-650100-supervisor'],
      ['CaseClosed', 'u-amr-650100-officer'],
    ]);
    // The organisation's first steps are shown as stored, with their chained hashes; from the penalty on
    // (a person's ID number, masked) no hash: it would confirm a guessed number. The server verified the chain.
    expect(events[0]!.prevHash).toBeNull();
    for (let i = 1; i < 3; i++) expect(events[i]!.prevHash).toBe(events[i - 1]!.hash);
    expect(events.slice(0, 3).every((e) => typeof e.hash === 'string')).toBe(true);
    expect(events.slice(3).map((e) => [e.hash, e.prevHash])).toEqual([
      [null, null],
      [null, null],
    ]);
    expect(trail.data!.auditTrail.verification).toEqual({ valid: true, checked: 5, brokenAt: null });
    // An overseer's view masks personal ID numbers inside event data.
    expect(JSON.stringify(events[3]!.data)).toContain('6****************4');
    expect(JSON.stringify(events[3]!.data)).not.toContain('650102198001011234');

    // The commission learns of it over the bus (its own service and read model), not by reading ours.
    const warnings = await eventually(
      () =>
        gw.gql<{ oversight: { penaltyInsteadOfTransfer: { caseId: string; number: string; agency: { id: string } }[] } }>(
          '{ oversight { penaltyInsteadOfTransfer { caseId number agency { id } violations closedAt } } }',
          {},
          overseer,
        ),
      (res) => res.data?.oversight.penaltyInsteadOfTransfer.some((w) => w.caseId === c.id) ?? false,
    );
    expect(warnings.data!.oversight.penaltyInsteadOfTransfer.find((w) => w.caseId === c.id)).toMatchObject({
      number: c.number,
      agency: { id: 'amr-650100' },
    });
    // An officer is not an overseer.
    const denied = await gw.gql('{ oversight { penaltyInsteadOfTransfer { caseId } } }', {}, officer);
    expect(denied.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('rebuilds a case as of a past time from its events', async () => {
    const registered = await register(officer, { ...validInput, summary: 'asOf 测试' });
    const id = (registered.data!.registerCase as { id: string }).id;
    await new Promise((r) => setTimeout(r, 20));
    const between = new Date().toISOString();
    await new Promise((r) => setTimeout(r, 20));
    await gw.gql(caseStepMutation('fileCase'), { input: { caseId: id } }, supervisor);
    const past = await gw.gql<{ case: { status: string; version: number } }>(
      'query($id: ID!, $at: DateTime) { case(id: $id, asOf: $at) { status version } }',
      { id, at: between },
      officer,
    );
    expect(past.data!.case).toEqual({ status: 'CLUE_REGISTERED', version: 1 });
    const now = await gw.gql<{ case: { status: string } }>('query($id: ID!) { case(id: $id) { status } }', { id }, officer);
    expect(now.data!.case.status).toBe('FILED');
  });

  it('lists cases as a Relay connection, paged and filtered, only for agencies the reader may see', async () => {
    for (let i = 0; i < 3; i++) await register(officer, { ...validInput, summary: `分页测试 ${i}` });
    await gw.platform.services['market-regulation'].instance.projector.catchUp();
    const query = `query($first: Int, $after: String, $filter: CaseFilter) { cases(first: $first, after: $after, filter: $filter) {
      edges { cursor node { id summary agency { id } } } pageInfo { hasNextPage endCursor } } }`;
    type Page = { cases: { edges: { node: { id: string; summary: string; agency: { id: string } } }[]; pageInfo: { hasNextPage: boolean; endCursor: string } } };
    const first = await gw.gql<Page>(query, { first: 2, filter: { search: '分页测试' } }, officer);
    expect(first.errors).toBeUndefined();
    expect(first.data!.cases.edges.map((e) => e.node.summary)).toEqual(['分页测试 2', '分页测试 1']);
    expect(first.data!.cases.pageInfo.hasNextPage).toBe(true);
    const second = await gw.gql<Page>(query, { first: 2, after: first.data!.cases.pageInfo.endCursor, filter: { search: '分页测试' } }, officer);
    expect(second.data!.cases.edges.map((e) => e.node.summary)).toEqual(['分页测试 0']);
    expect(second.data!.cases.pageInfo.hasNextPage).toBe(false);
    // The region's market regulator is another agency: it sees none of the city's cases.
    const other = await gw.gql<Page>(query, { first: 10, filter: { search: '分页测试' } }, otherCityOfficer);
    expect(other.data!.cases.edges).toEqual([]);
    const hidden = await gw.gql<{ case: unknown }>('query($id: ID!) { case(id: $id) { id } }', { id: first.data!.cases.edges[0]!.node.id }, otherCityOfficer);
    expect(hidden.data!.case).toBeNull();
  });

  it('retries a registerCase with the same commandId without appending twice', async () => {
    const input = { ...validInput, commandId: 'retry-0001', summary: '重试测试' };
    const a = await register(officer, input);
    const b = await register(officer, input);
    const idA = (a.data!.registerCase as { id: string }).id;
    expect((b.data!.registerCase as { id: string; version: number })).toMatchObject({ id: idA, version: 1 });
    expect(await gw.platform.store.streamVersion(`case-${idA}`)).toBe(1);
  });

  describe('bad input gets the documented error and appends nothing', () => {
    const expectError = (res: { errors?: { extensions?: Record<string, unknown> }[] }, code: string) => {
      expect(res.errors?.[0]?.extensions?.code, JSON.stringify(res.errors)).toBe(code);
      return res.errors![0]!.extensions!;
    };
    const caseCount = async () => {
      const { events } = await gw.platform.store.readAll({ streamPrefixes: ['case-'], limit: 100_000 });
      return events.length;
    };

    it('a wrong credit code check character names the field', async () => {
      const before = await caseCount();
      const res = await register(officer, { ...validInput, subject: { ...validInput.subject, creditCode: '12650100MB1234567Q' } });
      const ext = expectError(res, 'BAD_USER_INPUT');
      expect(ext.field).toBe('input.subject.creditCode');
      expect(await caseCount()).toBe(before);
    });

    it('an unknown violation code names the field', async () => {
      const res = await register(officer, { ...validInput, violations: ['UNLICENSED_COMPOUNDING', 'NOT_A_CODE'] });
      const ext = expectError(res, 'BAD_USER_INPUT');
      expect(ext.field).toBe('input.violations.1');
    });

    it('a person without a valid ID number names the field', async () => {
      const res = await register(officer, { ...validInput, subject: { kind: 'PERSON', name: '李某', idNumber: '650104197506152340' } });
      expect(expectError(res, 'BAD_USER_INPUT').field).toBe('input.subject.idNumber');
    });

    it('a missing required field is refused', async () => {
      const { summary: _omit, ...withoutSummary } = validInput;
      const res = await register(officer, withoutSummary);
      expectError(res, 'BAD_USER_INPUT');
      expect(res.errors![0]!.message).toContain('summary');
    });

    it("an officer trying a supervisor's step is forbidden", async () => {
      const c = (await register(officer, validInput)).data!.registerCase as { id: string; streamId: string };
      const res = await gw.gql(caseStepMutation('fileCase'), { input: { caseId: c.id } }, officer);
      expectError(res, 'FORBIDDEN');
      expect(await gw.platform.store.streamVersion(c.streamId)).toBe(1);
    });

    it("another agency's supervisor cannot act on the case, and is told NOT_FOUND as for an unknown case (not disclosed)", async () => {
      const c = (await register(officer, validInput)).data!.registerCase as { id: string; streamId: string };
      const res = await gw.gql(caseStepMutation('fileCase'), { input: { caseId: c.id } }, await gw.tokenFor('u-amr-650000-supervisor'));
      expectError(res, 'NOT_FOUND');
      expect(JSON.stringify(res.errors)).not.toContain('amr-650100');
      expect(await gw.platform.store.streamVersion(c.streamId)).toBe(1);
    });

    it('a stale expectedVersion is a CONFLICT reporting the actual version', async () => {
      const c = (await register(officer, validInput)).data!.registerCase as { id: string; streamId: string };
      const res = await gw.gql(caseStepMutation('fileCase'), { input: { caseId: c.id, expectedVersion: 0 } }, supervisor);
      const ext = expectError(res, 'CONFLICT');
      expect(ext).toMatchObject({ expectedVersion: 0, actualVersion: 1 });
      expect(await gw.platform.store.streamVersion(c.streamId)).toBe(1);
    });

    it('registerCase takes expectedVersion too (DESIGN §4): 0 creates, any other is a CONFLICT and appends nothing', async () => {
      const commandId = `e2e-register-expected-version-${Date.now()}`;
      const stale = await register(officer, { ...validInput, commandId, expectedVersion: 2 });
      expect(expectError(stale, 'CONFLICT')).toMatchObject({ expectedVersion: 2, actualVersion: 0 });
      const created = await register(officer, { ...validInput, commandId, expectedVersion: 0 });
      expect(created.errors).toBeUndefined();
      const c = created.data!.registerCase as { streamId: string; version: number };
      expect(c.version).toBe(1);
      expect(await gw.platform.store.streamVersion(c.streamId)).toBe(1);
    });

    it('a step not allowed now is an INVALID_TRANSITION saying why', async () => {
      const c = (await register(officer, validInput)).data!.registerCase as { id: string; streamId: string };
      const res = await gw.gql(caseStepMutation('closeCase'), { input: { caseId: c.id } }, officer);
      const ext = expectError(res, 'INVALID_TRANSITION');
      expect(String(ext.reason)).toMatch(/CLUE_REGISTERED/);
      expect(await gw.platform.store.streamVersion(c.streamId)).toBe(1);
    });

    it('an unknown case is NOT_FOUND', async () => {
      const res = await gw.gql(caseStepMutation('fileCase'), { input: { caseId: '00000000-0000-4000-8000-000000000000' } }, supervisor);
      expectError(res, 'NOT_FOUND');
    });

    it('a violation outside the agency kind is refused', async () => {
      const res = await register(officer, { ...validInput, violations: ['INSURANCE_FRAUD'] });
      expect(expectError(res, 'BAD_USER_INPUT').field).toBe('input.violations.0');
    });
  });
});
