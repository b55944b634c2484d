import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { announceSkip, dropSchema, resolvePostgres, uniqueSchema } from '@xianjie/testing';
import { serviceNames, serviceSchema } from '@xianjie/runtime';
import { startEmbeddedGateway, type TestGateway } from '../support/embeddedGateway.ts';
import {
  createTransferOperations,
  criminalMaterials,
  errorCode,
  type TransferMutationName,
  type TransferOperations,
  type TransferView,
} from '../support/transferOperations.ts';
import { storeProbe, type StoreProbe } from './storeProbe.ts';

/**
 * Concurrency proof (issue 12): CALLERS callers race the same transfer step through GraphQL over
 * HTTP, each with its own commandId. Exactly one wins; every other gets CONFLICT (expected version)
 * or INVALID_TRANSITION (the step is done); the store holds the winner's events only, once; the
 * stream's chain verifies. Run on PGlite and on PostgreSQL.
 */
const CALLERS = 50;

const postgres = await resolvePostgres();
if (!postgres.available) announceSkip('concurrency proof on PostgreSQL (test/proofs/concurrency.e2e.spec.ts)', postgres.reason);

const stores = [
  { name: 'PGlite', available: true, env: {} as Record<string, string> },
  {
    name: 'PostgreSQL',
    available: postgres.available,
    env: postgres.available ? { XIANJIE_STORE: 'postgres', DATABASE_URL: postgres.url } : {},
  },
];

let raced = 0;

describe.each(stores)(`$name: ${CALLERS} callers racing one transfer step`, ({ name, available, env }) => {
  const prefix = `${uniqueSchema('race')}_`;
  let gw: TestGateway;
  let ops: TransferOperations;
  let probe: StoreProbe;
  const t: Record<string, string> = {};

  beforeAll(async () => {
    if (!available) return;
    gw = await startEmbeddedGateway({ XIANJIE_SEED: 'none', ...env }, { schemaPrefix: prefix });
    ops = createTransferOperations(gw.gql);
    // PGlite keeps the store in `xianjie` whatever the prefix (runtime openStorage).
    probe = storeProbe(gw.platform.sql, name === 'PostgreSQL' ? prefix : '');
    for (const user of ['u-amr-650100-officer', 'u-amr-650100-supervisor', 'u-police-650100-officer', 'u-cdi-650000-overseer']) {
      t[user] = await gw.tokenFor(user);
    }
  }, 120_000);
  afterAll(async () => {
    await gw?.close();
    if (available && name === 'PostgreSQL' && postgres.available) {
      for (const schema of ['xianjie', ...serviceNames.map((s) => serviceSchema('', s))]) await dropSchema(postgres.url, `${prefix}${schema}`);
    }
    if (name === 'PostgreSQL') process.stdout.write(`[proof] concurrency: ${raced} callers raced in all\n`);
  });

  const registerCase = () =>
    ops.registerCase(
      t['u-amr-650100-officer']!,
      {
        subject: { kind: 'ORGANIZATION', name: '乌鲁木齐并发测试药房有限公司', creditCode: '91650102MA7XJ0012E' },
        source: 'INSPECTION',
        summary: '并发签收测试',
        violations: ['UNLICENSED_COMPOUNDING'],
        amountInvolvedFen: 5_000_000,
      },
      t['u-amr-650100-supervisor']!,
    );

  /** Fires CALLERS copies of one step at once; returns the commandIds, the answers and the stream's growth. */
  const race = async (step: TransferMutationName, streamId: string, input: (i: number) => Record<string, unknown>, token: string) => {
    const commandIds = Array.from({ length: CALLERS }, () => randomUUID());
    const before = await probe.streamLength(streamId);
    const answers = await Promise.all(commandIds.map((commandId, i) => ops.attempt(step, { ...input(i), commandId }, token, 'id status version')));
    raced += CALLERS;
    const after = await probe.streamLength(streamId);
    return { commandIds, answers, grown: after - before };
  };

  type RaceOutcome = Awaited<ReturnType<typeof race>>;
  const assertOneWinner = async (outcome: RaceOutcome, streamId: string, partyToken: string) => {
    const winners = outcome.answers.filter((a) => a.data && !a.errors?.length);
    const losers = outcome.answers.filter((a) => !(a.data && !a.errors?.length));
    const losingCodes = new Set(losers.map((a) => errorCode(a)));
    expect(winners, `winners: ${JSON.stringify(winners)}`).toHaveLength(1);
    expect([...losingCodes].every((c) => c === 'CONFLICT' || c === 'INVALID_TRANSITION'), `losing codes ${JSON.stringify([...losingCodes])}`).toBe(true);
    // A loser carries no data of the transfer.
    for (const loser of losers) expect(loser.data ?? null).toBeNull();
    // The store: only the winner's command appended, exactly its events, once.
    const byCommand = await probe.eventsByCommand(outcome.commandIds);
    expect(byCommand.size, `commands with events: ${JSON.stringify([...byCommand])}`).toBe(1);
    expect([...byCommand.values()][0]).toBe(outcome.grown);
    expect(outcome.grown).toBeGreaterThan(0);
    // The chain verifies (read by a party: overseers read transfer trails only as transfer(id) allows, decision 0008).
    const trail = await ops.auditTrail(streamId, partyToken);
    expect(trail?.verification).toMatchObject({ valid: true, brokenAt: null });
    expect(new Set(trail!.events.map((e) => e.version)).size).toBe(trail!.events.length);
  };

  it.skipIf(!available)(`${CALLERS} supervisors' approvals with the same expectedVersion: one sends it, the rest CONFLICT/INVALID_TRANSITION`, async () => {
    const c = await registerCase();
    const proposed: TransferView = await ops.run(
      'proposeTransfer',
      { caseId: c.id, kind: 'CRIMINAL', toAgencyId: 'police-650100', reason: '涉嫌妨害药品管理罪', materials: criminalMaterials },
      t['u-amr-650100-officer']!,
    );
    const expectedVersion = proposed.senderVersion ?? proposed.version;
    const result = await race('approveTransfer', proposed.streamId, () => ({ transferId: proposed.id, expectedVersion }), t['u-amr-650100-supervisor']!);
    await assertOneWinner(result, proposed.streamId, t['u-amr-650100-supervisor']!);
  });

  it.skipIf(!available)(`${CALLERS} receipts (签收) without expectedVersion: one signs, the rest INVALID_TRANSITION/CONFLICT`, async () => {
    const c = await registerCase();
    const sent = await ops.send({
      caseId: c.id,
      kind: 'CRIMINAL',
      toAgencyId: 'police-650100',
      reason: '涉嫌妨害药品管理罪',
      materials: criminalMaterials,
      officer: t['u-amr-650100-officer']!,
      supervisor: t['u-amr-650100-supervisor']!,
      receiverToken: t['u-police-650100-officer']!,
    });
    const receiverStream = `transfer-in-${sent.id}`;
    const result = await race('receiveTransfer', receiverStream, () => ({ transferId: sent.id }), t['u-police-650100-officer']!);
    await assertOneWinner(result, receiverStream, t['u-police-650100-officer']!);
    // The sender's side notes the receipt once, whatever the race (the consumer is idempotent).
    const noted = await ops.waitForTransfer(sent.id, t['u-amr-650100-officer']!, (x) => x.status === 'RECEIVED', 'receipt noted by the sender');
    expect(noted.status).toBe('RECEIVED');
  });
});
