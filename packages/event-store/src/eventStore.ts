/**
 * The EventStore port: the audit trail every service appends to.
 * Adapters: sql (PGlite and PostgreSQL, one SQL dialect) and eventstoredb.
 * Every adapter passes the contract suite in ./testing/eventStoreContract.ts.
 */

/** Who did it: copied from the verified token onto every event. */
export interface Actor {
  userId: string;
  name: string;
  agencyId: string;
  roles: string[];
}

export interface EventMetadata {
  actor: Actor;
  /** ISO-8601 with offset; the business time of the fact (from the command, never Date.now() in domain code). */
  occurredAt: string;
  correlationId: string;
  causationId?: string | null;
  commandId?: string | null;
}

export interface NewEvent<Type extends string = string, Data = Record<string, unknown>> {
  type: Type;
  data: Data;
  metadata: EventMetadata;
}

export interface RecordedEvent<Type extends string = string, Data = Record<string, unknown>> {
  streamId: string;
  /** 1-based position in its stream. */
  version: number;
  /** Monotonic position in the whole store; for display and ordering within one adapter. */
  globalPosition: bigint;
  /** Opaque token to resume a readAll/subscription right after this event. */
  checkpoint: string;
  type: Type;
  data: Data;
  metadata: EventMetadata;
  /** Hex digest chaining this event to the previous one of its stream. */
  hash: string;
  prevHash: string | null;
  hashAlgorithm: HashAlgorithm;
  /** When the store recorded it (store clock). */
  recordedAt: string;
}

export type HashAlgorithm = 'sm3' | 'sha256';

/** Expected stream version: a closed set of markers or the exact current version (0 = empty). */
export const STREAM_EXISTS = 'stream_exists' as const;
export const STREAM_DOES_NOT_EXIST = 'no_stream' as const;
export const NO_CONCURRENCY_CHECK = 'any' as const;
export type ExpectedVersion =
  typeof STREAM_EXISTS | typeof STREAM_DOES_NOT_EXIST | typeof NO_CONCURRENCY_CHECK | number;

export interface AppendOptions {
  expectedVersion?: ExpectedVersion;
  /**
   * Idempotency key. A second append with the same commandId appends nothing and returns the
   * result of the first (with `duplicate: true`), whatever its expected version.
   */
  commandId?: string;
}

export interface AppendResult {
  streamId: string;
  /** Version of the stream after the append (the last event's version). */
  nextExpectedVersion: number;
  events: RecordedEvent[];
  /** True when the commandId was already applied and nothing new was appended. */
  duplicate: boolean;
}

export interface ReadStreamOptions {
  fromVersion?: number;
  toVersion?: number;
  /** Only events with metadata.occurredAt <= until (time travel, `asOf`). */
  until?: string;
}

export interface ReadAllOptions {
  /** Resume after this checkpoint (exclusive); from the start when absent. */
  after?: string | null;
  limit?: number;
  /** Only streams whose id starts with one of these prefixes (stream categories, e.g. "case-"). */
  streamPrefixes?: string[];
}

export interface ReadAllResult {
  events: RecordedEvent[];
  /** Checkpoint after the last returned event, or the `after` given when none returned. */
  checkpoint: string | null;
  /** True when nothing more is readable right now. */
  isEnd: boolean;
}

export interface ChainVerification {
  streamId: string;
  valid: boolean;
  checked: number;
  /** First version whose hash (or link to the previous) does not match, or null. */
  brokenAt: number | null;
  reason?: string;
}

/** The last event of a stream: what a checkpoint anchors (decision 0011). */
export interface StreamHead {
  streamId: string;
  version: number;
  hash: string;
  /** The agency of the stream's first event's actor (who opened it); null when unknown. */
  ownerAgencyId: string | null;
}

export interface SubscriptionOptions {
  /** Name under which the checkpoint is stored; resumes there after a restart. */
  subscriptionId: string;
  streamPrefixes?: string[];
  batchSize?: number;
  /** Called with each batch in order; the checkpoint is stored after it resolves. */
  handler: (events: RecordedEvent[]) => Promise<void>;
  onError?: (error: unknown) => void;
  /** How often to look for new events when no local append wakes the subscription (default 250 ms). */
  pollIntervalMs?: number;
}

export interface Subscription {
  /** Resolves once the subscription has read everything that existed when it started. */
  caughtUp: Promise<void>;
  stop(): Promise<void>;
}

export interface EventStore {
  readonly kind: 'pglite' | 'postgres' | 'eventstoredb';
  readonly hashAlgorithm: HashAlgorithm;
  appendToStream(streamId: string, events: NewEvent[], options?: AppendOptions): Promise<AppendResult>;
  readStream(streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]>;
  /** Current version of a stream (0 when it does not exist). */
  streamVersion(streamId: string): Promise<number>;
  readAll(options?: ReadAllOptions): Promise<ReadAllResult>;
  /** Catch-up then live subscription over readAll with a stored checkpoint. */
  subscribe(options: SubscriptionOptions): Subscription;
  verify(streamId: string): Promise<ChainVerification>;
  /**
   * Every stream's head in one read (one indexed query in SQL), for checkpoints. Optional: without
   * it, `readStreamHeads` folds `readAll`.
   */
  streamHeads?(): Promise<StreamHead[]>;
  /**
   * Calls `listener` with the stream's id after each successful append through this store
   * instance: the in-process wake-up of projectors and relays (appends by other processes are
   * seen at their next poll). Returns the function that stops listening.
   */
  onAppended(listener: (streamId: string) => void): () => void;
  close(): Promise<void>;
}
