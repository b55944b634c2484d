import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmbeddedGateway, type TestGateway } from '../support/embeddedGateway.ts';
import { eventually } from '../support/eventually.ts';
import {
  createTransferOperations,
  criminalMaterials,
  deadlineOf,
  shift,
  type GqlResult,
  type TransferOperations,
  type TransferView,
} from '../support/transferOperations.ts';

/**
 * 立案监督 after a decline (DESIGN §3.2: "procuratorate asks police to explain; order to file |
 * police answer in 7 days; file in 15 days | 公安规定 art. 182"), through GraphQL on the pinned
 * business clock. The procuratorate is not on the platform: the police record its notices when they
 * receive them, each starting a clock on the police; the sender sees every fact on its own stream.
 *
 * Calendar days count from the day after the notice and end at 24:00 Beijing time; a last day that
 * is not a working day rolls over (《刑事诉讼法》第一百零五条) — the dates below end on working days.
 */
describe('procuratorate supervision (立案监督) after a decline (embedded, PGlite, test clock)', () => {
  let gw: TestGateway;
  let ops: TransferOperations;
  let clock = '2025-11-03T09:00:00+08:00';
  const t: Record<string, string> = {};

  beforeAll(async () => {
    gw = await startEmbeddedGateway({ XIANJIE_SEED: 'none' }, { now: () => clock });
    ops = createTransferOperations(gw.gql);
    for (const user of [
      'u-amr-650100-officer',
      'u-amr-650100-supervisor',
      'u-police-650100-officer',
      'u-police-650100-supervisor',
      'u-cdi-650000-overseer',
    ]) {
      t[user.replace(/^u-/, '')] = await gw.tokenFor(user);
    }
  }, 60_000);
  afterAll(async () => gw?.close());

  const amrOfficer = () => t['amr-650100-officer']!;
  const amrSupervisor = () => t['amr-650100-supervisor']!;
  const policeOfficer = () => t['police-650100-officer']!;
  const policeSupervisor = () => t['police-650100-supervisor']!;
  const overseer = () => t['cdi-650000-overseer']!;
  const ms = (iso: string) => Date.parse(iso);

  /** Both streams' lengths as stored (a test's view: overseers do not read transfer trails, issue #12 hole 7). */
  const storedLengths = async (transfer: { streamId: string; id: string }) => ({
    sender: await gw.platform.store.streamVersion(transfer.streamId),
    receiver: await gw.platform.store.streamVersion(`transfer-in-${transfer.id}`),
  });

  /** A refused step: its code, no data, and neither stream grew. */
  const refusedWithoutAppending = async (transfer: TransferView, attempt: () => Promise<GqlResult<unknown>>, code: string) => {
    const before = await storedLengths(transfer);
    const res = await attempt();
    expect(res.errors?.[0]?.extensions?.code, JSON.stringify(res.errors)).toBe(code);
    expect(res.data ?? null).toBeNull();
    expect(await storedLengths(transfer)).toEqual(before);
    return res.errors![0]!;
  };

  const statusAt = async (id: string, token: string, step: string, at: string) => deadlineOf(await ops.deadlines(id, token, at), step).status;
  /** The commission's overdue items of the transfer for the police's 立案监督 steps (the sender's hand-over runs on its own). */
  const oversightItems = async (id: string, at: string) =>
    (await ops.overdue(overseer(), at))
      .filter((i) => i.transfer.id === id && (i.step === 'explainNonFiling' || i.step === 'fileOnOrder'))
      .map((i) => ({ step: i.step, party: i.party, agency: i.agency.id, dueAt: ms(i.dueAt) }));
  const inboxOverdue = async (at: string) => (await ops.list(policeOfficer(), { direction: 'INCOMING', overdueAsOf: at })).map((x) => x.id);
  /** Both parties' read models (lists and oversight read them) show `status`. */
  const bothListed = async (id: string, status: string) => {
    await ops.waitForListed(policeOfficer(), 'INCOMING', id, (x) => x.status === status);
    await ops.waitForListed(amrOfficer(), 'OUTGOING', id, (x) => x.status === status);
  };

  it('inquiry → explanation in 7 days; filing order → filed in 15 days; the sender sees every fact', async () => {
    // ---- a 行刑 transfer declined, the decline upheld on reconsideration, supervision suggested
    const c = await ops.registerCase(
      amrOfficer(),
      {
        subject: { kind: 'ORGANIZATION', name: '乌鲁木齐天山康宁医院', creditCode: '12650100MB1234567P' },
        source: 'INSPECTION',
        summary: '医院制剂室无证配制药品（立案监督）',
        violations: ['UNLICENSED_COMPOUNDING', 'UNAPPROVED_PREPARATION'],
      },
      amrSupervisor(),
    );
    const sent = await ops.send({
      caseId: c.id,
      kind: 'CRIMINAL',
      toAgencyId: 'police-650100',
      reason: '涉嫌妨害药品管理罪',
      materials: criminalMaterials,
      officer: amrOfficer(),
      supervisor: amrSupervisor(),
      receiverToken: policeOfficer(),
      beforeApproval: () => void (clock = '2025-11-03T09:30:00+08:00'),
    });
    const id = sent.id;
    clock = '2025-11-03T11:00:00+08:00';
    await ops.act('receiveTransfer', { transferId: id }, policeOfficer());
    clock = '2025-11-04T10:00:00+08:00';
    const declined = await ops.act(
      'declineTransfer',
      { transferId: id, reasonCategory: 'INSUFFICIENT_EVIDENCE', reason: '现有证据不能证明主观明知' },
      policeSupervisor(),
    );
    expect(declined.status).toBe('DECLINED');

    // Before any inquiry the procuratorate's order to file is out of order (an inquiry itself may come
    // after the decline on the procuratorate's own motion: procuratorateFilingSupervision.e2e.spec.ts).
    await refusedWithoutAppending(
      declined,
      () => ops.attempt('recordProcuratorateFilingOrder', { transferId: id, documentNumber: '乌检侦监通立〔2025〕4号' }, policeOfficer()),
      'INVALID_TRANSITION',
    );

    clock = '2025-11-05T10:00:00+08:00';
    await ops.act('requestReconsideration', { transferId: id, reason: '进货单据显示其明知，请求复议' }, amrSupervisor());
    clock = '2025-11-06T10:00:00+08:00';
    await ops.act('decideReconsideration', { transferId: id, accept: false, reason: '复议维持不予立案决定' }, policeSupervisor());
    clock = '2025-11-07T10:00:00+08:00';
    const suggested = await ops.act(
      'suggestProcuratorateSupervision',
      { transferId: id, reason: '对复议决定仍有异议，建议检察院立案监督' },
      amrSupervisor(),
    );
    expect(suggested).toMatchObject({ status: 'SUPERVISION_SUGGESTED', supervision: { afterReconsideration: true } });

    // ---- refusals before the inquiry: out of order, wrong side, bad input
    await refusedWithoutAppending(
      suggested,
      () => ops.attempt('explainNonFiling', { transferId: id, explanation: '证据不足' }, policeSupervisor()),
      'INVALID_TRANSITION',
    );
    await refusedWithoutAppending(
      suggested,
      () => ops.attempt('recordProcuratorateFilingOrder', { transferId: id, documentNumber: '乌检侦监通立〔2025〕4号' }, policeOfficer()),
      'INVALID_TRANSITION',
    );
    const senderTries = await refusedWithoutAppending(
      suggested,
      () => ops.attempt('recordProcuratorateInquiry', { transferId: id, documentNumber: '乌检侦监要说〔2025〕9号' }, amrSupervisor()),
      'FORBIDDEN',
    );
    expect(senderTries.message).toMatch(/police-650100/);
    const blankNumber = await refusedWithoutAppending(
      suggested,
      () => ops.attempt('recordProcuratorateInquiry', { transferId: id, documentNumber: '  ' }, policeOfficer()),
      'BAD_USER_INPUT',
    );
    expect(blankNumber.extensions!.field).toBe('input.documentNumber');

    // ---- the inquiry: explainNonFiling due 7 days later
    const inquiryAt = '2025-11-17T10:15:00+08:00';
    clock = inquiryAt;
    const inquired = await ops.act(
      'recordProcuratorateInquiry',
      { transferId: id, documentNumber: '乌检侦监要说〔2025〕9号' },
      policeOfficer(),
    );
    expect(inquired).toMatchObject({
      status: 'PROCURATORATE_INQUIRY',
      procuratorateInquiry: { documentNumber: '乌检侦监要说〔2025〕9号' },
    });
    expect(ms((inquired.procuratorateInquiry as { receivedAt: string }).receivedAt)).toBe(ms(inquiryAt));
    // Received Mon 11-17 (not counted): 7 days → Mon 11-24, a working day → due at its 24:00.
    const explainDue = '2025-11-25T00:00:00+08:00';
    const explain = deadlineOf(inquired.deadlines, 'explainNonFiling');
    expect(explain).toMatchObject({ party: 'RECEIVER', obligation: 'DUTY', metAt: null, label: '向检察院说明不立案理由' });
    expect(ms(explain.startedAt)).toBe(ms(inquiryAt));
    expect(ms(explain.dueAt)).toBe(ms(explainDue));
    expect(explain.legalBasis).toMatch(/第一百八十二条/);

    expect(await statusAt(id, policeOfficer(), 'explainNonFiling', shift(explainDue, -1))).toBe('PENDING');
    expect(await statusAt(id, policeOfficer(), 'explainNonFiling', shift(explainDue, 1))).toBe('OVERDUE');
    // The sender sees the police's clock too.
    expect(await statusAt(id, amrOfficer(), 'explainNonFiling', shift(explainDue, 1))).toBe('OVERDUE');
    await bothListed(id, 'PROCURATORATE_INQUIRY');
    expect(await inboxOverdue(shift(explainDue, -1))).not.toContain(id);
    expect(await inboxOverdue(shift(explainDue, 1))).toContain(id);
    expect(await oversightItems(id, shift(explainDue, -1))).toEqual([]);
    expect(await oversightItems(id, shift(explainDue, 1))).toEqual([
      { step: 'explainNonFiling', party: 'RECEIVER', agency: 'police-650100', dueAt: ms(explainDue) },
    ]);

    // ---- refusals of the explanation: wrong role, missing text
    await refusedWithoutAppending(
      inquired,
      () => ops.attempt('explainNonFiling', { transferId: id, explanation: '证据不足' }, policeOfficer()),
      'FORBIDDEN',
    );
    const blankExplanation = await refusedWithoutAppending(
      inquired,
      () => ops.attempt('explainNonFiling', { transferId: id, explanation: ' ' }, policeSupervisor()),
      'BAD_USER_INPUT',
    );
    expect(blankExplanation.extensions!.field).toBe('input.explanation');

    // ---- the explanation meets the step
    clock = '2025-11-20T16:00:00+08:00';
    const explanation = '经审查，现有证据不能证明行为人主观明知，不符合立案条件';
    const explained = await ops.act('explainNonFiling', { transferId: id, explanation }, policeSupervisor());
    expect(explained).toMatchObject({ status: 'NON_FILING_EXPLAINED', nonFilingExplanation: { explanation } });
    expect(deadlineOf(explained.deadlines, 'explainNonFiling')).toMatchObject({ metLate: false });
    expect(ms(deadlineOf(explained.deadlines, 'explainNonFiling').metAt!)).toBe(ms(clock));
    expect(await statusAt(id, policeOfficer(), 'explainNonFiling', shift(explainDue, 1))).toBe('MET');
    await bothListed(id, 'NON_FILING_EXPLAINED');
    expect(await inboxOverdue(shift(explainDue, 1))).not.toContain(id);
    expect(await oversightItems(id, shift(explainDue, 1))).toEqual([]);
    // explained once
    await refusedWithoutAppending(
      explained,
      () => ops.attempt('explainNonFiling', { transferId: id, explanation: '再次说明' }, policeSupervisor()),
      'INVALID_TRANSITION',
    );

    // ---- the filing order: fileOnOrder due 15 days later
    const orderAt = '2025-12-01T10:00:00+08:00';
    clock = orderAt;
    const ordered = await ops.act(
      'recordProcuratorateFilingOrder',
      { transferId: id, documentNumber: '乌检侦监通立〔2025〕4号' },
      policeOfficer(),
    );
    expect(ordered).toMatchObject({ status: 'FILING_ORDERED', filingOrder: { documentNumber: '乌检侦监通立〔2025〕4号' } });
    // Received Mon 12-01: 15 days → Tue 12-16 → due at its 24:00.
    const fileDue = '2025-12-17T00:00:00+08:00';
    const file = deadlineOf(ordered.deadlines, 'fileOnOrder');
    expect(file).toMatchObject({ party: 'RECEIVER', obligation: 'DUTY', metAt: null, label: '按检察院通知立案' });
    expect(ms(file.startedAt)).toBe(ms(orderAt));
    expect(ms(file.dueAt)).toBe(ms(fileDue));
    expect(await statusAt(id, policeOfficer(), 'fileOnOrder', shift(fileDue, -1))).toBe('PENDING');
    expect(await statusAt(id, policeOfficer(), 'fileOnOrder', shift(fileDue, 1))).toBe('OVERDUE');
    await bothListed(id, 'FILING_ORDERED');
    expect(await oversightItems(id, shift(fileDue, -1))).toEqual([]);
    expect(await oversightItems(id, shift(fileDue, 1))).toEqual([
      { step: 'fileOnOrder', party: 'RECEIVER', agency: 'police-650100', dueAt: ms(fileDue) },
    ]);

    // Filing under supervision records the 立案决定书 (its copy goes to the procuratorate).
    const noNumber = await refusedWithoutAppending(ordered, () => ops.attempt('acceptTransfer', { transferId: id }, policeSupervisor()), 'BAD_USER_INPUT');
    expect(noNumber.extensions!.field).toBe('input.documentNumber');
    await refusedWithoutAppending(
      ordered,
      () => ops.attempt('acceptTransfer', { transferId: id, documentNumber: '乌公立字〔2025〕66号' }, policeOfficer()),
      'FORBIDDEN',
    );

    // ---- filed (立案): meets fileOnOrder; the hand-over clock starts
    clock = '2025-12-05T10:00:00+08:00';
    const accepted = await ops.act('acceptTransfer', { transferId: id, documentNumber: '乌公立字〔2025〕66号' }, policeSupervisor());
    expect(accepted).toMatchObject({ status: 'ACCEPTED', acceptance: { documentNumber: '乌公立字〔2025〕66号' } });
    expect(deadlineOf(accepted.deadlines, 'fileOnOrder')).toMatchObject({ metLate: false });
    expect(ms(deadlineOf(accepted.deadlines, 'fileOnOrder').metAt!)).toBe(ms(clock));
    expect(deadlineOf(accepted.deadlines, 'handOver')).toMatchObject({ party: 'SENDER', metAt: null });
    await bothListed(id, 'ACCEPTED');
    expect(await oversightItems(id, shift(fileDue, 1))).toEqual([]);

    // ---- the sender sees every fact, on its own stream
    const seen = (await ops.transfer(id, amrOfficer()))!;
    expect(seen).toMatchObject({
      status: 'ACCEPTED',
      procuratorateInquiry: { documentNumber: '乌检侦监要说〔2025〕9号' },
      nonFilingExplanation: { explanation },
      filingOrder: { documentNumber: '乌检侦监通立〔2025〕4号' },
      acceptance: { documentNumber: '乌公立字〔2025〕66号' },
    });
    const senderTrail = await eventually(
      () => ops.auditTrail(sent.streamId, amrOfficer()),
      (trail) => trail?.events.at(-1)?.type === 'AcceptanceNoted',
    );
    expect(senderTrail!.events.map((e) => e.type)).toEqual([
      'TransferProposed',
      'TransferApproved',
      'ReceiptNoted',
      'DeclineNoted',
      'ReconsiderationRequested',
      'ReconsiderationDecisionNoted',
      'ProcuratorateSupervisionSuggested',
      'ProcuratorateInquiryNoted',
      'NonFilingExplanationNoted',
      'FilingOrderNoted',
      'AcceptanceNoted',
    ]);
    expect(senderTrail!.verification.valid).toBe(true);
    const receiverTrail = (await ops.auditTrail(`transfer-in-${id}`, policeOfficer()))!;
    expect(receiverTrail.events.map((e) => e.type)).toEqual([
      'TransferReceiptSigned',
      'TransferDeclined',
      'ReconsiderationRequestNoted',
      'ReconsiderationDecided',
      'SupervisionSuggestionNoted',
      'ProcuratorateInquiryRecorded',
      'NonFilingExplained',
      'ProcuratorateFilingOrderRecorded',
      'TransferAccepted',
    ]);
    // ... and the normal flow goes on: the seized items are handed over.
    clock = '2025-12-06T10:00:00+08:00';
    const handedOver = await ops.act(
      'handOverMaterials',
      { transferId: id, materials: [{ kind: 'SEIZED_ITEMS_LIST', title: '涉案制剂交接清单' }] },
      amrOfficer(),
    );
    expect(deadlineOf(handedOver.deadlines, 'handOver').metAt).not.toBeNull();
  });

  it('the police may file on the inquiry instead of explaining: the explanation step no longer applies', async () => {
    clock = '2025-12-08T09:00:00+08:00';
    const c = await ops.registerCase(
      amrOfficer(),
      {
        subject: { kind: 'ORGANIZATION', name: '乌鲁木齐天山康宁医院', creditCode: '12650100MB1234567P' },
        source: 'INSPECTION',
        summary: '医院制剂室无证配制药品（检察院要求说明理由后立案）',
        violations: ['UNLICENSED_COMPOUNDING'],
      },
      amrSupervisor(),
    );
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
    clock = '2025-12-08T11:00:00+08:00';
    await ops.act('receiveTransfer', { transferId: sent.id }, policeOfficer());
    clock = '2025-12-09T10:00:00+08:00';
    await ops.act('declineTransfer', { transferId: sent.id, reason: '情节显著轻微' }, policeSupervisor());
    // straight after the decline, instead of reconsideration (Decree art. 9 allows both)
    clock = '2025-12-10T10:00:00+08:00';
    await ops.act('suggestProcuratorateSupervision', { transferId: sent.id, reason: '建议检察院立案监督' }, amrSupervisor());
    clock = '2025-12-15T10:00:00+08:00';
    const inquired = await ops.act('recordProcuratorateInquiry', { transferId: sent.id, documentNumber: '乌检侦监要说〔2025〕12号' }, policeOfficer());
    expect(deadlineOf(inquired.deadlines, 'explainNonFiling').metAt).toBeNull();
    clock = '2025-12-16T10:00:00+08:00';
    const accepted = await ops.act('acceptTransfer', { transferId: sent.id, documentNumber: '乌公立字〔2025〕70号' }, policeSupervisor());
    expect(accepted).toMatchObject({
      status: 'ACCEPTED',
      procuratorateInquiry: { documentNumber: '乌检侦监要说〔2025〕12号' },
      nonFilingExplanation: null,
      filingOrder: null,
    });
    expect(accepted.deadlines.map((d) => d.step)).not.toContain('explainNonFiling');
    await bothListed(sent.id, 'ACCEPTED');
    // Received Mon 12-15: the explanation would have been due at 24:00 of Mon 12-22.
    expect(await oversightItems(sent.id, '2025-12-23T00:00:01+08:00')).toEqual([]);
    const seen = (await ops.transfer(sent.id, amrOfficer()))!;
    expect(seen).toMatchObject({ status: 'ACCEPTED', procuratorateInquiry: { documentNumber: '乌检侦监要说〔2025〕12号' } });
  });
});
