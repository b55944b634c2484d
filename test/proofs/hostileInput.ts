/**
 * Hostile values for the fuzzing proofs (fast-check): strings no form would send, numbers outside
 * every range, dates that are not dates, and objects nested past any sane depth. Shared by the
 * mutation fuzzer (GraphQL inputs) and the integration-message fuzzer (bus records).
 */
import fc from 'fast-check';

/** Any UTF-16 code unit, lone surrogates included (fast-check's own units keep strings well-formed). */
const anyCodeUnit = fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c));

export const hostileString: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    '',
    ' ',
    'a\u0000b',
    '\u0000',
    '\ud800',
    'x\udfffy',
    '\ud83d',
    '\u202e\u0645\u0631\u062d\u0628\u0627',
    "' OR 1=1 --",
    '"; DROP TABLE events; --',
    '../../etc/passwd',
    '${jndi:ldap://x}',
    '<script>alert(1)</script>',
    '__proto__',
    'constructor',
    '𠮷'.repeat(300),
    'x'.repeat(100_000),
    '\n\r\t\v\f',
    '00000000-0000-0000-0000-000000000000',
  ),
  fc.string({ maxLength: 40 }),
  fc.string({ unit: anyCodeUnit, maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
);

export const hostileInt: fc.Arbitrary<unknown> = fc.oneof(
  fc.integer({ min: -3, max: 5 }),
  fc.constantFrom(-1, -2_147_483_648, 2_147_483_647, 2_147_483_648, Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER, 1e308, 0.5, -0.0),
  fc.integer(),
  fc.double({ noNaN: true }),
  hostileString,
);

export const hostileDate: fc.Arbitrary<unknown> = fc.oneof(
  fc.date({ min: new Date('1900-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }).map((d) => d.toISOString()),
  fc.constantFrom(
    '2026-13-45T00:00:00Z',
    '2026-02-30T00:00:00Z',
    '0000-00-00T00:00:00Z',
    '+275760-09-13T00:00:00.000Z',
    '-271821-04-20T00:00:00.000Z',
    '9999-12-31T23:59:59.999Z',
    'yesterday',
    '2026-01-01',
    '2026-01-01T25:61:61+99:99',
    '',
    '1e309',
  ),
  hostileInt,
);

/** An object nested `depth` levels deep (a parser or a validator that recurses may choke on it). */
export const deepObject = (depth: number): unknown => {
  let value: unknown = { leaf: true };
  // linear on purpose: a node holding its child twice would serialise to 2^depth nodes
  for (let i = 0; i < depth; i++) value = i % 2 ? { nested: value } : { list: [value] };
  return value;
};

export const deepArray = (depth: number): unknown => {
  let value: unknown = [];
  for (let i = 0; i < depth; i++) value = [value];
  return value;
};

/** Anything JSON can carry, including the deep and the huge. */
export const garbage: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: fc.jsonValue({ maxDepth: 4 }) },
  { weight: 1, arbitrary: fc.constantFrom(deepObject(200), deepArray(2_000), deepObject(20), Array.from({ length: 5_000 }, (_, i) => i)) },
  { weight: 2, arbitrary: hostileString },
  { weight: 1, arbitrary: hostileInt },
  { weight: 1, arbitrary: fc.constantFrom(null, true, false, [], {}) },
);

/** The seed of every fuzzing proof: fixed in CI (reproducible), overridable to explore. */
export const fuzzSeed = (): number => (process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : 20_261_205);
/** Runs per group (`FUZZ_RUNS`, default 200). */
export const fuzzRuns = (fallback = 200): number => (process.env.FUZZ_RUNS ? Math.max(1, Number(process.env.FUZZ_RUNS)) : fallback);
