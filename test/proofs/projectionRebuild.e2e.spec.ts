import { spawn } from 'node:child_process';
import { createServer, type AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { announceSkip, dropSchema, resolvePostgres, uniqueSchema } from '@xianjie/testing';
import { serviceNames, serviceSchema } from '@xianjie/runtime';
import { startEmbeddedGateway } from '../support/embeddedGateway.ts';
import { eventually } from '../support/eventually.ts';

/**
 * Fault proof (issue 12): a projection killed mid-rebuild. The demo data projected once is the
 * clean read model; every projection's stored version is then changed (as a deploy with a new
 * read-model shape does, decision 0005), the embedded platform is started as its own process to
 * rebuild them and SIGKILLed as soon as the rebuild began, and started again: every read model
 * converges to the same rows as the clean build.
 */
const server = await resolvePostgres();
if (!server.available) announceSkip('projection killed mid-rebuild (test/proofs/projectionRebuild.e2e.spec.ts)', server.reason);

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const schemasOf = (prefix: string) => serviceNames.map((s) => serviceSchema(prefix, s));
/** Columns a rebuild may legitimately change (when it ran, not what it holds). */
const volatile = new Set(['updated_at', 'projected_at']);

/** Every read-model row of every service schema, ordered, checkpoint tables left out. */
const dumpReadModels = async (client: pg.Client, prefix: string): Promise<Record<string, string[]>> => {
  const tables = await client.query<{ table_schema: string; table_name: string }>(
    `SELECT table_schema, table_name FROM information_schema.tables
     WHERE table_schema = ANY($1) AND table_name NOT LIKE '%checkpoint%' AND table_name NOT IN ('inbox', 'processed_messages') ORDER BY 1, 2`,
    [schemasOf(prefix)],
  );
  const dump: Record<string, string[]> = {};
  for (const { table_schema, table_name } of tables.rows) {
    const rows = await client.query(`SELECT * FROM "${table_schema}"."${table_name}"`);
    dump[`${table_schema.slice(prefix.length)}.${table_name}`] = rows.rows
      .map((r) => JSON.stringify(Object.fromEntries(Object.entries(r).filter(([k]) => !volatile.has(k)).sort(([a], [b]) => a.localeCompare(b))), (_k, v: unknown) => (typeof v === 'bigint' ? String(v) : v)))
      .sort();
  }
  return dump;
};

describe.skipIf(!server.available)('fault: a projection killed mid-rebuild (embedded platform on PostgreSQL)', () => {
  const url = server.available ? server.url : '';
  const prefix = `${uniqueSchema('rebuild')}_`;
  afterAll(async () => {
    if (server.available) for (const schema of ['xianjie', ...schemasOf('')]) await dropSchema(url, `${prefix}${schema}`);
  });

  it('rebuilt after a SIGKILL mid-rebuild, every read model holds what a clean build holds', async () => {
    // 1. The clean build: the demo data, projected to the head.
    const gw = await startEmbeddedGateway({ XIANJIE_STORE: 'postgres', DATABASE_URL: url, XIANJIE_SEED: 'demo' }, { schemaPrefix: prefix });
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const settled = async () => JSON.stringify(await dumpReadModels(client, prefix));
      let clean = await settled();
      // Projections run behind the commands: wait until two dumps a while apart agree.
      clean = await eventually(
        async () => {
          await new Promise((r) => setTimeout(r, 1_500));
          const now = await settled();
          const same = now === clean;
          clean = now;
          return same;
        },
        (same) => same,
        60_000,
      ).then(() => clean);
      await gw.close();
      const rowsClean = Object.values(JSON.parse(clean) as Record<string, string[]>).reduce((n, rows) => n + rows.length, 0);
      expect(rowsClean).toBeGreaterThan(20);

      // 2. A new read-model version everywhere (decision 0005): the next start rebuilds from zero.
      const checkpointTables = (
        await client.query<{ table_schema: string }>(
          `SELECT table_schema FROM information_schema.tables WHERE table_schema = ANY($1) AND table_name = 'projection_checkpoints'`,
          [schemasOf(prefix)],
        )
      ).rows.map((r) => r.table_schema);
      expect(checkpointTables.length).toBeGreaterThan(0);
      for (const schema of checkpointTables) await client.query(`UPDATE "${schema}".projection_checkpoints SET version = version + 1000`);

      // 3. The platform as its own process rebuilds; SIGKILL as soon as a rebuild began.
      const port = await new Promise<number>((resolve) => {
        const probe = createServer().listen(0, '127.0.0.1', () => {
          const { port: free } = probe.address() as AddressInfo;
          probe.close(() => resolve(free));
        });
      });
      const child = spawn(process.execPath, [path.join(root, 'services/embedded/src/main.ts')], {
        env: { ...process.env, XIANJIE_MODE: 'embedded', XIANJIE_STORE: 'postgres', DATABASE_URL: url, XIANJIE_SCHEMA_PREFIX: prefix, XIANJIE_SEED: 'none', PORT: String(port), LOG_LEVEL: 'error' },
        stdio: ['ignore', 'ignore', 'pipe'],
      });
      let stderr = '';
      child.stderr!.on('data', (chunk: Buffer) => void (stderr += chunk.toString('utf8')));
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      const began = async () => {
        let reset = 0;
        for (const schema of checkpointTables) {
          reset += Number((await client.query(`SELECT count(*) AS n FROM "${schema}".projection_checkpoints WHERE version < 1000`)).rows[0].n);
        }
        return reset;
      };
      await eventually(
        async () => {
          if (child.exitCode !== null) throw new Error(`the embedded platform exited (${child.exitCode}): ${stderr}`);
          return began();
        },
        (n) => n > 0,
        60_000,
      );
      child.kill('SIGKILL');
      await exited;
      const midway = JSON.stringify(await dumpReadModels(client, prefix)) !== clean;
      process.stdout.write(`[proof] projection rebuild: 1 fault injected (SIGKILL ${midway ? 'mid-rebuild: the read models were partial' : 'after the rebuild had already finished'})\n`);

      // 4. Started again: the rebuild resumes or restarts, and converges to the clean build.
      const again = await startEmbeddedGateway({ XIANJIE_STORE: 'postgres', DATABASE_URL: url, XIANJIE_SEED: 'none' }, { schemaPrefix: prefix });
      try {
        const converged = await eventually(settled, (dump) => dump === clean, 60_000).catch(async () => settled());
        const after = JSON.parse(converged) as Record<string, string[]>;
        const before = JSON.parse(clean) as Record<string, string[]>;
        for (const table of Object.keys(before)) expect(after[table], `read model ${table}`).toEqual(before[table]);
        expect(Object.keys(after).sort()).toEqual(Object.keys(before).sort());
      } finally {
        await again.close();
      }
    } finally {
      await client.end();
    }
  }, 300_000);
});
