import type { TypedDocumentString } from '../gql/graphql.ts';
import { gatewayUrl } from '../config.ts';
import { ApiError } from './apiError.ts';

/**
 * The console's one way to the API. The session is an HttpOnly cookie the JS never sees; every
 * state-changing request carries the CSRF header the gateway requires.
 */
const csrfHeaders = { 'x-xianjie-csrf': '1' };

// Development only: until the cookie endpoints exist, `VITE_DEV_TOKEN` (a `pnpm dev-token`) lets
// `pnpm dev` read real data. `import.meta.env.DEV` is false in `vite build`, so the production
// bundle holds neither the branch nor a token.
const devAuthorization = (): Record<string, string> =>
  import.meta.env.DEV && import.meta.env.VITE_DEV_TOKEN ? { authorization: `Bearer ${import.meta.env.VITE_DEV_TOKEN}` } : {};

/** Called on UNAUTHENTICATED (set by the app: go to the sign-in page). */
let onUnauthenticated: () => void = () => {};
export const setUnauthenticatedHandler = (handler: () => void): void => {
  onUnauthenticated = handler;
};

const networkError = (error: unknown): ApiError =>
  new ApiError('NETWORK_ERROR', error instanceof Error ? error.message : String(error));

/** Runs a GraphQL operation; resolves to its data or throws an ApiError. */
export const gql = async <TResult, TVariables>(
  document: TypedDocumentString<TResult, TVariables>,
  // Variables may be left out only when every one is optional.
  ...[variables]: TVariables extends Record<string, never> ? [variables?: TVariables] : [variables: TVariables]
): Promise<TResult> => {
  let response: Response;
  try {
    response = await fetch(gatewayUrl('/graphql'), {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json', ...csrfHeaders, ...devAuthorization() },
      body: JSON.stringify({ query: document.toString(), variables: variables ?? {} }),
    });
  } catch (error) {
    throw networkError(error);
  }
  let body: { data?: TResult | null; errors?: Array<{ message?: string; extensions?: Record<string, unknown> }> };
  try {
    body = (await response.json()) as typeof body;
  } catch {
    throw new ApiError(statusCode(response.status), `HTTP ${response.status}`);
  }
  if (body.errors && body.errors.length > 0) {
    const error = ApiError.fromWire(body.errors);
    if (error.code === 'UNAUTHENTICATED') onUnauthenticated();
    throw error;
  }
  if (!response.ok || body.data == null) throw new ApiError(statusCode(response.status), `HTTP ${response.status}`);
  return body.data;
};

/** The code of an HTTP status answered without a GraphQL body (the edge: rate limit, size). */
export const statusCode = (status: number): string =>
  ({ 401: 'UNAUTHENTICATED', 403: 'FORBIDDEN', 404: 'NOT_FOUND', 409: 'CONFLICT', 413: 'PAYLOAD_TOO_LARGE', 429: 'RATE_LIMITED', 503: 'SERVICE_UNAVAILABLE' })[status] ??
  (status >= 500 ? 'INTERNAL_SERVER_ERROR' : 'BAD_USER_INPUT');

/** A plain JSON request to the auth endpoints (`/auth/*`). */
export const authRequest = async <T>(path: string, init: { method?: 'GET' | 'POST'; body?: unknown; headers?: Record<string, string> } = {}): Promise<T | null> => {
  const method = init.method ?? 'GET';
  let response: Response;
  try {
    response = await fetch(gatewayUrl(path), {
      method,
      credentials: 'same-origin',
      headers: {
        accept: 'application/json',
        ...(method === 'POST' ? csrfHeaders : {}),
        ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
        ...init.headers,
      },
      ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
    });
  } catch (error) {
    throw networkError(error);
  }
  if (response.status === 204) return null;
  const text = await response.text();
  const body: unknown = text ? safeJson(text) : null;
  if (!response.ok) {
    const errors = (body as { errors?: Parameters<typeof ApiError.fromWire>[0] } | null)?.errors;
    throw errors?.length ? ApiError.fromWire(errors) : new ApiError(statusCode(response.status), `HTTP ${response.status}`);
  }
  return body as T;
};

const safeJson = (text: string): unknown => {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
};

/** A fresh id for a command (idempotent retries reuse it; a new attempt gets a new one). */
export const newCommandId = (): string => crypto.randomUUID();
