import type { EventStore } from '../eventStore.ts';
import { hashEvent } from '../hashChain.ts';

/** One stream as a full pass over the store found it. */
export interface ScannedStream {
  /** Highest version stored. */
  version: number;
  /** The agency of version 1's actor; null when version 1 is gone. */
  ownerAgencyId: string | null;
  /** First version whose link or hash fails (as `verifyChain` names it), or null. */
  brokenAt: number | null;
  reason: string | null;
  /** The hash stored at the version asked for in `anchoredVersions`, when that version is there. */
  anchoredHash: string | null;
  lastHash: string | null;
}

/**
 * Every stream's chain verified in one pass over `readAll` (store order keeps each stream's
 * versions in order), instead of a read per stream: memory is one small entry per stream. Also
 * records the hash at each stream's anchored version, for the comparison with a checkpoint.
 */
export const scanStore = async (
  store: EventStore,
  anchoredVersions: ReadonlyMap<string, number>,
  pageSize = 1000,
): Promise<Map<string, ScannedStream>> => {
  const streams = new Map<string, ScannedStream>();
  let after: string | null = null;
  for (;;) {
    const page = await store.readAll({ after, limit: pageSize });
    for (const e of page.events) {
      let s = streams.get(e.streamId);
      if (!s) {
        s = { version: 0, ownerAgencyId: e.version === 1 ? (e.metadata.actor?.agencyId ?? null) : null, brokenAt: null, reason: null, anchoredHash: null, lastHash: null };
        streams.set(e.streamId, s);
      }
      if (s.brokenAt === null) {
        const expected = s.version + 1;
        if (e.version !== expected) {
          s.brokenAt = expected;
          s.reason = `version ${expected} is missing (found ${e.version})`;
        } else if (e.prevHash !== s.lastHash) {
          s.brokenAt = e.version;
          s.reason = `prevHash does not match the hash of version ${e.version - 1}`;
        } else {
          let recomputed: string | null;
          try {
            recomputed = hashEvent(e, e.hashAlgorithm);
          } catch {
            recomputed = null;
          }
          if (recomputed !== e.hash) {
            s.brokenAt = e.version;
            s.reason = 'content does not match its hash (the event was altered)';
          }
        }
      }
      s.version = Math.max(s.version, e.version);
      s.lastHash = e.hash;
      if (anchoredVersions.get(e.streamId) === e.version) s.anchoredHash = e.hash;
    }
    after = page.checkpoint;
    if (page.isEnd) return streams;
  }
};
