import { describe, expect, it } from 'vitest';
import { appendDecided, eventsWithMetadata } from '../src/appendDecided.ts';
import type { AppendOptions, AppendResult, EventStore, NewEvent, RecordedEvent } from '../src/eventStore.ts';

const actor = { userId: 'u-1', name: '张三', agencyId: 'amr-650100', roles: ['officer'] };

describe('eventsWithMetadata', () => {
  it('puts the command’s actor, business time, correlation and commandId on every decided event', () => {
    const events = eventsWithMetadata(
      [
        { type: 'A', data: { n: 1 } },
        { type: 'B', data: { n: 2 } },
      ],
      { actor, at: '2025-03-01T09:30:00+08:00', correlationId: 'corr-1', commandId: 'cmd-1' },
    );
    expect(events).toEqual([
      { type: 'A', data: { n: 1 }, metadata: { actor, occurredAt: '2025-03-01T09:30:00+08:00', correlationId: 'corr-1', causationId: 'cmd-1', commandId: 'cmd-1' } },
      { type: 'B', data: { n: 2 }, metadata: { actor, occurredAt: '2025-03-01T09:30:00+08:00', correlationId: 'corr-1', causationId: 'cmd-1', commandId: 'cmd-1' } },
    ]);
  });

  it('keeps an explicit causation (a reaction to another event), and null without a command', () => {
    const [reaction] = eventsWithMetadata([{ type: 'A', data: {} }], { actor, at: 'x', correlationId: 'c', causationId: 'case-1@3', commandId: 'r-1' });
    expect(reaction!.metadata).toMatchObject({ causationId: 'case-1@3', commandId: 'r-1' });
    const [plain] = eventsWithMetadata([{ type: 'A', data: {} }], { actor, at: 'x', correlationId: 'c' });
    expect(plain!.metadata).toMatchObject({ causationId: null, commandId: null });
    const [explicitNull] = eventsWithMetadata([{ type: 'A', data: {} }], { actor, at: 'x', correlationId: 'c', causationId: null, commandId: 'k' });
    expect(explicitNull!.metadata).toMatchObject({ causationId: null, commandId: 'k' });
  });
});

describe('appendDecided', () => {
  it("replaying another agency's commandId on one's own stream does not answer with the other stream's events", async () => {
    // A store with the real store's contract: the idempotency key is global (one commands table).
    const applied = new Map<string, AppendResult>();
    const store = {
      async appendToStream(streamId: string, events: NewEvent[], options: AppendOptions = {}): Promise<AppendResult> {
        const first = options.commandId ? applied.get(options.commandId) : undefined;
        if (first) return { ...first, duplicate: true };
        const result: AppendResult = {
          streamId,
          nextExpectedVersion: events.length,
          events: events.map((e, i) => ({ ...e, streamId, version: i + 1 }) as unknown as RecordedEvent),
          duplicate: false,
        };
        if (options.commandId) applied.set(options.commandId, result);
        return result;
      },
    } as unknown as EventStore;
    const meta = { actor, at: '2025-03-01T09:30:00+08:00', correlationId: 'c', commandId: 'cmd-1' };
    await appendDecided(store, 'case-of-agency-a', 0, [{ type: 'CaseRegistered', data: { secret: 'A' } }], meta);
    const replayed = await appendDecided(store, 'case-of-agency-b', 0, [{ type: 'CaseRegistered', data: { secret: 'B' } }], meta);
    expect(replayed.duplicate).toBe(false);
    expect(replayed.streamId).toBe('case-of-agency-b');
    expect(replayed.events.map((e) => e.data)).toEqual([{ secret: 'B' }]);
    // The same command on the same stream is still a retry.
    const retried = await appendDecided(store, 'case-of-agency-b', 0, [{ type: 'CaseRegistered', data: { secret: 'B' } }], meta);
    expect(retried).toMatchObject({ duplicate: true, streamId: 'case-of-agency-b' });
  });
});
