import { ForbiddenError, NotFoundError, statusAsOf, ValidationError } from '@xianjie/contracts';
import type { TransferEvent } from '@xianjie/contracts';
import { describe, expect, it } from 'vitest';
import { fold } from '../decider.ts';
import { receiverDecider } from './receiverDecider.ts';
import type { ReceiverCommand } from './receiverDecider.ts';
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
import type { Transfer } from './transferState.ts';

const given = givenFor(receiverDecider);
const policeOfficer = actorOf(agencies.police, '李警官');
const districtOfficer = actorOf(agencies.policeDistrict, '陈警官');
const amrOfficer = actorOf(agencies.amr, '王执法');

// ---------------------------------------------------------------- facts

const approved = approvedFact(proposedFact(), bj('2025-04-29T10:00'));
const receipt = receiptFact(approved, bj('2025-04-29T15:00'));
const forwarded = fact('TransferForwarded', {
  transferId,
  fromReceiver: agencies.police,
  toAgency: agencies.policeDistrict,
  reason: '案发地在区公安分局辖区',
  forwardedAt: bj('2025-04-29T18:00'),
});
const returned = fact('TransferReturned', {
  transferId,
  agencyId: agencies.police.id,
  reason: '不属于公安机关职责范围',
  returnedAt: bj('2025-04-29T16:00'),
});
const supplementRequested = fact('SupplementRequested', {
  transferId,
  agencyId: agencies.police.id,
  requested: ['TEST_REPORT'],
  reason: '检验报告未加盖检验机构印章',
  requestedAt: bj('2025-04-29T18:00'),
});
const accepted = fact('TransferAccepted', {
  transferId,
  agencyId: agencies.police.id,
  documentNumber: '乌公立字〔2025〕18号',
  reason: null,
  propertyReceivedAt: null,
  acceptedAt: bj('2025-04-30T11:00'),
});
const declined = fact('TransferDeclined', {
  transferId,
  agencyId: agencies.police.id,
  reasonCategory: 'TOO_MINOR',
  reason: '犯罪事实显著轻微，不需要追究刑事责任',
  declinedAt: bj('2025-04-30T11:00'),
});
const reconsiderationRequestNoted = noted(
  fact('ReconsiderationRequested', {
    transferId,
    reason: '涉案制剂已致患者损害',
    requestedAt: bj('2025-05-02T10:00'),
  }),
  'ReconsiderationRequestNoted',
  bj('2025-05-02T10:01'),
);
const supervisionNoted = noted(
  fact('ProcuratorateSupervisionSuggested', {
    transferId,
    reason: '建议检察院立案监督',
    afterReconsideration: false,
    suggestedAt: bj('2025-05-01T10:00'),
  }),
  'SupervisionSuggestionNoted',
  bj('2025-05-01T10:01'),
);
const result = fact('TransferResultRecorded', {
  transferId,
  agencyId: agencies.police.id,
  outcome: 'PROSECUTED',
  result: '侦查终结，移送审查起诉',
  recordedAt: bj('2025-07-01T10:00'),
});
const closureNoted = noted(
  fact('TransferClosed', { transferId, reason: null, closedAt: bj('2025-07-02T10:00') }),
  'ClosureNoted',
  bj('2025-07-02T10:01'),
);

const histories: Record<string, TransferEvent[]> = {
  NONE: [],
  SENT: [receipt, forwarded],
  RECEIVED: [receipt],
  ACCEPTED: [receipt, accepted],
  DECLINED: [receipt, declined],
  RECONSIDERATION_REQUESTED: [receipt, declined, reconsiderationRequestNoted],
  RETURNED: [receipt, returned],
  SUPERVISION_SUGGESTED: [receipt, declined, supervisionNoted],
  RESULT_RECORDED: [receipt, accepted, result],
  CLOSED: [receipt, accepted, result, closureNoted],
};

// ---------------------------------------------------------------- commands

const base = (at: string, actor = policeOfficer) => ({ transferId, at, actor });

const receive: ReceiverCommand = { type: 'ReceiveTransfer', ...base(bj('2025-04-29T15:00')), sent: approved.data };
const forward: ReceiverCommand = {
  type: 'ForwardTransfer',
  ...base(bj('2025-04-29T18:00')),
  toAgency: agencies.policeDistrict,
  reason: '案发地在区公安分局辖区',
};
const returnCommand: ReceiverCommand = {
  type: 'ReturnTransfer',
  ...base(bj('2025-04-29T16:00')),
  reason: '不属于公安机关职责范围',
};
const requestSupplement: ReceiverCommand = {
  type: 'RequestSupplement',
  ...base(bj('2025-04-29T18:00')),
  requested: ['TEST_REPORT', 'TEST_REPORT'],
  reason: '检验报告未加盖检验机构印章',
};
const accept: ReceiverCommand = {
  type: 'AcceptTransfer',
  ...base(bj('2025-04-30T11:00')),
  documentNumber: '乌公立字〔2025〕18号',
};
const decline: ReceiverCommand = {
  type: 'DeclineTransfer',
  ...base(bj('2025-04-30T11:00')),
  reasonCategory: 'TOO_MINOR',
  reason: '犯罪事实显著轻微，不需要追究刑事责任',
};
const extend: ReceiverCommand = {
  type: 'ExtendDeadline',
  ...base(bj('2025-04-30T09:00')),
  extension: 'COMPLEX',
  reason: '涉案制剂流向多个医疗机构，需逐一核查',
};
const decideReconsideration: ReceiverCommand = {
  type: 'DecideReconsideration',
  ...base(bj('2025-05-06T10:00')),
  accept: true,
  reason: '经复议，决定立案',
};
const recordResult: ReceiverCommand = {
  type: 'RecordTransferResult',
  ...base(bj('2025-07-01T10:00')),
  outcome: 'PROSECUTED',
  result: '侦查终结，移送审查起诉',
};

// ---------------------------------------------------------------- transitions

describe('receiver decider: transitions', () => {
  it('signs the receipt of the transfer as sent', () => given([]).when(receive).then([receipt]));

  it('forwards to the competent police agency', () => given([receipt]).when(forward).then([forwarded]));

  it('lets the new receiver sign after a forward', () =>
    given([receipt, forwarded])
      .when({ type: 'ReceiveTransfer', ...base(bj('2025-04-30T09:00'), districtOfficer) })
      .then([receiptFact(approved, bj('2025-04-30T09:00'), agencies.policeDistrict)]));

  it('returns a transfer outside its jurisdiction', () => given([receipt]).when(returnCommand).then([returned]));

  it('asks for supplements, naming each material once', () =>
    given([receipt]).when(requestSupplement).then([supplementRequested]));

  it('accepts (立案)', () => given([receipt]).when(accept).then([accepted]));

  it('declines with its reasons', () => given([receipt]).when(decline).then([declined]));

  it('extends the decision window of a complex case, with the reason', () =>
    given([receipt])
      .when(extend)
      .then([
        fact('DeadlineExtended', {
          transferId,
          agencyId: agencies.police.id,
          step: 'decide',
          extension: 'COMPLEX',
          reason: '涉案制剂流向多个医疗机构，需逐一核查',
          extendedAt: bj('2025-04-30T09:00'),
        }),
      ]));

  it('accepts on reconsideration', () =>
    given(histories.RECONSIDERATION_REQUESTED!)
      .when(decideReconsideration)
      .then([
        fact('ReconsiderationDecided', {
          transferId,
          agencyId: agencies.police.id,
          accepted: true,
          reason: '经复议，决定立案',
          decidedAt: bj('2025-05-06T10:00'),
        }),
      ]));

  it('upholds the decline on reconsideration, with a reason', () =>
    given(histories.RECONSIDERATION_REQUESTED!)
      .when({ ...decideReconsideration, accept: false, reason: '维持不予立案决定' } as ReceiverCommand)
      .then([
        fact('ReconsiderationDecided', {
          transferId,
          agencyId: agencies.police.id,
          accepted: false,
          reason: '维持不予立案决定',
          decidedAt: bj('2025-05-06T10:00'),
        }),
      ]));

  it('accepts after the procuratorate’s supervision (公安规定第一百八十二条)', () =>
    given(histories.SUPERVISION_SUGGESTED!)
      .when({ ...accept, at: bj('2025-05-20T10:00') } as ReceiverCommand)
      .then([{ ...accepted, data: { ...accepted.data, acceptedAt: bj('2025-05-20T10:00') } }]));

  it('feeds the result back', () => given(histories.ACCEPTED!).when(recordResult).then([result]));

  it('notes what the sender did after sending', () => {
    const supplied = fact('MaterialsSupplemented', {
      transferId,
      materials: [{ kind: 'TEST_REPORT', title: '检验报告（盖章件）' }],
      reason: null,
      suppliedAt: bj('2025-04-30T09:00'),
    });
    const handedOver = fact('MaterialsHandedOver', {
      transferId,
      materials: [{ kind: 'SEIZED_ITEMS_LIST', title: '涉案制剂交接清单' }],
      reason: null,
      handedOverAt: bj('2025-05-02T10:00'),
    });
    const note = (event: TransferEvent): ReceiverCommand => ({
      type: 'NoteSenderStep',
      ...base(bj('2025-07-10T10:00')),
      fact: event as Extract<ReceiverCommand, { type: 'NoteSenderStep' }>['fact'],
    });
    given([receipt, supplementRequested]).when(note(supplied)).then([noted(supplied, 'SupplementNoted', bj('2025-07-10T10:00'))]);
    given(histories.ACCEPTED!).when(note(handedOver)).then([noted(handedOver, 'HandOverNoted', bj('2025-07-10T10:00'))]);
    // materials supplied while the receiver was deciding still count
    given(histories.ACCEPTED!).when(note(supplied)).then([noted(supplied, 'SupplementNoted', bj('2025-07-10T10:00'))]);
    // delivered twice, noted once
    given(histories.CLOSED!).when(note(fact('TransferClosed', { transferId, reason: null, closedAt: bj('2025-07-02T10:00') }))).then([]);
  });
});

// ---------------------------------------------------------------- DISCIPLINARY: the commission disposes of clues

describe('receiver decider: clue disposal (行纪)', () => {
  const clue = approvedFact(
    proposedFact({
      kind: 'DISCIPLINARY',
      toAgency: agencies.cdi,
      materials: [
        { kind: 'CLUE_REPORT', title: '问题线索报告' },
        { kind: 'TRANSFER_LETTER', title: '问题线索移送函' },
      ],
      official: { name: '赵某', post: '药品监管科科长', employer: '某区市场监管局', managementLevel: '乡科级', allegations: ['DERELICTION'] },
      proposedAt: bj('2025-09-24T10:00'),
    }),
    bj('2025-09-25T10:00'),
  );
  const clueReceipt = receiptFact(clue, bj('2025-09-26T10:00'));
  const commissioner = actorOf(agencies.cdi, '刘监察');
  const dispose = (disposition: string, at: string): ReceiverCommand =>
    ({ type: 'DisposeClue', transferId, at, actor: commissioner, disposition, reason: '经集体排查研判' }) as ReceiverCommand;
  const disposed = (disposition: string, at: string) =>
    fact('ClueDisposed', { transferId, agencyId: agencies.cdi.id, disposition: disposition as 'SHELVED', reason: '经集体排查研判', disposedAt: at });

  it('disposes of a received clue', () =>
    given([clueReceipt]).when(dispose('SHELVED', bj('2025-10-09T10:00'))).then([disposed('SHELVED', bj('2025-10-09T10:00'))]));

  it('disposes of it again as the matter develops', () =>
    given([clueReceipt, disposed('SHELVED', bj('2025-10-09T10:00'))])
      .when(dispose('CASE_OPENED', bj('2025-11-03T10:00')))
      .then([disposed('CASE_OPENED', bj('2025-11-03T10:00'))]));

  it('does not accept or decline a clue', () => {
    given([clueReceipt])
      .when({ ...accept, actor: commissioner } as ReceiverCommand)
      .then(refused('acceptTransfer', 'a DISCIPLINARY clue is disposed of (disposeClue), not accepted', 'RECEIVED'));
    given([clueReceipt])
      .when({ ...decline, actor: commissioner } as ReceiverCommand)
      .then(refused('declineTransfer', 'a DISCIPLINARY clue is disposed of (disposeClue), not declined', 'RECEIVED'));
  });

  it('has no extension of its decision window', () =>
    given([clueReceipt])
      .when({ ...extend, actor: commissioner, at: bj('2025-09-29T10:00') } as ReceiverCommand)
      .then(refused('extendDeadline', 'the decision window of a DISCIPLINARY transfer cannot be extended', 'RECEIVED')));

  it('refuses an outcome its kind does not have', () =>
    given([clueReceipt, disposed('CASE_OPENED', bj('2025-10-09T10:00'))])
      .when({ ...recordResult, actor: commissioner, outcome: 'PENALIZED' } as ReceiverCommand)
      .then(
        new ValidationError([
          { path: 'outcome', message: 'a DISCIPLINARY transfer ends in one of DISCIPLINED, PROSECUTED, DISPOSED, NO_ACTION, OTHER, not PENALIZED' },
        ]),
      ));

  it('counts 15 working days across 国庆/中秋 2025 and its adjusted working Sunday and Saturday', () => {
    // received Fri 09-26: 09-28 (Sun, 调休上班) 1, 09-29 2, 09-30 3, 10-01..08 off, 10-09 4, 10-10 5,
    // 10-11 (Sat, 调休上班) 6, 10-13..17 7–11, 10-20..23 12–15 → 24:00 of 10-23
    const state = fold(receiverDecider, [clueReceipt]) as Transfer;
    const decide = state.deadlines.find((d) => d.step === 'decide')!;
    expect(decide).toMatchObject({ dueAt: '2025-10-24T00:00:00+08:00', metAt: null, obligation: 'DUTY' });
    expect(statusAsOf(decide, '2025-10-23T23:59:59+08:00')).toBe('PENDING');
    expect(statusAsOf(decide, '2025-10-24T00:00:00+08:00')).toBe('PENDING');
    expect(statusAsOf(decide, '2025-10-24T00:00:01+08:00')).toBe('OVERDUE');
    const met = fold(receiverDecider, [clueReceipt, disposed('PRELIMINARY_VERIFICATION', '2025-10-23T23:59:59+08:00')]) as Transfer;
    const metDecide = met.deadlines.find((d) => d.step === 'decide')!;
    expect(statusAsOf(metDecide, '2025-10-24T00:00:01+08:00')).toBe('MET');
    expect(metDecide.metLate).toBe(false);
  });

  it('only the disciplinary kind disposes of clues', () =>
    given([receipt])
      .when({ ...dispose('SHELVED', bj('2025-04-30T10:00')), actor: policeOfficer } as ReceiverCommand)
      .then(refused('disposeClue', 'only DISCIPLINARY clues are disposed of; this transfer is CRIMINAL', 'RECEIVED')));
});

// ---------------------------------------------------------------- refusals

describe('receiver decider: refusals', () => {
  const allowed: Record<string, string[]> = {
    ReceiveTransfer: ['NONE', 'SENT'],
    ForwardTransfer: ['RECEIVED'],
    ReturnTransfer: ['RECEIVED'],
    RequestSupplement: ['RECEIVED'],
    AcceptTransfer: ['RECEIVED', 'SUPERVISION_SUGGESTED'],
    DeclineTransfer: ['RECEIVED'],
    ExtendDeadline: ['RECEIVED'],
    DecideReconsideration: ['RECONSIDERATION_REQUESTED'],
    RecordTransferResult: ['ACCEPTED'],
  };
  const commands: Record<string, [ReceiverCommand, string]> = {
    ReceiveTransfer: [receive, 'receiveTransfer'],
    ForwardTransfer: [forward, 'forwardTransfer'],
    ReturnTransfer: [returnCommand, 'returnTransfer'],
    RequestSupplement: [requestSupplement, 'requestSupplement'],
    AcceptTransfer: [accept, 'acceptTransfer'],
    DeclineTransfer: [decline, 'declineTransfer'],
    ExtendDeadline: [extend, 'extendDeadline'],
    DecideReconsideration: [decideReconsideration, 'decideReconsideration'],
    RecordTransferResult: [recordResult, 'recordTransferResult'],
  };
  const receiverIn = (status: string) => (status === 'SENT' ? districtOfficer : policeOfficer);

  for (const [type, [command, name]] of Object.entries(commands)) {
    for (const [status, history] of Object.entries(histories)) {
      if (allowed[type]!.includes(status)) continue;
      it(`${type} is refused when the transfer is ${status}`, () =>
        given(history)
          .when({ ...command, actor: receiverIn(status) } as ReceiverCommand)
          .then(
            status === 'NONE'
              ? new NotFoundError('Transfer', transferId)
              : { errorLike: Error, matches: new RegExp(`^${name}: .*; it is ${status}$`) },
          ));
    }
    it(`${type} is forbidden to anyone but the receiving agency`, () =>
      given([receipt])
        .when({ ...command, actor: amrOfficer } as ReceiverCommand)
        .then(
          new ForbiddenError(
            `only the receiving agency police-650100 acts on the receiver side of transfer ${transferId}; the actor belongs to amr-650100`,
          ),
        ));
  }

  it('forbids signing for a transfer sent to another agency', () =>
    given([])
      .when({ ...receive, actor: amrOfficer } as ReceiverCommand)
      .then(
        new ForbiddenError(`only the receiving agency police-650100 signs for transfer ${transferId}; the actor belongs to amr-650100`),
      ));

  it('forbids the former receiver to act after a forward', () =>
    given([receipt, forwarded])
      .when({ type: 'ReceiveTransfer', ...base(bj('2025-04-30T09:00')) })
      .then(
        new ForbiddenError(
          `only the receiving agency police-650102 acts on the receiver side of transfer ${transferId}; the actor belongs to police-650100`,
        ),
      ));

  it('needs the transfer as sent for the first receipt', () =>
    given([])
      .when({ type: 'ReceiveTransfer', ...base(bj('2025-04-29T15:00')) })
      .then(new ValidationError([{ path: 'sent', message: 'the first receipt carries the transfer as sent' }])));

  it('names a bad field of the sent transfer under sent', () =>
    given([])
      .when({ ...receive, sent: { ...approved.data, materials: [] } } as ReceiverCommand)
      .then({ errorLike: ValidationError, matches: /^sent\.materials: / }));

  it('may not decline for missing materials, citing the rule', () =>
    given([receipt])
      .when({ ...decline, reasonCategory: 'MISSING_MATERIALS', reason: '缺少检验报告' } as ReceiverCommand)
      .then(
        refused(
          'declineTransfer',
          'a transfer may not be declined for missing materials: request a supplement instead ' +
            '(公安机关办理刑事案件程序规定第一百八十条：不得以材料不全为由不接受移送案件)',
          'RECEIVED',
        ),
      ));

  it('needs a reason to decline, to return and to forward', () => {
    given([receipt])
      .when({ ...decline, reason: ' ' } as ReceiverCommand)
      .then(new ValidationError([{ path: 'reason', message: 'a reason is required when a transfer is declined' }]));
    given([receipt])
      .when({ ...returnCommand, reason: '' } as ReceiverCommand)
      .then(new ValidationError([{ path: 'reason', message: 'a reason is required when a transfer is returned' }]));
    given([receipt])
      .when({ ...forward, reason: '' } as ReceiverCommand)
      .then(new ValidationError([{ path: 'reason', message: 'a reason is required when a transfer is forwarded' }]));
  });

  it('needs a reason to uphold a decline on reconsideration', () =>
    given(histories.RECONSIDERATION_REQUESTED!)
      .when({ ...decideReconsideration, accept: false, reason: undefined } as ReceiverCommand)
      .then(
        new ValidationError([{ path: 'reason', message: '复议维持不予立案的，须说明理由' }]),
      ));

  it('forwards only to an agency of the same kind', () =>
    given([receipt])
      .when({ ...forward, toAgency: agencies.health } as ReceiverCommand)
      .then(
        refused(
          'forwardTransfer',
          'a transfer is forwarded to an agency of the same kind (POLICE); for a HEALTH agency return it so the sender can send it there',
          'RECEIVED',
        ),
      ));

  it('does not forward to itself', () =>
    given([receipt])
      .when({ ...forward, toAgency: agencies.police } as ReceiverCommand)
      .then(
        new ValidationError([
          { path: 'toAgencyId', message: 'a CRIMINAL transfer from amr-650100 cannot be forwarded to police-650100' },
        ]),
      ));

  it('keeps one supplement request open at a time', () =>
    given([receipt, supplementRequested])
      .when(requestSupplement)
      .then(refused('requestSupplement', `a supplement request of ${bj('2025-04-29T18:00')} is still open`, 'RECEIVED')));

  it('refuses an unknown extension, naming the policy’s', () =>
    given([receipt])
      .when({ ...extend, extension: 'FOREVER' } as ReceiverCommand)
      .then(
        new ValidationError([
          {
            path: 'extension',
            message: 'unknown extension FOREVER; the policy has COMPLEX (案件较为复杂), MAJOR_COMPLEX (案情重大、疑难、复杂或者跨区域性)',
          },
        ]),
      ));

  it('refuses an extension after the window ended', () =>
    given([receipt])
      .when({ ...extend, at: '2025-05-07T00:00:01+08:00' } as ReceiverCommand)
      .then(refused('extendDeadline', 'the decision window ended at 2025-05-07T00:00:00+08:00; extend it before it ends', 'RECEIVED')));

  it('refuses an extension that would not lengthen the window', () => {
    const extended = fact('DeadlineExtended', {
      transferId,
      agencyId: agencies.police.id,
      step: 'decide',
      extension: 'MAJOR_COMPLEX',
      reason: '跨区域案件',
      extendedAt: bj('2025-04-30T09:00'),
    });
    given([receipt, extended])
      .when(extend)
      .then(refused('extendDeadline', 'COMPLEX would not lengthen the window ending at 2025-05-30T00:00:00+08:00', 'RECEIVED'));
  });

  it('refuses a sender fact that cannot follow, and a fact about another transfer', () => {
    const requested = fact('ReconsiderationRequested', { transferId, reason: '复议', requestedAt: bj('2025-05-02T10:00') });
    given([receipt])
      .when({ type: 'NoteSenderStep', ...base(bj('2025-05-02T10:01')), fact: requested })
      .then(refused('noteSenderStep', "ReconsiderationRequested cannot follow the receiver's state", 'RECEIVED'));
    given([receipt])
      .when({
        type: 'NoteSenderStep',
        ...base(bj('2025-05-02T10:01')),
        fact: { ...requested, data: { ...requested.data, transferId: 't-2' } },
      })
      .then(new ValidationError([{ path: 'fact.data.transferId', message: `the fact is about t-2, not ${transferId}` }]));
    given([receipt])
      .when({ type: 'NoteSenderStep', ...base(bj('2025-05-02T10:01')), fact: { type: 'TransferApproved', data: approved.data } } as unknown as ReceiverCommand)
      .then(new ValidationError([{ path: 'fact.type', message: 'TransferApproved is not a sender fact the receiver notes' }]));
  });
});

// ---------------------------------------------------------------- deadlines on the receiver's stream

describe('receiver deadlines', () => {
  const stateOf = (events: TransferEvent[]) => fold(receiverDecider, events) as Transfer;
  const step = (state: Transfer, name: string) => state.deadlines.findLast((d) => d.step === name)!;

  it('police decide within 3 days of receipt; a last day in 劳动节 rolls to the next working day (刑诉法第一百零五条)', () => {
    const decide = step(stateOf([receipt]), 'decide');
    expect(decide).toMatchObject({ startedAt: bj('2025-04-29T15:00'), dueAt: '2025-05-07T00:00:00+08:00', party: 'RECEIVER' });
    expect(statusAsOf(decide, '2025-05-06T23:59:59+08:00')).toBe('PENDING');
    expect(statusAsOf(decide, '2025-05-07T00:00:01+08:00')).toBe('OVERDUE');
  });

  it('has the 24-hour forward/return and supplement windows, which lapse rather than go overdue', () => {
    const state = stateOf([receipt]);
    for (const name of ['forwardOrReturn', 'requestSupplement']) {
      const window = step(state, name);
      // Signed at 15:00: the starting hour 15时 is not counted (刑诉法第一百零五条), 24 hours from 16:00.
      expect(window).toMatchObject({ dueAt: '2025-04-30T16:00:00+08:00', obligation: 'CONDITIONAL' });
      expect(statusAsOf(window, '2025-04-30T15:59:59+08:00')).toBe('PENDING');
      expect(statusAsOf(window, '2025-04-30T16:00:01+08:00')).toBe('LAPSED');
    }
  });

  it('counts the sender’s 3 days to supply from the request', () => {
    const supply = step(stateOf([receipt, supplementRequested]), 'supplyMaterials');
    // The third day is in 劳动节 (05-01..05-05): the agency's window moves to 24:00 of 05-06 like the police's.
    expect(supply).toMatchObject({ party: 'SENDER', dueAt: '2025-05-07T00:00:00+08:00' });
  });

  it('extends the decision window of a complex case to 10 days, keeping the reason', () => {
    const extended = stateOf([
      receipt,
      fact('DeadlineExtended', {
        transferId,
        agencyId: agencies.police.id,
        step: 'decide',
        extension: 'COMPLEX',
        reason: '涉案制剂流向多个医疗机构',
        extendedAt: bj('2025-04-30T09:00'),
      }),
    ]);
    expect(step(extended, 'decide')).toMatchObject({
      dueAt: '2025-05-10T00:00:00+08:00',
      extension: { code: 'COMPLEX', reason: '涉案制剂流向多个医疗机构' },
    });
    expect(extended.extensions).toHaveLength(1);
  });

  it('drops the decision window when the transfer is forwarded, and opens the new receiver’s', () => {
    const state = stateOf([receipt, forwarded, receiptFact(approved, bj('2025-04-30T09:00'), agencies.policeDistrict)]);
    const decides = state.deadlines.filter((d) => d.step === 'decide');
    expect(decides).toHaveLength(1);
    expect(decides[0]).toMatchObject({ startedAt: bj('2025-04-30T09:00'), dueAt: '2025-05-07T00:00:00+08:00' });
    expect(state.forwards).toEqual([
      { fromAgencyId: 'police-650100', toAgencyId: 'police-650102', reason: '案发地在区公安分局辖区', forwardedAt: bj('2025-04-29T18:00') },
    ]);
  });

  it('shows a late decision as met late', () => {
    const late = stateOf([receipt, { ...accepted, data: { ...accepted.data, acceptedAt: bj('2025-05-08T10:00') } }]);
    const decide = step(late, 'decide');
    expect(decide).toMatchObject({ metAt: bj('2025-05-08T10:00'), metLate: true });
    expect(statusAsOf(decide, bj('2025-05-07T12:00'))).toBe('OVERDUE');
    expect(statusAsOf(decide, bj('2025-05-08T10:00'))).toBe('MET');
  });
});

// ---------------------------------------------------------------- seized property received with the case (《行政强制法》第二十一条)

describe('receiver decider: seized property sent with the case', () => {
  const declared = proposedFact({ seizedProperty: true });
  const sentWithProperty = approvedFact(declared, bj('2025-04-29T10:00'));
  sentWithProperty.data.propertyHandOver = { inventory: '扣押物品清单', handedOverAt: bj('2025-04-29T09:30') };
  sentWithProperty.data.partyNotice = { notifiedAt: bj('2025-04-29T09:00'), method: 'POST', documentNumber: null };
  const receiptWithProperty = receiptFact(sentWithProperty, bj('2025-04-29T15:00'));

  it('carries the hand-over and the notice on the receipt', () => {
    const state = fold(receiverDecider, [receiptWithProperty]) as Transfer;
    expect(state.seizedProperty).toBe(true);
    expect(state.propertyHandOver).toEqual({ inventory: '扣押物品清单', handedOverAt: bj('2025-04-29T09:30') });
    expect(state.partyNotice?.method).toBe('POST');
  });

  it('records when the property was received on acceptance', () =>
    given([receiptWithProperty])
      .when({ ...accept, propertyReceivedAt: bj('2025-04-29T16:00') } as ReceiverCommand)
      .then([
        fact('TransferAccepted', {
          transferId,
          agencyId: agencies.police.id,
          documentNumber: '乌公立字〔2025〕18号',
          reason: null,
          propertyReceivedAt: bj('2025-04-29T16:00'),
          acceptedAt: bj('2025-04-30T11:00'),
        }),
      ]));

  it('refuses an acceptance that does not record the property’s receipt, naming the field', () =>
    given([receiptWithProperty])
      .when(accept)
      .then(
        new ValidationError([
          { path: 'propertyReceivedAt', message: '随案移送了查封、扣押财物：立案/受理时记录财物接收时间（《行政强制法》第二十一条）' },
        ]),
      ));

  it('refuses a receipt time of property when none was sent, and one after the acceptance', () => {
    given([receipt])
      .when({ ...accept, propertyReceivedAt: bj('2025-04-29T16:00') } as ReceiverCommand)
      .then(new ValidationError([{ path: 'propertyReceivedAt', message: '本案没有随案移送的查封、扣押财物' }]));
    given([receiptWithProperty])
      .when({ ...accept, propertyReceivedAt: bj('2025-05-01T16:00') } as ReceiverCommand)
      .then({ errorLike: ValidationError, matches: /^propertyReceivedAt: .*晚于立案\/受理的时间/ });
  });
});
