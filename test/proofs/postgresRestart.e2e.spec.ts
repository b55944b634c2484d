import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { announceSkip } from '@xianjie/testing';
import { startEmbeddedGateway, type GraphQLResult, type TestGateway } from '../support/embeddedGateway.ts';
import { registerCaseMutation } from '../support/caseOperations.ts';
import { eventually } from '../support/eventually.ts';
import { probePrivatePostgres, startPrivatePostgres, type PrivatePostgres } from './privatePostgres.ts';
import { storeProbe } from './storeProbe.ts';

/**
 * Fault proof (issue 12): PostgreSQL restarted (`pg_ctl restart -m fast`) under a load of commands.
 * A private cluster of this test only (initdb into a temp dir, a free port), never the shared one.
 * Afterwards: every acknowledged command is in the store exactly once; an unacknowledged one is
 * absent or there once, and a retry with its commandId leaves it there once; the read models
 * converge to the events.
 */
const probe = await probePrivatePostgres();
if (!probe.available) announceSkip('PostgreSQL restarted under load (test/proofs/postgresRestart.e2e.spec.ts)', probe.reason);

const COMMANDS = 120;
const CONCURRENCY = 4;

describe.skipIf(!probe.available)('fault: PostgreSQL restarted under a load of commands (embedded platform on a private cluster)', () => {
  let server: PrivatePostgres;
  let gw: TestGateway;
  let officer: string;

  beforeAll(async () => {
    server = await startPrivatePostgres();
    gw = await startEmbeddedGateway({ XIANJIE_STORE: 'postgres', DATABASE_URL: server.url, XIANJIE_SEED: 'none' });
    officer = await gw.tokenFor('u-amr-650100-officer');
  }, 180_000);
  afterAll(async () => {
    await gw?.close().catch(() => undefined);
    await server?.destroy();
  }, 60_000);

  interface Answer {
    status: number;
    body: { data?: { registerCase?: { id: string } } | null; errors?: { extensions?: { code?: string } }[] };
  }
  const register = (commandId: string, n: number): Promise<Answer> =>
    fetch(`${gw.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${officer}` },
      body: JSON.stringify({
        query: registerCaseMutation,
        variables: {
          input: {
            commandId,
            subject: { kind: 'ORGANIZATION', name: `乌鲁木齐重启测试药房 ${n}`, creditCode: '91650102MA7XJ0012E' },
            source: 'COMPLAINT',
            summary: `数据库重启负载 ${n}`,
            violations: ['RX_WITHOUT_PRESCRIPTION'],
          },
        },
      }),
    })
      .then(async (res): Promise<Answer> => ({ status: res.status, body: (await res.json()) as Answer['body'] }))
      .catch((error: Error): Answer => ({ status: 0, body: { errors: [{ extensions: { code: `network: ${error.message}` } }] } }));

  it(`${COMMANDS} commands with a restart in the middle: acknowledged ones exactly once, the rest at most once, read models converge`, async () => {
    const commandIds = Array.from({ length: COMMANDS }, () => randomUUID());
    const acked = new Map<string, string>();
    const refused = new Map<string, string>();
    let sent = 0;
    let restarted = false;
    const restart = (async () => {
      // Once a third of the load is in, cut every connection.
      await eventually(async () => sent, (n) => n >= COMMANDS / 3, 120_000);
      await server.restart();
      restarted = true;
    })();
    let next = 0;
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < COMMANDS) {
          const i = next++;
          const id = commandIds[i]!;
          sent++;
          const { status, body } = await register(id, i);
          if (status === 200 && body.data?.registerCase?.id && !body.errors?.length) acked.set(id, body.data.registerCase.id);
          else refused.set(id, `${status} ${body.errors?.map((e) => e.extensions?.code).join(',')}`);
        }
      }),
    );
    await restart;
    expect(restarted).toBe(true);
    process.stdout.write(`[proof] postgres restart: 1 fault injected under ${COMMANDS} commands: ${acked.size} acknowledged, ${refused.size} refused (${[...new Set(refused.values())].join(' | ')})\n`);

    // A lost store is SERVICE_UNAVAILABLE (retry with the same commandId), never a masked internal error.
    for (const reason of refused.values()) expect(reason, 'a refused command during the restart').toMatch(/^\d+ SERVICE_UNAVAILABLE$/);

    // Straight from the store, on a fresh connection.
    const client = new pg.Client({ connectionString: server.url });
    await client.connect();
    try {
      const store = storeProbe({ query: (text: string, params?: unknown[]) => client.query(text, params) as never });
      const byCommand = await store.eventsByCommand(commandIds);
      for (const id of acked.keys()) expect(byCommand.get(id), `acknowledged command ${id}`).toBe(1);
      for (const id of refused.keys()) expect([undefined, 1], `unacknowledged command ${id}`).toContain(byCommand.get(id));

      // A refused command retried with its commandId: there once, whatever the first try did.
      for (const id of refused.keys()) {
        const again = await eventually(() => register(id, -1), (r) => r.status === 200 && Boolean(r.body.data?.registerCase), 30_000);
        acked.set(id, again.body.data!.registerCase!.id);
      }
      const after = await store.eventsByCommand(commandIds);
      expect([...after.values()].every((n) => n === 1)).toBe(true);
      expect(after.size).toBe(COMMANDS);
    } finally {
      await client.end();
    }

    // The read model (the officer's case list) converges to the events: every case, once.
    const listAll = async () => {
      const ids: string[] = [];
      let after: string | null = null;
      for (;;) {
        const res: GraphQLResult<{ cases: { edges: { node: { id: string } }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } }> = await gw.gql<{ cases: { edges: { node: { id: string } }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } }>(
          'query($after: String) { cases(first: 100, after: $after) { edges { node { id } } pageInfo { hasNextPage endCursor } } }',
          { after },
          officer,
        );
        if (!res.data) return ids;
        ids.push(...res.data.cases.edges.map((e) => e.node.id));
        if (!res.data.cases.pageInfo.hasNextPage) return ids;
        after = res.data.cases.pageInfo.endCursor;
      }
    };
    const listed = await eventually(listAll, (ids) => ids.length >= COMMANDS, 60_000);
    expect(new Set(listed).size).toBe(listed.length);
    expect(new Set(listed)).toEqual(new Set(acked.values()));
  }, 300_000);
});
