/**
 * The one loop behind the SQL projector, the outbox relay and `EventStore.subscribe`: read a batch
 * after a checkpoint, hand it over, move the checkpoint, repeat until caught up; then sleep until
 * an append wakes it or the poll interval passes. The poll catches appends by other processes and
 * events a read held back (a concurrent transaction not yet committed); it backs off while nothing
 * comes, so an idle platform stays quiet. A failed round is retried from the stored checkpoint with
 * exponential backoff, so a failure never skips an event (delivery is at-least-once unless
 * `handle` stores the checkpoint in the same transaction as its effects).
 */
import type { ReadAllResult, RecordedEvent } from '../eventStore.ts';

export interface FollowedBatch {
  events: RecordedEvent[];
  /** Where the next read starts; `handle` stores it (with its effects, when it can). */
  checkpoint: string;
}

export interface CheckpointedFollowerOptions {
  loadCheckpoint(): Promise<string | null>;
  read(after: string | null): Promise<ReadAllResult>;
  /** Handles a non-empty batch and stores `batch.checkpoint`; `signal` aborts on stop(). */
  handle(batch: FollowedBatch, signal: AbortSignal): Promise<void>;
  /**
   * In-process wake-ups (`EventStore.onAppended`): an append to a stream starting with one of
   * `streamPrefixes` (any stream when absent) wakes the loop `delayMs` later (default 0), appends
   * in between coalescing into that one wake-up. A delay keeps the woken reader off the appending
   * command's path: on one embedded database, several projections and relays reading at once would
   * queue ahead of the command's own reads.
   */
  wakeOn?: {
    onAppended(listener: (streamId: string) => void): () => void;
    streamPrefixes?: readonly string[] | undefined;
    delayMs?: number;
  };
  /** Sleep once caught up after a round that found events, and after a wake-up. */
  pollIntervalMs: number;
  /** Ceiling of the idle sleep, doubling from `pollIntervalMs` while rounds find nothing (default: no backoff). */
  idlePollMaxMs?: number;
  /** Backoff after a failed round, doubling from `initialDelayMs` up to `maxDelayMs`. */
  retry: { initialDelayMs: number; maxDelayMs: number };
  /** Reads the next batch while `handle` works on this one (database work overlaps both ways). */
  readAhead?: boolean;
  onError(error: unknown, retryInMs: number): void;
  /** Called each time the background loop has handled everything readable. */
  onCaughtUp?(): void;
}

export interface CheckpointedFollower {
  /** Handles everything readable now; resolves with the number of events handled. */
  catchUp(): Promise<number>;
  /** One batch (or none when caught up), without the loop. */
  step(): Promise<{ events: number; isEnd: boolean }>;
  /**
   * Runs `work` while no catch-up runs (catch-ups and `work` are serialised), then reloads the
   * checkpoint: for a reset that moves it.
   */
  exclusive<T>(work: () => Promise<T>): Promise<T>;
  /** Keeps catching up in the background until stop(). */
  start(): void;
  /** Reads now instead of at the next poll. */
  wake(): void;
  /** Ends the sleep, aborts a handler's retries, waits for the round in hand, and stops listening. */
  stop(): Promise<void>;
}

export const backoffDelay = (attempt: number, initialMs: number, maxMs: number): number =>
  Math.min(maxMs, initialMs * 2 ** Math.max(0, attempt - 1));

export const createCheckpointedFollower = (options: CheckpointedFollowerOptions): CheckpointedFollower => {
  const { pollIntervalMs, retry } = options;
  const idlePollMaxMs = Math.max(pollIntervalMs, options.idlePollMaxMs ?? pollIntervalMs);
  let running = false;
  let loop: Promise<void> | undefined;
  let abort = new AbortController();
  // Where the next read starts; undefined: load it (at first, after a failure or exclusive work).
  let checkpoint: string | null | undefined;
  // Serialises catch-ups: a caller waiting for the follower and the background loop share it.
  let chain: Promise<unknown> = Promise.resolve();
  // An append while a round runs may land after its last read: read again instead of sleeping.
  let woken = false;
  let endSleep: (() => void) | undefined;
  let unlisten: (() => void) | undefined;

  const serialised = <T>(work: () => Promise<T>): Promise<T> => {
    const next = chain.then(work);
    chain = next.catch(() => undefined);
    return next;
  };

  const forgetOnFailure = async <T>(work: () => Promise<T>): Promise<T> => {
    try {
      return await work();
    } catch (error) {
      checkpoint = undefined; // re-read the stored one: the failure may have come after a partial write
      throw error;
    }
  };

  const handle = async (batch: ReadAllResult): Promise<number> => {
    if (batch.events.length === 0 || batch.checkpoint === null) return 0;
    await options.handle({ events: batch.events, checkpoint: batch.checkpoint }, abort.signal);
    checkpoint = batch.checkpoint;
    return batch.events.length;
  };

  const catchUpOnce = () =>
    forgetOnFailure(async () => {
      let handled = 0;
      if (checkpoint === undefined) checkpoint = await options.loadCheckpoint();
      let next = options.read(checkpoint);
      for (;;) {
        const batch = await next;
        const more = !batch.isEnd && batch.events.length > 0 && batch.checkpoint !== null;
        if (more && options.readAhead) {
          next = options.read(batch.checkpoint);
          next.catch(() => undefined); // awaited below; a failure then is reported there
        }
        handled += await handle(batch);
        if (!more) return handled;
        if (!options.readAhead) next = options.read(checkpoint);
      }
    });

  const stepOnce = () =>
    forgetOnFailure(async () => {
      if (checkpoint === undefined) checkpoint = await options.loadCheckpoint();
      const batch = await options.read(checkpoint);
      return { events: await handle(batch), isEnd: batch.isEnd };
    });

  /** Sleeps `ms`, or less when woken or stopped; true when cut short. */
  const sleep = (ms: number) =>
    new Promise<boolean>((resolve) => {
      if (!running || woken) return resolve(true);
      const timer = setTimeout(() => done(false), ms);
      endSleep = () => done(true);
      function done(early: boolean) {
        clearTimeout(timer);
        endSleep = undefined;
        resolve(early);
      }
    });

  const wake = () => {
    woken = true;
    endSleep?.();
  };

  const listen = () => {
    const source = options.wakeOn;
    if (!source) return undefined;
    const delayMs = source.delayMs ?? 0;
    let timer: NodeJS.Timeout | undefined;
    const stopListening = source.onAppended((streamId) => {
      if (timer || (source.streamPrefixes && !source.streamPrefixes.some((prefix) => streamId.startsWith(prefix)))) return;
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

  const run = async () => {
    let idleMs = pollIntervalMs;
    let failures = 0;
    while (running) {
      woken = false;
      let handled: number;
      try {
        handled = await serialised(catchUpOnce);
        failures = 0;
      } catch (error) {
        if (!running) break;
        const delay = backoffDelay(++failures, retry.initialDelayMs, retry.maxDelayMs);
        options.onError(error, delay);
        woken = false; // sleep before retrying, appends or not
        await sleep(delay);
        continue;
      }
      options.onCaughtUp?.();
      if (!running) break;
      if (woken) {
        idleMs = pollIntervalMs;
        continue;
      }
      idleMs = handled > 0 ? pollIntervalMs : Math.min(idleMs * 2, idlePollMaxMs);
      // After a wake-up the next empty round sleeps the base interval again (an event held back).
      if (await sleep(idleMs)) idleMs = pollIntervalMs / 2;
    }
  };

  return {
    catchUp: () => serialised(catchUpOnce),
    step: () => serialised(stepOnce),
    exclusive: (work) =>
      serialised(async () => {
        try {
          return await work();
        } finally {
          checkpoint = undefined;
        }
      }),
    start() {
      if (running) return;
      running = true;
      abort = new AbortController();
      unlisten = listen();
      loop = run();
    },
    wake,
    async stop() {
      running = false;
      unlisten?.();
      unlisten = undefined;
      abort.abort();
      endSleep?.();
      await loop;
      loop = undefined;
      await chain;
    },
  };
};
