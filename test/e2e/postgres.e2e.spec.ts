import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { announceSkip, dropSchema, resolvePostgres, uniqueSchema } from '@xianjie/testing';
import { startEmbeddedGateway, type TestGateway } from '../support/embeddedGateway.ts';
import { caseStepMutation, registerCaseMutation } from '../support/caseOperations.ts';
import { demoCases, demoSupervision, demoTransfers } from '@xianjie/demo-seed';

const server = await resolvePostgres();
if (!server.available) announceSkip('GraphQL scenarios on PostgreSQL (test/e2e/postgres.e2e.spec.ts)', server.reason);

/** The same platform on a real PostgreSQL: the audit trail detects an event changed in the database. */
describe.skipIf(!server.available)('case workflow on PostgreSQL, and a tampered event', () => {
  const url = server.available ? server.url : '';
  const prefix = uniqueSchema('e2e').concat('_');
  let gw: TestGateway;

  beforeAll(async () => {
    gw = await startEmbeddedGateway({ XIANJIE_STORE: 'postgres', DATABASE_URL: url, XIANJIE_SEED: 'demo' }, { schemaPrefix: prefix });
  }, 120_000);
  afterAll(async () => {
    await gw?.close();
    if (server.available) {
      for (const name of ['xianjie', 'market_regulation', 'health', 'medical_insurance', 'police', 'discipline_inspection', 'operations']) {
        await dropSchema(url, `${prefix}${name}`);
      }
    }
  });

  it('seeds the demo data once, through the command handlers, on the audit trail', async () => {
    const officer = await gw.tokenFor('u-amr-650100-officer');
    const res = await gw.gql<{ cases: { edges: { node: { number: string } }[] } }>('{ cases(first: 50) { edges { node { number } } } }', {}, officer);
    expect(res.errors).toBeUndefined();
    // The demo cases of amr-650100, the cases its transfer stories are about and the case under 挂牌督办 (demoSeed).
    const expected =
      demoCases.filter((c) => c.officer === 'u-amr-650100-officer').length +
      demoTransfers.filter((t) => t.register.as === 'u-amr-650100-officer').length +
      (demoSupervision.register.as === 'u-amr-650100-officer' ? 1 : 0);
    expect(res.data!.cases.edges.length).toBe(expected);
  });

  it('verifies the chain, then reports the exact version whose stored data was changed', async () => {
    const officer = await gw.tokenFor('u-amr-650100-officer');
    const supervisor = await gw.tokenFor('u-amr-650100-supervisor');
    const registered = await gw.gql<{ registerCase: { id: string; streamId: string } }>(
      registerCaseMutation,
      {
        input: {
          subject: { kind: 'ORGANIZATION', name: '乌鲁木齐安泰大药房有限公司', creditCode: '91650102MA7XJ0012E' },
          source: 'COMPLAINT',
          summary: '不凭处方销售处方药',
          violations: ['RX_WITHOUT_PRESCRIPTION'],
          amountInvolvedFen: 120_000,
        },
      },
      officer,
    );
    const { id, streamId } = registered.data!.registerCase;
    await gw.gql(caseStepMutation('fileCase'), { input: { caseId: id } }, supervisor);
    await gw.gql(caseStepMutation('recordEvidence'), { input: { caseId: id, kind: 'DOCUMENT', title: '销售小票' } }, officer);

    const trail = `query($s: String!) { auditTrail(streamId: $s) { verification { valid checked brokenAt reason } } }`;
    const before = await gw.gql<{ auditTrail: { verification: { valid: boolean; checked: number; brokenAt: number | null } } }>(trail, { s: streamId }, officer);
    expect(before.data!.auditTrail.verification).toMatchObject({ valid: true, checked: 3, brokenAt: null });

    // Someone with database access edits the evidence title of version 3 directly in PostgreSQL.
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    const updated = await client.query(
      `UPDATE "${prefix}xianjie".events SET data = jsonb_set(data::jsonb, '{title}', '"伪造的标题"')::jsonb WHERE stream_id = $1 AND version = 3`,
      [streamId],
    );
    await client.end();
    expect(updated.rowCount).toBe(1);

    const after = await gw.gql<{ auditTrail: { verification: { valid: boolean; checked: number; brokenAt: number | null; reason: string } } }>(trail, { s: streamId }, officer);
    expect(after.errors).toBeUndefined();
    expect(after.data!.auditTrail.verification).toMatchObject({ valid: false, brokenAt: 3 });
  });
});
