import { ServiceUnavailableError, errorFromWire } from '@xianjie/contracts';
import type { CallerAuth } from './callerAuth.ts';
import { serviceSignatureHeader, serviceSignatureOf, serviceTimestampHeader } from './serviceSignature.ts';

/**
 * One HTTP call to a service's API with the caller's token and correlation id; a refusal comes
 * back as the same error kind it was raised as, so GraphQL reports it as in embedded mode.
 */
export const remoteCall = async <T>(
  baseUrl: string,
  path: string,
  auth: Pick<CallerAuth, 'token' | 'correlationId'>,
  init: { method?: 'GET' | 'POST'; body?: unknown; /** Sign the call as a service of the platform (internal routes). */ serviceKey?: string } = {},
): Promise<T> => {
  const method = init.method ?? 'GET';
  const body = init.body !== undefined ? JSON.stringify(init.body) : undefined;
  const timestamp = String(Date.now());
  let res: Response;
  try {
    res = await fetch(`${baseUrl}${path}`, {
      method,
      headers: {
        'content-type': 'application/json',
        'x-correlation-id': auth.correlationId,
        ...(auth.token ? { authorization: `Bearer ${auth.token}` } : {}),
        ...(init.serviceKey
          ? {
              [serviceTimestampHeader]: timestamp,
              [serviceSignatureHeader]: serviceSignatureOf(init.serviceKey, method, path, timestamp, body ?? ''),
            }
          : {}),
      },
      ...(body !== undefined ? { body } : {}),
      signal: AbortSignal.timeout(15_000),
    });
  } catch (error) {
    throw new ServiceUnavailableError(baseUrl, `no answer (${(error as Error).cause instanceof Error ? ((error as Error).cause as Error).message : (error as Error).message})`);
  }
  const answer = (await res.json().catch(() => ({}))) as { error?: Record<string, unknown> } & T;
  if (!res.ok) {
    if (!answer.error?.code) throw new ServiceUnavailableError(baseUrl, `answered ${res.status} to ${path}`);
    throw errorFromWire(answer.error);
  }
  return answer;
};
