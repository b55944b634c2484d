import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError, fieldPathOf } from './apiError.ts';
import { authRequest, gql, setUnauthenticatedHandler, statusCode } from './client.ts';
import type { TypedDocumentString } from '../gql/graphql.ts';

const doc = { toString: () => 'mutation M { x }' } as unknown as TypedDocumentString<{ x: number }, { a: number }>;

const answer = (status: number, body: unknown) =>
  vi.fn(async (_url: string, _init: RequestInit) => new Response(body === undefined ? null : JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } }));

afterEach(() => {
  vi.unstubAllGlobals();
  setUnauthenticatedHandler(() => {});
});

describe('gql', () => {
  it('posts the document with the CSRF header and the same-origin cookie, and answers the data', async () => {
    const fetch = answer(200, { data: { x: 1 } });
    vi.stubGlobal('fetch', fetch);
    await expect(gql(doc, { a: 2 })).resolves.toEqual({ x: 1 });
    const [url, init] = fetch.mock.calls[0]!;
    expect(url).toBe('/graphql');
    expect(init.credentials).toBe('same-origin');
    expect((init.headers as Record<string, string>)['x-xianjie-csrf']).toBe('1');
    expect(JSON.parse(String(init.body))).toEqual({ query: 'mutation M { x }', variables: { a: 2 } });
  });

  it('throws the error by its code with its field issues', async () => {
    vi.stubGlobal(
      'fetch',
      answer(200, {
        errors: [{ message: 'input.reason: required', extensions: { code: 'BAD_USER_INPUT', field: 'input.reason', issues: [{ path: 'input.reason', message: 'required' }] } }],
      }),
    );
    const error = (await gql(doc, { a: 1 }).catch((e: unknown) => e)) as ApiError;
    expect(error).toBeInstanceOf(ApiError);
    expect(error.code).toBe('BAD_USER_INPUT');
    expect(error.message).toBe('输入有误');
    expect(error.issues).toEqual([{ path: 'input.reason', message: 'required' }]);
  });

  it('calls the sign-in handler on UNAUTHENTICATED', async () => {
    const handler = vi.fn();
    setUnauthenticatedHandler(handler);
    vi.stubGlobal('fetch', answer(401, { errors: [{ message: 'no session', extensions: { code: 'UNAUTHENTICATED' } }] }));
    await expect(gql(doc, { a: 1 })).rejects.toMatchObject({ code: 'UNAUTHENTICATED', message: '请先登录' });
    expect(handler).toHaveBeenCalledOnce();
  });

  it('names an edge refusal without a GraphQL body by its status, and a failed fetch as a network error', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => new Response('Too Many Requests', { status: 429 })));
    await expect(gql(doc, { a: 1 })).rejects.toMatchObject({ code: 'RATE_LIMITED' });
    vi.stubGlobal('fetch', vi.fn(async () => { throw new TypeError('Failed to fetch'); }));
    await expect(gql(doc, { a: 1 })).rejects.toMatchObject({ code: 'NETWORK_ERROR' });
    expect(statusCode(413)).toBe('PAYLOAD_TOO_LARGE');
    expect(statusCode(502)).toBe('INTERNAL_SERVER_ERROR');
  });
});

describe('authRequest', () => {
  it('sends the CSRF header on POST only and reads 204 as nothing', async () => {
    const fetch = answer(204, undefined);
    vi.stubGlobal('fetch', fetch);
    await expect(authRequest('/auth/demo-sign-in', { method: 'POST', body: { userId: 'u' } })).resolves.toBeNull();
    expect((fetch.mock.calls[0]![1].headers as Record<string, string>)['x-xianjie-csrf']).toBe('1');
    const get = answer(200, { signIn: 'demo' });
    vi.stubGlobal('fetch', get);
    await expect(authRequest('/auth/config')).resolves.toEqual({ signIn: 'demo' });
    expect((get.mock.calls[0]![1].headers as Record<string, string>)['x-xianjie-csrf']).toBeUndefined();
  });
});

describe('fieldPathOf', () => {
  it('names the form field under input, list positions as numbers', () => {
    expect(fieldPathOf('input.reason')).toEqual(['reason']);
    expect(fieldPathOf('input.materials.0.title')).toEqual(['materials', 0, 'title']);
    expect(fieldPathOf('input')).toEqual([]);
  });
});
