import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient, type Client } from 'graphql-sse';
import { startEmbeddedGateway, type TestGateway } from '../support/embeddedGateway.ts';
import { administrativeMaterials, createTransferOperations, criminalMaterials, type TransferOperations } from '../support/transferOperations.ts';

/**
 * Live updates over Server-Sent Events (issue 15, decision 0018): a stock GraphQL-over-SSE client
 * (`graphql-sse`, distinct connections mode, graphql-yoga's native transport) subscribed as the
 * police sees a transfer arrive in its inbox without a reload, and the head's reminder arrive in
 * the notification centre; a client that reconnects with `since` gets what was sent meanwhile.
 */

/** The next `count` results of a subscription, or the error. */
const take = <T>(client: Client, query: string, variables: Record<string, unknown>, count: number, timeoutMs = 20_000) => {
  const results: T[] = [];
  let cancel = () => {};
  const done = new Promise<T[]>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`only ${results.length} of ${count} results in ${timeoutMs} ms`)), timeoutMs);
    cancel = client.subscribe<T>(
      { query, variables },
      {
        next: (value) => {
          if (value.errors) reject(new Error(JSON.stringify(value.errors)));
          results.push(value.data as T);
          if (results.length >= count) {
            clearTimeout(timer);
            resolve(results);
          }
        },
        error: (err) => reject(err instanceof Error ? err : new Error(JSON.stringify(err))),
        complete: () => undefined,
      },
    );
  });
  return { done: done.finally(() => cancel()), cancel: () => cancel() };
};

describe('live updates through GraphQL subscriptions over SSE (embedded)', () => {
  let gw: TestGateway;
  let ops: TransferOperations;
  const t: Record<string, string> = {};
  const clientFor = (token: string) => createClient({ url: `${gw.url}/graphql`, headers: { authorization: `Bearer ${token}` }, retryAttempts: 0 });

  beforeAll(async () => {
    gw = await startEmbeddedGateway({ XIANJIE_SEED: 'none' });
    ops = createTransferOperations(gw.gql);
    for (const user of ['u-amr-650100-officer', 'u-amr-650100-supervisor', 'u-police-650100-officer']) t[user.replace(/^u-/, '')] = await gw.tokenFor(user);
  }, 60_000);
  afterAll(async () => gw?.close());

  it('the police see a new transfer appear in their inbox, and the head their reminder, without a reload; since resumes', async () => {
    const police = clientFor(t['police-650100-officer']!);
    const inbox = take<{ incomingTransferAdded: { id: string; status: string; kind: string } }>(
      police,
      'subscription { incomingTransferAdded { id status kind } }',
      {},
      1,
    );
    const head = t['amr-650100-supervisor']!;
    const headClient = clientFor(head);
    const startedAt = new Date().toISOString();
    const live = take<{ notificationAdded: { id: string; stage: string; sentAt: string; transferId: string } }>(
      headClient,
      'subscription { notificationAdded { id stage sentAt transferId } }',
      {},
      1,
    );
    await new Promise((r) => setTimeout(r, 1_500)); // both subscribed (their first poll done)

    const c = await ops.registerCase(
      t['amr-650100-officer']!,
      { subject: { kind: 'ORGANIZATION', name: '乌鲁木齐天山康宁医院', creditCode: '12650100MB1234567P' }, source: 'INSPECTION', summary: '实时推送测试', violations: ['UNLICENSED_COMPOUNDING'] },
      head,
    );
    const sent = await ops.send({
      caseId: c.id,
      kind: 'CRIMINAL',
      toAgencyId: 'police-650100',
      reason: '实时推送测试',
      materials: criminalMaterials,
      officer: t['amr-650100-officer']!,
      supervisor: head,
      receiverToken: t['police-650100-officer']!,
    });
    const [arrived] = await inbox.done;
    expect(arrived!.incomingTransferAdded).toMatchObject({ id: sent.id, kind: 'CRIMINAL' });

    // A second proposal waits for the head; its reminders fire (as of a later time) and reach the head live.
    const proposed = await ops.run(
      'proposeTransfer',
      { caseId: c.id, kind: 'ADMINISTRATIVE', toAgencyId: 'health-650100', reason: '实时推送测试', materials: administrativeMaterials },
      t['amr-650100-officer']!,
    );
    expect(proposed.id).toBeTruthy();
    const reminders = gw.platform.services['discipline-inspection'].instance.reminders;
    await reminders.derivationProjector.catchUp();
    expect(await reminders.runDue('2099-01-01T00:00:00Z')).toBeGreaterThan(0);
    const [notified] = await live.done;
    expect(notified!.notificationAdded.stage).toMatch(/AHEAD|DUE|ESCALATE/);

    // Reconnect with since: what was sent after it comes again, nothing lost.
    const resumed = await take<{ notificationAdded: { id: string } }>(
      clientFor(head),
      'subscription($since: DateTime) { notificationAdded(since: $since) { id } }',
      { since: startedAt },
      1,
    ).done;
    expect(resumed.map((r) => r.notificationAdded.id)).toContain(notified!.notificationAdded.id);
    police.dispose();
    headClient.dispose();
  }, 120_000);
});
