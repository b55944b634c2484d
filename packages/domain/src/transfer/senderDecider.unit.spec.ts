import { ForbiddenError, NotFoundError, ValidationError } from '@xianjie/contracts';
import type { TransferEvent } from '@xianjie/contracts';
import { describe, expect, it } from 'vitest';
import { fold } from '../decider.ts';
import { senderDecider } from './senderDecider.ts';
import type { SenderCommand } from './senderDecider.ts';
import {
  actorOf,
  agencies,
  approvedFact,
  bj,
  caseTeamOf,
  criminalMaterials,
  deputyOf,
  fact,
  givenFor,
  noted,
  proposedFact,
  receiptFact,
  refused,
  transferId,
} from './transferTestKit.ts';
import type { Transfer } from './transferState.ts';

const given = givenFor(senderDecider);
const amrOfficer = actorOf(agencies.amr, '王执法');
const policeOfficer = actorOf(agencies.police, '李警官');

// ---------------------------------------------------------------- a CRIMINAL transfer's facts

const proposed = proposedFact();
const approved = approvedFact(proposed, bj('2025-04-29T10:00'));
const refusedFact = fact('TransferRefused', {
  refuserCapacity: 'HEAD',
  transferId,
  reason: '证据尚不足以认定涉嫌犯罪，继续调查',
  refusedAt: bj('2025-04-29T10:00'),
});
const receipt = receiptFact(approved, bj('2025-04-29T15:00'));
const receiptNoted = noted(receipt, 'ReceiptNoted', bj('2025-04-29T15:01'));
const declined = fact('TransferDeclined', {
  transferId,
  agencyId: agencies.police.id,
  reasonCategory: 'TOO_MINOR',
  reason: '犯罪事实显著轻微，不需要追究刑事责任',
  declinedAt: bj('2025-04-30T11:00'),
});
const declineNoted = noted(declined, 'DeclineNoted', bj('2025-04-30T11:01'));
const accepted = fact('TransferAccepted', {
  transferId,
  agencyId: agencies.police.id,
  documentNumber: '乌公立字〔2025〕18号',
  reason: null,
  acceptedAt: bj('2025-04-30T11:00'),
});
const acceptanceNoted = noted(accepted, 'AcceptanceNoted', bj('2025-04-30T11:01'));
const reconsiderationRequested = fact('ReconsiderationRequested', {
  transferId,
  reason: '涉案制剂已致患者损害，足以严重危害人体健康',
  requestedAt: bj('2025-05-02T10:00'),
});
const reconsiderationRejected = fact('ReconsiderationDecided', {
  transferId,
  agencyId: agencies.police.id,
  accepted: false,
  reason: '维持不予立案决定',
  decidedAt: bj('2025-05-06T10:00'),
});
const rejectionNoted = noted(reconsiderationRejected, 'ReconsiderationDecisionNoted', bj('2025-05-06T10:01'));
const supervisionSuggested = fact('ProcuratorateSupervisionSuggested', {
  transferId,
  reason: '对复议决定仍有异议，建议检察院立案监督',
  afterReconsideration: true,
  suggestedAt: bj('2025-05-08T10:00'),
});
const returned = fact('TransferReturned', {
  transferId,
  agencyId: agencies.police.id,
  reason: '不属于公安机关职责范围',
  returnedAt: bj('2025-04-29T16:00'),
});
const result = fact('TransferResultRecorded', {
  transferId,
  agencyId: agencies.police.id,
  outcome: 'PROSECUTED',
  result: '侦查终结，移送审查起诉',
  recordedAt: bj('2025-07-01T10:00'),
});
const resultNoted = noted(result, 'ResultNoted', bj('2025-07-01T10:01'));
const handedOver = fact('MaterialsHandedOver', {
  transferId,
  materials: [{ kind: 'SEIZED_ITEMS_LIST', title: '涉案制剂 120 盒及交接清单' }],
  reason: null,
  handedOverAt: bj('2025-05-02T10:00'),
});
const closed = fact('TransferClosed', { transferId, reason: null, closedAt: bj('2025-07-02T10:00') });

const histories: Record<string, TransferEvent[]> = {
  NONE: [],
  PROPOSED: [proposed],
  REFUSED: [proposed, refusedFact],
  SENT: [proposed, approved],
  RECEIVED: [proposed, approved, receiptNoted],
  ACCEPTED: [proposed, approved, receiptNoted, acceptanceNoted],
  DECLINED: [proposed, approved, receiptNoted, declineNoted],
  RECONSIDERATION_REQUESTED: [proposed, approved, receiptNoted, declineNoted, reconsiderationRequested],
  RETURNED: [proposed, approved, receiptNoted, noted(returned, 'ReturnNoted', bj('2025-04-29T16:01'))],
  SUPERVISION_SUGGESTED: [
    proposed,
    approved,
    receiptNoted,
    declineNoted,
    reconsiderationRequested,
    rejectionNoted,
    supervisionSuggested,
  ],
  RESULT_RECORDED: [proposed, approved, receiptNoted, acceptanceNoted, resultNoted],
  CLOSED: [proposed, approved, receiptNoted, acceptanceNoted, resultNoted, closed],
};

// ---------------------------------------------------------------- commands

const base = (at: string, actor = amrOfficer) => ({ transferId, at, actor });

const propose: SenderCommand = {
  type: 'ProposeTransfer',
  ...base(bj('2025-04-28T09:00')),
  caseId: 'c-001',
  kind: 'CRIMINAL',
  fromAgency: agencies.amr,
  toAgency: agencies.police,
  reason: '医院制剂室无证配制药品，涉嫌妨害药品管理罪',
  materials: [...criminalMaterials],
  caseTeam: caseTeamOf(agencies.amr),
};
const approve: SenderCommand = { type: 'ApproveTransfer', ...base(bj('2025-04-29T10:00')) };
const refuseCommand: SenderCommand = {
  type: 'RefuseTransfer',
  ...base(bj('2025-04-29T10:00')),
  reason: '证据尚不足以认定涉嫌犯罪，继续调查',
};
const supply: SenderCommand = {
  type: 'SupplyMaterials',
  ...base(bj('2025-04-30T09:00')),
  materials: [{ kind: 'TEST_REPORT', title: '补充检验报告' }],
};
const requestReconsideration: SenderCommand = {
  type: 'RequestReconsideration',
  ...base(bj('2025-05-02T10:00')),
  reason: '涉案制剂已致患者损害，足以严重危害人体健康',
};
const suggest: SenderCommand = {
  type: 'SuggestProcuratorateSupervision',
  ...base(bj('2025-05-08T10:00')),
  reason: '对复议决定仍有异议，建议检察院立案监督',
};
const handOver: SenderCommand = {
  type: 'HandOverMaterials',
  ...base(bj('2025-05-02T10:00')),
  materials: [{ kind: 'SEIZED_ITEMS_LIST', title: '涉案制剂 120 盒及交接清单' }],
};
const close: SenderCommand = { type: 'CloseTransfer', ...base(bj('2025-07-02T10:00')) };
const note = (event: TransferEvent, at: string): SenderCommand => ({
  type: 'NoteReceiverStep',
  ...base(at),
  fact: event as Extract<SenderCommand, { type: 'NoteReceiverStep' }>['fact'],
});

// ---------------------------------------------------------------- transitions

describe('sender decider: transitions', () => {
  it('proposes a criminal transfer with the required materials', () => given([]).when(propose).then([proposed]));

  it('approves and thereby sends it, recording the copy to the procuratorate', () =>
    given([proposed]).when(approve).then([approved]));

  it('records the head’s note on approval', () =>
    given([proposed])
      .when({ ...approve, reason: ' 同意移送 ' } as SenderCommand)
      .then([{ ...approved, data: { ...approved.data, approvalNote: '同意移送' } }]));

  it('refuses a proposal with the reason on record', () => given([proposed]).when(refuseCommand).then([refusedFact]));

  it('notes the receipt signed by the police', () =>
    given([proposed, approved]).when(note(receipt, bj('2025-04-29T15:01'))).then([receiptNoted]));

  it('notes each receiver fact under its own name', () => {
    const cases: [TransferEvent[], TransferEvent, string][] = [
      [histories.RECEIVED!, accepted, 'AcceptanceNoted'],
      [histories.RECEIVED!, declined, 'DeclineNoted'],
      [histories.RECEIVED!, returned, 'ReturnNoted'],
      [
        histories.RECEIVED!,
        fact('SupplementRequested', {
          transferId,
          agencyId: agencies.police.id,
          requested: ['TEST_REPORT'],
          reason: '缺少检验报告',
          requestedAt: bj('2025-04-29T18:00'),
        }),
        'SupplementRequestNoted',
      ],
      [
        histories.RECEIVED!,
        fact('TransferForwarded', {
          transferId,
          fromReceiver: agencies.police,
          toAgency: agencies.policeDistrict,
          reason: '属地管辖',
          forwardedAt: bj('2025-04-29T18:00'),
        }),
        'ForwardNoted',
      ],
      [
        histories.RECEIVED!,
        fact('DeadlineExtended', {
          transferId,
          agencyId: agencies.police.id,
          step: 'decide',
          extension: 'COMPLEX',
          reason: '涉案制剂流向多地',
          extendedAt: bj('2025-04-30T09:00'),
        }),
        'DeadlineExtensionNoted',
      ],
      [histories.RECONSIDERATION_REQUESTED!, reconsiderationRejected, 'ReconsiderationDecisionNoted'],
      [histories.ACCEPTED!, result, 'ResultNoted'],
    ];
    for (const [history, event, name] of cases) {
      given(history).when(note(event, bj('2025-07-10T10:00'))).then([noted(event, name, bj('2025-07-10T10:00'))]);
    }
  });

  it('notes a fact delivered twice only once', () =>
    given(histories.ACCEPTED!).when(note(accepted, bj('2025-04-30T12:00'))).then([]));

  it('supplies materials after the receipt', () =>
    given(histories.RECEIVED!)
      .when(supply)
      .then([
        fact('MaterialsSupplemented', {
          transferId,
          materials: [{ kind: 'TEST_REPORT', title: '补充检验报告' }],
          reason: null,
          suppliedAt: bj('2025-04-30T09:00'),
        }),
      ]));

  it('requests reconsideration of a decline within 3 days', () =>
    given(histories.DECLINED!).when(requestReconsideration).then([reconsiderationRequested]));

  it('suggests procuratorate supervision after the reconsideration upheld the decline', () =>
    given([...histories.RECONSIDERATION_REQUESTED!, rejectionNoted]).when(suggest).then([supervisionSuggested]));

  it('may suggest supervision straight after a decline instead of reconsideration (Decree art. 9)', () =>
    given(histories.DECLINED!)
      .when({ ...suggest, at: bj('2025-05-01T10:00') } as SenderCommand)
      .then([
        {
          ...supervisionSuggested,
          data: { ...supervisionSuggested.data, afterReconsideration: false, suggestedAt: bj('2025-05-01T10:00') },
        },
      ]));

  it('hands seized items over after the acceptance', () => given(histories.ACCEPTED!).when(handOver).then([handedOver]));

  it('closes after the result is fed back', () => given(histories.RESULT_RECORDED!).when(close).then([closed]));

  it('closes a declined transfer with the reason how the case was dealt with', () =>
    given(histories.DECLINED!)
      .when({ ...close, reason: '已依法给予行政处罚' } as SenderCommand)
      .then([{ ...closed, data: { ...closed.data, reason: '已依法给予行政处罚' } }]));

  it('proposes an administrative transfer to an agency of the same kind in another region', () =>
    given([])
      .when({
        ...propose,
        kind: 'ADMINISTRATIVE',
        toAgency: agencies.amrOther,
        materials: [
          { kind: 'TRANSFER_LETTER', title: '案件移送函' },
          { kind: 'INVESTIGATION_REPORT', title: '调查报告' },
        ],
      } as SenderCommand)
      .then([
        proposedFact({
          kind: 'ADMINISTRATIVE',
          toAgency: agencies.amrOther,
          materials: [
            { kind: 'TRANSFER_LETTER', title: '案件移送函' },
            { kind: 'INVESTIGATION_REPORT', title: '调查报告' },
          ],
        }),
      ]));

  it('proposes a disciplinary clue naming the official', () =>
    given([])
      .when({
        ...propose,
        kind: 'DISCIPLINARY',
        toAgency: agencies.cdi,
        reason: '监管人员对无证配制长期未予查处',
        materials: [
          { kind: 'CLUE_REPORT', title: '问题线索报告' },
          { kind: 'TRANSFER_LETTER', title: '问题线索移送函' },
        ],
        official: { name: '赵某', post: '药品监管科科长', employer: '某区市场监管局', allegations: ['DERELICTION'] },
      } as SenderCommand)
      .then([
        proposedFact({
          kind: 'DISCIPLINARY',
          toAgency: agencies.cdi,
          reason: '监管人员对无证配制长期未予查处',
          materials: [
            { kind: 'CLUE_REPORT', title: '问题线索报告' },
            { kind: 'TRANSFER_LETTER', title: '问题线索移送函' },
          ],
          official: {
            name: '赵某',
            post: '药品监管科科长',
            employer: '某区市场监管局',
            managementLevel: null,
            allegations: ['DERELICTION'],
          },
        }),
      ]));

  it('does not copy a non-criminal transfer to the procuratorate', () => {
    const administrative = proposedFact({ kind: 'ADMINISTRATIVE', toAgency: agencies.health });
    given([administrative]).when(approve).then([approvedFact(administrative, bj('2025-04-29T10:00'), false)]);
  });
});

// ---------------------------------------------------------------- refusals

describe('sender decider: refusals', () => {
  const allowed: Record<string, string[]> = {
    ApproveTransfer: ['PROPOSED'],
    RefuseTransfer: ['PROPOSED'],
    SupplyMaterials: ['RECEIVED'],
    RequestReconsideration: ['DECLINED'],
    SuggestProcuratorateSupervision: ['DECLINED'],
    HandOverMaterials: ['ACCEPTED'],
    CloseTransfer: ['RESULT_RECORDED', 'DECLINED', 'RETURNED', 'SUPERVISION_SUGGESTED'],
  };
  const commands: Record<string, [SenderCommand, string]> = {
    ApproveTransfer: [approve, 'approveTransfer'],
    RefuseTransfer: [refuseCommand, 'refuseTransfer'],
    SupplyMaterials: [supply, 'supplyMaterials'],
    RequestReconsideration: [requestReconsideration, 'requestReconsideration'],
    SuggestProcuratorateSupervision: [{ ...suggest, at: bj('2025-05-01T10:00') } as SenderCommand, 'suggestProcuratorateSupervision'],
    HandOverMaterials: [handOver, 'handOverMaterials'],
    CloseTransfer: [{ ...close, reason: '已依法处理' } as SenderCommand, 'closeTransfer'],
  };

  for (const [type, [command, name]] of Object.entries(commands)) {
    for (const [status, history] of Object.entries(histories)) {
      if (allowed[type]!.includes(status)) continue;
      it(`${type} is refused when the transfer is ${status}`, () =>
        given(history)
          .when(command)
          .then(status === 'NONE' ? new NotFoundError('Transfer', transferId) : { errorLike: Error, matches: new RegExp(`^${name}: .*; it is ${status}$`) }));
    }
    it(`${type} is forbidden to anyone but the sending agency`, () =>
      given(histories.PROPOSED!)
        .when({ ...command, actor: policeOfficer } as SenderCommand)
        .then(
          new ForbiddenError(
            `only the sending agency amr-650100 acts on the sender side of transfer ${transferId}; the actor belongs to police-650100`,
          ),
        ));
  }

  it('proposeTransfer is refused when the transfer exists', () =>
    given([proposed]).when(propose).then(refused('proposeTransfer', `transfer ${transferId} is already proposed`, 'PROPOSED')));

  it('proposeTransfer is forbidden to an actor of another agency', () =>
    given([])
      .when({ ...propose, actor: policeOfficer } as SenderCommand)
      .then(
        new ForbiddenError('a transfer is proposed by the sending agency amr-650100; the actor belongs to police-650100'),
      ));

  it('refuses a criminal transfer without the test report, naming materials and the rule', () =>
    given([])
      .when({ ...propose, materials: criminalMaterials.filter((m) => m.kind !== 'TEST_REPORT') } as SenderCommand)
      .then(
        new ValidationError([
          {
            path: 'materials',
            message:
              'CRIMINAL 移送缺少应随案移送的材料：检验报告/鉴定结论（TEST_REPORT；本案没有的，在 absentMaterials 中说明理由；' +
              '《行政执法机关移送涉嫌犯罪案件的规定》（2020年修订）第六条第四项（有关检验报告或者鉴定结论：有的随案移送；没有的，记录理由））',
          },
        ]),
      ));

  it('refuses a disciplinary clue without the clue report', () =>
    given([])
      .when({
        ...propose,
        kind: 'DISCIPLINARY',
        toAgency: agencies.cdi,
        materials: [{ kind: 'TRANSFER_LETTER', title: '移送函' }],
        official: { name: '赵某', post: '科长', employer: '某局', allegations: ['CORRUPTION'] },
      } as SenderCommand)
      .then({ errorLike: ValidationError, matches: /^materials: DISCIPLINARY 移送缺少应随案移送的材料：问题线索报告（CLUE_REPORT；/ }));

  it('refuses a disciplinary clue without the official, naming the field', () =>
    given([])
      .when({
        ...propose,
        kind: 'DISCIPLINARY',
        toAgency: agencies.cdi,
        materials: [
          { kind: 'CLUE_REPORT', title: '问题线索报告' },
          { kind: 'TRANSFER_LETTER', title: '移送函' },
        ],
      } as SenderCommand)
      .then(
        new ValidationError([
          { path: 'official', message: '行纪移送须写明公职人员的姓名、职务和工作单位' },
        ]),
      ));

  it('refuses a route the policy does not allow, naming toAgencyId', () =>
    given([])
      .when({ ...propose, toAgency: agencies.health } as SenderCommand)
      .then({ errorLike: ValidationError, matches: /^toAgencyId: a CRIMINAL transfer cannot go from amr-650100 \(MARKET_REGULATION\) to health-650100 \(HEALTH\)/ }));

  it('refuses an administrative transfer to the same kind in the same region (itself)', () =>
    given([])
      .when({
        ...propose,
        kind: 'ADMINISTRATIVE',
        toAgency: agencies.amr,
        materials: [
          { kind: 'TRANSFER_LETTER', title: '移送函' },
          { kind: 'INVESTIGATION_REPORT', title: '调查报告' },
        ],
      } as SenderCommand)
      .then({ errorLike: ValidationError, matches: /^toAgencyId: / }));

  it('refuses a proposal without a reason, naming the field', () =>
    given([])
      .when({ ...propose, reason: ' ' } as SenderCommand)
      .then(new ValidationError([{ path: 'reason', message: 'a reason for the transfer is required' }])));

  it('refuses a refusal without a reason', () =>
    given([proposed])
      .when({ ...refuseCommand, reason: '' } as SenderCommand)
      .then(new ValidationError([{ path: 'reason', message: 'a reason is required when a transfer is not approved' }])));

  it('refuses a reconsideration request without a reason', () =>
    given(histories.DECLINED!)
      .when({ ...requestReconsideration, reason: '' } as SenderCommand)
      .then(new ValidationError([{ path: 'reason', message: 'a reason is required to request reconsideration' }])));

  it('refuses to close a declined transfer without a reason', () =>
    given(histories.DECLINED!)
      .when(close)
      .then(
        new ValidationError([
          { path: 'reason', message: 'closing a DECLINED transfer without a result needs a reason: how the case was dealt with' },
        ]),
      ));

  it('refuses to close before the result is fed back (no 一转了之)', () =>
    given(histories.ACCEPTED!)
      .when(close)
      .then(
        refused(
          'closeTransfer',
          'a transfer is closed after the receiver fed back its result (首办负责制, no 一转了之), or after it was declined or returned',
          'ACCEPTED',
        ),
      ));

  // Declined on 04-30: the third day, 05-03, is in 劳动节 (05-01..05-05), so the window runs to 24:00 of
  // 05-06, the first working day after it (民法典第二百零三条, decision 0014).
  it('refuses a reconsideration request after its 3-day window, citing the rule', () =>
    given(histories.DECLINED!)
      .when({ ...requestReconsideration, at: '2025-05-07T00:00:01+08:00' } as SenderCommand)
      .then({ errorLike: Error, matches: /window to request reconsideration ended at 2025-05-07T00:00:00\+08:00 \(.*第九条/ }));

  it('refuses a request on 05-07, the day after the first working day', () =>
    given(histories.DECLINED!)
      .when({ ...requestReconsideration, at: '2025-05-07T09:00:00+08:00' } as SenderCommand)
      .then({ errorLike: Error, matches: /ended at 2025-05-07T00:00:00\+08:00/ }));

  it('accepts a request on 05-06, the first working day after the holiday', () =>
    given(histories.DECLINED!)
      .when({ ...requestReconsideration, at: '2025-05-06T09:00:00+08:00' } as SenderCommand)
      .then([{ ...reconsiderationRequested, data: { ...reconsiderationRequested.data, requestedAt: '2025-05-06T09:00:00+08:00' } }]));

  it('accepts a reconsideration request up to the due time itself (24:00 of 05-06)', () =>
    given(histories.DECLINED!)
      .when({ ...requestReconsideration, at: '2025-05-07T00:00:00+08:00' } as SenderCommand)
      .then([{ ...reconsiderationRequested, data: { ...reconsiderationRequested.data, requestedAt: '2025-05-07T00:00:00+08:00' } }]));

  it('refuses a supervision suggestion after its 3-day window', () =>
    given([...histories.RECONSIDERATION_REQUESTED!, rejectionNoted])
      .when({ ...suggest, at: bj('2025-05-10T00:01') } as SenderCommand)
      .then({ errorLike: Error, matches: /window to suggest procuratorate supervision ended at 2025-05-10T00:00:00\+08:00/ }));

  it('refuses a second reconsideration request', () =>
    given([...histories.RECONSIDERATION_REQUESTED!, rejectionNoted])
      .when(requestReconsideration)
      .then(refused('requestReconsideration', 'reconsideration can be requested once, after a decline', 'DECLINED')));

  describe('rules of the kind', () => {
    const administrative = proposedFact({ kind: 'ADMINISTRATIVE', toAgency: agencies.health });
    const adminApproved = approvedFact(administrative, bj('2025-04-29T10:00'));
    const adminReceipt = noted(receiptFact(adminApproved, bj('2025-04-29T15:00')), 'ReceiptNoted', bj('2025-04-29T15:01'));
    const adminDeclined = noted({ ...declined, data: { ...declined.data, agencyId: agencies.health.id } }, 'DeclineNoted', bj('2025-04-30T11:01'));
    const adminHistory = [administrative, adminApproved, adminReceipt, adminDeclined];

    it('has no reconsideration for an administrative transfer', () =>
      given(adminHistory)
        .when(requestReconsideration)
        .then(
          refused('requestReconsideration', 'a ADMINISTRATIVE transfer has no reconsideration (only CRIMINAL: Decree art. 9)', 'DECLINED'),
        ));

    it('has no procuratorate supervision for an administrative transfer', () =>
      given(adminHistory)
        .when(suggest)
        .then(
          refused(
            'suggestProcuratorateSupervision',
            'procuratorate supervision applies to CRIMINAL transfers only, this one is ADMINISTRATIVE',
            'DECLINED',
          ),
        ));
  });

  describe('noting receiver facts', () => {
    it('is forbidden for a fact from an agency that is not the receiver', () =>
      given(histories.RECEIVED!)
        .when(note({ ...accepted, data: { ...accepted.data, agencyId: agencies.policeDistrict.id } }, bj('2025-04-30T12:00')))
        .then(
          new ForbiddenError(
            `TransferAccepted comes from police-650102, but the receiver of transfer ${transferId} is police-650100`,
          ),
        ));

    it('refuses a fact out of order', () =>
      given(histories.SENT!)
        .when(note(accepted, bj('2025-04-30T12:00')))
        .then(
          refused('noteReceiverStep', "TransferAccepted cannot follow the sender's state (facts must arrive in order)", 'SENT'),
        ));

    it('refuses a fact about another transfer', () =>
      given(histories.RECEIVED!)
        .when(note({ ...accepted, data: { ...accepted.data, transferId: 't-999' } }, bj('2025-04-30T12:00')))
        .then(
          new ValidationError([{ path: 'fact.data.transferId', message: `the fact is about t-999, not ${transferId}` }]),
        ));

    it('refuses a sender fact, naming fact.type', () =>
      given(histories.RECEIVED!)
        .when(note(closed, bj('2025-04-30T12:00')))
        .then(new ValidationError([{ path: 'fact.type', message: 'TransferClosed is not a receiver fact' }])));

    it('refuses a malformed fact, naming the field under fact.data', () =>
      given(histories.RECEIVED!)
        .when(note({ ...declined, data: { ...declined.data, reason: '' } }, bj('2025-04-30T12:00')))
        .then({ errorLike: ValidationError, matches: /^fact\.data\.reason: / }));
  });

  it('refuses a command without an ISO time', () =>
    given([proposed])
      .when({ ...approve, at: '2025-04-29 10:00' } as SenderCommand)
      .then(new ValidationError([{ path: 'at', message: '"2025-04-29 10:00" is not an ISO-8601 date-time with offset' }])));
});

// ---------------------------------------------------------------- state and deadlines

describe('sender evolve', () => {
  const stateOf = (events: TransferEvent[]) => fold(senderDecider, events) as Transfer;

  it('follows the whole criminal life and its deadlines', () => {
    const state = stateOf([...histories.CLOSED!.slice(0, 4), handedOver, resultNoted, closed]);
    expect(state).toMatchObject({
      side: 'SENDER',
      status: 'CLOSED',
      copiedToProcuratorate: true,
      sentAt: bj('2025-04-29T10:00'),
      receivedAt: bj('2025-04-29T15:00'),
      acceptance: { documentNumber: '乌公立字〔2025〕18号' },
      result: { outcome: 'PROSECUTED' },
      noted: [
        `TransferReceiptSigned@${bj('2025-04-29T15:00')}`,
        `TransferAccepted@${bj('2025-04-30T11:00')}`,
        `TransferResultRecorded@${bj('2025-07-01T10:00')}`,
      ],
    });
    const byStep = Object.fromEntries(state.deadlines.map((d) => [d.step, d]));
    // approve: 3 days from the report on 04-28 end on 05-01, a holiday → 24:00 of 05-06 (民法典第二百零三条)
    expect(byStep.approve).toMatchObject({ dueAt: '2025-05-07T00:00:00+08:00', metAt: bj('2025-04-29T10:00'), metLate: false });
    expect(byStep.send).toMatchObject({ dueAt: '2025-04-30T10:00:00+08:00', metAt: bj('2025-04-29T10:00') });
    // the police's receipt (a local rule of 24 hours): from 11:00, the starting hour 10时 not counted
    expect(byStep.signReceipt).toMatchObject({ dueAt: '2025-04-30T11:00:00+08:00', metAt: bj('2025-04-29T15:00') });
    // decide: 3 days from receipt on 04-29 ends on 05-02, a holiday (劳动节 05-01..05-05): rolls to 24:00 of 05-06
    expect(byStep.decide).toMatchObject({ dueAt: '2025-05-07T00:00:00+08:00', metAt: bj('2025-04-30T11:00'), party: 'RECEIVER' });
    // hand-over: 3 days from acceptance on 04-30 end on 05-03, a holiday → 24:00 of 05-06
    expect(byStep.handOver).toMatchObject({ dueAt: '2025-05-07T00:00:00+08:00', metAt: bj('2025-05-02T10:00'), party: 'SENDER' });
    expect(byStep.feedbackResult).toMatchObject({ metAt: bj('2025-07-01T10:00') });
    // conditional steps that no longer apply after the decision are gone
    expect(byStep.forwardOrReturn).toBeUndefined();
    expect(byStep.requestSupplement).toBeUndefined();
  });

  it('keeps the reason of a refusal', () =>
    expect(stateOf(histories.REFUSED!)).toMatchObject({
      status: 'REFUSED',
      refusal: { reason: '证据尚不足以认定涉嫌犯罪，继续调查' },
    }));

  it('follows a forward to the new receiver', () => {
    const forwarded = fact('TransferForwarded', {
      transferId,
      fromReceiver: agencies.police,
      toAgency: agencies.policeDistrict,
      reason: '属地管辖',
      forwardedAt: bj('2025-04-29T18:00'),
    });
    const state = stateOf([...histories.RECEIVED!, noted(forwarded, 'ForwardNoted', bj('2025-04-29T18:01'))]);
    expect(state).toMatchObject({ status: 'SENT', toAgency: agencies.policeDistrict, receivedAt: null });
    expect(state.deadlines.find((d) => d.step === 'signReceipt' && d.metAt === null)).toMatchObject({
      startedAt: bj('2025-04-29T18:00'),
      dueAt: '2025-04-30T19:00:00+08:00', // the starting hour 18时 is not counted (刑诉法第一百零五条)
    });
  });

  it('refuses a receiver event written directly to the sender stream', () =>
    expect(() => stateOf([proposed, approved, receipt])).toThrow(/not an event of the sender's transfer stream/));

  it('refuses a stream that does not start with the proposal', () =>
    expect(() => stateOf([approved])).toThrow(/starts with TransferProposed or TransferReceiptSigned/));
});

// ---------------------------------------------------------------- materials as the statute lists them (issue #14, item 4)

describe('sender decider: conditional materials and seized property (Decree art. 6; 《行政强制法》第二十一条)', () => {
  const withoutTestReport = criminalMaterials.filter((m) => m.kind !== 'TEST_REPORT');
  const noTestReport = [{ kind: 'TEST_REPORT' as const, reason: '无证配制的制剂已全部销毁，无法抽样检验' }];

  it('sends a criminal transfer without a test report when the proposal records why there is none', () =>
    given([])
      .when({ ...propose, materials: withoutTestReport, absentMaterials: noTestReport } as SenderCommand)
      .then([proposedFact({ materials: [...withoutTestReport], absentMaterials: noTestReport })]));

  it('refuses a conditional material listed as absent without a reason, naming the field in Chinese', () =>
    given([])
      .when({ ...propose, materials: withoutTestReport, absentMaterials: [{ kind: 'TEST_REPORT', reason: ' ' }] } as SenderCommand)
      .then(
        new ValidationError([
          { path: 'absentMaterials.0.reason', message: '缺少该材料的理由必填：说明本案为何没有此项材料（reason）' },
        ]),
      ));

  it('refuses to excuse a material every criminal transfer carries (移送书, 调查报告)', () =>
    given([])
      .when({
        ...propose,
        materials: criminalMaterials.filter((m) => m.kind !== 'INVESTIGATION_REPORT'),
        absentMaterials: [{ kind: 'INVESTIGATION_REPORT', reason: '尚未写完' }],
      } as SenderCommand)
      .then({ errorLike: ValidationError, matches: /^absentMaterials\.0\.kind: 调查报告（INVESTIGATION_REPORT）不是“有则移送”的材料/ }));

  it('refuses a material both sent and listed as absent', () =>
    given([])
      .when({ ...propose, absentMaterials: noTestReport } as SenderCommand)
      .then({ errorLike: ValidationError, matches: /^absentMaterials\.0\.kind: 检验报告\/鉴定结论（TEST_REPORT）已在移送材料中/ }));

  it('refuses a seized-property declaration whose items list is absent', () =>
    given([])
      .when({
        ...propose,
        materials: criminalMaterials.filter((m) => m.kind !== 'SEIZED_ITEMS_LIST'),
        absentMaterials: [{ kind: 'SEIZED_ITEMS_LIST', reason: '未查封扣押' }],
        seizedProperty: true,
      } as SenderCommand)
      .then({ errorLike: ValidationError, matches: /^seizedProperty: 申报有查封、扣押财物的，涉案物品清单必须随案移送/ }));

  it('refuses a seized-property declaration on a kind that carries none', () =>
    given([])
      .when({
        ...propose,
        kind: 'ADMINISTRATIVE',
        toAgency: agencies.amrOther,
        materials: [
          { kind: 'TRANSFER_LETTER', title: '案件移送函' },
          { kind: 'INVESTIGATION_REPORT', title: '调查报告' },
        ],
        seizedProperty: true,
      } as SenderCommand)
      .then({ errorLike: ValidationError, matches: /^seizedProperty: ADMINISTRATIVE 移送不随案移交查封、扣押财物/ }));

  const declared = proposedFact({ seizedProperty: true });
  const handOver = { inventory: '扣押物品清单（乌市监扣〔2025〕12号）', handedOverAt: bj('2025-04-29T09:30') };
  const notice = { notifiedAt: bj('2025-04-29T09:00'), method: 'IN_PERSON' as const, documentNumber: '乌市监告〔2025〕3号' };

  it('sends declared seized property with the case and records the written notice to the party', () =>
    given([declared])
      .when({ ...approve, propertyHandOver: handOver, partyNotice: notice } as SenderCommand)
      .then([
        {
          ...approvedFact(declared, bj('2025-04-29T10:00')),
          data: { ...approvedFact(declared, bj('2025-04-29T10:00')).data, propertyHandOver: handOver, partyNotice: notice },
        } as TransferEvent,
      ]));

  it('refuses to send declared seized property without the hand-over and the notice, naming both fields', () =>
    given([declared])
      .when(approve)
      .then({ errorLike: ValidationError, matches: /^propertyHandOver: 移送申报了查封、扣押财物，应当一并移送.*; partyNotice: 移送申报了查封、扣押财物，应当书面告知当事人/ }));

  it('refuses a hand-over when no seized property was declared, and a notice dated after the sending', () => {
    given([proposed])
      .when({ ...approve, propertyHandOver: handOver } as SenderCommand)
      .then({ errorLike: ValidationError, matches: /^propertyHandOver: 移送未申报查封、扣押财物/ });
    given([declared])
      .when({ ...approve, propertyHandOver: handOver, partyNotice: { ...notice, notifiedAt: bj('2025-04-30T09:00') } } as SenderCommand)
      .then({ errorLike: ValidationError, matches: /^partyNotice\.notifiedAt: .*晚于批准移送的时间/ });
  });
});

// ---------------------------------------------------------------- who may decide (issue #14, item 3)

describe('sender decider: the head decides on a criminal transfer, the 专案组 proposes it (Decree art. 5)', () => {
  const deputy = deputyOf(agencies.amr);
  const actingHead = { ...deputyOf(agencies.amr, '赵主持'), userId: 'u-amr-acting', capacity: 'ACTING_HEAD' as const };

  it('records the capacity of the head who approves (and of an acting head)', () => {
    given([proposed]).when(approve).then([approved]);
    given([proposed])
      .when({ ...approve, actor: actingHead } as SenderCommand)
      .then([{ ...approved, data: { ...approved.data, approverCapacity: 'ACTING_HEAD' } } as TransferEvent]);
  });

  it('refuses approval and refusal by a supervisor who is not the head, in Chinese', () => {
    given([proposed])
      .when({ ...approve, actor: deputy } as SenderCommand)
      .then({ errorLike: ForbiddenError, matches: /^批准移送须由本机关正职负责人或者主持工作的负责人决定，u-amr-650100-deputy 不是（.*第五条/ });
    given([proposed])
      .when({ ...refuseCommand, actor: deputy } as SenderCommand)
      .then({ errorLike: ForbiddenError, matches: /^不批准移送须由本机关正职负责人或者主持工作的负责人决定/ });
  });

  it('lets any supervisor decide on a non-criminal transfer (no capacity recorded)', () => {
    const administrative = proposedFact({
      kind: 'ADMINISTRATIVE',
      toAgency: agencies.amrOther,
      materials: [
        { kind: 'TRANSFER_LETTER', title: '案件移送函' },
        { kind: 'INVESTIGATION_REPORT', title: '调查报告' },
      ],
    });
    given([administrative])
      .when({ ...approve, actor: deputy } as SenderCommand)
      .then([
        {
          ...approvedFact(administrative, bj('2025-04-29T10:00')),
          data: { ...approvedFact(administrative, bj('2025-04-29T10:00')).data, approverCapacity: null },
        } as TransferEvent,
      ]);
  });

  it('refuses a criminal proposal without a 专案组 of two, or filed by someone outside it', () => {
    given([])
      .when({ ...propose, caseTeam: [caseTeamOf(agencies.amr)[0]!] } as SenderCommand)
      .then({ errorLike: ValidationError, matches: /^caseTeam: CRIMINAL 移送须由2名或者2名以上执法人员组成的专案组提出，列出了1名/ });
    given([])
      .when({ ...propose, caseTeam: [{ userId: 'u-x', name: '甲' }, { userId: 'u-y', name: '乙' }] } as SenderCommand)
      .then({ errorLike: ValidationError, matches: /^caseTeam: 移送报告由专案组提出：提出人 u-amr-650100 应为专案组成员/ });
    given([])
      .when({ ...propose, caseTeam: [caseTeamOf(agencies.amr)[0]!, caseTeamOf(agencies.amr)[0]!] } as SenderCommand)
      .then({ errorLike: ValidationError, matches: /^caseTeam\.1\.userId: 专案组成员 u-amr-650100 列了两次/ });
  });

  it('folds the team, the absent materials and the capacity into the state', () => {
    const state = fold(senderDecider, [proposed, approved]) as Transfer;
    expect(state.caseTeam).toEqual(caseTeamOf(agencies.amr));
    expect(state.approverCapacity).toBe('HEAD');
    expect(state.absentMaterials).toEqual([]);
    expect(state.seizedProperty).toBe(false);
  });
});
