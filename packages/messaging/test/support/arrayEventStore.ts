/**
 * The slice of the EventStore port the relay uses (`readAll`, `onAppended`), over an array: enough to test the
 * relay's checkpointing, retries and crash recovery without a database. The real stores are
 * exercised by scripts/measure.ts.
 */
import type { ReadAllOptions, ReadAllResult, RecordedEvent } from '@xianjie/event-store';

export interface ArrayEventStore {
  readAll(options?: ReadAllOptions): Promise<ReadAllResult>;
  onAppended(listener: (streamId: string) => void): () => void;
  append(streamId: string, type: string, data: Record<string, unknown>): RecordedEvent;
  readonly events: RecordedEvent[];
}

export const createArrayEventStore = (): ArrayEventStore => {
  const events: RecordedEvent[] = [];
  const versions = new Map<string, number>();
  const listeners = new Set<(streamId: string) => void>();
  return {
    events,
    onAppended(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    append(streamId, type, data) {
      const version = (versions.get(streamId) ?? 0) + 1;
      versions.set(streamId, version);
      const position = events.length + 1;
      const event: RecordedEvent = {
        streamId,
        version,
        globalPosition: BigInt(position),
        checkpoint: String(position),
        type,
        data,
        metadata: {
          actor: { userId: 'u-1', name: '张三', agencyId: 'agency-1', roles: ['officer'] },
          occurredAt: `2025-03-01T09:${String(position % 60).padStart(2, '0')}:00.000+08:00`,
          correlationId: `corr-${streamId}`,
        },
        hash: `h${position}`,
        prevHash: version === 1 ? null : `h${position - 1}`,
        hashAlgorithm: 'sm3',
        recordedAt: new Date(0).toISOString(),
      };
      events.push(event);
      listeners.forEach((wake) => wake(streamId));
      return event;
    },
    async readAll(options = {}) {
      const after = options.after ? Number(options.after) : 0;
      const limit = options.limit ?? 1000;
      const matching = events
        .slice(after)
        .filter((event) => !options.streamPrefixes || options.streamPrefixes.some((prefix) => event.streamId.startsWith(prefix)));
      const page = matching.slice(0, limit);
      const last = page.at(-1);
      return { events: page, checkpoint: last ? last.checkpoint : (options.after ?? null), isEnd: page.length === matching.length };
    },
  };
};
