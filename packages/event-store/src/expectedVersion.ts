import { ValidationError } from '@xianjie/contracts/errors';
import type { ExpectedVersion } from './eventStore.ts';

/** The one place that decides whether a stream at `actual` satisfies an expected version. */
export const expectedVersionMatches = (expected: ExpectedVersion, actual: number): boolean => {
  switch (expected) {
    case 'any':
      return true;
    case 'no_stream':
      return actual === 0;
    case 'stream_exists':
      return actual > 0;
    default:
      return actual === expected;
  }
};

export const assertExpectedVersion = (expected: ExpectedVersion): void => {
  if (expected === 'any' || expected === 'no_stream' || expected === 'stream_exists') return;
  if (typeof expected !== 'number' || !Number.isInteger(expected) || expected < 0) {
    throw new ValidationError([
      { path: 'expectedVersion', message: 'must be "any", "no_stream", "stream_exists" or an integer >= 0' },
    ]);
  }
};
