import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mintDevToken } from '@xianjie/auth';
import { startEmbeddedGateway, type TestGateway } from '../support/embeddedGateway.ts';
import { accessTable } from './accessSpec.ts';
import { reportMatrix, runAccessMatrix, summarizeFailures } from './accessMatrix.ts';
import { documentedCodes } from './storeProbe.ts';

/**
 * Authorization proof (issue 12), embedded mode: every query and mutation × agency kind × role ×
 * region relation, from the one table in accessSpec.ts (written from DESIGN §6), each cell asserted.
 */
describe('authorization matrix (embedded, PGlite)', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    // Thousands of requests from one address within a minute: the rate limits (tested in security-limits) are raised here.
    gw = await startEmbeddedGateway({ XIANJIE_SEED: 'none', RATE_LIMIT_PER_ADDRESS: '1000000', RATE_LIMIT_PER_USER: '1000000' });
  }, 120_000);
  afterAll(async () => gw?.close());

  it('the table names every query, oversight view and mutation of the served schema (a new one fails here until it gets a row)', async () => {
    const token = await mintDevToken({ secret: gw.platform.devSecret!, userId: 'u-matrix', name: '矩阵', agencyId: 'amr-650100', roles: ['officer'] });
    const res = await gw.gql<{ q: { fields: { name: string }[] }; m: { fields: { name: string }[] }; o: { fields: { name: string }[] } }>(
      // Deprecated fields are served (recordProcuratorateInquiry …): they keep their rows.
      '{ q: __type(name: "Query") { fields(includeDeprecated: true) { name } } m: __type(name: "Mutation") { fields(includeDeprecated: true) { name } } o: __type(name: "Oversight") { fields(includeDeprecated: true) { name } } }',
      {},
      token,
    );
    const served = [
      ...res.data!.q.fields.map((f) => f.name).filter((n) => n !== 'oversight'),
      ...res.data!.o.fields.map((f) => `oversight.${f.name}`),
      ...res.data!.m.fields.map((f) => f.name),
    ].sort();
    expect(accessTable.map((r) => r.operation).sort()).toEqual(served);
  });

  it('every cell answers as the table says: allowed → the target (or a domain error), denied → FORBIDDEN/NOT_FOUND and nothing of the target', async () => {
    const result = await runAccessMatrix(
      {
        gql: gw.gql,
        mint: (p) => mintDevToken({ secret: gw.platform.devSecret!, ...p }),
        fireReminders: async () => {
          const reminders = gw.platform.services['discipline-inspection'].instance.reminders;
          await reminders.derivationProjector.catchUp();
          await reminders.runDue('2099-01-01T00:00:00Z');
        },
      },
      documentedCodes(),
    );
    reportMatrix('embedded', result);
    expect(result.cells).toBeGreaterThan(3000);
    expect(result.failures.length, summarizeFailures(result.failures)).toBe(0);
  }, 600_000);
});
