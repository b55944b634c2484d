import { describe, expect, it } from 'vitest';
import type { TransferEvent } from '@xianjie/contracts';
import { foldTransferSide, mergeTransferSides, versionFor } from './transferMerge.ts';

const amr = { id: 'amr-650100', kind: 'MARKET_REGULATION', regionCode: '650100' } as const;
const police = { id: 'police-650100', kind: 'POLICE', regionCode: '650100' } as const;
const transferId = 't-001';
/** `YYYY-MM-DDTHH:mm` in Beijing time. */
const bj = (local: string) => `${local}:00+08:00`;

const materials = [
  { kind: 'TRANSFER_LETTER', title: '涉嫌犯罪案件移送书' },
  { kind: 'INVESTIGATION_REPORT', title: '涉嫌犯罪案件情况的调查报告' },
  { kind: 'SEIZED_ITEMS_LIST', title: '涉案物品清单' },
  { kind: 'TEST_REPORT', title: '药品检验报告书' },
] as const;

const proposed = {
  transferId,
  caseId: 'c-001',
  kind: 'CRIMINAL',
  fromAgency: amr,
  toAgency: police,
  reason: '医院制剂室无证配制药品，涉嫌妨害药品管理罪',
  materials: [...materials],
  official: null,
} as const;
const approvedAt = bj('2025-04-28T15:00');
const receivedAt = bj('2025-04-29T10:00');
const declinedAt = bj('2025-04-30T16:00');
const requestedAt = bj('2025-05-01T09:00');

const facts = {
  proposed: { type: 'TransferProposed', data: { ...proposed, proposedAt: bj('2025-04-28T09:00') } },
  approved: {
    type: 'TransferApproved',
    data: { ...proposed, proposedAt: bj('2025-04-28T09:00'), approvalNote: null, copiedToProcuratorate: true, approvedAt, sentAt: approvedAt },
  },
  receipt: {
    type: 'TransferReceiptSigned',
    data: { ...proposed, copiedToProcuratorate: true, sentAt: approvedAt, receivedAt },
  },
  declined: {
    type: 'TransferDeclined',
    data: { transferId, agencyId: police.id, reasonCategory: 'NO_OFFENCE', reason: '没有犯罪事实', declinedAt },
  },
  reconsideration: { type: 'ReconsiderationRequested', data: { transferId, reason: '有新的检验报告', requestedAt } },
} as const;

const noted = (event: { type: string; data: object }, type: string, notedAt: string) => ({
  type,
  data: { ...event.data, notedAt },
});

let position = 0n;
/** Events as the store records them: `at` is metadata.occurredAt, positions in append order. */
const stream = (events: [{ type: string; data: object }, string][]) =>
  events.map(([event, at], index) => ({
    type: event.type,
    data: event.data as Record<string, unknown>,
    version: index + 1,
    metadata: { actor: { userId: 'u', name: 'u', agencyId: 'x', roles: [] }, occurredAt: at, correlationId: 'c', causationId: null },
    globalPosition: (position += 1n),
  }));

const deadline = (merged: { deadlines: { step: string; party: string; metAt: string | null }[] }, step: string) =>
  merged.deadlines.filter((d) => d.step === step);

describe('mergeTransferSides', () => {
  it('before the receipt: the sender’s stream is all there is; the receiver is due to sign', () => {
    const sender = foldTransferSide('SENDER', stream([[facts.proposed, bj('2025-04-28T09:00')], [facts.approved, approvedAt]]));
    const merged = mergeTransferSides(sender, null)!;
    expect(merged).toMatchObject({
      id: transferId,
      streamId: 'transfer-out-t-001',
      receiverStreamId: null,
      status: 'SENT',
      senderVersion: 2,
      receiverVersion: null,
      toAgency: police,
    });
    expect(deadline(merged, 'signReceipt')).toMatchObject([{ party: 'RECEIVER', metAt: null }]);
    expect(versionFor(merged, 'RECEIVER')).toBe(0);
    expect(versionFor(merged, 'SENDER')).toBe(2);
  });

  it('right after the receipt, before the sender notes it: the receiver’s status, and the receipt meets signReceipt', () => {
    const sender = foldTransferSide('SENDER', stream([[facts.proposed, bj('2025-04-28T09:00')], [facts.approved, approvedAt]]));
    const receiver = foldTransferSide('RECEIVER', stream([[facts.receipt, receivedAt]]));
    const merged = mergeTransferSides(sender, receiver)!;
    expect(merged.status).toBe('RECEIVED');
    expect(merged.statusFrom).toBe('RECEIVER');
    expect(merged.receiverStreamId).toBe('transfer-in-t-001');
    expect(merged.receivedAt).toBe(receivedAt);
    expect(merged.materials).toEqual(materials);
    // signReceipt started with the approval, which the receiver's stream never saw: borrowed, then met by the receipt
    expect(deadline(merged, 'signReceipt')).toMatchObject([{ party: 'RECEIVER', metAt: receivedAt, metLate: false }]);
    // the receiver's own clocks come from its stream
    expect(deadline(merged, 'decide')).toMatchObject([{ party: 'RECEIVER', startedAt: receivedAt, metAt: null }]);
    expect(deadline(merged, 'approve')).toMatchObject([{ party: 'SENDER', metAt: approvedAt }]);
    expect(versionFor(merged, 'SENDER')).toBe(2);
    expect(versionFor(merged, 'RECEIVER')).toBe(1);
    // each step once, in the order the clocks started
    const keys = merged.deadlines.map((d) => `${d.step}@${d.startedAt}`);
    expect(new Set(keys).size).toBe(keys.length);
    const starts = merged.deadlines.map((d) => Date.parse(d.startedAt));
    expect(starts).toEqual([...starts].sort((a, b) => a - b));
  });

  it('a reconsideration request the receiver has not noted yet: the sender’s status, and the receiver’s clock from the sender’s stream', () => {
    const sender = foldTransferSide(
      'SENDER',
      stream([
        [facts.proposed, bj('2025-04-28T09:00')],
        [facts.approved, approvedAt],
        [noted(facts.receipt, 'ReceiptNoted', receivedAt), bj('2025-04-29T10:01')],
        [noted(facts.declined, 'DeclineNoted', declinedAt), bj('2025-04-30T16:01')],
        [facts.reconsideration, requestedAt],
      ]),
    );
    const receiver = foldTransferSide('RECEIVER', stream([[facts.receipt, receivedAt], [facts.declined, declinedAt]]));
    const merged = mergeTransferSides(sender, receiver)!;
    expect(merged.status).toBe('RECONSIDERATION_REQUESTED');
    expect(merged.statusFrom).toBe('SENDER');
    expect(merged.decline).toMatchObject({ reasonCategory: 'NO_OFFENCE', declinedAt });
    expect(merged.reconsideration).toMatchObject({ reason: '有新的检验报告', requestedAt, decision: null });
    expect(deadline(merged, 'requestReconsideration')).toMatchObject([{ party: 'SENDER', metAt: requestedAt }]);
    expect(deadline(merged, 'decideReconsideration')).toMatchObject([{ party: 'RECEIVER', startedAt: requestedAt, metAt: null }]);
    expect(deadline(merged, 'decide')).toMatchObject([{ metAt: declinedAt }]);
    expect(deadline(merged, 'signReceipt')).toMatchObject([{ metAt: receivedAt }]);
    expect(versionFor(merged, 'SENDER')).toBe(5);
    expect(versionFor(merged, 'RECEIVER')).toBe(2);
  });

  it('the same instant on both streams: the later store position wins, and without positions the receiver', () => {
    const at = bj('2025-04-29T10:00');
    const senderEvents = stream([[facts.proposed, bj('2025-04-28T09:00')], [facts.approved, at]]);
    const receiverEvents = stream([[facts.receipt, at]]);
    // the receiver's event was appended after the sender's
    expect(mergeTransferSides(foldTransferSide('SENDER', senderEvents), foldTransferSide('RECEIVER', receiverEvents))!.status).toBe(
      'RECEIVED',
    );
    const senderLater = foldTransferSide('SENDER', senderEvents.map((e) => ({ ...e, globalPosition: e.globalPosition + 100n })));
    expect(mergeTransferSides(senderLater, foldTransferSide('RECEIVER', receiverEvents))!.status).toBe('SENT');
    const unordered = (events: typeof senderEvents) => events.map(({ globalPosition: _p, ...e }) => e);
    expect(
      mergeTransferSides(foldTransferSide('SENDER', unordered(senderEvents)), foldTransferSide('RECEIVER', unordered(receiverEvents)))!
        .status,
    ).toBe('RECEIVED');
  });

  it('立案监督: the procuratorate’s notices and the explanation come from the police’s stream, before the sender notes them', () => {
    const suggestion = {
      type: 'ProcuratorateSupervisionSuggested',
      data: { transferId, reason: '建议检察院立案监督', afterReconsideration: false, suggestedAt: bj('2025-05-02T09:00') },
    };
    const inquiry = {
      type: 'ProcuratorateInquiryRecorded',
      data: { transferId, agencyId: police.id, documentNumber: '乌检侦监要说〔2025〕3号', receivedAt: bj('2025-05-12T10:00') },
    };
    const sender = foldTransferSide(
      'SENDER',
      stream([
        [facts.proposed, bj('2025-04-28T09:00')],
        [facts.approved, approvedAt],
        [noted(facts.receipt, 'ReceiptNoted', receivedAt), receivedAt],
        [noted(facts.declined, 'DeclineNoted', declinedAt), declinedAt],
        [suggestion, bj('2025-05-02T09:00')],
      ]),
    );
    const receiver = foldTransferSide(
      'RECEIVER',
      stream([
        [facts.receipt, receivedAt],
        [facts.declined, declinedAt],
        [noted(suggestion, 'SupervisionSuggestionNoted', bj('2025-05-02T09:01')), bj('2025-05-02T09:01')],
        [inquiry, bj('2025-05-12T10:00')],
      ]),
    );
    const merged = mergeTransferSides(sender, receiver)!;
    expect(merged.status).toBe('PROCURATORATE_INQUIRY');
    expect(merged.statusFrom).toBe('RECEIVER');
    expect(merged.supervision).toMatchObject({ reason: '建议检察院立案监督' });
    expect(merged.procuratorateInquiry).toEqual({ documentNumber: '乌检侦监要说〔2025〕3号', receivedAt: bj('2025-05-12T10:00') });
    expect(merged.nonFilingExplanation).toBeNull();
    expect(merged.filingOrder).toBeNull();
    // 7 days from Mon 05-12 → 24:00 of Mon 05-19
    expect(deadline(merged, 'explainNonFiling')).toMatchObject([{ party: 'RECEIVER', metAt: null, dueAt: '2025-05-20T00:00:00+08:00' }]);
  });

  it('no stream: no transfer', () => {
    expect(foldTransferSide('SENDER', [])).toBeNull();
    expect(mergeTransferSides(null, null)).toBeNull();
  });
});

// The fixtures above are contract events; a typo in one would make the merge test meaningless.
it('fixtures are valid transfer events', async () => {
  const { TransferEvent: schema } = await import('@xianjie/contracts');
  for (const event of [...Object.values(facts), noted(facts.receipt, 'ReceiptNoted', receivedAt)]) {
    expect(() => schema.parse(event as TransferEvent)).not.toThrow();
  }
});
