/**
 * Case 2 — command latency through the market-regulation command API over HTTP (express on
 * 127.0.0.1, a dev token verified per request): load the stream, decide, append, answer.
 * A mix: a few cases are registered and filed, then `recordEvidence` runs round-robin on them;
 * p50/p99 of recordEvidence (and p50 of registerCase), embedded (PGlite) and on PostgreSQL.
 */
import express from 'express';
import { pino } from 'pino';
import { demoDirectory } from '@xianjie/contracts';
import { createAccessRules, createTokenVerifier } from '@xianjie/auth';
import { createEventStore, type EventStore, type SqlClient } from '@xianjie/event-store';
import { createCommandApi, createMarketRegulationService } from '@xianjie/market-regulation';
import type { BenchEnv } from './benchEnv.ts';
import { percentile, sampleLatencies } from './measure.ts';
import { OFFICER, SUPERVISOR, listenLocal, pharmacy, postJson, tokenFor } from './platformParts.ts';

const SECRET = 'bench-secret-0123456789abcdef0123456789abcdef';
const CASES = 20;

export const commandCase = async (env: BenchEnv) => {
  await measureOn(env, 'pglite');
  await measureOn(env, 'postgres');
};

const measureOn = async (env: BenchEnv, kind: 'pglite' | 'postgres') => {
  const storeSchema = `bench_cmd_xianjie_${env.runId}`;
  const serviceSchema = `bench_cmd_mr_${env.runId}`;
  const { store, sql } = (await createEventStore(
    kind === 'pglite' ? { kind } : { kind, connectionString: env.databaseUrl, schema: storeSchema },
  )) as { store: EventStore; sql: SqlClient };
  const logger = pino({ level: 'silent' });
  const service = await createMarketRegulationService({
    store,
    sql,
    directory: demoDirectory,
    rules: createAccessRules((id) => demoDirectory.get(id)),
    logger,
    schema: serviceSchema,
  });
  await service.start();
  const app = express();
  app.use(createCommandApi({ cases: service.cases, verifier: createTokenVerifier({ mode: 'dev', secret: SECRET }), logger }));
  const server = await listenLocal(app);
  try {
    const [officer, supervisor] = await Promise.all([tokenFor(SECRET, OFFICER), tokenFor(SECRET, SUPERVISOR)]);
    const command = async (name: string, input: Record<string, unknown>, token: string) => {
      const started = performance.now();
      const { status, json } = await postJson(`${server.url}/commands/${name}`, input, token);
      const ms = performance.now() - started;
      if (status >= 300) throw new Error(`${name} answered ${status}: ${JSON.stringify(json)}`);
      return { ms, json };
    };
    env.progress(`command.${kind}: registerCase ×${CASES}, then recordEvidence round-robin (≤ 1000 samples or 8 s)`);
    const caseIds: string[] = [];
    const registered = await sampleLatencies(
      async (i) => {
        const { ms, json } = await command(
          'registerCase',
          { subject: pharmacy, source: 'COMPLAINT', summary: `超范围经营 #${i}`, violations: ['OUT_OF_SCOPE_TRADE'] },
          officer,
        );
        caseIds.push(String(json.caseId));
        return ms;
      },
      { count: CASES, budgetMs: 20_000, warmup: 5 },
    );
    for (const caseId of caseIds) await command('fileCase', { caseId }, supervisor);
    const evidence = await sampleLatencies(
      async (i) =>
        (await command('recordEvidence', { caseId: caseIds[Math.abs(i) % caseIds.length], kind: 'DOCUMENT', title: `购销记录 ${i}` }, officer)).ms,
      { count: 1000, budgetMs: 8_000, warmup: 50 },
    );
    const { results } = env;
    results.add({ name: `command.${kind}.registerCase.p50`, unit: 'ms', value: percentile(registered, 50) });
    results.add({ name: `command.${kind}.recordEvidence.p50`, unit: 'ms', value: percentile(evidence, 50) });
    results.add({ name: `command.${kind}.recordEvidence.p99`, unit: 'ms', value: percentile(evidence, 99) });
    env.progress(`command.${kind}: ${evidence.length} recordEvidence samples`);
  } finally {
    await server.close();
    await service.stop();
    if (kind === 'postgres') await sql.exec(`DROP SCHEMA IF EXISTS "${storeSchema}" CASCADE; DROP SCHEMA IF EXISTS "${serviceSchema}" CASCADE`);
    await store.close();
  }
};
