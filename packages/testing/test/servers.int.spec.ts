import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { announceSkip } from '../src/announceSkip.ts';
import { probeDocker } from '../src/dockerProbe.ts';
import { dropSchema, uniqueSchema } from '../src/schemaName.ts';
import { resolveEventStoreDb, resolveKafka, resolvePostgres } from '../src/servers.ts';

const saved = { ...process.env };
afterEach(() => {
  process.env = { ...saved };
});

describe('server resolution', () => {
  it('uses the environment variable first', async () => {
    process.env.DATABASE_URL = 'postgres://u@db:5432/x';
    process.env.EVENTSTORE_CONNECTION_STRING = 'esdb://es:2113?tls=false';
    process.env.KAFKA_BROKERS = 'k1:9092,k2:9092';
    expect(await resolvePostgres()).toMatchObject({
      available: true,
      url: 'postgres://u@db:5432/x',
      source: 'env',
    });
    expect(await resolveEventStoreDb()).toMatchObject({ available: true, source: 'env' });
    expect(await resolveKafka()).toMatchObject({ available: true, url: 'k1:9092,k2:9092' });
  });

  it('without the variable and without Docker, answers "unavailable" with a reason, quickly', async () => {
    delete process.env.KAFKA_BROKERS;
    process.env.DOCKER_HOST = 'unix:///nonexistent/docker.sock';
    const started = Date.now();
    const kafka = await resolveKafka();
    expect(kafka.available).toBe(false);
    expect(kafka).toMatchObject({ reason: expect.stringContaining('KAFKA_BROKERS is not set') });
    expect(Date.now() - started).toBeLessThan(1_500);
  });

  it('probes an unreachable tcp Docker host within the timeout', async () => {
    process.env.DOCKER_HOST = 'tcp://10.255.255.1:2375'; // unroutable: would hang without the timeout
    const started = Date.now();
    const probe = await probeDocker(300);
    expect(probe.available).toBe(false);
    expect(Date.now() - started).toBeLessThan(1_000);
  });
});

describe('schemas on a real PostgreSQL', async () => {
  const server = await resolvePostgres();
  if (!server.available) announceSkip('@xianjie/testing dropSchema on PostgreSQL', server.reason);
  it.skipIf(!server.available)('dropSchema removes a schema made for a test', async () => {
    if (!server.available) return;
    const schema = uniqueSchema('testing_pkg');
    const client = new pg.Client({ connectionString: server.url });
    await client.connect();
    try {
      await client.query(`CREATE SCHEMA ${schema}; CREATE TABLE ${schema}.t (id int)`);
      await dropSchema(server.url, schema);
      const { rows } = await client.query('SELECT 1 FROM pg_namespace WHERE nspname = $1', [schema]);
      expect(rows).toHaveLength(0);
      await dropSchema(server.url, schema); // idempotent
    } finally {
      await client.end();
    }
  });
});
