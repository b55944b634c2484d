import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmbeddedGateway, type TestGateway } from '../support/embeddedGateway.ts';
import { eventually } from '../support/eventually.ts';
import { createTransferOperations, type TransferOperations } from '../support/transferOperations.ts';

/**
 * The demo seed (`pnpm start` without XIANJIE_SEED) tells the transfer stories of
 * services/gateway/src/seed/demoTransfers.ts with their business times days before the seed: the
 * police inbox holds the criminal transfers, the commission sees the medical-insurance decision
 * overdue, and the health transfer is closed with its penalty fed back.
 */
describe('the demo seed’s transfer stories (embedded, PGlite)', () => {
  let gw: TestGateway;
  let ops: TransferOperations;
  const t: Record<string, string> = {};

  beforeAll(async () => {
    gw = await startEmbeddedGateway({}); // XIANJIE_SEED unset: embedded mode seeds the demo
    ops = createTransferOperations(gw.gql);
    for (const user of ['u-police-650100-officer', 'u-amr-650100-officer', 'u-mi-650100-officer', 'u-mi-650100-supervisor', 'u-cdi-650000-overseer', 'u-cdi-650100-supervisor']) {
      t[user.replace(/^u-/, '')] = await gw.tokenFor(user);
    }
  }, 120_000);
  afterAll(async () => gw?.close());

  it('the police inbox holds the two criminal transfers, both accepted (one after reconsideration)', async () => {
    const inbox = await eventually(
      () => ops.list(t['police-650100-officer']!, { direction: 'INCOMING', kind: 'CRIMINAL' }, 'id kind status reason fromAgency { id }'),
      (list) => list.length >= 2 && list.every((x) => x.status === 'ACCEPTED'),
    );
    expect(inbox).toHaveLength(2);
    expect(inbox.every((x) => x.fromAgency.id === 'amr-650100')).toBe(true);
    expect(inbox.map((x) => x.reason).join()).toMatch(/妨害药品管理罪/);
    const reconsidered = inbox.find((x) => x.reason.includes('销售假药'))!;
    const view = await ops.transfer(reconsidered.id, t['police-650100-officer']!);
    expect(view).toMatchObject({ kind: 'CRIMINAL', reconsideration: { decision: { accepted: true } } });
    expect(view!.materials).toHaveLength(4);
  });

  it('the compounding transfer sent its seized property with the notice to the party; the police recorded its receipt', async () => {
    const inbox = await eventually(
      () => ops.list(t['police-650100-officer']!, { direction: 'INCOMING', kind: 'CRIMINAL' }, 'id status reason'),
      (list) => list.some((x) => x.reason.includes('无证配制') && x.status === 'ACCEPTED'),
    );
    const id = inbox.find((x) => x.reason.includes('无证配制'))!.id;
    const fields = 'id seizedProperty approverCapacity caseTeam { userId } propertyHandOver { inventory } partyNotice { method } acceptance { propertyReceivedAt }';
    const view = await ops.transfer(id, t['police-650100-officer']!, undefined, fields);
    expect(view).toMatchObject({ seizedProperty: true, approverCapacity: 'HEAD', partyNotice: { method: 'IN_PERSON' } });
    expect((view!.propertyHandOver as { inventory: string }).inventory).toMatch(/制剂 1,260 瓶/);
    expect((view!.caseTeam as unknown[]).length).toBe(2);
    expect((view!.acceptance as { propertyReceivedAt: string | null }).propertyReceivedAt).not.toBeNull();
  });

  it('the 医保 fraud transfer awaits its acting head, the test report and the items list absent with reasons', async () => {
    const outbox = await eventually(
      () => ops.list(t['mi-650100-officer']!, { direction: 'OUTGOING', kind: 'CRIMINAL' }, 'id status'),
      (list) => list.some((x) => x.status === 'PROPOSED'),
    );
    const id = outbox.find((x) => x.status === 'PROPOSED')!.id;
    const view = await ops.transfer(id, t['mi-650100-supervisor']!, undefined, 'id status absentMaterials { kind reason } seizedProperty');
    expect(view).toMatchObject({ status: 'PROPOSED', seizedProperty: false });
    expect((view!.absentMaterials as { kind: string }[]).map((m) => m.kind).sort()).toEqual(['SEIZED_ITEMS_LIST', 'TEST_REPORT']);
    const me = await gw.gql<{ me: { capacity: string } }>('{ me { capacity } }', {}, t['mi-650100-supervisor']!);
    expect(me.data!.me.capacity).toBe('ACTING_HEAD');
  });

  it('the regional commission’s overseer sees the medical-insurance decision overdue, without the materials', async () => {
    const items = await eventually(
      () => ops.overdue(t['cdi-650000-overseer']!, new Date().toISOString()),
      (list) => list.some((i) => i.step === 'decide' && i.agency.id === 'mi-650100'),
    );
    const mi = items.find((i) => i.step === 'decide' && i.agency.id === 'mi-650100')!;
    expect(mi).toMatchObject({ party: 'RECEIVER', transfer: { kind: 'ADMINISTRATIVE', status: 'RECEIVED', materials: [] } });
    expect(Date.parse(mi.dueAt)).toBeLessThan(Date.now());
    // The medical-insurance office finds it in its inbox as overdue as well.
    const overdue = await ops.list(t['mi-650100-officer']!, { direction: 'INCOMING', overdueAsOf: new Date().toISOString() });
    expect(overdue.map((x) => x.id)).toContain(mi.transfer.id);
  });

  it('the disinfection-product transfer to health is CLOSED with the result PENALIZED', async () => {
    const outbox = await eventually(
      () => ops.list(t['amr-650100-officer']!, { direction: 'OUTGOING', kind: 'ADMINISTRATIVE' }, 'id status toAgency { id }'),
      (list) => list.some((x) => x.toAgency.id === 'health-650100' && x.status === 'CLOSED'),
    );
    const health = outbox.find((x) => x.toAgency.id === 'health-650100')!;
    const view = await ops.transfer(health.id, t['amr-650100-officer']!);
    expect(view).toMatchObject({
      status: 'CLOSED',
      toAgency: { id: 'health-650100' },
      acceptance: { documentNumber: '乌卫监受〔2026〕19号' },
      result: { outcome: 'PENALIZED' },
    });
    expect((view!.result as { result: string }).result).toMatch(/乌卫医罚/);
  });

  it('the clue to the city commission is under preliminary verification', async () => {
    const inbox = await eventually(
      () => ops.list(t['cdi-650100-supervisor']!, { direction: 'INCOMING', kind: 'DISCIPLINARY' }, 'id status'),
      (list) => list.length === 1,
    );
    const view = await ops.transfer(inbox[0]!.id, t['cdi-650100-supervisor']!);
    expect(view).toMatchObject({ status: 'ACCEPTED', official: { name: '王某' }, dispositions: [{ disposition: 'PRELIMINARY_VERIFICATION' }] });
  });
});
