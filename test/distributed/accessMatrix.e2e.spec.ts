import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mintDevToken } from '@xianjie/auth';
import { announceSkip, resolveKafka, resolvePostgres } from '@xianjie/testing';
import { startDistributedPlatform, type DistributedPlatform } from '../support/distributedPlatform.ts';
import { reportMatrix, runAccessMatrix, summarizeFailures } from '../proofs/accessMatrix.ts';
import { documentedCodes } from '../proofs/storeProbe.ts';

const [postgres, kafka] = await Promise.all([resolvePostgres(), resolveKafka()]);
const missing = [!postgres.available && `PostgreSQL: ${postgres.reason}`, !kafka.available && `Kafka: ${kafka.reason}`].filter(Boolean);
if (missing.length) announceSkip('authorization matrix, distributed mode (test/distributed/accessMatrix.e2e.spec.ts)', missing.join('; '));

/**
 * Authorization proof (issue 12), distributed mode: the same table (test/proofs/accessSpec.ts) and
 * the same runner as the embedded suite, against the gateway process in front of the six service
 * processes on PostgreSQL and Kafka.
 */
describe.skipIf(missing.length > 0)('authorization matrix (distributed: seven processes, PostgreSQL, Kafka)', () => {
  let platform: DistributedPlatform;
  beforeAll(async () => {
    platform = await startDistributedPlatform({
      databaseUrl: postgres.available ? postgres.url : '',
      brokers: kafka.available ? kafka.url : '',
      tag: 'matrix',
      // Thousands of requests from one address within a minute: the rate limits (tested in security-limits) are raised here.
      env: { RATE_LIMIT_PER_ADDRESS: '1000000', RATE_LIMIT_PER_USER: '1000000' },
    });
  }, 240_000);
  afterAll(async () => platform?.close(), 60_000);

  it('every cell answers as the table says, through the distributed gateway', async () => {
    const result = await runAccessMatrix(
      {
        // Without a token: no Authorization header at all (the anonymous cells).
        gql: async (query, variables, token) => {
          const res = await fetch(`${platform.urls.gateway}/graphql`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
            body: JSON.stringify({ query, variables }),
          });
          return (await res.json()) as never;
        },
        mint: (p) => mintDevToken({ secret: platform.secret, ...p }),
      },
      documentedCodes(),
      4,
    );
    reportMatrix('distributed', result);
    expect(result.cells).toBeGreaterThan(3000);
    expect(result.failures.length, summarizeFailures(result.failures)).toBe(0);
  }, 900_000);
});
