import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerCaseMutation } from '../support/caseOperations.ts';
import { startEmbeddedGateway, type GraphQLResult, type TestGateway } from '../support/embeddedGateway.ts';

/**
 * Issue #12, hole 4 (no cost limits): documents refused before they run, with QUERY_TOO_COMPLEX
 * naming the limit and the measured value; rate limits per address, per user and per bad token
 * answering 429 with Retry-After; request bodies capped (413). Decision 0009.
 */

const post = (url: string, body: string, headers: Record<string, string> = {}) =>
  fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });

const complexity = (result: GraphQLResult) => {
  expect(result.data ?? undefined).toBeUndefined(); // nothing ran
  expect(result.errors).toHaveLength(1);
  return result.errors![0]!;
};

describe('query cost limits (default limits)', () => {
  let gw: TestGateway;
  let officer: string;

  beforeAll(async () => {
    gw = await startEmbeddedGateway({ XIANJIE_SEED: 'none' });
    officer = await gw.tokenFor('u-amr-650100-officer');
  }, 60_000);
  afterAll(async () => gw?.close());

  const casesPage = (first: number | string) => `cases(first: ${first}) { edges { node { id number status summary subject { name } } } }`;

  it('attack: 1,000 aliases of cases(first:100) are refused before validation or execution, naming the limit', async () => {
    const query = `{ ${Array.from({ length: 1000 }, (_, i) => `c${i}: ${casesPage(100)}`).join(' ')} }`;
    const error = complexity(await gw.gql(query, {}, officer));
    // The document is too long before it is even parsed.
    expect(error.extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', limit: 'tokens', max: 5000, measured: 1000 * 24 + 2 });
    expect(error.message).toMatch(/查询过于复杂 query too complex: 词法单元 tokens 24002 exceeds the limit of 5000/);
    // Short enough to parse, too many aliases: refused before validation (whose field-merging rule is quadratic in them).
    const aliases = `{ ${Array.from({ length: 200 }, (_, i) => `m${i}: me { userId }`).join(' ')} }`;
    const refused = complexity(await gw.gql(aliases, {}, officer));
    expect(refused.extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', limit: 'aliases', max: 30, measured: 200 });
    expect(refused.message).toMatch(/别名 aliases 200 exceeds the limit of 30/);
  });

  it('attack: 20,000 aliases without a token are refused at the token count, before parsing', async () => {
    const query = `{ ${Array.from({ length: 20_000 }, (_, i) => `a${i}: __typename`).join(' ')} }`;
    const error = complexity(await gw.gql(query));
    expect(error.extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', limit: 'tokens', max: 5000, measured: 60_002 });
  });

  it('attack: few aliases of large pages cost too much (fields × first), literal or through variables', async () => {
    const literal = `{ ${Array.from({ length: 25 }, (_, i) => `c${i}: ${casesPage(100)}`).join(' ')} }`;
    const error = complexity(await gw.gql(literal, {}, officer));
    expect(error.extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', limit: 'cost', max: 20_000 });
    expect(error.extensions!.measured).toBeGreaterThan(20_000);

    const byVariable = `query($n: Int) { ${Array.from({ length: 25 }, (_, i) => `c${i}: ${casesPage('$n')}`).join(' ')} }`;
    expect(complexity(await gw.gql(byVariable, { n: 100 }, officer)).extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', limit: 'cost' });
    // The same document with small pages is an ordinary query (the validation cache must not decide).
    const small = await gw.gql(byVariable, { n: 2 }, officer);
    expect(small.errors).toBeUndefined();
    expect(Object.keys(small.data!)).toHaveLength(25);
  });

  it('attack: deep nesting and piles of directives are refused before validation', async () => {
    const deep = `{ ${'a { '.repeat(13)}b${' }'.repeat(13)} }`;
    expect(complexity(await gw.gql(deep)).extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', limit: 'depth', max: 12, measured: 14 });
    const directives = `{ __typename ${'@include(if: true) '.repeat(51)}}`;
    expect(complexity(await gw.gql(directives)).extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', limit: 'directives', measured: 51 });
  });

  it('ordinary queries pass: a page of cases with its fields, the directory', async () => {
    const page = await gw.gql(`{ ${casesPage(100)} agencies { id name } }`, {}, officer);
    expect(page.errors).toBeUndefined();
  });

  it('attack: a 20 MB body is refused with 413 before it is read whole; so is 2 MB', async () => {
    for (const megabytes of [20, 2]) {
      const res = await post(gw.url, JSON.stringify({ query: `{ __typename }`, variables: { pad: 'x'.repeat(megabytes * 1024 * 1024) } }));
      expect(res.status).toBe(413);
      const body = (await res.json()) as GraphQLResult;
      expect(body.errors?.[0]?.extensions?.code).toBe('PAYLOAD_TOO_LARGE');
      expect(body.errors?.[0]?.message).toMatch(/the limit is 1048576 bytes/);
    }
    // Under the limit, the body is read as before.
    expect((await post(gw.url, JSON.stringify({ query: '{ __typename }' }))).status).toBe(200);
  });

  it('NUL bytes and lone surrogates in string input are BAD_USER_INPUT naming the field, never an internal error', async () => {
    const input = {
      subject: { kind: 'ORGANIZATION', name: '乌鲁木齐天山康宁医院', creditCode: '12650100MB1234567P' },
      source: 'INSPECTION',
      summary: '制剂室无证配制',
      violations: ['UNLICENSED_COMPOUNDING'],
      amountInvolvedFen: 8_600_000,
    };
    const nul = await gw.gql(registerCaseMutation, { input: { ...input, summary: '制剂室\u0000无证配制' } }, officer);
    expect(nul.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.summary' });
    const surrogate = await gw.gql(registerCaseMutation, { input: { ...input, subject: { ...input.subject, name: '医院\ud800' } } }, officer);
    expect(surrogate.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.subject.name' });
    const literal = await gw.gql(
      `mutation { registerCase(input: { subject: { kind: ORGANIZATION, name: "医院\\u0000", creditCode: "12650100MB1234567P" }, source: INSPECTION, summary: "s", violations: ["UNLICENSED_COMPOUNDING"], amountInvolvedFen: 1 }) { id } }`,
      {},
      officer,
    );
    expect(literal.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.subject.name' });
    // The same input without the bad characters is registered.
    expect((await gw.gql(registerCaseMutation, { input }, officer)).errors).toBeUndefined();
  });
});

describe('rate limits (low limits set through the config)', () => {
  let gw: TestGateway;

  beforeAll(async () => {
    gw = await startEmbeddedGateway({
      XIANJIE_SEED: 'none',
      RATE_LIMIT_PER_ADDRESS: '60',
      RATE_LIMIT_PER_USER: '5',
      RATE_LIMIT_BAD_TOKENS_PER_ADDRESS: '5',
    });
  }, 60_000);
  afterAll(async () => gw?.close());

  const me = (token?: string) => post(gw.url, JSON.stringify({ query: '{ me { userId } }' }), token ? { authorization: `Bearer ${token}` } : {});

  it('attack: one user hammering the gateway gets 429 with Retry-After; another user is still served', async () => {
    const officer = await gw.tokenFor('u-amr-650100-officer');
    const statuses: number[] = [];
    for (let i = 0; i < 8; i += 1) statuses.push((await me(officer)).status);
    expect(statuses.slice(0, 5)).toEqual([200, 200, 200, 200, 200]);
    expect(statuses.slice(5)).toEqual([429, 429, 429]);
    const limited = await me(officer);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(((await limited.json()) as GraphQLResult).errors?.[0]?.extensions).toMatchObject({ code: 'RATE_LIMITED' });
    expect((await me(await gw.tokenFor('u-amr-650100-supervisor'))).status).toBe(200);
  });

  it('attack: bad-token requests count per address and draw 429s', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 12; i += 1) statuses.push((await me(`forged.${i}.token`)).status);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(7);
  });

  it('attack: one address sending many anonymous requests draws 429s', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 70; i += 1) statuses.push((await me()).status);
    expect(statuses).toContain(429);
  });
});
