/**
 * Catch-up-then-live subscription over `readAll`, shared by the adapters: the checkpointed follower
 * with the checkpoint in the adapter's own storage, woken at once by a local append.
 * Delivery is at-least-once: a crash between the handler and the checkpoint write replays the batch.
 */
import type { ReadAllOptions, ReadAllResult, Subscription, SubscriptionOptions } from './eventStore.ts';
import { createCheckpointedFollower } from './follower/checkpointedFollower.ts';

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

export const startSubscription = (
  backend: SubscriptionBackend,
  signal: AppendSignal,
  options: SubscriptionOptions,
): Subscription => {
  const { subscriptionId, streamPrefixes } = options;
  const batchSize = options.batchSize ?? DEFAULT_BATCH;
  const onError = options.onError ?? ((error: unknown) => console.error(`subscription ${subscriptionId}:`, error));

  let resolveCaughtUp!: () => void;
  const caughtUp = new Promise<void>((resolve) => (resolveCaughtUp = resolve));

  const follower = createCheckpointedFollower({
    loadCheckpoint: () => backend.loadCheckpoint(subscriptionId),
    read: (after) => backend.readAll({ after, limit: batchSize, ...(streamPrefixes ? { streamPrefixes } : {}) }),
    async handle({ events, checkpoint }) {
      await options.handler(events);
      await backend.saveCheckpoint(subscriptionId, checkpoint);
    },
    wakeOn: { onAppended: (listener) => signal.listen(listener), streamPrefixes },
    pollIntervalMs: options.pollIntervalMs ?? DEFAULT_POLL_MS,
    retry: { initialDelayMs: 50, maxDelayMs: 5_000 },
    onError: (error) => onError(error),
    onCaughtUp: () => resolveCaughtUp(),
  });
  follower.start();

  return {
    caughtUp,
    async stop() {
      await follower.stop();
      // A subscription stopped before it caught up never will; do not leave awaiters hanging.
      resolveCaughtUp();
    },
  };
};
