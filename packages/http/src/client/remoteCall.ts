import { ServiceUnavailableError, errorFromWire } from '@xianjie/contracts';
import type { CallerAuth } from './callerAuth.ts';
import { serviceSignatureHeader, serviceSignatureOf, serviceTimestampHeader } from './serviceSignature.ts';

/** What a caller may be told of a service that did not answer: the kind of route, never its address. */
const serviceName = (path: string): string => `the ${path.split(/[/?]/)[1] || 'platform'} service`;

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
    // The service's address and the socket error stay in the cause (logged), out of the message.
    throw Object.assign(new ServiceUnavailableError(serviceName(path), 'no answer'), { cause: error });
  }
  const answer = (await res.json().catch(() => ({}))) as { error?: Record<string, unknown> } & T;
  if (!res.ok) {
    if (!answer.error?.code) throw new ServiceUnavailableError(serviceName(path), `answered ${res.status}`);
    throw errorFromWire(answer.error);
  }
  return answer;
};
