import type { EventStore, StreamHead } from '../eventStore.ts';

/**
 * Every stream's head: the adapter's one-query `streamHeads` when it has one (SQL), else a fold
 * of `readAll` (EventStoreDB; reads the whole store, for small stores only).
 */
export const readStreamHeads = async (store: EventStore): Promise<StreamHead[]> => {
  if (store.streamHeads) return store.streamHeads();
  const heads = new Map<string, StreamHead>();
  let after: string | null = null;
  for (;;) {
    const page = await store.readAll({ after, limit: 1000 });
    for (const e of page.events) {
      const known = heads.get(e.streamId);
      if (!known || e.version > known.version) {
        heads.set(e.streamId, {
          streamId: e.streamId,
          version: e.version,
          hash: e.hash,
          ownerAgencyId: known?.ownerAgencyId ?? (e.version === 1 ? (e.metadata.actor?.agencyId ?? null) : null),
        });
      }
    }
    after = page.checkpoint;
    if (page.isEnd) return [...heads.values()];
  }
};
