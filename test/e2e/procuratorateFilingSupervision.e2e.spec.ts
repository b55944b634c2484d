import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmbeddedGateway, type TestGateway } from '../support/embeddedGateway.ts';
import { eventually } from '../support/eventually.ts';
import { createTransferOperations, criminalMaterials, deadlineOf, shift, type TransferOperations } from '../support/transferOperations.ts';

/**
 * The procuratorate (人民检察院) as a party (DESIGN §3.5), through GraphQL in embedded mode on a pinned
 * clock: it receives the 抄送 of a criminal transfer from the bus and sees its progress (no materials);
 * on the agency's suggestion, or on its own motion, it asks the police to explain a decision not to file
 * (7 days); it judges the reasons and notifies the police to file (15 days); each step is on its own
 * stream, reaches the police's stream from the bus, and the police's answers come back the same way.
 * The agency reads the outcome on its transfer.
 */
describe('the procuratorate: 抄送 and 立案监督 (embedded, PGlite, test clock)', () => {
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
      'u-procuratorate-650100-officer',
      'u-procuratorate-650100-supervisor',
      'u-procuratorate-650000-officer',
      'u-cdi-650100-overseer',
    ]) {
      t[user.replace(/^u-/, '')] = await gw.tokenFor(user);
    }
  }, 60_000);
  afterAll(async () => gw?.close());

  const amrOfficer = () => t['amr-650100-officer']!;
  const amrSupervisor = () => t['amr-650100-supervisor']!;
  const policeOfficer = () => t['police-650100-officer']!;
  const policeSupervisor = () => t['police-650100-supervisor']!;
  const procurator = () => t['procuratorate-650100-officer']!;
  const procuratorateHead = () => t['procuratorate-650100-supervisor']!;
  const provinceProcurator = () => t['procuratorate-650000-officer']!;
  const overseer = () => t['cdi-650100-overseer']!;
  const ms = (iso: string) => Date.parse(iso);

  const supervisionFields = `transferId streamId caseId status onSuggestion documentNumber reason requestedAt explanationDueAt
    explanation explainedAt reasonsHold decisionReason decidedAt filingNoticeNumber filingDueAt filedAt filingDocumentNumber
    procuratorate { id } police { id } sender { id } policeDuty { step dueAt overdue } version`;
  const copyFields = `transferId caseId kind reason sentAt lastStep declined accepted supervisionSuggested closed
    fromAgency { id } toAgency { id } progress { step at } filingSupervision { status }`;

  type Supervision = Record<string, unknown> & { status: string; version: number; policeDuty: { step: string; dueAt: string; overdue: boolean } | null };
  type Copy = Record<string, unknown> & { transferId: string; lastStep: string; supervisionSuggested: boolean; progress: { step: string; at: string }[] };

  const copies = async (token: string) => gw.gql<{ transferCopies: Copy[] }>(`query { transferCopies { ${copyFields} } }`, {}, token);
  const copy = async (id: string, token: string) =>
    (await gw.gql<{ transferCopy: Copy | null }>(`query($id: ID!) { transferCopy(id: $id) { ${copyFields} } }`, { id }, token)).data?.transferCopy ?? null;
  const request = (input: Record<string, unknown>, token: string) =>
    gw.gql<{ requestNonFilingExplanation: Supervision }>(
      `mutation($input: RequestNonFilingExplanationInput!) { requestNonFilingExplanation(input: $input) { ${supervisionFields} } }`,
      { input },
      token,
    );
  const decide = (input: Record<string, unknown>, token: string) =>
    gw.gql<{ decideNonFilingReasons: Supervision }>(
      `mutation($input: DecideNonFilingReasonsInput!) { decideNonFilingReasons(input: $input) { ${supervisionFields} } }`,
      { input },
      token,
    );
  const supervisionOnTransfer = async (id: string, token: string) =>
    (await gw.gql<{ transfer: { filingSupervision: Supervision | null } | null }>(
      `query($id: ID!) { transfer(id: $id) { filingSupervision { ${supervisionFields} } } }`,
      { id },
      token,
    )).data?.transfer?.filingSupervision ?? null;
  /** The procuratorate reads it on its copy (the transfer itself is not its to read). */
  const supervisionOnCopy = async (id: string, token: string) =>
    (await gw.gql<{ transferCopy: { filingSupervision: Supervision | null } | null }>(
      `query($id: ID!) { transferCopy(id: $id) { filingSupervision { ${supervisionFields} } } }`,
      { id },
      token,
    )).data?.transferCopy?.filingSupervision ?? null;
  const supervisionLength = (id: string) => gw.platform.store.streamVersion(`filing-supervision-${id}`);

  /** A declined 行刑 transfer from 乌鲁木齐市市场监管局 to 乌鲁木齐市公安局. */
  const declinedTransfer = async (summary: string) => {
    const c = await ops.registerCase(
      amrOfficer(),
      {
        subject: { kind: 'ORGANIZATION', name: '乌鲁木齐某某医药有限公司', creditCode: '91650100MA7ABCDE15' },
        source: 'INSPECTION',
        summary,
        violations: ['COUNTERFEIT_DRUG'],
      },
      amrSupervisor(),
    );
    const sent = await ops.send({
      caseId: c.id,
      kind: 'CRIMINAL',
      toAgencyId: 'police-650100',
      reason: '涉嫌生产、销售假药罪',
      materials: criminalMaterials,
      officer: amrOfficer(),
      supervisor: amrSupervisor(),
      receiverToken: policeOfficer(),
    });
    await ops.act('receiveTransfer', { transferId: sent.id }, policeOfficer());
    clock = shift(clock, 3600);
    await ops.act('declineTransfer', { transferId: sent.id, reasonCategory: 'INSUFFICIENT_EVIDENCE', reason: '现有证据不足以证明犯罪事实' }, policeSupervisor());
    return sent.id;
  };

  it('receives the copy of a criminal transfer with its progress, and no one else reads it', async () => {
    clock = '2025-11-03T09:00:00+08:00';
    const id = await declinedTransfer('销售假药（抄送）');
    const listed = await eventually(
      () => copies(procurator()),
      (res) => (res.data?.transferCopies ?? []).some((c) => c.transferId === id && c.lastStep === 'TransferDeclined'),
    );
    const mine = listed.data!.transferCopies.find((c) => c.transferId === id)!;
    expect(mine).toMatchObject({
      kind: 'CRIMINAL',
      reason: '涉嫌生产、销售假药罪',
      fromAgency: { id: 'amr-650100' },
      toAgency: { id: 'police-650100' },
      declined: true,
      accepted: false,
      supervisionSuggested: false,
      filingSupervision: null,
    });
    expect(mine.progress.map((p) => p.step)).toEqual(['TransferApproved', 'TransferReceiptSigned', 'TransferDeclined']);
    // The procuratorate above it reads it too; the parties and an overseer do not (the list is FORBIDDEN, one copy null).
    expect(await copy(id, provinceProcurator())).toMatchObject({ transferId: id });
    for (const token of [amrSupervisor(), policeOfficer(), overseer()]) {
      expect((await copies(token)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      expect(await copy(id, token)).toBeNull();
    }
    // The copy carries no materials: the type has no such field.
    const materials = await gw.gql(`query($id: ID!) { transferCopy(id: $id) { materials { title } } }`, { id }, procurator());
    expect(materials.errors?.[0]?.message).toMatch(/Cannot query field "materials"/);
    // The procuratorate is party to no transfer: the transfer itself stays null to it.
    expect(await ops.transfer(id, procurator())).toBeNull();
  });

  it('on the agency’s suggestion: asks (7 days), judges the explanation, notifies filing (15 days); the police file', async () => {
    clock = '2025-11-10T09:00:00+08:00';
    const id = await declinedTransfer('销售假药（立案监督）');
    clock = '2025-11-12T10:00:00+08:00';
    await ops.act('suggestProcuratorateSupervision', { transferId: id, reason: '涉案金额已达立案追诉标准，建议检察院立案监督' }, amrSupervisor());
    await eventually(() => copy(id, procurator()), (c) => c?.supervisionSuggested === true);

    // ---- refusals: the police do not supervise themselves; a procurator does not decide; nothing decided before it asks
    expect((await request({ transferId: id, documentNumber: '乌检刑监〔2025〕1号', reason: '建议监督' }, policeSupervisor())).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await decide({ transferId: id, reasonsHold: true, reason: '理由成立' }, procurator())).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await decide({ transferId: id, reasonsHold: true, reason: '理由成立' }, procuratorateHead())).errors?.[0]?.extensions?.code).toBe('INVALID_TRANSITION');
    const blank = await request({ transferId: id, documentNumber: ' ', reason: '建议监督' }, procurator());
    expect(blank.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.documentNumber' });
    expect((await request({ transferId: 'no-such-transfer', documentNumber: '乌检刑监〔2025〕1号', reason: '建议监督' }, procurator())).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(await supervisionLength(id)).toBe(0);

    // ---- 要求说明不立案理由: Mon 17 Nov (not counted) + 7 days = Mon 24 Nov, a working day: due at its 24:00
    clock = '2025-11-17T10:15:00+08:00';
    const asked = await request({ transferId: id, documentNumber: '乌检刑监要说〔2025〕9号', reason: '市场监管局建议立案监督' }, procurator());
    expect(asked.errors).toBeUndefined();
    const explainDue = '2025-11-25T00:00:00+08:00';
    expect(asked.data!.requestNonFilingExplanation).toMatchObject({
      status: 'EXPLANATION_REQUESTED',
      onSuggestion: true,
      procuratorate: { id: 'procuratorate-650100' },
      police: { id: 'police-650100' },
      sender: { id: 'amr-650100' },
      policeDuty: { step: 'EXPLAIN', overdue: false },
      version: 1,
    });
    expect(ms(asked.data!.requestNonFilingExplanation.explanationDueAt as string)).toBe(ms(explainDue));
    // A second request is refused and appends nothing.
    expect((await request({ transferId: id, documentNumber: '乌检刑监要说〔2025〕10号', reason: '再次' }, procurator())).errors?.[0]?.extensions?.code).toBe('INVALID_TRANSITION');
    expect(await supervisionLength(id)).toBe(1);

    // The notice reaches the police's stream from the bus: their 7 days run, the sender sees it.
    const inquired = await ops.waitForTransfer(id, policeOfficer(), (x) => x.status === 'PROCURATORATE_INQUIRY', 'the inquiry on the police’s stream');
    expect(inquired).toMatchObject({ procuratorateInquiry: { documentNumber: '乌检刑监要说〔2025〕9号' } });
    expect(ms(deadlineOf(inquired.deadlines, 'explainNonFiling').dueAt)).toBe(ms(explainDue));
    await ops.waitForTransfer(id, amrOfficer(), (x) => x.status === 'PROCURATORATE_INQUIRY', 'the inquiry noted by the sender');
    expect(await supervisionOnTransfer(id, amrOfficer())).toMatchObject({ status: 'EXPLANATION_REQUESTED' });
    // Overdue only after 24:00 of the last day, to the second. The list is the procuratorate's read
    // model, which follows its stream: wait until it holds the supervision.
    const at = async (asOf: string) =>
      (
        await eventually(
          async () =>
            (await gw.gql<{ filingSupervisions: Supervision[] }>(`query($asOf: DateTime) { filingSupervisions(asOf: $asOf) { transferId policeDuty { step overdue } } }`, { asOf }, procurator())).data
              ?.filingSupervisions ?? [],
          (list) => list.some((s) => s.transferId === id),
        )
      ).find((s) => s.transferId === id)!.policeDuty;
    expect(await at(explainDue)).toEqual({ step: 'EXPLAIN', overdue: false });
    expect(await at(shift(explainDue, 1))).toEqual({ step: 'EXPLAIN', overdue: true });

    // ---- the police explain (their own step); the procuratorate notes it from the bus
    clock = '2025-11-20T16:00:00+08:00';
    await ops.run('explainNonFiling', { transferId: id, explanation: '经审查，涉案药品来源合法，不构成犯罪' }, policeSupervisor());
    const explained = await eventually(() => supervisionOnCopy(id, procurator()), (s) => s?.status === 'EXPLANATION_RECEIVED');
    expect(explained).toMatchObject({ explanation: '经审查，涉案药品来源合法，不构成犯罪', policeDuty: null });

    // ---- the reasons do not hold: 通知立案 (the head). Wed 26 Nov + 15 days = Thu 11 Dec: due at its 24:00
    clock = '2025-11-26T09:30:00+08:00';
    expect((await decide({ transferId: id, reasonsHold: false, reason: '理由不能成立' }, procuratorateHead())).errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.documentNumber',
    });
    const notified = await decide({ transferId: id, reasonsHold: false, reason: '进货票据系伪造，不立案理由不能成立', documentNumber: '乌检刑监通立〔2025〕4号' }, procuratorateHead());
    expect(notified.errors).toBeUndefined();
    const fileDue = '2025-12-12T00:00:00+08:00';
    expect(notified.data!.decideNonFilingReasons).toMatchObject({ status: 'FILING_NOTIFIED', reasonsHold: false, filingNoticeNumber: '乌检刑监通立〔2025〕4号', policeDuty: { step: 'FILE' } });
    expect(ms(notified.data!.decideNonFilingReasons.filingDueAt as string)).toBe(ms(fileDue));
    const ordered = await ops.waitForTransfer(id, policeOfficer(), (x) => x.status === 'FILING_ORDERED', 'the order on the police’s stream');
    expect(ms(deadlineOf(ordered.deadlines, 'fileOnOrder').dueAt)).toBe(ms(fileDue));

    // ---- the police file (立案决定书); the procuratorate and the agency see the outcome
    clock = '2025-12-01T11:00:00+08:00';
    await ops.run('acceptTransfer', { transferId: id, documentNumber: '乌公（食药环）立字〔2025〕31号' }, policeSupervisor());
    const filed = await eventually(() => supervisionOnCopy(id, procurator()), (s) => s?.status === 'FILED');
    expect(filed).toMatchObject({ filingDocumentNumber: '乌公（食药环）立字〔2025〕31号', policeDuty: null, version: 4 });
    expect(await eventually(() => supervisionOnTransfer(id, amrOfficer()), (s) => s?.status === 'FILED')).toMatchObject({ status: 'FILED' });
    expect(await copy(id, procurator())).toMatchObject({ accepted: true, declined: false, filingSupervision: { status: 'FILED' } });

    // ---- its own stream: who did what, the police's answers noted by the system, the chain valid
    const trail = await ops.auditTrail(`filing-supervision-${id}`, procurator());
    expect(trail?.events.map((e) => [e.type, e.actor.userId])).toEqual([
      ['NonFilingExplanationRequested', 'u-procuratorate-650100-officer'],
      ['NonFilingExplanationReceived', 'system:procuratorate'],
      ['FilingNoticeIssued', 'u-procuratorate-650100-supervisor'],
      ['PoliceFilingReceived', 'system:procuratorate'],
    ]);
    expect(trail?.verification.valid).toBe(true);
    // The police's stream records the notices as the procuratorate's (a system step from the bus), not a police officer's word.
    const policeTrail = await ops.auditTrail(`transfer-in-${id}`, policeOfficer());
    expect(policeTrail?.events.filter((e) => e.type === 'ProcuratorateInquiryRecorded' || e.type === 'ProcuratorateFilingOrderRecorded').map((e) => e.actor.userId)).toEqual([
      'system:police',
      'system:police',
    ]);
  });

  it('on its own motion after a decline; reasons that hold end the supervision', async () => {
    clock = '2025-12-01T09:00:00+08:00';
    const id = await declinedTransfer('销售假药（依职权监督）');
    await eventually(() => copy(id, procurator()), (c) => c?.lastStep === 'TransferDeclined');
    clock = '2025-12-02T10:00:00+08:00';
    const asked = await request({ transferId: id, documentNumber: '乌检刑监要说〔2025〕12号', reason: '审查抄送材料发现可能以罚代刑' }, procurator());
    expect(asked.data?.requestNonFilingExplanation).toMatchObject({ status: 'EXPLANATION_REQUESTED', onSuggestion: false });
    await ops.waitForTransfer(id, policeOfficer(), (x) => x.status === 'PROCURATORATE_INQUIRY', 'the inquiry on the police’s stream');
    clock = '2025-12-03T10:00:00+08:00';
    await ops.run('explainNonFiling', { transferId: id, explanation: '鉴定意见认定为劣药而非假药，未达追诉标准' }, policeSupervisor());
    await eventually(() => supervisionOnCopy(id, procurator()), (s) => s?.status === 'EXPLANATION_RECEIVED');
    clock = '2025-12-04T10:00:00+08:00';
    const upheld = await decide({ transferId: id, reasonsHold: true, reason: '不立案理由成立' }, procuratorateHead());
    expect(upheld.data?.decideNonFilingReasons).toMatchObject({ status: 'REASONS_UPHELD', reasonsHold: true, policeDuty: null });
    expect(await supervisionOnTransfer(id, amrOfficer())).toMatchObject({ status: 'REASONS_UPHELD', decisionReason: '不立案理由成立' });
    // The police's stream did not move: no notice to file.
    const police = await ops.transfer(id, policeOfficer());
    expect(police?.status).toBe('NON_FILING_EXPLAINED');
  });
});
