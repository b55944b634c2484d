import type { EventMetadata, NewEvent } from '@xianjie/event-store';

/**
 * The event every append case writes: ~300 bytes of data and ~200 bytes of metadata, like a
 * TransferProposed event (the same shape as packages/event-store/scripts/appendThroughput.ts).
 */
export const eventData = {
  caseId: 'case-3301022024000123',
  kind: 'CRIMINAL',
  toAgencyId: 'police-330102',
  reason: '涉嫌生产销售假药，涉案金额超过立案追诉标准',
  materials: [
    { kind: 'TRANSFER_LETTER', title: '涉嫌犯罪案件移送书' },
    { kind: 'INVESTIGATION_REPORT', title: '案件调查报告' },
  ],
  amountInvolvedFen: 1250000,
};

export const eventMetadata: EventMetadata = {
  actor: { userId: 'user-0042', name: '张三', agencyId: 'amr-330102', roles: ['officer'] },
  occurredAt: '2024-03-01T10:00:00+08:00',
  correlationId: '6f1c1d7e-3f7b-4d8e-9a51-0d2b7c1e9f00',
};

export const EVENT_TYPE = 'TransferProposed';
export const dataJson = JSON.stringify(eventData);
export const metadataJson = JSON.stringify(eventMetadata);
/** A digest-sized placeholder for the raw inserts (they do no hashing: that is the point). */
export const fakeHash = 'f'.repeat(64);

export const newEvents = (count: number): NewEvent[] =>
  Array.from({ length: count }, () => ({ type: EVENT_TYPE, data: eventData, metadata: eventMetadata }));
