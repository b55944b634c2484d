import type { AgencyDirectory, AgencyKind } from '@xianjie/contracts';
import type { RecordedEvent } from '@xianjie/event-store';

/** The agency a stream of this category belongs to, from its first event; undefined for other categories. */
const owningAgencyId = (streamId: string, first: RecordedEvent): string | undefined => {
  const agency = (key: string) => (first.data[key] as { id?: string } | undefined)?.id;
  if (streamId.startsWith('case-')) return typeof first.data.agencyId === 'string' ? first.data.agencyId : undefined;
  if (streamId.startsWith('transfer-out-')) return agency('fromAgency');
  if (streamId.startsWith('transfer-in-')) return agency('toAgency');
  return undefined;
};

/**
 * Whether a case or transfer stream belongs to a service acting for these agency kinds: a case
 * stream to its agency's service, a transfer's sender stream to the sender's, its receiver stream
 * to the receiver's (a forward stays within one kind, so within one service).
 */
export const ownedByAgencyKinds =
  (directory: AgencyDirectory, kinds: readonly AgencyKind[]) =>
  (streamId: string, events: readonly RecordedEvent[]): boolean => {
    const first = events[0];
    const agencyId = first && owningAgencyId(streamId, first);
    const kind = agencyId ? directory.get(agencyId)?.kind : undefined;
    return kind !== undefined && kinds.includes(kind);
  };

/** Whether a stream is of one of these categories (streams a service alone writes). */
export const ownedByPrefix =
  (...prefixes: string[]) =>
  (streamId: string): boolean =>
    prefixes.some((p) => streamId.startsWith(p));
