import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { startEmbeddedGateway, type GraphQLResult, type TestGateway } from '../support/embeddedGateway.ts';
import { eventually } from '../support/eventually.ts';
import { caseStepMutation, registerCaseMutation } from '../support/caseOperations.ts';

/**
 * 查询留痕 (DESIGN §3.4: reads of personal data by overseers are themselves recorded): an overseer's
 * reads of cases whose subject is a person (case, cases, auditTrail) are recorded by the commission
 * on its hash-chained stream before they are served, and listed to the commission's supervisors
 * (`oversight { personalDataReads }`), not to the overseers. Embedded mode, PGlite, a pinned clock.
 */
describe('查询留痕: overseers’ reads of personal data are recorded (embedded)', () => {
  let gw: TestGateway;
  const clock = '2025-09-02T10:00:00+08:00';
  const window = { from: '2025-09-01T00:00:00+08:00', to: '2025-10-01T00:00:00+08:00' };
  const t: Record<string, string> = {};
  const overseerId = 'u-cdi-650000-overseer';
  const person = { kind: 'PERSON' as const, name: '张某', idNumber: '650102198503122719' };
  const organization = {
    kind: 'ORGANIZATION' as const,
    name: '乌鲁木齐仁和堂大药房有限公司',
    creditCode: '91650104MA7Y8K2Q30',
  };

  beforeAll(async () => {
    gw = await startEmbeddedGateway({ XIANJIE_SEED: 'none' }, { now: () => clock });
    for (const user of [
      'u-amr-650100-officer',
      'u-amr-650100-supervisor',
      'u-cdi-650000-overseer',
      'u-cdi-650000-supervisor',
    ]) {
      t[user.replace(/^u-/, '')] = await gw.tokenFor(user);
    }
  }, 60_000);
  afterAll(async () => gw?.close());

  const data = <T>(res: GraphQLResult<T>): T => {
    if (res.errors?.length || !res.data) throw new Error(JSON.stringify(res.errors));
    return res.data;
  };
  const codeOf = (res: GraphQLResult<unknown>) => res.errors?.[0]?.extensions?.code;
  const register = async (subject: Record<string, string>, summary: string) =>
    data(
      await gw.gql<{ registerCase: { id: string; streamId: string } }>(
        registerCaseMutation,
        { input: { subject, source: 'COMPLAINT', summary, violations: ['COUNTERFEIT_DRUG'] } },
        t['amr-650100-officer'],
      ),
    ).registerCase;
  const caseQuery = 'query($id: ID!) { case(id: $id) { id subject { kind name idNumberMasked } } }';
  const trailQuery =
    'query($s: String!) { auditTrail(streamId: $s) { streamId events { type actor { userId } data } verification { valid checked brokenAt } } }';
  const casesQuery =
    'query { cases(filter: { agencyId: "amr-650100" }) { edges { node { id subject { kind } } } } }';
  const readsQuery = `query($from: DateTime!, $to: DateTime!, $readerId: ID) { oversight { personalDataReads(from: $from, to: $to, readerId: $readerId) {
    id field caseIds cases { caseId agency { id } subjectRef } reader { userId agencyId roles } readerAgency { id } readAt correlationId streamId version } } }`;
  type Read = {
    field: string;
    caseIds: string[];
    cases: { caseId: string; agency: { id: string }; subjectRef: string }[];
    reader: { userId: string; agencyId: string; roles: string[] };
    readAt: string;
    correlationId: string;
    streamId: string;
    version: number;
  };
  const reads = (token: string, variables: Record<string, unknown> = window) =>
    gw.gql<{ oversight: { personalDataReads: Read[] } }>(readsQuery, variables, token);

  let personCase: { id: string; streamId: string };
  let orgCase: { id: string; streamId: string };

  it('the owning agency reading its own cases records nothing', async () => {
    personCase = await register(person, '群众举报个人无证销售处方药');
    orgCase = await register(organization, '群众举报药店销售假药');
    const officer = t['amr-650100-officer']!;
    expect(
      data(await gw.gql<{ case: { subject: { kind: string } } }>(caseQuery, { id: personCase.id }, officer))
        .case.subject.kind,
    ).toBe('PERSON');
    expect(
      data(
        await gw.gql<{ auditTrail: { events: unknown[] } }>(trailQuery, { s: personCase.streamId }, officer),
      ).auditTrail.events,
    ).toHaveLength(1);
    // The case read model has both cases (the officer's own list, recorded for no one).
    await eventually(
      async () =>
        data(await gw.gql<{ cases: { edges: unknown[] } }>(casesQuery, {}, officer)).cases.edges.length,
      (n) => n === 2,
    );
    expect(await gw.platform.store.streamVersion('data-reads-amr-650100-202509')).toBe(0);
  });

  it('an overseer’s reads are served; exactly the PERSON case’s are recorded', async () => {
    const overseer = t['cdi-650000-overseer']!;
    // case(id), with the request's correlation id
    const res = await fetch(`${gw.url}/graphql`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${overseer}`,
        'x-correlation-id': 'e2e-read-person-case',
      },
      body: JSON.stringify({ query: caseQuery, variables: { id: personCase.id } }),
    });
    const read = data(
      (await res.json()) as GraphQLResult<{ case: { subject: { kind: string; idNumberMasked: string } } }>,
    ).case;
    expect(read.subject).toEqual({ kind: 'PERSON', name: '张某', idNumberMasked: '6****************9' });
    expect(
      data(await gw.gql<{ case: { id: string } }>(caseQuery, { id: orgCase.id }, overseer)).case.id,
    ).toBe(orgCase.id);
    // auditTrail of both case streams (the person's ID number masked in the events)
    const trail = data(
      await gw.gql<{ auditTrail: { events: { data: { subject: { idNumber: string } } }[] } }>(
        trailQuery,
        { s: personCase.streamId },
        overseer,
      ),
    );
    expect(trail.auditTrail.events[0]!.data.subject.idNumber).toBe('6****************9');
    expect(
      data(await gw.gql<{ auditTrail: { streamId: string } }>(trailQuery, { s: orgCase.streamId }, overseer))
        .auditTrail.streamId,
    ).toBe(orgCase.streamId);
    // cases: one page with both; the person's case is recorded
    expect(
      data(await gw.gql<{ cases: { edges: unknown[] } }>(casesQuery, {}, overseer)).cases.edges,
    ).toHaveLength(2);

    const supervisor = t['cdi-650000-supervisor']!;
    const listed = await eventually(
      async () => data(await reads(supervisor)).oversight.personalDataReads,
      (rows) => rows.length >= 3,
    );
    // The keyed reference (HMAC under the platform's key), the same on every record; never the bare SHA-256.
    const ref = listed[0]!.cases[0]!.subjectRef;
    expect(ref).toMatch(/^[0-9a-f]{64}$/);
    expect(ref).not.toBe(createHash('sha256').update(`PERSON:${person.idNumber}`).digest('hex'));
    expect(listed.map((r) => [r.field, r.caseIds, r.reader.userId])).toEqual([
      ['case', [personCase.id], overseerId],
      ['auditTrail', [personCase.id], overseerId],
      ['cases', [personCase.id], overseerId],
    ]);
    for (const row of listed) {
      expect(row).toMatchObject({
        cases: [{ caseId: personCase.id, agency: { id: 'amr-650100' }, subjectRef: ref }],
        reader: { userId: overseerId, agencyId: 'cdi-650000', roles: ['overseer'] },
        readAt: new Date(clock).toISOString(),
        streamId: 'data-reads-cdi-650000-202509',
      });
    }
    expect(listed.map((r) => r.version)).toEqual([1, 2, 3]);
    expect(listed[0]!.correlationId).toBe('e2e-read-person-case');
    // readerId narrows; another reader has none
    expect(
      data(await reads(supervisor, { ...window, readerId: overseerId })).oversight.personalDataReads,
    ).toHaveLength(3);
    expect(
      data(await reads(supervisor, { ...window, readerId: 'u-cdi-650100-overseer' })).oversight
        .personalDataReads,
    ).toEqual([]);
  });

  it('the overseers cannot list their own reads, nor read the record’s trail (not found, as if absent)', async () => {
    const overseer = t['cdi-650000-overseer']!;
    expect(codeOf(await reads(overseer))).toBe('FORBIDDEN');
    expect(codeOf(await reads(t['amr-650100-officer']!))).toBe('FORBIDDEN');
    expect(codeOf(await gw.gql(trailQuery, { s: 'data-reads-cdi-650000-202509' }, overseer))).toBe(
      'NOT_FOUND',
    );
  });

  it('fails closed: a read that cannot be recorded is not served (an organisation’s still is)', async () => {
    const overseer = t['cdi-650000-overseer']!;
    // The commission's 查询留痕, which the owning services call before they answer.
    const records = gw.platform.services['discipline-inspection'].instance.personalDataReads;
    const original = records.record;
    records.record = async () => {
      throw new Error('the commission’s store is down');
    };
    try {
      const refused = await gw.gql<{ case: unknown }>(caseQuery, { id: personCase.id }, overseer);
      expect(codeOf(refused)).toBe('SERVICE_UNAVAILABLE');
      expect(refused.errors?.[0]?.message).toMatch(/could not be recorded, so it is not served/);
      expect(refused.data?.case ?? null).toBeNull();
      expect(codeOf(await gw.gql(trailQuery, { s: personCase.streamId }, overseer))).toBe(
        'SERVICE_UNAVAILABLE',
      );
      expect(
        data(await gw.gql<{ case: { id: string } }>(caseQuery, { id: orgCase.id }, overseer)).case.id,
      ).toBe(orgCase.id);
    } finally {
      records.record = original;
    }
  });

  it('the record is on the commission’s hash-chained stream, verified', async () => {
    const trail = data(
      await gw.gql<{
        auditTrail: {
          events: { type: string; actor: { userId: string } }[];
          verification: { valid: boolean; checked: number; brokenAt: number | null };
        };
      }>(trailQuery, { s: 'data-reads-cdi-650000-202509' }, t['cdi-650000-supervisor']),
    ).auditTrail;
    expect(trail.events.map((e) => [e.type, e.actor.userId])).toEqual([
      ['PersonalDataRead', overseerId],
      ['PersonalDataRead', overseerId],
      ['PersonalDataRead', overseerId],
    ]);
    expect(trail.verification).toEqual({ valid: true, checked: 3, brokenAt: null });
    // Reading the record records nothing more.
    expect(data(await reads(t['cdi-650000-supervisor']!)).oversight.personalDataReads).toHaveLength(3);
  });

  it('oversight rows about a person (屡查屡犯) are recorded with every case of the row; organisations’ are not', async () => {
    const supervisor = t['amr-650100-supervisor']!;
    const penalize = async (caseId: string, n: number) => {
      data(
        await gw.gql(caseStepMutation('fileCase'), { input: { caseId, reason: '符合立案条件' } }, supervisor),
      );
      data(
        await gw.gql(
          caseStepMutation('recordEvidence'),
          { input: { caseId, kind: 'ON_SITE_RECORD', title: '现场检查笔录' } },
          supervisor,
        ),
      );
      data(
        await gw.gql(
          caseStepMutation('decidePenalty'),
          {
            input: {
              caseId,
              decisionNumber: `乌市监罚〔2025〕${n}号`,
              penalties: [{ kind: 'FINE', amountFen: 500_000 }],
              personsResponsible: [],
            },
          },
          supervisor,
        ),
      );
    };
    const secondPersonCase = await register(person, '同一当事人再次无证销售处方药');
    const secondOrgCase = await register(organization, '同一药店再次销售假药');
    for (const [i, c] of [personCase, secondPersonCase, orgCase, secondOrgCase].entries())
      await penalize(c.id, i + 1);
    // The commission's case facts (its read model of the public case events) have both subjects' decisions.
    const overseerPrincipal = {
      userId: overseerId,
      name: '监督员',
      agencyId: 'cdi-650000',
      roles: ['overseer' as const],
    };
    const service = gw.platform.services['discipline-inspection'].instance;
    await eventually(
      () =>
        service.queries.repeatOffenders({
          agencyIds: service.overseenAgencies(overseerPrincipal),
          windowDays: 365,
          minViolations: 2,
          asOf: clock,
        }),
      (rows) => rows.length === 2 && rows.every((r) => r.decisions === 2),
    );
    const offenders = data(
      await gw.gql<{ oversight: { repeatOffenders: { subjectName: string; caseIds: string[] }[] } }>(
        'query($asOf: DateTime) { oversight { repeatOffenders(asOf: $asOf) { subjectName caseIds } } }',
        { asOf: clock },
        t['cdi-650000-overseer'],
      ),
    ).oversight.repeatOffenders;
    expect(offenders.map((r) => r.subjectName).sort()).toEqual([organization.name, person.name].sort());
    const recorded = await eventually(
      async () =>
        data(await reads(t['cdi-650000-supervisor']!)).oversight.personalDataReads.filter(
          (r) => r.field === 'oversight.repeatOffenders',
        ),
      (rows) => rows.length >= 1,
    );
    expect(recorded).toHaveLength(1);
    expect(recorded[0]!.caseIds.sort()).toEqual([personCase.id, secondPersonCase.id].sort());
    const first = data(await reads(t['cdi-650000-supervisor']!)).oversight.personalDataReads[0]!;
    expect(recorded[0]!.cases.every((c) => c.subjectRef === first.cases[0]!.subjectRef)).toBe(true);
  });

  it('an overseer’s read of an organisation’s case whose penalty names persons (处罚到人) is recorded (issue #12 hole 8)', async () => {
    const supervisor = t['amr-650100-supervisor']!;
    const withPersons = await register(organization, '药店销售假药，处罚到人');
    data(await gw.gql(caseStepMutation('fileCase'), { input: { caseId: withPersons.id, reason: '符合立案条件' } }, supervisor));
    data(
      await gw.gql(
        caseStepMutation('recordEvidence'),
        { input: { caseId: withPersons.id, kind: 'ON_SITE_RECORD', title: '现场检查笔录' } },
        supervisor,
      ),
    );
    data(
      await gw.gql(
        caseStepMutation('decidePenalty'),
        {
          input: {
            caseId: withPersons.id,
            decisionNumber: '乌市监罚〔2025〕99号',
            penalties: [{ kind: 'FINE', amountFen: 500_000 }],
            personsResponsible: [{ name: '李某', role: '法定代表人', idNumber: '650102198001011234' }],
          },
        },
        supervisor,
      ),
    );
    const before = data(await reads(t['cdi-650000-supervisor']!)).oversight.personalDataReads.length;
    const read = data(
      await gw.gql<{ case: { penalty: { personsResponsible: { name: string; idNumberMasked: string }[] } } }>(
        'query($id: ID!) { case(id: $id) { penalty { personsResponsible { name idNumberMasked } } } }',
        { id: withPersons.id },
        t['cdi-650000-overseer'],
      ),
    ).case;
    expect(read.penalty.personsResponsible).toEqual([{ name: '李某', idNumberMasked: '6****************4' }]);
    const after = await eventually(
      async () => data(await reads(t['cdi-650000-supervisor']!)).oversight.personalDataReads,
      (rows) => rows.length > before,
    );
    expect(after.slice(before).map((r) => [r.field, r.caseIds])).toEqual([['case', [withPersons.id]]]);
  });
});
