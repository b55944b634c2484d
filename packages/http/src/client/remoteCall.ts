import { ServiceUnavailableError, errorFromWire } from '@xianjie/contracts';
import type { CallerAuth } from './callerAuth.ts';

/**
 * One HTTP call to a service's API with the caller's token and correlation id; a refusal comes
 * back as the same error kind it was raised as, so GraphQL reports it as in embedded mode.
 */
export const remoteCall = async <T>(
  baseUrl: string,
  path: string,
  auth: Pick<CallerAuth, 'token' | 'correlationId'>,
  init: { method?: 'GET' | 'POST'; body?: unknown } = {},
): Promise<T> => {
  let res: Response;
  try {
    res = await fetch(`${baseUrl}${path}`, {
      method: init.method ?? 'GET',
      headers: {
        'content-type': 'application/json',
        'x-correlation-id': auth.correlationId,
        ...(auth.token ? { authorization: `Bearer ${auth.token}` } : {}),
      },
      ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
      signal: AbortSignal.timeout(15_000),
    });
  } catch (error) {
    throw new ServiceUnavailableError(baseUrl, `no answer (${(error as Error).cause instanceof Error ? ((error as Error).cause as Error).message : (error as Error).message})`);
  }
  const body = (await res.json().catch(() => ({}))) as { error?: Record<string, unknown> } & T;
  if (!res.ok) {
    if (!body.error?.code) throw new ServiceUnavailableError(baseUrl, `answered ${res.status} to ${path}`);
    throw errorFromWire(body.error);
  }
  return body;
};
