import type { Actor, AppendResult, EventStore, NewEvent } from './eventStore.ts';

/** Who decided the facts, when, and in answer to what: the metadata of every event a command appends. */
export interface DecisionMetadata {
  actor: Actor;
  /** The business time of the facts (the command's clock). */
  at: string;
  correlationId: string;
  /** What caused them; left out, the commandId (null is kept as null). */
  causationId?: string | null;
  /** Recorded with the events so a retry appends nothing and finds them (idempotency). */
  commandId?: string | null;
}

/** A decider's output: the events' type and data, no metadata yet. */
export interface DecidedEvent {
  type: string;
  data: unknown;
}

/** The decided events as NewEvents with the command's metadata. */
export const eventsWithMetadata = (decided: readonly DecidedEvent[], meta: DecisionMetadata): NewEvent[] =>
  decided.map((event) => ({
    type: event.type,
    data: event.data as Record<string, unknown>,
    metadata: {
      actor: meta.actor,
      occurredAt: meta.at,
      correlationId: meta.correlationId,
      causationId: meta.causationId === undefined ? (meta.commandId ?? null) : meta.causationId,
      commandId: meta.commandId ?? null,
    },
  }));

/**
 * Appends what a decider decided on the state it loaded at `loadedVersion`: optimistic concurrency
 * on that version (a new stream must still not exist), and the commandId for an idempotent retry.
 * The one way every command handler writes (case, transfer, operation, supervision).
 */
export const appendDecided = (
  store: EventStore,
  streamId: string,
  loadedVersion: number,
  decided: readonly DecidedEvent[],
  meta: DecisionMetadata,
): Promise<AppendResult> =>
  store.appendToStream(streamId, eventsWithMetadata(decided, meta), {
    expectedVersion: loadedVersion === 0 ? 'no_stream' : loadedVersion,
    ...(meta.commandId ? { commandId: commandKey(streamId, meta.commandId) } : {}),
  });

/**
 * The store's idempotency key of a command on a stream. Scoped to the stream: the store's key is
 * global, and a commandId another agency used on its own stream must not make this append a
 * "duplicate" answered with that stream's events (decision 0010). The events keep the plain
 * commandId in their metadata; the handlers find a retry there, after authorising it.
 */
export const commandKey = (streamId: string, commandId: string): string => `${streamId}|${commandId}`;
