import type { EventStore } from './eventStore.ts';

/**
 * Calls `wake` once, `delayMs` after an append through `store` to a stream starting with one of
 * `streamPrefixes` (appends in between coalesce into that one call). The delay keeps the woken
 * reader off the appending command's path: on one embedded database, several projections and
 * relays reading at once would queue ahead of the command's own reads. Returns the function that
 * stops listening (and drops a pending call).
 */
export const wakeOnAppend = (
  store: Pick<EventStore, 'onAppended'>,
  streamPrefixes: readonly string[],
  wake: () => void,
  delayMs = 100,
): (() => void) => {
  let timer: NodeJS.Timeout | undefined;
  const stopListening = store.onAppended((streamId) => {
    if (timer || !streamPrefixes.some((prefix) => streamId.startsWith(prefix))) return;
    timer = setTimeout(() => {
      timer = undefined;
      wake();
    }, delayMs);
  });
  return () => {
    stopListening();
    clearTimeout(timer);
  };
};
