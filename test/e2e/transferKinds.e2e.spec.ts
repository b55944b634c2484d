import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmbeddedGateway, type TestGateway } from '../support/embeddedGateway.ts';
import { eventually } from '../support/eventually.ts';
import {
  administrativeMaterials,
  createTransferOperations,
  criminalMaterials,
  deadlineOf,
  disciplinaryMaterials,
  reverseMaterials,
  type TransferOperations,
} from '../support/transferOperations.ts';

/**
 * Every transfer kind (DESIGN §3.2) from proposal to result through GraphQL over HTTP, embedded
 * mode on PGlite: 行刑 (with a supplement, hand-over and closure), 行纪 (clue disposal), 行行 to
 * health and to medical insurance, a declined 行刑 taken through reconsideration to procuratorate
 * supervision, and 反向衔接 of a case the police declined.
 */
describe('transfer kinds from proposal to result (embedded, PGlite)', () => {
  let gw: TestGateway;
  let ops: TransferOperations;
  const t: Record<string, string> = {};

  beforeAll(async () => {
    gw = await startEmbeddedGateway({ XIANJIE_SEED: 'none' });
    ops = createTransferOperations(gw.gql);
    for (const user of [
      'u-amr-650100-officer',
      'u-amr-650100-supervisor',
      'u-police-650100-officer',
      'u-police-650100-supervisor',
      'u-health-650100-officer',
      'u-health-650100-supervisor',
      'u-mi-650100-officer',
      'u-mi-650100-supervisor',
      'u-cdi-650100-supervisor',
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

  const registerAmrCase = (summary: string, violations = ['UNLICENSED_COMPOUNDING', 'UNAPPROVED_PREPARATION']) =>
    ops.registerCase(
      amrOfficer(),
      {
        subject: { kind: 'ORGANIZATION', name: '乌鲁木齐天山康宁医院', creditCode: '12650100MB1234567P' },
        source: 'INSPECTION',
        summary,
        violations,
        amountInvolvedFen: 8_600_000,
      },
      amrSupervisor(),
    );

  const expectTrail = async (streamId: string, token: string, types: string[]) => {
    const trail = await ops.auditTrail(streamId, token);
    expect(trail?.events.map((e) => e.type), streamId).toEqual(types);
    expect(trail!.verification).toEqual({ valid: true, checked: types.length, brokenAt: null });
    return trail!;
  };

  const sendCriminal = async (summary: string) => {
    const c = await registerAmrCase(summary);
    const sent = await ops.send({
      caseId: c.id,
      kind: 'CRIMINAL',
      toAgencyId: 'police-650100',
      reason: '无证配制并销售医院制剂，涉嫌妨害药品管理罪',
      materials: criminalMaterials,
      officer: amrOfficer(),
      supervisor: amrSupervisor(),
      receiverToken: policeOfficer(),
    });
    return { c, sent };
  };

  it('行刑 CRIMINAL amr → police: receipt, supplement, acceptance, hand-over, result, closure; the case is TRANSFERRED', async () => {
    const c = await registerAmrCase('行刑衔接 全流程');
    const proposed = await ops.run(
      'proposeTransfer',
      { caseId: c.id, kind: 'CRIMINAL', toAgencyId: 'police-650100', reason: '涉嫌妨害药品管理罪', materials: criminalMaterials },
      amrOfficer(),
    );
    expect(proposed).toMatchObject({
      kind: 'CRIMINAL',
      status: 'PROPOSED',
      caseId: c.id,
      version: 1,
      fromAgency: { id: 'amr-650100' },
      toAgency: { id: 'police-650100' },
      receiverStreamId: null,
    });
    expect(proposed.materials.map((m) => m.kind)).toEqual(['TRANSFER_LETTER', 'INVESTIGATION_REPORT', 'SEIZED_ITEMS_LIST', 'TEST_REPORT']);

    const approved = await ops.run('approveTransfer', { transferId: proposed.id, reason: '同意移送', expectedVersion: 1 }, amrSupervisor());
    expect(approved).toMatchObject({ status: 'SENT', version: 2, copiedToProcuratorate: true, approvalNote: '同意移送' });
    expect(approved.sentAt).toBeTruthy();

    // The police inbox lists it (sent, not yet signed for), with its materials.
    const listed = await ops.waitForListed(policeOfficer(), 'INCOMING', proposed.id);
    expect(listed).toMatchObject({ status: 'SENT', kind: 'CRIMINAL', fromAgency: { id: 'amr-650100' } });
    expect(listed.materials).toHaveLength(4);

    // The approval makes the case TRANSFERRED (a reaction of the case service) and lists the transfer.
    const caseView = await eventually(
      () => ops.caseWithTransfers(c.id, amrOfficer()),
      (v) => v?.status === 'TRANSFERRED' && v.transfers.length === 1,
    );
    expect(caseView!.transfers[0]).toMatchObject({ id: proposed.id, kind: 'CRIMINAL', toAgency: { id: 'police-650100' } });

    const received = await ops.act('receiveTransfer', { transferId: proposed.id }, policeOfficer());
    expect(received).toMatchObject({ status: 'RECEIVED', receiverStreamId: `transfer-in-${proposed.id}` });
    expect(received.receivedAt).toBeTruthy();

    const asked = await ops.act(
      'requestSupplement',
      { transferId: proposed.id, requested: ['OTHER'], reason: '请补充制剂销售记录' },
      policeOfficer(),
    );
    expect(asked.supplementRequest).toMatchObject({ requested: ['OTHER'], reason: '请补充制剂销售记录' });

    const supplied = await ops.act(
      'supplyMaterials',
      { transferId: proposed.id, materials: [{ kind: 'OTHER', title: '制剂门诊销售记录' }] },
      amrOfficer(),
    );
    expect(supplied.materials.map((m) => m.title)).toContain('制剂门诊销售记录');
    expect(supplied.supplementRequest).toBeNull();

    const accepted = await ops.act(
      'acceptTransfer',
      { transferId: proposed.id, documentNumber: '乌公（食药环）立字〔2026〕101号' },
      policeSupervisor(),
    );
    expect(accepted).toMatchObject({ status: 'ACCEPTED', acceptance: { documentNumber: '乌公（食药环）立字〔2026〕101号' } });

    const handedOver = await ops.act(
      'handOverMaterials',
      { transferId: proposed.id, materials: [{ kind: 'SEIZED_ITEMS_LIST', title: '涉案物品移交清单' }] },
      amrOfficer(),
    );
    expect(handedOver.handedOver).toEqual([{ kind: 'SEIZED_ITEMS_LIST', title: '涉案物品移交清单' }]);

    const resulted = await ops.act(
      'recordTransferResult',
      { transferId: proposed.id, outcome: 'PROSECUTED', result: '已移送审查起诉，乌检刑诉〔2026〕88号' },
      policeOfficer(),
    );
    expect(resulted).toMatchObject({ status: 'RESULT_RECORDED', result: { outcome: 'PROSECUTED' } });

    const closed = await ops.act('closeTransfer', { transferId: proposed.id, reason: '结果已反馈，办结' }, amrOfficer());
    expect(closed).toMatchObject({ status: 'CLOSED', closed: { reason: '结果已反馈，办结' } });

    // Every DUTY step was met; the conditional ones were met (supplement) or voided (forward/return).
    for (const step of ['approve', 'send', 'signReceipt', 'requestSupplement', 'supplyMaterials', 'decide', 'handOver', 'feedbackResult']) {
      const d = deadlineOf(closed.deadlines, step);
      expect(d.metAt, step).toBeTruthy();
      expect(d.status, step).toBe('MET');
    }
    expect(closed.deadlines.find((d) => d.step === 'forwardOrReturn')).toBeUndefined();

    // Each side's stream: its own facts and the other side's, noted; both chains verify.
    await expectTrail(proposed.streamId, amrOfficer(), [
      'TransferProposed',
      'TransferApproved',
      'ReceiptNoted',
      'SupplementRequestNoted',
      'MaterialsSupplemented',
      'AcceptanceNoted',
      'MaterialsHandedOver',
      'ResultNoted',
      'TransferClosed',
    ]);
    const receiverTrail = await expectTrail(`transfer-in-${proposed.id}`, policeOfficer(), [
      'TransferReceiptSigned',
      'SupplementRequested',
      'SupplementNoted',
      'TransferAccepted',
      'HandOverNoted',
      'TransferResultRecorded',
      'ClosureNoted',
    ]);
    expect(receiverTrail.events[3]!.actor).toEqual({ userId: 'u-police-650100-supervisor', agencyId: 'police-650100' });

    // Both lists and Case.transfers agree once the read models caught up.
    await ops.waitForListed(amrOfficer(), 'OUTGOING', proposed.id, (x) => x.status === 'CLOSED');
    await ops.waitForListed(policeOfficer(), 'INCOMING', proposed.id, (x) => x.status === 'CLOSED');
    const finalCase = await eventually(
      () => ops.caseWithTransfers(c.id, amrOfficer()),
      (v) => v?.transfers[0]?.status === 'CLOSED',
    );
    expect(finalCase!.status).toBe('TRANSFERRED');
  });

  it('行纪 DISCIPLINARY amr → cdi-650100 about an official: disposal of the clue and the result fed back', async () => {
    const c = await registerAmrCase('监管人员失职线索', ['UNLICENSED_COMPOUNDING']);
    const official = {
      name: '王某',
      post: '某市场监管所药品监管股股长',
      employer: '乌鲁木齐市某区市场监督管理局',
      managementLevel: '乡科级',
      allegations: ['DERELICTION'],
    };
    const sent = await ops.send({
      caseId: c.id,
      kind: 'DISCIPLINARY',
      toAgencyId: 'cdi-650100',
      reason: '连续多次日常检查未发现无证配制，涉嫌失职',
      materials: disciplinaryMaterials,
      official,
      officer: amrOfficer(),
      supervisor: amrSupervisor(),
      receiverToken: t['cdi-650100-supervisor']!,
    });
    expect(sent).toMatchObject({ kind: 'DISCIPLINARY', status: 'SENT', official, copiedToProcuratorate: false });
    const cdi = t['cdi-650100-supervisor']!;
    await ops.act('receiveTransfer', { transferId: sent.id }, cdi);
    const disposed = await ops.act(
      'disposeClue',
      { transferId: sent.id, disposition: 'PRELIMINARY_VERIFICATION', reason: '反映问题具体，予以初步核实' },
      cdi,
    );
    expect(disposed.dispositions).toMatchObject([{ disposition: 'PRELIMINARY_VERIFICATION', reason: '反映问题具体，予以初步核实' }]);
    expect(deadlineOf(disposed.deadlines, 'decide').status).toBe('MET');
    const resulted = await ops.act(
      'recordTransferResult',
      { transferId: sent.id, outcome: 'DISCIPLINED', result: '给予王某政务警告处分（乌纪政处〔2026〕5号）' },
      cdi,
    );
    expect(resulted).toMatchObject({ status: 'RESULT_RECORDED', result: { outcome: 'DISCIPLINED' }, official: { name: '王某' } });
    // The sender sees the result too (its stream noted it).
    const asSender = await ops.transfer(sent.id, amrOfficer());
    expect(asSender).toMatchObject({ result: { outcome: 'DISCIPLINED' }, dispositions: [{ disposition: 'PRELIMINARY_VERIFICATION' }] });
    // A clue does not make the case TRANSFERRED; the case lists the transfer all the same.
    const caseView = await eventually(
      () => ops.caseWithTransfers(c.id, amrOfficer()),
      (v) => v?.transfers.some((x) => x.id === sent.id) ?? false,
    );
    expect(caseView!.status).toBe('FILED');
  });

  it.each([
    ['health-650100', 'health', 'PENALIZED', '乌卫医罚〔2026〕40号：警告，罚款 5,000 元'],
    ['mi-650100', 'mi', 'NOT_PENALIZED', '经核查未发现欺诈骗保，不予处罚'],
  ])('行行 ADMINISTRATIVE amr → %s: receipt, acceptance, result', async (toAgencyId, prefix, outcome, result) => {
    const c = await registerAmrCase(`行行衔接 → ${toAgencyId}`, ['OUT_OF_SCOPE_TRADE']);
    const officer = t[`${prefix}-650100-officer`]!;
    const supervisor = t[`${prefix}-650100-supervisor`]!;
    const sent = await ops.send({
      caseId: c.id,
      kind: 'ADMINISTRATIVE',
      toAgencyId,
      reason: '属其他行政机关管辖，依法移送',
      materials: administrativeMaterials,
      officer: amrOfficer(),
      supervisor: amrSupervisor(),
      receiverToken: officer,
    });
    await ops.act('receiveTransfer', { transferId: sent.id }, officer);
    const accepted = await ops.act('acceptTransfer', { transferId: sent.id, documentNumber: `${prefix}受〔2026〕7号` }, supervisor);
    expect(accepted).toMatchObject({ status: 'ACCEPTED', acceptance: { documentNumber: `${prefix}受〔2026〕7号` } });
    const resulted = await ops.act('recordTransferResult', { transferId: sent.id, outcome, result }, officer);
    expect(resulted).toMatchObject({ status: 'RESULT_RECORDED', result: { outcome, result } });
    const closed = await ops.act('closeTransfer', { transferId: sent.id }, amrOfficer());
    expect(closed.status).toBe('CLOSED');
    const caseView = await eventually(
      () => ops.caseWithTransfers(c.id, amrOfficer()),
      (v) => v?.status === 'TRANSFERRED' && v.transfers[0]?.status === 'CLOSED',
    );
    expect(caseView!.transfers).toMatchObject([{ id: sent.id, kind: 'ADMINISTRATIVE', toAgency: { id: toAgencyId } }]);
  });

  it('a declined 行刑 transfer: reconsideration requested, the decline upheld, procuratorate supervision suggested', async () => {
    const { sent } = await sendCriminal('不予立案 → 复议 → 检察监督');
    await ops.act('receiveTransfer', { transferId: sent.id }, policeOfficer());
    const declined = await ops.act(
      'declineTransfer',
      { transferId: sent.id, reasonCategory: 'INSUFFICIENT_EVIDENCE', reason: '现有证据不能证明主观明知' },
      policeSupervisor(),
    );
    expect(declined).toMatchObject({ status: 'DECLINED', decline: { reasonCategory: 'INSUFFICIENT_EVIDENCE' } });
    expect(deadlineOf(declined.deadlines, 'requestReconsideration')).toMatchObject({ party: 'SENDER', obligation: 'RIGHT', status: 'PENDING' });

    const requested = await ops.act(
      'requestReconsideration',
      { transferId: sent.id, reason: '进货单据显示其明知，请求复议' },
      amrSupervisor(),
    );
    expect(requested).toMatchObject({ status: 'RECONSIDERATION_REQUESTED', reconsideration: { reason: '进货单据显示其明知，请求复议', decision: null } });

    const upheld = await ops.act(
      'decideReconsideration',
      { transferId: sent.id, accept: false, reason: '复议维持不予立案决定' },
      policeSupervisor(),
    );
    expect(upheld).toMatchObject({ status: 'DECLINED', reconsideration: { decision: { accepted: false, reason: '复议维持不予立案决定' } } });
    expect(deadlineOf(upheld.deadlines, 'suggestSupervision')).toMatchObject({ party: 'SENDER', obligation: 'RIGHT', status: 'PENDING' });

    const suggested = await ops.act(
      'suggestProcuratorateSupervision',
      { transferId: sent.id, reason: '对复议决定仍有异议，建议检察院立案监督' },
      amrSupervisor(),
    );
    expect(suggested).toMatchObject({
      status: 'SUPERVISION_SUGGESTED',
      supervision: { afterReconsideration: true, reason: '对复议决定仍有异议，建议检察院立案监督' },
    });
    await expectTrail(sent.streamId, amrOfficer(), [
      'TransferProposed',
      'TransferApproved',
      'ReceiptNoted',
      'DeclineNoted',
      'ReconsiderationRequested',
      'ReconsiderationDecisionNoted',
      'ProcuratorateSupervisionSuggested',
    ]);
    await expectTrail(`transfer-in-${sent.id}`, policeOfficer(), [
      'TransferReceiptSigned',
      'TransferDeclined',
      'ReconsiderationRequestNoted',
      'ReconsiderationDecided',
      'SupervisionSuggestionNoted',
    ]);
  });

  it('反向衔接 REVERSE police → amr of a case the police received and declined: accepted and penalized', async () => {
    const { c, sent } = await sendCriminal('公安不予立案后反向移送');
    await ops.act('receiveTransfer', { transferId: sent.id }, policeOfficer());
    await ops.act(
      'declineTransfer',
      { transferId: sent.id, reasonCategory: 'NO_OFFENCE', reason: '货值未达立案追诉标准，不构成犯罪，但应予行政处罚' },
      policeSupervisor(),
    );
    // The police service knows the case through the transfer it received (its read model row).
    await ops.waitForListed(policeOfficer(), 'INCOMING', sent.id, (x) => x.status === 'DECLINED');

    const reverse = await ops.send({
      caseId: c.id,
      kind: 'REVERSE',
      toAgencyId: 'amr-650100',
      reason: '不需要追究刑事责任，但依法应当追究行政责任，移送原行政执法机关',
      materials: reverseMaterials,
      officer: policeOfficer(),
      supervisor: policeSupervisor(),
      receiverToken: amrOfficer(),
    });
    expect(reverse).toMatchObject({ kind: 'REVERSE', status: 'SENT', caseId: c.id, fromAgency: { id: 'police-650100' }, toAgency: { id: 'amr-650100' } });
    await ops.act('receiveTransfer', { transferId: reverse.id }, amrOfficer());
    await ops.act('acceptTransfer', { transferId: reverse.id, documentNumber: '乌市监药立〔2026〕12号' }, amrSupervisor());
    const resulted = await ops.act(
      'recordTransferResult',
      { transferId: reverse.id, outcome: 'PENALIZED', result: '乌市监药罚〔2026〕12号：没收违法所得，罚款 20 万元' },
      amrOfficer(),
    );
    expect(resulted).toMatchObject({ status: 'RESULT_RECORDED', result: { outcome: 'PENALIZED' } });
    const closed = await ops.act('closeTransfer', { transferId: reverse.id }, policeOfficer());
    expect(closed.status).toBe('CLOSED');
    // The police outbox and the amr inbox both show it.
    await ops.waitForListed(policeOfficer(), 'OUTGOING', reverse.id, (x) => x.kind === 'REVERSE' && x.status === 'CLOSED');
    await ops.waitForListed(amrOfficer(), 'INCOMING', reverse.id, (x) => x.status === 'CLOSED');
  });

  it('a REVERSE transfer of a case the police never received is refused, naming caseId', async () => {
    const c = await registerAmrCase('未移送公安的案件');
    const res = await ops.attempt(
      'proposeTransfer',
      { caseId: c.id, kind: 'REVERSE', toAgencyId: 'amr-650100', reason: '反向移送', materials: reverseMaterials },
      policeOfficer(),
    );
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.caseId' });
  });
});
