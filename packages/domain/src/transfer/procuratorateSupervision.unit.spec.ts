/**
 * 立案监督 after a decline (公安机关办理刑事案件程序规定第一百八十二条): the police record the
 * procuratorate's notices (it is not a platform agency), explain within 7 days, file within 15
 * days of an order; the sender notes each fact. Given-when-then on both deciders.
 */
import { ForbiddenError, NotFoundError, statusAsOf, ValidationError } from '@xianjie/contracts';
import type { TransferEvent } from '@xianjie/contracts';
import { describe, expect, it } from 'vitest';
import { fold } from '../decider.ts';
import { receiverDecider } from './receiverDecider.ts';
import type { ReceiverCommand } from './receiverDecider.ts';
import { senderDecider } from './senderDecider.ts';
import type { SenderCommand } from './senderDecider.ts';
import type { Transfer } from './transferState.ts';
import {
  actorOf,
  agencies,
  approvedFact,
  bj,
  fact,
  givenFor,
  noted,
  proposedFact,
  receiptFact,
  refused,
  transferId,
} from './transferTestKit.ts';

const givenReceiver = givenFor(receiverDecider);
const givenSender = givenFor(senderDecider);
const policeOfficer = actorOf(agencies.police, '李警官');
const amrOfficer = actorOf(agencies.amr, '王执法');

// ---------------------------------------------------------------- facts

const proposed = proposedFact();
const approved = approvedFact(proposed, bj('2025-04-29T10:00'));
const receipt = receiptFact(approved, bj('2025-04-29T15:00'));
const declined = fact('TransferDeclined', {
  transferId,
  agencyId: agencies.police.id,
  reasonCategory: 'TOO_MINOR',
  reason: '犯罪事实显著轻微，不需要追究刑事责任',
  declinedAt: bj('2025-04-30T11:00'),
});
const suggested = fact('ProcuratorateSupervisionSuggested', {
  transferId,
  reason: '涉案制剂已致患者损害，建议检察院立案监督',
  afterReconsideration: false,
  suggestedAt: bj('2025-05-01T10:00'),
});
const inquiry = fact('ProcuratorateInquiryRecorded', {
  transferId,
  agencyId: agencies.police.id,
  documentNumber: '乌检侦监要说〔2025〕3号',
  receivedAt: bj('2025-05-12T10:00'),
});
const explained = fact('NonFilingExplained', {
  transferId,
  agencyId: agencies.police.id,
  explanation: '经审查，涉案金额未达立案追诉标准，情节显著轻微',
  explainedAt: bj('2025-05-16T10:00'),
});
const order = fact('ProcuratorateFilingOrderRecorded', {
  transferId,
  agencyId: agencies.police.id,
  documentNumber: '乌检侦监通立〔2025〕2号',
  receivedAt: bj('2025-06-03T10:00'),
});
const acceptedOnOrder = fact('TransferAccepted', {
  transferId,
  agencyId: agencies.police.id,
  documentNumber: '乌公立字〔2025〕31号',
  reason: null,
  propertyReceivedAt: null,
  acceptedAt: bj('2025-06-10T10:00'),
});

// the receiver's stream
const supervisionNoted = noted(suggested, 'SupervisionSuggestionNoted', bj('2025-05-01T10:01'));
const receiverHistories: Record<string, TransferEvent[]> = {
  NONE: [],
  RECEIVED: [receipt],
  DECLINED: [receipt, declined],
  SUPERVISION_SUGGESTED: [receipt, declined, supervisionNoted],
  PROCURATORATE_INQUIRY: [receipt, declined, supervisionNoted, inquiry],
  NON_FILING_EXPLAINED: [receipt, declined, supervisionNoted, inquiry, explained],
  FILING_ORDERED: [receipt, declined, supervisionNoted, inquiry, explained, order],
  ACCEPTED: [receipt, declined, supervisionNoted, inquiry, explained, order, acceptedOnOrder],
};

// ---------------------------------------------------------------- commands

const base = (at: string, actor = policeOfficer) => ({ transferId, at, actor });
const recordInquiry: ReceiverCommand = {
  type: 'RecordProcuratorateInquiry',
  ...base(bj('2025-05-12T10:00')),
  documentNumber: '  乌检侦监要说〔2025〕3号 ',
};
const explain: ReceiverCommand = {
  type: 'ExplainNonFiling',
  ...base(bj('2025-05-16T10:00')),
  explanation: '经审查，涉案金额未达立案追诉标准，情节显著轻微',
};
const recordOrder: ReceiverCommand = {
  type: 'RecordProcuratorateFilingOrder',
  ...base(bj('2025-06-03T10:00')),
  documentNumber: '乌检侦监通立〔2025〕2号',
};
const accept: ReceiverCommand = {
  type: 'AcceptTransfer',
  ...base(bj('2025-06-10T10:00')),
  documentNumber: '乌公立字〔2025〕31号',
};

const fold_ = (events: TransferEvent[]) => fold(receiverDecider, events) as Transfer;
const deadline = (events: TransferEvent[], step: string) => fold_(events).deadlines.find((d) => d.step === step);

// ---------------------------------------------------------------- receiver: transitions

describe('立案监督, receiver: transitions', () => {
  it('records the procuratorate’s inquiry after the suggestion (its time is the receipt of the notice)', () =>
    givenReceiver(receiverHistories.SUPERVISION_SUGGESTED!).when(recordInquiry).then([inquiry]));

  it('explains why no case was filed', () =>
    givenReceiver(receiverHistories.PROCURATORATE_INQUIRY!).when(explain).then([explained]));

  it('records the order to file after the explanation', () =>
    givenReceiver(receiverHistories.NON_FILING_EXPLAINED!).when(recordOrder).then([order]));

  it('records the order to file when no explanation came', () =>
    givenReceiver(receiverHistories.PROCURATORATE_INQUIRY!).when(recordOrder).then([order]));

  it('files (立案) on the order', () =>
    givenReceiver(receiverHistories.FILING_ORDERED!).when(accept).then([acceptedOnOrder]));

  it('files on the inquiry instead of explaining', () =>
    givenReceiver(receiverHistories.PROCURATORATE_INQUIRY!).when(accept).then([acceptedOnOrder]));

  it('files after having explained', () =>
    givenReceiver(receiverHistories.NON_FILING_EXPLAINED!).when(accept).then([acceptedOnOrder]));

  it('keeps the notices and the explanation in the state', () => {
    const state = fold_(receiverHistories.ACCEPTED!);
    expect(state.status).toBe('ACCEPTED');
    expect(state.procuratorateInquiry).toEqual({ documentNumber: '乌检侦监要说〔2025〕3号', receivedAt: bj('2025-05-12T10:00') });
    expect(state.nonFilingExplanation).toEqual({ explanation: explained.data.explanation, explainedAt: bj('2025-05-16T10:00') });
    expect(state.filingOrder).toEqual({ documentNumber: '乌检侦监通立〔2025〕2号', receivedAt: bj('2025-06-03T10:00') });
    expect(state.acceptance?.documentNumber).toBe('乌公立字〔2025〕31号');
  });

  it('lets the sender close after the explanation, and notes the closure', () => {
    const closed = fact('TransferClosed', { transferId, reason: '检察院认可不立案理由，本机关依法作出行政处罚', closedAt: bj('2025-06-20T10:00') });
    givenReceiver(receiverHistories.NON_FILING_EXPLAINED!)
      .when({ type: 'NoteSenderStep', ...base(bj('2025-06-20T10:01')), fact: closed })
      .then([noted(closed, 'ClosureNoted', bj('2025-06-20T10:01'))]);
  });
});

// ---------------------------------------------------------------- receiver: refusals

describe('立案监督, receiver: refusals', () => {
  const allowed: Record<string, string[]> = {
    // On the suggestion, or on the procuratorate's own motion after the decline.
    RecordProcuratorateInquiry: ['SUPERVISION_SUGGESTED', 'DECLINED'],
    ExplainNonFiling: ['PROCURATORATE_INQUIRY'],
    RecordProcuratorateFilingOrder: ['PROCURATORATE_INQUIRY', 'NON_FILING_EXPLAINED'],
    AcceptTransfer: ['RECEIVED', 'SUPERVISION_SUGGESTED', 'PROCURATORATE_INQUIRY', 'NON_FILING_EXPLAINED', 'FILING_ORDERED'],
  };
  const commands: Record<string, [ReceiverCommand, string]> = {
    RecordProcuratorateInquiry: [recordInquiry, 'recordProcuratorateInquiry'],
    ExplainNonFiling: [explain, 'explainNonFiling'],
    RecordProcuratorateFilingOrder: [recordOrder, 'recordProcuratorateFilingOrder'],
    AcceptTransfer: [accept, 'acceptTransfer'],
  };
  for (const [type, [command, name]] of Object.entries(commands)) {
    for (const [status, history] of Object.entries(receiverHistories)) {
      if (allowed[type]!.includes(status)) continue;
      it(`${type} is refused when the transfer is ${status}`, () =>
        givenReceiver(history)
          .when(command)
          .then(
            status === 'NONE'
              ? new NotFoundError('Transfer', transferId)
              : { errorLike: Error, matches: new RegExp(`^${name}: .*; it is ${status}$`) },
          ));
    }
    it(`${type} is forbidden to anyone but the receiving police`, () =>
      givenReceiver(receiverHistories[allowed[type]!.at(-1)!]!)
        .when({ ...command, actor: amrOfficer } as ReceiverCommand)
        .then(
          new ForbiddenError(
            `only the receiving agency police-650100 acts on the receiver side of transfer ${transferId}; the actor belongs to amr-650100`,
          ),
        ));
  }

  it('needs the number of the inquiry notice', () =>
    givenReceiver(receiverHistories.SUPERVISION_SUGGESTED!)
      .when({ ...recordInquiry, documentNumber: '  ' } as ReceiverCommand)
      .then(
        new ValidationError([
          { path: 'documentNumber', message: 'the number of the procuratorate’s notice (要求说明不立案理由通知书文号) is required' },
        ]),
      ));

  it('needs the number of the filing order, present or not', () => {
    const { documentNumber: _d, ...withoutNumber } = recordOrder as Extract<ReceiverCommand, { type: 'RecordProcuratorateFilingOrder' }>;
    givenReceiver(receiverHistories.PROCURATORATE_INQUIRY!)
      .when(withoutNumber as ReceiverCommand)
      .then({ errorLike: ValidationError, matches: /documentNumber/ });
    givenReceiver(receiverHistories.PROCURATORATE_INQUIRY!)
      .when({ ...recordOrder, documentNumber: '' } as ReceiverCommand)
      .then(new ValidationError([{ path: 'documentNumber', message: 'the number of the procuratorate’s order (通知立案书文号) is required' }]));
  });

  it('needs the written explanation', () =>
    givenReceiver(receiverHistories.PROCURATORATE_INQUIRY!)
      .when({ ...explain, explanation: ' ' } as ReceiverCommand)
      .then(new ValidationError([{ path: 'explanation', message: '须附不立案理由说明' }])));

  it('files under supervision only with the number of the 立案决定书', () => {
    for (const status of ['PROCURATORATE_INQUIRY', 'NON_FILING_EXPLAINED', 'FILING_ORDERED']) {
      givenReceiver(receiverHistories[status]!)
        .when({ ...accept, documentNumber: null } as ReceiverCommand)
        .then({ errorLike: ValidationError, matches: /立案决定书/ });
    }
  });

  it('applies to CRIMINAL transfers only', () => {
    const reverse = receiptFact(approvedFact(proposedFact({ kind: 'REVERSE', fromAgency: agencies.police, toAgency: agencies.amr }), bj('2025-04-29T10:00')), bj('2025-04-29T15:00'));
    const reverseDeclined = { ...declined, data: { ...declined.data, agencyId: agencies.amr.id } } as TransferEvent;
    givenReceiver([reverse, reverseDeclined, supervisionNoted])
      .when({ ...recordInquiry, actor: amrOfficer } as ReceiverCommand)
      .then(
        refused(
          'recordProcuratorateInquiry',
          'procuratorate supervision applies to CRIMINAL transfers only, this one is REVERSE',
          'SUPERVISION_SUGGESTED',
        ),
      );
  });

  it('records each notice once', () => {
    givenReceiver(receiverHistories.NON_FILING_EXPLAINED!).when(recordInquiry).then({ errorLike: Error, matches: /once; it is NON_FILING_EXPLAINED$/ });
    givenReceiver(receiverHistories.NON_FILING_EXPLAINED!).when(explain).then({ errorLike: Error, matches: /once, after the procuratorate asked for them; it is NON_FILING_EXPLAINED$/ });
    givenReceiver(receiverHistories.FILING_ORDERED!).when(recordOrder).then({ errorLike: Error, matches: /once; it is FILING_ORDERED$/ });
  });
});

// ---------------------------------------------------------------- receiver: deadlines

describe('立案监督, deadlines', () => {
  it('explainNonFiling: 7 days from the notice (the day of receipt not counted), a police DUTY', () => {
    const d = deadline(receiverHistories.PROCURATORATE_INQUIRY!, 'explainNonFiling')!;
    // received Mon 05-12; 7 days → Mon 05-19, a working day → due at its 24:00
    expect(d).toMatchObject({ party: 'RECEIVER', obligation: 'DUTY', startedAt: bj('2025-05-12T10:00'), metAt: null });
    expect(Date.parse(d.dueAt)).toBe(Date.parse('2025-05-20T00:00:00+08:00'));
    expect(d.legalBasis).toMatch(/第一百八十二条/);
    expect(statusAsOf(d, '2025-05-19T23:59:59+08:00')).toBe('PENDING');
    expect(statusAsOf(d, '2025-05-20T00:00:01+08:00')).toBe('OVERDUE');
  });

  it('explainNonFiling: a last day in the National Day holiday rolls over (刑诉法第一百零五条)', () => {
    const late = { ...inquiry, data: { ...inquiry.data, receivedAt: bj('2025-09-26T10:00') } } as TransferEvent;
    // 7 days after Fri 09-26 is 10-03 (holiday 10-01..10-08) → Thu 10-09 → due 2025-10-10T00:00+08:00
    const d = deadline([...receiverHistories.SUPERVISION_SUGGESTED!, late], 'explainNonFiling')!;
    expect(Date.parse(d.dueAt)).toBe(Date.parse('2025-10-10T00:00:00+08:00'));
  });

  it('the explanation meets it; late, it is met late', () => {
    expect(deadline(receiverHistories.NON_FILING_EXPLAINED!, 'explainNonFiling')).toMatchObject({
      metAt: bj('2025-05-16T10:00'),
      metLate: false,
    });
    const lateExplanation = { ...explained, data: { ...explained.data, explainedAt: bj('2025-05-21T09:00') } } as TransferEvent;
    givenReceiver(receiverHistories.PROCURATORATE_INQUIRY!)
      .when({ ...explain, at: bj('2025-05-21T09:00') } as ReceiverCommand)
      .then([lateExplanation]);
    expect(deadline([...receiverHistories.PROCURATORATE_INQUIRY!, lateExplanation], 'explainNonFiling')).toMatchObject({ metLate: true });
  });

  it('filing instead of explaining voids the explanation step', () => {
    const filed = { ...acceptedOnOrder, data: { ...acceptedOnOrder.data, acceptedAt: bj('2025-05-14T10:00') } } as TransferEvent;
    const state = fold_([...receiverHistories.PROCURATORATE_INQUIRY!, filed]);
    expect(state.deadlines.find((d) => d.step === 'explainNonFiling')).toBeUndefined();
    expect(state.status).toBe('ACCEPTED');
  });

  it('fileOnOrder: 15 days from the order, met by the acceptance; hand-over and feedback start then', () => {
    const open = deadline(receiverHistories.FILING_ORDERED!, 'fileOnOrder')!;
    // received Tue 06-03; 15 days → Wed 06-18 → due at its 24:00
    expect(open).toMatchObject({ party: 'RECEIVER', obligation: 'DUTY', startedAt: bj('2025-06-03T10:00'), metAt: null });
    expect(Date.parse(open.dueAt)).toBe(Date.parse('2025-06-19T00:00:00+08:00'));
    expect(statusAsOf(open, '2025-06-19T00:00:01+08:00')).toBe('OVERDUE');
    const state = fold_(receiverHistories.ACCEPTED!);
    expect(state.deadlines.find((d) => d.step === 'fileOnOrder')).toMatchObject({ metAt: bj('2025-06-10T10:00'), metLate: false });
    expect(state.deadlines.find((d) => d.step === 'handOver')).toMatchObject({ startedAt: bj('2025-06-10T10:00'), metAt: null });
    expect(state.deadlines.find((d) => d.step === 'feedbackResult')).toMatchObject({ startedAt: bj('2025-06-10T10:00'), metAt: null });
  });
});

// ---------------------------------------------------------------- sender: notes

describe('立案监督, sender: notes the police’s records', () => {
  const receiptNoted = noted(receipt, 'ReceiptNoted', bj('2025-04-29T15:01'));
  const declineNoted = noted(declined, 'DeclineNoted', bj('2025-04-30T11:01'));
  const suggestedHistory = [proposed, approved, receiptNoted, declineNoted, suggested];
  const at = bj('2025-07-01T10:00');
  const note = (event: TransferEvent, actor = actorOf(agencies.amr, 'system')): SenderCommand => ({
    type: 'NoteReceiverStep',
    transferId,
    at,
    actor,
    fact: event as Extract<SenderCommand, { type: 'NoteReceiverStep' }>['fact'],
  });
  const inquiryNoted = noted(inquiry, 'ProcuratorateInquiryNoted', at);
  const explanationNoted = noted(explained, 'NonFilingExplanationNoted', at);
  const orderNoted = noted(order, 'FilingOrderNoted', at);

  it('notes the inquiry, the explanation, the order and the acceptance, in order', () => {
    givenSender(suggestedHistory).when(note(inquiry)).then([inquiryNoted]);
    givenSender([...suggestedHistory, inquiryNoted]).when(note(explained)).then([explanationNoted]);
    givenSender([...suggestedHistory, inquiryNoted, explanationNoted]).when(note(order)).then([orderNoted]);
    givenSender([...suggestedHistory, inquiryNoted, explanationNoted, orderNoted])
      .when(note(acceptedOnOrder))
      .then([noted(acceptedOnOrder, 'AcceptanceNoted', at)]);
  });

  it('sees the police’s steps and deadlines', () => {
    const state = fold(senderDecider, [...suggestedHistory, inquiryNoted, explanationNoted, orderNoted]) as Transfer;
    expect(state.status).toBe('FILING_ORDERED');
    expect(state.procuratorateInquiry?.documentNumber).toBe('乌检侦监要说〔2025〕3号');
    expect(state.nonFilingExplanation?.explanation).toBe(explained.data.explanation);
    expect(state.filingOrder?.documentNumber).toBe('乌检侦监通立〔2025〕2号');
    expect(state.deadlines.find((d) => d.step === 'explainNonFiling')).toMatchObject({ party: 'RECEIVER', metAt: bj('2025-05-16T10:00') });
    expect(Date.parse(state.deadlines.find((d) => d.step === 'fileOnOrder')!.dueAt)).toBe(Date.parse('2025-06-19T00:00:00+08:00'));
  });

  it('notes a redelivered fact once', () =>
    givenSender([...suggestedHistory, inquiryNoted]).when(note(inquiry)).then([]));

  it('refuses a fact out of order', () => {
    givenSender(suggestedHistory)
      .when(note(explained))
      .then(refused('noteReceiverStep', "NonFilingExplained cannot follow the sender's state (facts must arrive in order)", 'SUPERVISION_SUGGESTED'));
    givenSender([proposed, approved, receiptNoted])
      .when(note(inquiry))
      .then(refused('noteReceiverStep', "ProcuratorateInquiryRecorded cannot follow the sender's state (facts must arrive in order)", 'RECEIVED'));
  });

  it('notes an inquiry the procuratorate made on its own motion, after the decline', () =>
    givenSender([proposed, approved, receiptNoted, declineNoted])
      .when(note(inquiry))
      .then([noted(inquiry, 'ProcuratorateInquiryNoted', at)]));

  it('refuses a fact recorded by another agency', () =>
    givenSender(suggestedHistory)
      .when(note({ ...inquiry, data: { ...inquiry.data, agencyId: agencies.policeDistrict.id } } as TransferEvent))
      .then(
        new ForbiddenError(
          `ProcuratorateInquiryRecorded comes from police-650102, but the receiver of transfer ${transferId} is police-650100`,
        ),
      ));

  it('may close after the explanation (with a reason), not while the police owe an answer', () => {
    const close = (reason: string | null): SenderCommand => ({ type: 'CloseTransfer', transferId, at, actor: amrOfficer, reason });
    givenSender([...suggestedHistory, inquiryNoted, explanationNoted])
      .when(close('检察院认可不立案理由，本机关依法作出行政处罚'))
      .then([fact('TransferClosed', { transferId, reason: '检察院认可不立案理由，本机关依法作出行政处罚', closedAt: at })]);
    givenSender([...suggestedHistory, inquiryNoted]).when(close('结案')).then({ errorLike: Error, matches: /^closeTransfer: .*; it is PROCURATORATE_INQUIRY$/ });
    givenSender([...suggestedHistory, inquiryNoted, explanationNoted, orderNoted])
      .when(close('结案'))
      .then({ errorLike: Error, matches: /^closeTransfer: .*; it is FILING_ORDERED$/ });
  });
});
