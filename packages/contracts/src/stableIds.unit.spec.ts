import { describe, expect, it } from 'vitest';
import { idForCommand, stableUuid } from './stableIds.ts';

describe('stable ids', () => {
  it('derives the same version-5-layout UUID from the same name, and different ones from different names', () => {
    const id = stableUuid('case:cmd-1');
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(stableUuid('case:cmd-1')).toBe(id);
    expect(stableUuid('transfer:cmd-1')).not.toBe(id);
  });

  it('keeps the ids already stored: sha256 of the name, first 16 bytes', () => {
    // Pinned to what the services derived before this module existed: a change of derivation would
    // make a retried command create a second stream instead of finding its first.
    expect(stableUuid('case:cmd-1')).toBe('6d97e767-4718-5261-9d81-2fe8a30094dc');
  });

  it('is random without a commandId, stable with one', () => {
    expect(idForCommand('operation', 'A', undefined)).not.toBe(idForCommand('operation', 'A', undefined));
    expect(idForCommand('operation', 'A', 'x')).toBe(stableUuid('operation:A:x'));
  });

  it("replaying another agency's commandId names another record: the id is scoped to the creating agency", () => {
    expect(idForCommand('case', 'AMR-650100', 'cmd-1')).not.toBe(idForCommand('case', 'AMR-650200', 'cmd-1'));
  });
});
