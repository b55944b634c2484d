import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mintDevToken } from '@xianjie/auth';
import { startEmbeddedGateway, type TestGateway } from '../support/embeddedGateway.ts';
import { eventually } from '../support/eventually.ts';
import {
  createTransferOperations,
  criminalMaterials,
  shift,
  type GqlResult,
  type TransferOperations,
  type TransferView,
} from '../support/transferOperations.ts';

/**
 * What the transfer API refuses and who sees what (DESIGN §4 errors, §6 access), through GraphQL
 * over HTTP in embedded mode: every refusal carries its `extensions.code` and appends nothing to
 * either stream; a retried commandId appends nothing; a transfer and its materials are the two
 * parties' only, and the commission's overseers see its overdue steps without the details.
 */
describe('transfer refusals and access (embedded, PGlite)', () => {
  let gw: TestGateway;
  let ops: TransferOperations;
  const t: Record<string, string> = {};

  beforeAll(async () => {
    gw = await startEmbeddedGateway({ XIANJIE_SEED: 'none' });
    ops = createTransferOperations(gw.gql);
    for (const user of [
      'u-amr-650100-officer',
      'u-amr-650100-supervisor',
      'u-amr-650000-officer',
      'u-amr-650000-supervisor',
      'u-police-650100-officer',
      'u-police-650100-supervisor',
      'u-health-650100-officer',
      'u-health-650100-supervisor',
      'u-cdi-650000-overseer',
      'u-cdi-650100-overseer',
    ]) {
      t[user.replace(/^u-/, '')] = await gw.tokenFor(user);
    }
    // No demo user belongs to a commission outside 650100's line (乌鲁木齐 ⊂ 新疆): a token may name
    // any agency of the directory (DESIGN §6), so 克拉玛依市纪委监委 gets an overseer of its own.
    t['cdi-650200-overseer'] = await mintDevToken({
      secret: gw.platform.devSecret!,
      userId: 'u-cdi-650200-overseer',
      name: '克拉玛依监督检查室干部',
      agencyId: 'cdi-650200',
      roles: ['overseer'],
    });
  }, 60_000);
  afterAll(async () => gw?.close());

  const amrOfficer = () => t['amr-650100-officer']!;
  const amrSupervisor = () => t['amr-650100-supervisor']!;
  const policeOfficer = () => t['police-650100-officer']!;
  const policeSupervisor = () => t['police-650100-supervisor']!;

  let caseSeq = 0;
  const registerAmrCase = () =>
    ops.registerCase(
      amrOfficer(),
      {
        subject: { kind: 'ORGANIZATION', name: '乌鲁木齐天山康宁医院', creditCode: '12650100MB1234567P' },
        source: 'INSPECTION',
        summary: `移送规则测试 ${++caseSeq}`,
        violations: ['UNLICENSED_COMPOUNDING', 'UNAPPROVED_PREPARATION'],
        amountInvolvedFen: 8_600_000,
      },
      amrSupervisor(),
    );

  const proposeCriminal = async (caseId: string, extra: Record<string, unknown> = {}) =>
    ops.run(
      'proposeTransfer',
      { caseId, kind: 'CRIMINAL', toAgencyId: 'police-650100', reason: '涉嫌妨害药品管理罪', materials: criminalMaterials, ...extra },
      amrOfficer(),
    );

  /** A CRIMINAL transfer sent to police and, with `receive`, signed for. */
  const criminalTransfer = async (receive: boolean): Promise<TransferView> => {
    const c = await registerAmrCase();
    const sent = await ops.send({
      caseId: c.id,
      kind: 'CRIMINAL',
      toAgencyId: 'police-650100',
      reason: '涉嫌妨害药品管理罪',
      materials: criminalMaterials,
      officer: amrOfficer(),
      supervisor: amrSupervisor(),
      receiverToken: policeOfficer(),
    });
    return receive ? ops.act('receiveTransfer', { transferId: sent.id }, policeOfficer()) : sent;
  };

  /** Both streams' lengths as stored (a test's view: overseers do not read transfer trails, issue #12 hole 7). */
  const storedLengths = async (transfer: { streamId: string; id: string }) => ({
    sender: await gw.platform.store.streamVersion(transfer.streamId),
    receiver: await gw.platform.store.streamVersion(`transfer-in-${transfer.id}`),
  });

  /** Both streams' lengths before and after `attempt`: a refusal must leave both as they were. */
  const refusedWithoutAppending = async (transfer: TransferView, attempt: () => Promise<GqlResult<unknown>>, code: string) => {
    const before = await storedLengths(transfer);
    const res = await attempt();
    expect(res.errors?.[0]?.extensions?.code, JSON.stringify(res.errors)).toBe(code);
    expect(res.data ?? null).toBeNull();
    expect(await storedLengths(transfer)).toEqual(before);
    return res.errors![0]!;
  };

  describe('refusals carry their code and append nothing', () => {
    it("wrong party: another agency's supervisor gets NOT_FOUND (not disclosed); the receiver cannot run the sender's steps (FORBIDDEN)", async () => {
      const c = await registerAmrCase();
      const proposed = await proposeCriminal(c.id);
      await refusedWithoutAppending(
        proposed,
        () => ops.attempt('approveTransfer', { transferId: proposed.id }, t['amr-650000-supervisor']!),
        'NOT_FOUND',
      );
      const err = await refusedWithoutAppending(proposed, () => ops.attempt('approveTransfer', { transferId: proposed.id }, policeSupervisor()), 'FORBIDDEN');
      expect(err.message).toMatch(/amr-650100/);
    });

    it("wrong party: a third agency cannot run the receiver's steps (NOT_FOUND: a transfer exists only for its parties)", async () => {
      const received = await criminalTransfer(true);
      await refusedWithoutAppending(
        received,
        () =>
          ops.attempt(
            'declineTransfer',
            { transferId: received.id, reasonCategory: 'OTHER', reason: '非本机关' },
            t['health-650100-supervisor']!,
          ),
        'NOT_FOUND',
      );
      // The sender cannot decide for the receiver either.
      await refusedWithoutAppending(
        received,
        () => ops.attempt('acceptTransfer', { transferId: received.id }, amrSupervisor()),
        'FORBIDDEN',
      );
    });

    it('a third agency cannot sign for a transfer sent to another: its existence is not disclosed (NOT_FOUND)', async () => {
      const sent = await criminalTransfer(false);
      // The health service has no incoming transfer of that id: the same answer as for an unknown id.
      await refusedWithoutAppending(sent, () => ops.attempt('receiveTransfer', { transferId: sent.id }, t['health-650100-officer']!), 'NOT_FOUND');
    });

    it('an officer cannot approve, accept or decline: those are the supervisor’s (FORBIDDEN)', async () => {
      const c = await registerAmrCase();
      const proposed = await proposeCriminal(c.id);
      const err = await refusedWithoutAppending(proposed, () => ops.attempt('approveTransfer', { transferId: proposed.id }, amrOfficer()), 'FORBIDDEN');
      expect(err.message).toMatch(/supervisor/);

      const received = await criminalTransfer(true);
      await refusedWithoutAppending(received, () => ops.attempt('acceptTransfer', { transferId: received.id }, policeOfficer()), 'FORBIDDEN');
      await refusedWithoutAppending(
        received,
        () => ops.attempt('declineTransfer', { transferId: received.id, reasonCategory: 'OTHER', reason: '不予立案' }, policeOfficer()),
        'FORBIDDEN',
      );
    });

    it('a step not allowed now is an INVALID_TRANSITION saying why', async () => {
      const sent = await criminalTransfer(false);
      const handOver = await refusedWithoutAppending(
        sent,
        () => ops.attempt('handOverMaterials', { transferId: sent.id, materials: [{ kind: 'SEIZED_ITEMS_LIST', title: '清单' }] }, amrOfficer()),
        'INVALID_TRANSITION',
      );
      expect(handOver.extensions).toMatchObject({ command: 'handOverMaterials', state: 'SENT' });
      expect(String(handOver.extensions!.reason)).toMatch(/accepted/);
      const close = await refusedWithoutAppending(sent, () => ops.attempt('closeTransfer', { transferId: sent.id }, amrOfficer()), 'INVALID_TRANSITION');
      expect(String(close.extensions!.reason)).toMatch(/一转了之/);
      const approveAgain = await refusedWithoutAppending(sent, () => ops.attempt('approveTransfer', { transferId: sent.id }, amrSupervisor()), 'INVALID_TRANSITION');
      expect(approveAgain.extensions).toMatchObject({ command: 'approveTransfer', state: 'SENT' });

      // In the police inbox but not signed for: the receipt comes first (not a NOT_FOUND).
      const early = await refusedWithoutAppending(sent, () => ops.attempt('acceptTransfer', { transferId: sent.id }, policeSupervisor()), 'INVALID_TRANSITION');
      expect(early.extensions).toMatchObject({ command: 'acceptTransfer', state: 'SENT' });
      expect(String(early.extensions!.reason)).toMatch(/receiveTransfer/);

      const received = await criminalTransfer(true);
      const result = await refusedWithoutAppending(
        received,
        () => ops.attempt('recordTransferResult', { transferId: received.id, outcome: 'PROSECUTED', result: '已起诉' }, policeOfficer()),
        'INVALID_TRANSITION',
      );
      expect(result.extensions).toMatchObject({ command: 'recordTransferResult', state: 'RECEIVED' });
      const reconsider = await refusedWithoutAppending(
        received,
        () => ops.attempt('requestReconsideration', { transferId: received.id, reason: '请求复议' }, amrSupervisor()),
        'INVALID_TRANSITION',
      );
      expect(String(reconsider.extensions!.reason)).toMatch(/after a decline/);
    });

    it('a decline without its reason names the field (BAD_USER_INPUT); one without a category is recorded as OTHER', async () => {
      const received = await criminalTransfer(true);
      const noReason = await refusedWithoutAppending(
        received,
        () => ops.attempt('declineTransfer', { transferId: received.id, reasonCategory: 'NO_OFFENCE' }, policeSupervisor()),
        'BAD_USER_INPUT',
      );
      expect(noReason.extensions!.field).toBe('input.reason');
      const blankReason = await refusedWithoutAppending(
        received,
        () => ops.attempt('declineTransfer', { transferId: received.id, reasonCategory: 'NO_OFFENCE', reason: '   ' }, policeSupervisor()),
        'BAD_USER_INPUT',
      );
      expect(blankReason.extensions!.field).toBe('input.reason');
      // DESIGN §4's TransferStepInput carries the reason only: a decline without a category is OTHER.
      const declined = await ops.act('declineTransfer', { transferId: received.id, reason: '不构成犯罪' }, policeSupervisor());
      expect(declined).toMatchObject({ status: 'DECLINED', decline: { reasonCategory: 'OTHER', reason: '不构成犯罪' } });
      // A refusal of approval records its reason too (Decree art. 5).
      const c = await registerAmrCase();
      const proposed = await proposeCriminal(c.id);
      const refuse = await refusedWithoutAppending(proposed, () => ops.attempt('refuseTransfer', { transferId: proposed.id }, amrSupervisor()), 'BAD_USER_INPUT');
      expect(refuse.extensions!.field).toBe('input.reason');
    });

    it('proposeTransfer takes expectedVersion (DESIGN §4): 0 creates the transfer, any other is a CONFLICT', async () => {
      const c = await registerAmrCase();
      const stale = await ops.attempt(
        'proposeTransfer',
        { caseId: c.id, kind: 'CRIMINAL', toAgencyId: 'police-650100', reason: '涉嫌妨害药品管理罪', materials: criminalMaterials, expectedVersion: 1 },
        amrOfficer(),
      );
      expect(stale.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', expectedVersion: 1, actualVersion: 0 });
      expect((await ops.caseWithTransfers(c.id, amrOfficer()))!.transfers).toEqual([]);
      expect(await proposeCriminal(c.id, { expectedVersion: 0 })).toMatchObject({ status: 'PROPOSED', version: 1 });
    });

    it('a CRIMINAL proposal without a required material names the field and the missing kinds (BAD_USER_INPUT)', async () => {
      const c = await registerAmrCase();
      const caseTrail = async () => (await ops.auditTrail(c.streamId, amrOfficer()))!.events.length;
      const before = await caseTrail();
      const res = await ops.attempt(
        'proposeTransfer',
        {
          caseId: c.id,
          kind: 'CRIMINAL',
          toAgencyId: 'police-650100',
          reason: '涉嫌妨害药品管理罪',
          materials: criminalMaterials.filter((m) => m.kind !== 'TEST_REPORT' && m.kind !== 'SEIZED_ITEMS_LIST'),
        },
        amrOfficer(),
      );
      expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.materials' });
      expect(res.errors![0]!.message).toMatch(/SEIZED_ITEMS_LIST/);
      expect(res.errors![0]!.message).toMatch(/TEST_REPORT/);
      expect(res.errors![0]!.message).toMatch(/第六条/);
      // Nothing proposed: no transfer on the case, nothing in the outbox.
      expect(await caseTrail()).toBe(before);
      expect((await ops.caseWithTransfers(c.id, amrOfficer()))!.transfers).toEqual([]);
      expect((await ops.list(amrOfficer(), { direction: 'OUTGOING' })).filter((x) => x.caseId === c.id)).toEqual([]);
    });

    it('a stale expectedVersion is a CONFLICT reporting the actual version', async () => {
      const c = await registerAmrCase();
      const proposed = await proposeCriminal(c.id);
      const err = await refusedWithoutAppending(
        proposed,
        () => ops.attempt('approveTransfer', { transferId: proposed.id, expectedVersion: 0 }, amrSupervisor()),
        'CONFLICT',
      );
      expect(err.extensions).toMatchObject({ streamId: proposed.streamId, expectedVersion: 0, actualVersion: 1 });

      const received = await criminalTransfer(true);
      // The receiver's version is its own stream's (1: the receipt), not the sender's.
      expect(received.version).toBe(1);
      const stale = await refusedWithoutAppending(
        received,
        () => ops.attempt('acceptTransfer', { transferId: received.id, expectedVersion: 2 }, policeSupervisor()),
        'CONFLICT',
      );
      expect(stale.extensions).toMatchObject({ streamId: `transfer-in-${received.id}`, expectedVersion: 2, actualVersion: 1 });
      const ok = await ops.run('acceptTransfer', { transferId: received.id, expectedVersion: 1 }, policeSupervisor());
      expect(ok).toMatchObject({ status: 'ACCEPTED', version: 2 });
    });

    it('a retried commandId appends nothing and answers as the first time', async () => {
      const c = await registerAmrCase();
      const input = { caseId: c.id, kind: 'CRIMINAL', toAgencyId: 'police-650100', reason: '重试测试', materials: criminalMaterials, commandId: `propose-retry-${c.id}` };
      const first = await ops.run('proposeTransfer', input, amrOfficer());
      const again = await ops.run('proposeTransfer', input, amrOfficer());
      expect(again).toMatchObject({ id: first.id, version: 1, status: 'PROPOSED' });
      expect(await storedLengths(first)).toEqual({ sender: 1, receiver: 0 });

      const approve = { transferId: first.id, commandId: `approve-retry-${first.id}` };
      await ops.run('approveTransfer', approve, amrSupervisor());
      const retried = await ops.run('approveTransfer', approve, amrSupervisor());
      expect(retried).toMatchObject({ id: first.id, status: 'SENT', version: 2 });
      expect(await storedLengths(first)).toEqual({ sender: 2, receiver: 0 });

      await ops.waitForListed(policeOfficer(), 'INCOMING', first.id);
      const receipt = { transferId: first.id, commandId: `receive-retry-${first.id}` };
      await ops.act('receiveTransfer', receipt, policeOfficer());
      const lengths = await storedLengths(first);
      expect(lengths).toEqual({ sender: 3, receiver: 1 });
      const retriedReceipt = await ops.run('receiveTransfer', receipt, policeOfficer());
      expect(retriedReceipt).toMatchObject({ status: 'RECEIVED', version: 1 });
      expect(await storedLengths(first)).toEqual(lengths);
    });
  });

  describe('who sees a transfer', () => {
    let sent: TransferView;
    beforeAll(async () => {
      sent = await criminalTransfer(false);
    });

    it('the two parties see it with its materials', async () => {
      for (const token of [amrOfficer(), policeOfficer()]) {
        const view = await ops.transfer(sent.id, token);
        expect(view).toMatchObject({ id: sent.id, status: 'SENT' });
        expect(view!.materials).toHaveLength(4);
      }
    });

    it('the parties read each other’s side of the audit trail; both chains verify', async () => {
      const received = await criminalTransfer(true);
      for (const token of [amrOfficer(), policeOfficer()]) {
        const out = await ops.auditTrail(received.streamId, token);
        const into = await ops.auditTrail(`transfer-in-${received.id}`, token);
        expect(out?.events.map((e) => e.type)).toEqual(['TransferProposed', 'TransferApproved', 'ReceiptNoted']);
        expect(into?.events.map((e) => e.type)).toEqual(['TransferReceiptSigned']);
        expect([out!.verification.valid, into!.verification.valid]).toEqual([true, true]);
      }
    });

    it('until it is sent the receiver does not see it: a proposal, and a refusal with its reason, stay with the sender', async () => {
      const c = await registerAmrCase();
      const proposed = await proposeCriminal(c.id);
      expect(await ops.transfer(proposed.id, policeOfficer())).toBeNull();
      const refused = await ops.run('refuseTransfer', { transferId: proposed.id, reason: '证据尚不充分，暂不移送' }, amrSupervisor());
      expect(refused).toMatchObject({ status: 'REFUSED', refusal: { reason: '证据尚不充分，暂不移送' } });
      expect(await ops.transfer(proposed.id, policeOfficer())).toBeNull();
      expect(await ops.transfer(proposed.id, policeOfficer(), new Date().toISOString())).toBeNull();
      const trail = await gw.gql('query($s: String!) { auditTrail(streamId: $s) { events { type } } }', { s: proposed.streamId }, policeOfficer());
      expect(trail.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
      expect((await ops.list(policeOfficer(), { direction: 'INCOMING' })).map((x) => x.id)).not.toContain(proposed.id);
      // The sender sees it as ever.
      expect(await ops.transfer(proposed.id, amrOfficer())).toMatchObject({ status: 'REFUSED', refusal: { reason: '证据尚不充分，暂不移送' } });
      // Sent, it is the receiver's too — as of the sending, not before.
      expect((await ops.transfer(sent.id, policeOfficer(), shift(sent.sentAt as string, -1)))).toBeNull();
      expect((await ops.transfer(sent.id, policeOfficer(), sent.sentAt as string))?.status).toBe('SENT');
    });

    it('a third agency sees nothing: transfer(id) is null, its inbox and outbox do not hold it', async () => {
      for (const user of ['health-650100-officer', 'amr-650000-officer']) {
        const token = t[user]!;
        expect(await ops.transfer(sent.id, token), user).toBeNull();
        expect(await ops.transfer(sent.id, token, new Date().toISOString()), user).toBeNull();
        for (const direction of ['INCOMING', 'OUTGOING']) {
          expect((await ops.list(token, { direction })).map((x) => x.id), `${user} ${direction}`).not.toContain(sent.id);
        }
        // Nor its audit trail: the parties only, as transfer(id); not found, as a stream that does not exist.
        const trail = await gw.gql('query($s: String!) { auditTrail(streamId: $s) { events { type } } }', { s: sent.streamId }, token);
        expect(trail.errors?.[0]?.extensions?.code, user).toBe('NOT_FOUND');
      }
    });

    it("the commission's overseer sees the overdue step in oversight without the materials, never the transfer itself", async () => {
      // The police have 24 hours to sign for a CRIMINAL transfer; two days on the step is overdue.
      const asOf = shift(sent.sentAt as string, 2 * 24 * 3600);
      const overseer = t['cdi-650000-overseer']!;
      // Oversight reads the services' read models: wait for them to catch up with the sending.
      const all = await eventually(() => ops.overdue(overseer, asOf), (list) => list.some((i) => i.transfer.id === sent.id));
      const items = all.filter((i) => i.transfer.id === sent.id);
      expect(items.map((i) => [i.step, i.party, i.agency.id])).toEqual([['signReceipt', 'RECEIVER', 'police-650100']]);
      expect(items[0]!.transfer).toMatchObject({
        id: sent.id,
        kind: 'CRIMINAL',
        fromAgency: { id: 'amr-650100' },
        toAgency: { id: 'police-650100' },
        materials: [],
        official: null,
        acceptance: null,
        decline: null,
        result: null,
      });
      // The city commission oversees its own city's agencies too.
      expect((await ops.overdue(t['cdi-650100-overseer']!, asOf)).map((i) => i.transfer.id)).toContain(sent.id);
      // Before its due time the step is not overdue.
      expect((await ops.overdue(overseer, sent.sentAt as string)).map((i) => i.transfer.id)).not.toContain(sent.id);
      // Oversight is no licence to read the transfer: only the parties do.
      expect(await ops.transfer(sent.id, overseer)).toBeNull();
      expect((await ops.list(overseer, { direction: 'INCOMING' })).map((x) => x.id)).not.toContain(sent.id);
    });

    it('a commission overseer of another region does not see it; a party officer is no overseer', async () => {
      const asOf = shift(sent.sentAt as string, 2 * 24 * 3600);
      // The same query shows it to the region's overseer (the read models have caught up).
      await eventually(() => ops.overdue(t['cdi-650000-overseer']!, asOf), (list) => list.some((i) => i.transfer.id === sent.id));
      expect((await ops.overdue(t['cdi-650200-overseer']!, asOf)).map((i) => i.transfer.id)).not.toContain(sent.id);
      const denied = await gw.gql('query($asOf: DateTime) { oversight { overdueTransfers(asOf: $asOf) { step } } }', { asOf }, amrOfficer());
      expect(denied.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    });
  });
});
