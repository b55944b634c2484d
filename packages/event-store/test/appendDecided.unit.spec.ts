import { describe, expect, it } from 'vitest';
import { eventsWithMetadata } from '../src/appendDecided.ts';

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
