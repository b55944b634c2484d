import type { RecordedEvent } from '@xianjie/event-store';
import type { OperationEvent } from '@xianjie/contracts';
import { foldOperation } from '@xianjie/domain';
import type { Operation } from '@xianjie/domain';
import { readCaseOf, type ReadCase } from '../../personalDataReads.ts';

/** What a stream's events say about who owns it and who else is a party to it (for the audit trail's access rules). */

/**
 * The parties of a transfer stream (the sender and every receiver: a forward adds one), who read
 * each other's side of it once it is sent (DESIGN §6, auth's canReadAuditTrail); none for other streams.
 */
export const transferPartiesOf = (streamId: string, events: readonly RecordedEvent[]): string[] => {
  if (!/^transfer-(out|in)-/.test(streamId)) return [];
  // Before the approval sends it, the sender's stream is its own (a refusal never leaves it).
  if (streamId.startsWith('transfer-out-') && !events.some((e) => e.type === 'TransferApproved')) return [];
  const ids = new Set<string>();
  for (const event of events) {
    for (const key of ['fromAgency', 'toAgency', 'fromReceiver']) {
      const agency = (event.data as Record<string, unknown>)[key];
      if (agency && typeof agency === 'object' && typeof (agency as { id?: unknown }).id === 'string') {
        ids.add((agency as { id: string }).id);
      }
    }
  }
  return [...ids];
};

/**
 * The parties of a commission's 挂牌督办 stream (`supervision-<caseId>`, owned by the commission that
 * listed the case): the agency handling the case, and every commission that listed or lifted it.
 */
export const supervisionPartiesOf = (streamId: string, events: readonly RecordedEvent[]): string[] => {
  if (!streamId.startsWith('supervision-')) return [];
  const ids = new Set<string>();
  for (const { data } of events) {
    for (const key of ['caseAgencyId', 'commissionId']) if (typeof data[key] === 'string') ids.add(data[key]);
  }
  return [...ids];
};

/**
 * The operation an `operation-<id>` stream holds (folded now), or null for other streams. Its lead
 * agency owns the trail and its participants are parties (as `canReadOperation`); the events are
 * shown through `operationEventView`, because the stream holds the secret target lists (四不两直).
 */
export const operationOf = (streamId: string, events: readonly RecordedEvent[]): Operation | null => {
  if (!streamId.startsWith('operation-')) return null;
  const state = foldOperation(events.map((e) => ({ type: e.type, data: e.data }) as OperationEvent));
  return state.status === 'NONE' ? null : state;
};

/**
 * The case a `case-<id>` stream holds, as 查询留痕 needs it (whose it is, who its subject is), from
 * its registration event; null for other streams.
 */
export const caseReadOf = (streamId: string, events: readonly RecordedEvent[]): ReadCase | null => {
  const registered = events.find((e) => e.type === 'CaseRegistered');
  if (!streamId.startsWith('case-') || !registered) return null;
  const { caseId, agencyId, subject } = registered.data as {
    caseId?: unknown;
    agencyId?: unknown;
    subject?: { kind?: unknown; name?: unknown; creditCode?: unknown; idNumber?: unknown };
  };
  if (typeof caseId !== 'string' || typeof agencyId !== 'string' || !subject || typeof subject.kind !== 'string') return null;
  const text = (value: unknown) => (typeof value === 'string' ? value : null);
  return readCaseOf(caseId, agencyId, {
    kind: subject.kind,
    name: text(subject.name) ?? '',
    creditCode: text(subject.creditCode),
    idNumber: text(subject.idNumber),
  });
};
