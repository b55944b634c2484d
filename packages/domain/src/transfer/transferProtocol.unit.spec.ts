import { integrationEventFor, overdueAsOf, senderFactTypes } from '@xianjie/contracts';
import type { AgencyRef, TransferEvent } from '@xianjie/contracts';
import { describe, expect, it } from 'vitest';
import { fold } from '../decider.ts';
import { receiverDecider } from './receiverDecider.ts';
import type { ReceiverCommand } from './receiverDecider.ts';
import { senderDecider } from './senderDecider.ts';
import type { SenderCommand } from './senderDecider.ts';
import { actorOf, agencies, bj, caseTeamOf, criminalMaterials, transferId } from './transferTestKit.ts';
import type { Transfer } from './transferState.ts';

/**
 * Both sides of one transfer, the bus simulated: each public fact one side records is noted by
 * the other side at once (the order a topic keyed by transfer id keeps).
 */
const protocol = (sender: AgencyRef, receiverAgency: AgencyRef) => {
  const out: TransferEvent[] = [];
  const into: TransferEvent[] = [];
  const senderSide = () => fold(senderDecider, out) as Transfer;
  const receiverSide = () => fold(receiverDecider, into) as Transfer;
  const isPublic = (event: TransferEvent) => integrationEventFor('transfer', event.type) !== undefined;

  const bySender = (command: Omit<SenderCommand, 'transferId' | 'actor'>) => {
    const events = senderDecider.decide({ ...command, transferId, actor: actorOf(sender) } as SenderCommand, fold(senderDecider, out));
    out.push(...events);
    for (const event of events) {
      // the sending itself reaches the receiver through the receipt command (its inbox)
      if (!isPublic(event) || event.type === 'TransferApproved' || into.length === 0) continue;
      into.push(
        ...receiverDecider.decide(
          {
            type: 'NoteSenderStep',
            transferId,
            at: command.at,
            actor: actorOf(receiverSide().toAgency),
            fact: event as Extract<ReceiverCommand, { type: 'NoteSenderStep' }>['fact'],
          },
          fold(receiverDecider, into),
        ),
      );
    }
  };
  const byReceiver = (command: Omit<ReceiverCommand, 'transferId' | 'actor'>, agency = receiverAgency) => {
    const events = receiverDecider.decide(
      { ...command, transferId, actor: actorOf(agency) } as ReceiverCommand,
      fold(receiverDecider, into),
    );
    into.push(...events);
    for (const event of events) {
      expect(isPublic(event), `${event.type} is public`).toBe(true);
      out.push(
        ...senderDecider.decide(
          {
            type: 'NoteReceiverStep',
            transferId,
            at: command.at,
            actor: actorOf(sender),
            fact: event as Extract<SenderCommand, { type: 'NoteReceiverStep' }>['fact'],
          },
          fold(senderDecider, out),
        ),
      );
    }
  };
  const sent = () => out.find((event) => event.type === 'TransferApproved')!.data;
  return { out, into, senderSide, receiverSide, bySender, byReceiver, sent };
};

/** The deadlines both streams know of agree. */
const expectSameDeadlines = (a: Transfer, b: Transfer, steps: string[]) => {
  for (const step of steps) {
    expect(a.deadlines.filter((d) => d.step === step), step).toEqual(b.deadlines.filter((d) => d.step === step));
  }
};

describe('transfer protocol, both sides', () => {
  it('CRIMINAL: supplement, decline, reconsideration, acceptance, hand-over, result, close', () => {
    const p = protocol(agencies.amr, agencies.police);
    p.bySender({ type: 'ProposeTransfer', at: bj('2025-04-28T09:00'), caseId: 'c-001', kind: 'CRIMINAL', fromAgency: agencies.amr, toAgency: agencies.police, reason: '无证配制医院制剂', materials: [...criminalMaterials], caseTeam: caseTeamOf(agencies.amr) } as SenderCommand);
    p.bySender({ type: 'ApproveTransfer', at: bj('2025-04-29T10:00') } as SenderCommand);
    p.byReceiver({ type: 'ReceiveTransfer', at: bj('2025-04-29T15:00'), sent: p.sent() } as ReceiverCommand);
    p.byReceiver({ type: 'RequestSupplement', at: bj('2025-04-29T18:00'), requested: ['TEST_REPORT'], reason: '检验报告缺页' } as ReceiverCommand);
    p.bySender({ type: 'SupplyMaterials', at: bj('2025-04-30T09:00'), materials: [{ kind: 'TEST_REPORT', title: '检验报告（完整）' }] } as SenderCommand);
    p.byReceiver({ type: 'DeclineTransfer', at: bj('2025-04-30T11:00'), reasonCategory: 'INSUFFICIENT_EVIDENCE', reason: '证据不足' } as ReceiverCommand);
    p.bySender({ type: 'RequestReconsideration', at: bj('2025-05-02T10:00'), reason: '已补充检验报告，足以认定' } as SenderCommand);
    p.byReceiver({ type: 'DecideReconsideration', at: bj('2025-05-06T10:00'), accept: true, reason: '经复议决定立案' } as ReceiverCommand);
    p.bySender({ type: 'HandOverMaterials', at: bj('2025-05-08T10:00'), materials: [{ kind: 'SEIZED_ITEMS_LIST', title: '涉案制剂交接清单' }] } as SenderCommand);
    p.byReceiver({ type: 'RecordTransferResult', at: bj('2025-07-01T10:00'), outcome: 'PROSECUTED', result: '移送审查起诉' } as ReceiverCommand);
    p.bySender({ type: 'CloseTransfer', at: bj('2025-07-02T10:00') } as SenderCommand);

    const sender = p.senderSide();
    const receiver = p.receiverSide();
    expect(sender.status).toBe('CLOSED');
    expect(receiver.status).toBe('CLOSED');
    expect(sender.copiedToProcuratorate).toBe(true);
    expect(receiver.materials.map((m) => m.title)).toContain('检验报告（完整）');
    expect(receiver.handedOver).toEqual([{ kind: 'SEIZED_ITEMS_LIST', title: '涉案制剂交接清单' }]);
    expectSameDeadlines(sender, receiver, ['decide', 'supplyMaterials', 'requestReconsideration', 'decideReconsideration', 'handOver', 'feedbackResult']);
    // the hand-over came on day 2 after the reconsideration decision (05-06 → due 24:00 of 05-09)
    expect(sender.deadlines.find((d) => d.step === 'handOver')).toMatchObject({ dueAt: '2025-05-10T00:00:00+08:00', metLate: false });
    expect(overdueAsOf(sender.deadlines, bj('2025-07-03T00:00'))).toEqual([]);
    // the stream of each side holds only its own facts and noted ones
    expect(p.out.every((e) => (senderFactTypes as readonly string[]).includes(e.type) || e.type.endsWith('Noted'))).toBe(true);
  });

  it('CRIMINAL: decline upheld, supervision suggested, closed with the reason', () => {
    const p = protocol(agencies.health, agencies.police);
    p.bySender({ type: 'ProposeTransfer', at: bj('2025-09-24T09:00'), caseId: 'c-002', kind: 'CRIMINAL', fromAgency: agencies.health, toAgency: agencies.police, reason: '非法行医致人损害', materials: [...criminalMaterials], caseTeam: caseTeamOf(agencies.health) } as SenderCommand);
    p.bySender({ type: 'ApproveTransfer', at: bj('2025-09-25T09:00') } as SenderCommand);
    p.byReceiver({ type: 'ReceiveTransfer', at: bj('2025-09-25T15:00'), sent: p.sent() } as ReceiverCommand);
    p.byReceiver({ type: 'DeclineTransfer', at: bj('2025-09-26T15:00'), reasonCategory: 'NO_OFFENCE', reason: '尚未造成严重后果' } as ReceiverCommand);
    p.bySender({ type: 'RequestReconsideration', at: bj('2025-09-27T15:00'), reason: '申请复议' } as SenderCommand);
    p.byReceiver({ type: 'DecideReconsideration', at: bj('2025-09-29T15:00'), accept: false, reason: '维持原决定' } as ReceiverCommand);
    p.bySender({ type: 'SuggestProcuratorateSupervision', at: bj('2025-09-30T15:00'), reason: '建议立案监督' } as SenderCommand);
    p.bySender({ type: 'CloseTransfer', at: bj('2025-10-20T15:00'), reason: '检察院监督后维持不立案，已依法给予行政处罚' } as SenderCommand);
    expect(p.senderSide()).toMatchObject({ status: 'CLOSED', supervision: { afterReconsideration: true } });
    expect(p.receiverSide()).toMatchObject({ status: 'CLOSED', reconsideration: { decision: { accepted: false } } });
    // police decide reconsideration within 3 days of 09-27 → 09-30; suggestion within 3 days of 09-29 ends on
    // 10-02, in 国庆节 (10-01..10-08) → 24:00 of 10-09
    const byStep = Object.fromEntries(p.senderSide().deadlines.map((d) => [d.step, d]));
    expect(byStep.decideReconsideration).toMatchObject({ dueAt: '2025-10-01T00:00:00+08:00', metLate: false });
    expect(byStep.suggestSupervision).toMatchObject({ dueAt: '2025-10-10T00:00:00+08:00', metAt: bj('2025-09-30T15:00') });
  });

  it('CRIMINAL: forwarded to the competent police agency, which accepts', () => {
    const p = protocol(agencies.amr, agencies.police);
    p.bySender({ type: 'ProposeTransfer', at: bj('2025-04-28T09:00'), caseId: 'c-003', kind: 'CRIMINAL', fromAgency: agencies.amr, toAgency: agencies.police, reason: '销售假药', materials: [...criminalMaterials], caseTeam: caseTeamOf(agencies.amr) } as SenderCommand);
    p.bySender({ type: 'ApproveTransfer', at: bj('2025-04-28T10:00') } as SenderCommand);
    p.byReceiver({ type: 'ReceiveTransfer', at: bj('2025-04-28T11:00'), sent: p.sent() } as ReceiverCommand);
    p.byReceiver({ type: 'ForwardTransfer', at: bj('2025-04-28T12:00'), toAgency: agencies.policeDistrict, reason: '属地管辖' } as ReceiverCommand);
    p.byReceiver({ type: 'ReceiveTransfer', at: bj('2025-04-28T14:00') } as ReceiverCommand, agencies.policeDistrict);
    p.byReceiver({ type: 'AcceptTransfer', at: bj('2025-04-29T14:00') } as ReceiverCommand, agencies.policeDistrict);
    expect(p.senderSide()).toMatchObject({ status: 'ACCEPTED', toAgency: agencies.policeDistrict });
    expect(p.senderSide().deadlines.find((d) => d.step === 'forwardOrReturn')).toMatchObject({ metAt: bj('2025-04-28T12:00') });
    expectSameDeadlines(p.senderSide(), p.receiverSide(), ['decide', 'forwardOrReturn']);
    // the sender also knows the first receiver's receipt window; the district's stream starts at its receipt
    expect(p.senderSide().deadlines.filter((d) => d.step === 'signReceipt').map((d) => d.metAt)).toEqual([
      bj('2025-04-28T11:00'),
      bj('2025-04-28T14:00'),
    ]);
  });

  it('DISCIPLINARY: the commission disposes of the clue and feeds the result back', () => {
    const p = protocol(agencies.amr, agencies.cdi);
    p.bySender({
      type: 'ProposeTransfer', at: bj('2025-09-24T09:00'), caseId: 'c-004', kind: 'DISCIPLINARY', fromAgency: agencies.amr, toAgency: agencies.cdi,
      reason: '监管人员对医院无证配制长期未予查处', materials: [{ kind: 'CLUE_REPORT', title: '问题线索报告' }, { kind: 'TRANSFER_LETTER', title: '移送函' }],
      official: { name: '赵某', post: '药品监管科科长', employer: '某区市场监管局', managementLevel: '乡科级', allegations: ['DERELICTION', 'PROTECTIVE_UMBRELLA'] },
    } as SenderCommand);
    p.bySender({ type: 'ApproveTransfer', at: bj('2025-09-25T09:00') } as SenderCommand);
    p.byReceiver({ type: 'ReceiveTransfer', at: bj('2025-09-26T10:00'), sent: p.sent() } as ReceiverCommand);
    p.byReceiver({ type: 'DisposeClue', at: bj('2025-10-10T10:00'), disposition: 'PRELIMINARY_VERIFICATION', reason: '问题具体，可查性强' } as ReceiverCommand);
    p.byReceiver({ type: 'DisposeClue', at: bj('2025-11-20T10:00'), disposition: 'CASE_OPENED', reason: '初核属实' } as ReceiverCommand);
    p.byReceiver({ type: 'RecordTransferResult', at: bj('2025-12-30T10:00'), outcome: 'DISCIPLINED', result: '给予政务记过处分' } as ReceiverCommand);
    p.bySender({ type: 'CloseTransfer', at: bj('2025-12-31T10:00') } as SenderCommand);
    const sender = p.senderSide();
    expect(sender).toMatchObject({ status: 'CLOSED', official: { name: '赵某', managementLevel: '乡科级' }, copiedToProcuratorate: false });
    expect(sender.dispositions.map((d) => d.disposition)).toEqual(['PRELIMINARY_VERIFICATION', 'CASE_OPENED']);
    // approve in 3 working days from Wed 09-24: 09-25, 09-26, 09-28 (Sunday, 调休上班) → 24:00 of 09-28
    expect(sender.deadlines.find((d) => d.step === 'approve')).toMatchObject({ dueAt: '2025-09-29T00:00:00+08:00', metLate: false });
    expect(sender.deadlines.find((d) => d.step === 'decide')).toMatchObject({ dueAt: '2025-10-24T00:00:00+08:00', metAt: bj('2025-10-10T10:00') });
    expectSameDeadlines(sender, p.receiverSide(), ['decide', 'feedbackResult']);
  });

  it('ADMINISTRATIVE: disinfection products to health, accepted, penalty fed back', () => {
    const p = protocol(agencies.amr, agencies.health);
    p.bySender({
      type: 'ProposeTransfer', at: bj('2025-04-25T16:00'), caseId: 'c-005', kind: 'ADMINISTRATIVE', fromAgency: agencies.amr, toAgency: agencies.health,
      reason: '药店销售的消毒产品涉嫌违法，属卫生健康部门管辖', materials: [{ kind: 'TRANSFER_LETTER', title: '案件移送函' }, { kind: 'INVESTIGATION_REPORT', title: '调查报告' }],
    } as SenderCommand);
    const approve = p.senderSide().deadlines.find((d) => d.step === 'approve')!;
    // 3 working days from Fri 04-25: 04-27 (Sunday, 调休上班) 1, 04-28 2, 04-29 3 → 24:00 of 04-29
    expect(approve.dueAt).toBe('2025-04-30T00:00:00+08:00');
    p.bySender({ type: 'ApproveTransfer', at: bj('2025-04-29T09:00') } as SenderCommand);
    p.byReceiver({ type: 'ReceiveTransfer', at: bj('2025-04-29T10:00'), sent: p.sent() } as ReceiverCommand);
    p.byReceiver({ type: 'AcceptTransfer', at: bj('2025-05-09T10:00') } as ReceiverCommand);
    p.bySender({ type: 'HandOverMaterials', at: bj('2025-05-12T10:00'), materials: [{ kind: 'SEIZED_ITEMS_LIST', title: '扣押消毒产品清单' }] } as SenderCommand);
    p.byReceiver({ type: 'RecordTransferResult', at: bj('2025-07-15T10:00'), outcome: 'PENALIZED', result: '警告并罚款' } as ReceiverCommand);
    p.bySender({ type: 'CloseTransfer', at: bj('2025-07-16T10:00') } as SenderCommand);
    expect(p.senderSide().status).toBe('CLOSED');
    expect(p.senderSide().copiedToProcuratorate).toBe(false);
    // decide: 15 working days from Tue 04-29: 04-30 1, 劳动节 05-01..05-05 off, 05-06..09 2–5,
    // 05-12..16 6–10, 05-19..23 11–15 → 24:00 of 05-23
    expect(p.senderSide().deadlines.find((d) => d.step === 'decide')).toMatchObject({ dueAt: '2025-05-24T00:00:00+08:00', metLate: false });
  });

  it('REVERSE: police send a case back for an administrative penalty', () => {
    const p = protocol(agencies.police, agencies.mi);
    p.bySender({
      type: 'ProposeTransfer', at: bj('2025-06-03T09:00'), caseId: 'c-006', kind: 'REVERSE', fromAgency: agencies.police, toAgency: agencies.mi,
      reason: '骗保金额未达立案追诉标准，依法应予行政处罚', materials: [{ kind: 'TRANSFER_LETTER', title: '移送函' }, { kind: 'INVESTIGATION_REPORT', title: '调查材料' }],
    } as SenderCommand);
    p.bySender({ type: 'ApproveTransfer', at: bj('2025-06-03T15:00') } as SenderCommand);
    p.byReceiver({ type: 'ReceiveTransfer', at: bj('2025-06-04T09:00'), sent: p.sent() } as ReceiverCommand);
    p.byReceiver({ type: 'AcceptTransfer', at: bj('2025-06-10T09:00') } as ReceiverCommand);
    p.byReceiver({ type: 'RecordTransferResult', at: bj('2025-08-01T09:00'), outcome: 'PENALIZED', result: '追回医保基金并处罚款' } as ReceiverCommand);
    p.bySender({ type: 'CloseTransfer', at: bj('2025-08-02T09:00') } as SenderCommand);
    expect(p.senderSide().status).toBe('CLOSED');
    expect(p.receiverSide().status).toBe('CLOSED');
    // the penalty within 90 days of acceptance (行政处罚法第六十条)
    expect(p.senderSide().deadlines.find((d) => d.step === 'feedbackResult')).toMatchObject({ dueAt: '2025-09-09T00:00:00+08:00', metLate: false });
  });
});
