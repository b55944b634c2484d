import { describe, expect, it } from 'vitest';
import { safeNext } from './safeNext.ts';

describe('safeNext', () => {
  it('follows paths of this origin', () => {
    expect(safeNext('/work')).toBe('/work');
    expect(safeNext('/transfers/t-1?tab=materials')).toBe('/transfers/t-1?tab=materials');
  });

  it('goes home instead of to another site or to nothing', () => {
    for (const next of ['//evil.example/x', '/\\evil.example', 'https://evil.example/', 'javascript:alert(1)', '', null, undefined, 42, { next: '/' }]) {
      expect(safeNext(next)).toBe('/');
    }
  });
});
