import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashEvent } from '@xianjie/event-store';
import { idNumberCheckChar } from '@xianjie/contracts';
import { startEmbeddedGateway, type GraphQLResult, type TestGateway } from '../support/embeddedGateway.ts';
import { eventually } from '../support/eventually.ts';
import { registerCaseMutation } from '../support/caseOperations.ts';
import { createOperationOperations } from '../support/operationOperations.ts';

/**
 * Issue #12 holes 1 and 3 through the GraphQL gateway (embedded, PGlite, the demo seed): an audit
 * trail gives no hash that lets a reader confirm a guess of what is masked or hidden from them, and
 * an ID number shows only its first and last character. The chain is still verified for everyone.
 */
describe('audit trails and ID numbers give nothing to confirm a guess (embedded)', () => {
  let gw: TestGateway;
  const t: Record<string, string> = {};
  const idNumber = '650102198503122719';
  let streamId = '';
  let caseId = '';

  const data = <T>(res: GraphQLResult<T>): T => {
    if (res.errors?.length || !res.data) throw new Error(JSON.stringify(res.errors));
    return res.data;
  };
  type Trail = {
    events: { version: number; type: string; data: Record<string, unknown>; hash: string | null; prevHash: string | null }[];
    verification: { valid: boolean; checked: number; brokenAt: number | null };
  };
  const trailOf = async (stream: string, token: string) =>
    data(
      await gw.gql<{ auditTrail: Trail }>(
        'query($s: String!) { auditTrail(streamId: $s) { events { version type data hash prevHash } verification { valid checked brokenAt } } }',
        { s: stream },
        token,
      ),
    ).auditTrail;

  beforeAll(async () => {
    gw = await startEmbeddedGateway({}); // the demo seed: its joint operation hides groups' targets (四不两直)
    for (const user of ['u-amr-650100-officer', 'u-amr-650100-supervisor', 'u-cdi-650000-overseer', 'u-amr-650000-g2-deputy', 'u-amr-650000-office']) {
      t[user.replace(/^u-/, '')] = await gw.tokenFor(user);
    }
    const registered = data(
      await gw.gql<{ registerCase: { id: string; streamId: string } }>(
        registerCaseMutation,
        { input: { subject: { kind: 'PERSON', name: '张某', idNumber }, source: 'COMPLAINT', summary: '无证销售处方药', violations: ['COUNTERFEIT_DRUG'] } },
        t['amr-650100-officer'],
      ),
    ).registerCase;
    ({ id: caseId, streamId } = registered);
  }, 180_000);
  afterAll(async () => gw?.close());

  /** The attack: every valid number of the birth month the old mask left, hashed into the event as shown. */
  const guessesConfirmedBy = async (shown: Trail['events'][number]) => {
    const [stored] = await gw.platform.store.readStream(streamId);
    const confirmed: string[] = [];
    for (let day = 1; day <= 31; day++) {
      for (let seq = 0; seq < 1000; seq++) {
        const first17 = `6501021985${'03'}${String(day).padStart(2, '0')}${String(seq).padStart(3, '0')}`;
        const guess = first17 + idNumberCheckChar(first17);
        const data = { ...stored!.data, subject: { ...(stored!.data.subject as object), idNumber: guess } };
        // Generous to the attacker: the stored metadata is assumed known.
        if (shown.hash !== null && hashEvent({ ...stored!, data, prevHash: shown.prevHash }, stored!.hashAlgorithm as never) === shown.hash) {
          confirmed.push(guess);
        }
      }
    }
    return confirmed;
  };

  it('an overseer of another agency reading the case trail: the number masked, no hash to test guesses against (hole 1, 3)', async () => {
    const trail = await trailOf(streamId, t['cdi-650000-overseer']!);
    const registered = trail.events[0]!;
    expect(registered.data).toMatchObject({ subject: { idNumber: '6****************9' } });
    expect(registered).toMatchObject({ hash: null, prevHash: null });
    expect(await guessesConfirmedBy(registered)).toEqual([]);
    expect(trail.verification).toEqual({ valid: true, checked: 1, brokenAt: null });
    const shown = data(
      await gw.gql<{ case: { subject: { idNumberMasked: string } } }>('query($id: ID!) { case(id: $id) { subject { idNumberMasked } } }', { id: caseId }, t['cdi-650000-overseer']),
    ).case;
    expect(shown.subject.idNumberMasked).toBe('6****************9');
  });

  it('the owning agency’s officer (masked too) gets no hash; its supervisor handling the case gets the stored ones', async () => {
    expect((await trailOf(streamId, t['amr-650100-officer']!)).events[0]).toMatchObject({ hash: null });
    const full = await trailOf(streamId, t['amr-650100-supervisor']!);
    const [stored] = await gw.platform.store.readStream(streamId);
    expect(full.events[0]).toMatchObject({ hash: stored!.hash, prevHash: null });
    // The control: where the hash is shown, the same attack finds the number.
    expect(await guessesConfirmedBy(full.events[0]!)).toEqual([idNumber]);
  });

  it('a participant outside an inspection group gets no hash from the first event hiding its targets on (hole 1, 四不两直)', async () => {
    const ops = createOperationOperations(gw.gql);
    const listed = await eventually(
      () => ops.operations(t['cdi-650000-overseer']!),
      (list) => list.some((o) => o.title.includes('医疗机构制剂室')),
      30_000,
    );
    const operationStream = `operation-${listed.find((o) => o.title.includes('医疗机构制剂室'))!.id}`;
    const outsider = await trailOf(operationStream, t['amr-650000-g2-deputy']!);
    const stored = await gw.platform.store.readStream(operationStream);
    const firstHiding = outsider.events.find((e) => typeof e.data.hiddenTargets === 'number' && e.data.hiddenTargets > 0)!;
    expect(firstHiding).toBeDefined();
    expect(outsider.events.filter((e) => e.version >= firstHiding.version).every((e) => e.hash === null && e.prevHash === null)).toBe(true);
    // No stored hash of an event hiding targets, nor of any after it, is in the answer.
    const answer = JSON.stringify(outsider);
    for (const e of stored.filter((s) => s.version >= firstHiding.version)) expect(answer).not.toContain(e.hash);
    expect(outsider.verification).toMatchObject({ valid: true, checked: stored.length });
    // The office, which sees every target, gets every hash.
    const office = await trailOf(operationStream, t['amr-650000-office']!);
    expect(office.events.map((e) => e.hash)).toEqual(stored.map((e) => e.hash));
  });
});
