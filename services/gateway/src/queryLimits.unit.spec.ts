import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { schema } from './schema.ts';
import { assumedPageSize, checkMeasures, countTokens, defaultQueryLimits, measureDocument } from './queryLimits.ts';

describe('query measures (issue #12, hole 4)', () => {
  it('cost is every field × the page sizes around it; a connection without first counts as a full page', () => {
    const page = measureDocument(parse('{ cases(first: 10) { edges { node { id number } } } }'), { schema });
    // cases 1, then edges, node, id, number at ×10
    expect(page).toMatchObject({ depth: 4, aliases: 0, cost: 1 + 10 * 4 });
    const unbounded = measureDocument(parse('{ cases { edges { node { id } } } }'), { schema });
    expect(unbounded.cost).toBe(1 + assumedPageSize * 3);
    const byVariable = measureDocument(parse('query($n: Int) { cases(first: $n) { edges { node { id } } } }'), { schema, variables: { n: 5 } });
    expect(byVariable.cost).toBe(1 + 5 * 3);
  });

  it('fragments count where they are spread; a cycle does not loop', () => {
    const twice = measureDocument(parse('{ a: me { ...F } b: me { ...F } } fragment F on Principal { x: userId y: userId }'), { schema });
    expect(twice.aliases).toBe(6);
    const cyclic = measureDocument(parse('{ me { ...A } } fragment A on Principal { ...B userId } fragment B on Principal { ...A }'), { schema });
    expect(cyclic.depth).toBe(2);
  });

  it('attack: a fragment bomb (each fragment spreads the next ten times) is measured in bounded work', () => {
    const levels = 12;
    const fragments = Array.from({ length: levels }, (_, i) =>
      `fragment F${i} on Principal { ${i === levels - 1 ? 'userId' : Array.from({ length: 10 }, () => `...F${i + 1}`).join(' ')} }`,
    ).join('\n');
    const measures = measureDocument(parse(`{ me { ...F0 } }\n${fragments}`), { schema, stopAbove: 100_000 });
    expect(checkMeasures(measures, defaultQueryLimits)?.extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', limit: 'cost' });
  });

  it('counts tokens without parsing', () => {
    expect(countTokens('{ a: me { userId } }')).toBe(8);
    expect(countTokens('{ "unterminated')).toBe(1);
  });
});
