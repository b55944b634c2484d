import { describe, expect, it, vi } from 'vitest';
import { announceSkip } from '../src/announceSkip.ts';
import { uniqueSchema } from '../src/schemaName.ts';

describe('uniqueSchema', () => {
  it('gives distinct, valid, bounded identifiers', () => {
    const names = new Set(Array.from({ length: 50 }, () => uniqueSchema('Event-Store')));
    expect(names.size).toBe(50);
    for (const name of names) {
      expect(name).toMatch(/^event_store_[a-z0-9_]+$/);
      expect(name.length).toBeLessThanOrEqual(63);
    }
    expect(uniqueSchema('9lives'.repeat(20))).toMatch(/^_9lives/);
    expect(uniqueSchema('9lives'.repeat(20)).length).toBeLessThanOrEqual(63);
  });
});

describe('announceSkip', () => {
  it('prints a boxed banner with the suite and the reason to stderr', () => {
    const write = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      announceSkip('postgres event store', 'DATABASE_URL is not set');
      const output = String(write.mock.calls[0]?.[0]);
      expect(output).toContain('SKIPPED: postgres event store');
      expect(output).toContain('reason: DATABASE_URL is not set');
      expect(output).toMatch(/!{20,}/);
    } finally {
      write.mockRestore();
    }
  });
});
