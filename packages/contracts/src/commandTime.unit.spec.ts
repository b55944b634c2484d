import { describe, expect, it } from 'vitest';
import { commandTime } from './commandTime.ts';
import { ValidationError } from './errors.ts';

const now = '2026-03-10T10:00:00+08:00';

describe('commandTime', () => {
  it('is now without occurredAt, and occurredAt when it is not after now', () => {
    expect(commandTime(undefined, now)).toBe(now);
    expect(commandTime('2026-03-08T09:30:00+08:00', now)).toBe('2026-03-08T09:30:00+08:00');
    expect(commandTime('2026-03-10T02:00:00Z', now)).toBe('2026-03-10T02:00:00Z');
  });

  it('refuses a time after now or without an offset, naming occurredAt', () => {
    for (const bad of ['2026-03-10T10:00:01+08:00', '2026-03-08T09:30:00', 'yesterday']) {
      let thrown: unknown;
      try {
        commandTime(bad, now);
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(ValidationError);
      expect((thrown as ValidationError).issues[0]?.path).toBe('occurredAt');
    }
  });
});
