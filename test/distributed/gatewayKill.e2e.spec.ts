import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { announceSkip, resolveKafka, resolvePostgres } from '@xianjie/testing';
import { startDistributedPlatform, type DistributedPlatform } from '../support/distributedPlatform.ts';
import { registerCaseMutation } from '../support/caseOperations.ts';
import { eventually } from '../support/eventually.ts';
import { storeProbe } from '../proofs/storeProbe.ts';

const [postgres, kafka] = await Promise.all([resolvePostgres(), resolveKafka()]);
const missing = [!postgres.available && `PostgreSQL: ${postgres.reason}`, !kafka.available && `Kafka: ${kafka.reason}`].filter(Boolean);
if (missing.length) announceSkip('gateway killed mid-mutation (test/distributed/gatewayKill.e2e.spec.ts)', missing.join('; '));

const MUTATIONS = 40;

/**
 * Fault proof (issue 12), distributed mode: the gateway process SIGKILLed while mutations are in
 * flight, restarted, and every mutation retried with its commandId: each is in the store exactly
 * once, whether the first try was acknowledged, lost with the gateway, or never sent.
 */
describe.skipIf(missing.length > 0)('fault: the gateway killed mid-mutation (distributed)', () => {
  let platform: DistributedPlatform;
  let officer: string;
  beforeAll(async () => {
    platform = await startDistributedPlatform({
      databaseUrl: postgres.available ? postgres.url : '',
      brokers: kafka.available ? kafka.url : '',
      tag: 'gwkill',
    });
    officer = await platform.tokenFor('u-amr-650100-officer');
  }, 240_000);
  afterAll(async () => platform?.close(), 60_000);

  const register = (commandId: string, n: number) =>
    fetch(`${platform.urls.gateway}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${officer}` },
      body: JSON.stringify({
        query: registerCaseMutation,
        variables: {
          input: {
            commandId,
            subject: { kind: 'ORGANIZATION', name: `乌鲁木齐网关中断测试药房 ${n}`, creditCode: '91650102MA7XJ0012E' },
            source: 'COMPLAINT',
            summary: `网关中断 ${n}`,
            violations: ['RX_WITHOUT_PRESCRIPTION'],
          },
        },
      }),
    })
      .then(async (res) => ((await res.json()) as { data?: { registerCase?: { id: string } } | null }).data?.registerCase?.id ?? null)
      .catch(() => null);

  it(`${MUTATIONS} mutations, the gateway SIGKILLed among them: after a restart and retries, each exactly once`, async () => {
    const commandIds = Array.from({ length: MUTATIONS }, () => randomUUID());
    const first = new Map<string, string | null>();
    let answered = 0;
    const inFlight = commandIds.map((id, i) =>
      register(id, i).then((caseId) => {
        answered++;
        first.set(id, caseId);
      }),
    );
    await eventually(async () => answered, (n) => n >= 5, 60_000);
    await platform.stop('gateway', 'SIGKILL');
    await Promise.all(inFlight);
    const acknowledged = [...first.values()].filter(Boolean).length;
    process.stdout.write(`[proof] gateway kill: 1 fault injected under ${MUTATIONS} mutations (${acknowledged} acknowledged before the kill)\n`);

    await platform.start('gateway');
    const retried = new Map<string, string>();
    for (const [i, id] of commandIds.entries()) {
      const caseId = await eventually(() => register(id, i), (x) => x !== null, 30_000);
      retried.set(id, caseId!);
      // An acknowledged command retried answers with the same case.
      if (first.get(id)) expect(caseId).toBe(first.get(id));
    }
    const client = new pg.Client({ connectionString: postgres.available ? postgres.url : '' });
    await client.connect();
    try {
      const byCommand = await storeProbe({ query: (text: string, params?: unknown[]) => client.query(text, params) as never }, platform.prefix).eventsByCommand(commandIds);
      expect(byCommand.size).toBe(MUTATIONS);
      expect([...byCommand.values()].every((n) => n === 1), JSON.stringify([...byCommand])).toBe(true);
    } finally {
      await client.end();
    }
    expect(new Set(retried.values()).size).toBe(MUTATIONS);
  }, 300_000);
});
