import { announceSkip, resolvePostgres, uniqueSchema } from '@xianjie/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { createPgClient, createPgliteClient } from '../src/sql/sqlClient.ts';
import type { SqlClient } from '../src/sql/sqlClient.ts';

const server = await resolvePostgres();
if (!server.available) announceSkip('SqlClient on PostgreSQL', server.reason);

const clients: Array<[string, () => Promise<SqlClient>]> = [['pglite', () => createPgliteClient()]];
if (server.available)
  clients.push(['postgres', async () => createPgClient({ connectionString: server.url, max: 2 })]);

describe.each(clients)('SqlClient on %s', (_name, open) => {
  let client: SqlClient;
  const schema = uniqueSchema('sqlclient');
  afterAll(async () => {
    await client.exec(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await client.close();
  });

  it('returns the same JS values on both adapters', async () => {
    client = await open();
    const { rows } = await client.query<Record<string, unknown>>(
      `SELECT count(*) AS n, 9007199254740993::int8 AS big, 7::int4 AS small, '{"a":[1,"x"]}'::jsonb AS doc,
              12.50::numeric AS amount, DATE '2024-03-01' AS day, TIMESTAMPTZ '2024-03-01T02:00:00Z' AS at, $1::text AS param`,
      ['参数'],
    );
    expect(rows[0]).toEqual({
      n: 1n,
      big: 9007199254740993n,
      small: 7,
      doc: { a: [1, 'x'] },
      amount: '12.50',
      day: '2024-03-01',
      at: new Date('2024-03-01T02:00:00Z'),
      param: '参数',
    });
  });

  it('commits a transaction, rolls back a failed one, and nests with savepoints', async () => {
    await client.exec(`CREATE SCHEMA ${schema}; CREATE TABLE ${schema}.t (id int PRIMARY KEY)`);
    await client.transaction(async (tx) => {
      await tx.query(`INSERT INTO ${schema}.t VALUES (1)`);
      await tx
        .transaction(async (inner) => {
          await inner.query(`INSERT INTO ${schema}.t VALUES (2)`);
          throw new Error('inner fails');
        })
        .catch(() => {});
      await tx.query(`INSERT INTO ${schema}.t VALUES (3)`);
    });
    await expect(
      client.transaction(async (tx) => {
        await tx.query(`INSERT INTO ${schema}.t VALUES (4)`);
        await tx.query(`INSERT INTO ${schema}.t VALUES (1)`); // duplicate key
      }),
    ).rejects.toMatchObject({ code: '23505' });
    const { rows } = await client.query<{ id: number }>(`SELECT id FROM ${schema}.t ORDER BY id`);
    expect(rows.map((r) => r.id)).toEqual([1, 3]);
  });
});
