import { createPublicKey, verify } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { announceSkip, dropSchema, resolvePostgres, uniqueSchema } from '@xianjie/testing';
import { startEmbeddedGateway, type GraphQLResult, type TestGateway } from '../support/embeddedGateway.ts';
import { registerCaseMutation } from '../support/caseOperations.ts';

/**
 * Issue #12 hole 10 (decision 0011) through GraphQL: the commission takes a signed checkpoint of
 * every stream's head; after a case's last event is deleted in SQL (its chain alone still verifies),
 * `oversight { integrity }` reports the stream TRUNCATED against that checkpoint; the signature
 * verifies with the published key; officers may not ask. Embedded mode, PGlite, a pinned clock.
 */
const server = await resolvePostgres();
if (!server.available) announceSkip('integrity on PostgreSQL (test/e2e/integrity.e2e.spec.ts)', server.reason);
const prefix = uniqueSchema('e2e_integrity').concat('_');
const stores: { name: string; env: Record<string, string>; options: { schemaPrefix?: string } }[] = [
  { name: 'PGlite', env: {}, options: {} },
  ...(server.available ? [{ name: 'PostgreSQL', env: { XIANJIE_STORE: 'postgres', DATABASE_URL: server.url }, options: { schemaPrefix: prefix } }] : []),
];

describe.each(stores)('integrity: signed checkpoints catch what the chain alone misses (embedded, GraphQL, $name)', ({ env, options }) => {
  let gw: TestGateway;
  const t: Record<string, string> = {};
  const data = <T>(res: GraphQLResult<T>): T => {
    if (res.errors?.length || !res.data) throw new Error(JSON.stringify(res.errors));
    return res.data;
  };
  const integrityQuery = `query { oversight { integrity { valid streamsChecked checkpoint { sequence streamCount root keyId signature signedText }
    problems { streamId kind checkpointSequence } hiddenProblems { agency { id } kind count } readModels { name consistent rows expectedRows } } } }`;

  beforeAll(async () => {
    gw = await startEmbeddedGateway({ XIANJIE_SEED: 'none', ...env }, { now: () => '2025-09-02T10:00:00+08:00', ...options });
    for (const user of ['u-amr-650100-officer', 'u-cdi-650000-overseer', 'u-cdi-650100-supervisor']) t[user] = await gw.tokenFor(user);
  }, 60_000);
  afterAll(async () => {
    await gw?.close();
    if (options.schemaPrefix && server.available) {
      for (const name of ['xianjie', 'market_regulation', 'health', 'medical_insurance', 'police', 'discipline_inspection', 'operations']) {
        await dropSchema(server.url, `${prefix}${name}`);
      }
    }
  });

  it('attack: a case’s last event deleted in SQL is reported TRUNCATED against the signed checkpoint; the signature verifies with the published key', async () => {
    const registered = data(
      await gw.gql<{ registerCase: { id: string; streamId: string } }>(
        registerCaseMutation,
        { input: { subject: { kind: 'ORGANIZATION', name: '某药房', creditCode: '91650104MA7Y8K2Q30' }, source: 'COMPLAINT', summary: '举报', violations: ['COUNTERFEIT_DRUG'] } },
        t['u-amr-650100-officer'],
      ),
    ).registerCase;
    await gw.platform.store.appendToStream(registered.streamId, [
      { type: 'EvidenceRecorded', data: { note: '现场检查笔录' }, metadata: { actor: { userId: 'u-amr-650100-officer', name: '执法人员', agencyId: 'amr-650100', roles: ['officer'] }, occurredAt: '2025-09-02T10:00:00+08:00', correlationId: 'e2e' } },
    ]);

    // Officers neither take checkpoints nor verify.
    const refused = await gw.gql('mutation { takeIntegrityCheckpoint { sequence } }', {}, t['u-amr-650100-officer']);
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const taken = data(
      await gw.gql<{ takeIntegrityCheckpoint: { sequence: number; streamCount: number; signature: string; signedText: string } }>(
        'mutation { takeIntegrityCheckpoint { sequence streamCount signature signedText } }',
        {},
        t['u-cdi-650100-supervisor'],
      ),
    ).takeIntegrityCheckpoint;
    expect(taken.streamCount).toBeGreaterThanOrEqual(1);

    // An overseer checks the signature alone, with the published key.
    const key = data(await gw.gql<{ checkpointPublicKey: { publicKey: string } }>('query { checkpointPublicKey { publicKey algorithm keyId } }', {}, t['u-amr-650100-officer'])).checkpointPublicKey;
    expect(verify(null, Buffer.from(taken.signedText), createPublicKey(key.publicKey), Buffer.from(taken.signature, 'base64'))).toBe(true);

    type Report = { oversight: { integrity: { valid: boolean; problems: { streamId: string; kind: string; checkpointSequence: number }[]; readModels: { consistent: boolean; rows: number | null }[] } } };
    const before = data(await gw.gql<Report>(integrityQuery, {}, t['u-cdi-650000-overseer'])).oversight.integrity;
    expect(before).toMatchObject({ valid: true, problems: [] });
    expect(before.readModels.every((m) => m.consistent && m.rows === null)).toBe(true);

    // The attack: the case's last event deleted directly in the database.
    const schema = (gw.platform.store as unknown as { schema: string }).schema;
    await gw.platform.sql.query(`DELETE FROM "${schema}".events WHERE stream_id = $1 AND version = 2`, [registered.streamId]);
    const trail = data(await gw.gql<{ auditTrail: { verification: { valid: boolean } } }>('query($s: String!) { auditTrail(streamId: $s) { verification { valid } } }', { s: registered.streamId }, t['u-amr-650100-officer']));
    expect(trail.auditTrail.verification.valid).toBe(true); // what the chain alone says

    const after = data(await gw.gql<Report>(integrityQuery, {}, t['u-cdi-650000-overseer'])).oversight.integrity;
    expect(after.valid).toBe(false);
    expect(after.problems).toEqual([{ streamId: registered.streamId, kind: 'TRUNCATED', checkpointSequence: taken.sequence }]);
    expect((await gw.gql(integrityQuery, {}, t['u-amr-650100-officer'])).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    // The checkpoints' list names every stream, hidden ones too: no audit trail serves it.
    const checkpoints = await gw.gql<{ auditTrail: unknown }>('query { auditTrail(streamId: "integrity-checkpoints") { streamId events { data } } }', {}, t['u-cdi-650000-overseer']);
    expect(checkpoints.data?.auditTrail ?? null).toBeNull();
  });
});
