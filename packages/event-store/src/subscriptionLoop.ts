/**
 * Catch-up-then-live subscription over `readAll`, shared by the adapters: read a batch after the
 * stored checkpoint, hand it to the handler, store the checkpoint, repeat; when nothing is left,
 * wait for a local append (in-process wake-up) or the poll interval, whichever comes first.
 * Delivery is at-least-once: a crash between the handler and the checkpoint write replays the batch.
 */
import type {
  ReadAllOptions,
  ReadAllResult,
  RecordedEvent,
  Subscription,
  SubscriptionOptions,
} from './eventStore.ts';

export interface SubscriptionBackend {
  readAll(options: ReadAllOptions): Promise<ReadAllResult>;
  loadCheckpoint(subscriptionId: string): Promise<string | null>;
  saveCheckpoint(subscriptionId: string, checkpoint: string): Promise<void>;
}

/** In-process wake-ups: adapters call `notify(streamId)` after each successful append. */
export interface AppendSignal {
  notify(streamId: string): void;
  listen(wake: (streamId: string) => void): () => void;
}

export const createAppendSignal = (): AppendSignal => {
  const listeners = new Set<(streamId: string) => void>();
  return {
    notify: (streamId) => listeners.forEach((wake) => wake(streamId)),
    listen(wake) {
      listeners.add(wake);
      return () => listeners.delete(wake);
    },
  };
};

const DEFAULT_POLL_MS = 250;
const DEFAULT_BATCH = 100;
const MIN_BACKOFF_MS = 50;
const MAX_BACKOFF_MS = 5_000;

export const startSubscription = (
  backend: SubscriptionBackend,
  signal: AppendSignal,
  options: SubscriptionOptions,
): Subscription => {
  const pollMs = options.pollIntervalMs ?? DEFAULT_POLL_MS;
  const batchSize = options.batchSize ?? DEFAULT_BATCH;
  const onError =
    options.onError ?? ((error: unknown) => console.error(`subscription ${options.subscriptionId}:`, error));

  let stopped = false;
  let dirty = false;
  let wakeSleeper: (() => void) | null = null;
  const wake = () => {
    dirty = true;
    wakeSleeper?.();
  };
  const unlisten = signal.listen(wake);

  /** Sleeps until a wake-up, stop() or the timeout. */
  const pause = (ms: number) =>
    new Promise<void>((resolve) => {
      if (stopped || dirty) return resolve();
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        wakeSleeper = null;
        resolve();
      }
      wakeSleeper = done;
    });

  let resolveCaughtUp!: () => void;
  const caughtUp = new Promise<void>((resolve) => (resolveCaughtUp = resolve));

  /** Retries `step` with exponential backoff until it succeeds or the subscription stops. */
  const persist = async (step: () => Promise<void>): Promise<boolean> => {
    let backoff = MIN_BACKOFF_MS;
    for (;;) {
      if (stopped) return false;
      try {
        await step();
        return true;
      } catch (error) {
        onError(error);
        dirty = false;
        await pause(backoff);
        backoff = Math.min(backoff * 2, MAX_BACKOFF_MS);
      }
    }
  };

  const run = async () => {
    let checkpoint: string | null = null;
    if (
      !(await persist(async () => void (checkpoint = await backend.loadCheckpoint(options.subscriptionId))))
    )
      return;
    while (!stopped) {
      dirty = false;
      let page: ReadAllResult | undefined;
      const read = await persist(async () => {
        page = await backend.readAll({
          after: checkpoint,
          limit: batchSize,
          ...(options.streamPrefixes ? { streamPrefixes: options.streamPrefixes } : {}),
        });
      });
      if (!read || !page) return;
      const batch: RecordedEvent[] = page.events;
      if (batch.length > 0) {
        // The same batch again after a failure: a handler error never skips events.
        if (!(await persist(() => options.handler(batch)))) return;
        const next = page.checkpoint;
        if (next !== null && !(await persist(() => backend.saveCheckpoint(options.subscriptionId, next))))
          return;
        checkpoint = next;
      }
      if (page.isEnd) {
        resolveCaughtUp();
        await pause(pollMs);
      }
    }
  };

  const loop = run()
    .catch(onError)
    .finally(() => {
      unlisten();
      // A subscription stopped before it caught up never will; do not leave awaiters hanging.
      resolveCaughtUp();
    });

  return {
    caughtUp,
    async stop() {
      stopped = true;
      wake();
      await loop;
    },
  };
};
