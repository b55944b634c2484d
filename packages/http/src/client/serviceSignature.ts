import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * A service's signature on a call to another service's internal route (ADR 0008): HMAC-SHA256 under
 * the platform's service key (XIANJIE_SERVICE_KEY) over method, path, timestamp and body. A user's
 * token alone never passes such a route: only a service of the platform holds the key.
 */
export const serviceSignatureHeader = 'x-xianjie-service-signature';
export const serviceTimestampHeader = 'x-xianjie-service-timestamp';
/** How far a signed call's timestamp may be from the receiver's clock. */
export const serviceSignatureWindowMs = 5 * 60 * 1000;

export const serviceSignatureOf = (key: string, method: string, path: string, timestamp: string, body: string): string =>
  createHmac('sha256', key).update(`${method.toUpperCase()}\n${path}\n${timestamp}\n${body}`, 'utf8').digest('hex');

/** Whether `signature` is the key's signature of the call, made within the window of `nowMs`. */
export const isServiceSignatureValid = (
  key: string,
  call: { method: string; path: string; timestamp: string | undefined; body: string; signature: string | undefined },
  nowMs: number = Date.now(),
): boolean => {
  if (!call.signature || !call.timestamp || !/^\d{1,16}$/.test(call.timestamp)) return false;
  if (Math.abs(nowMs - Number(call.timestamp)) > serviceSignatureWindowMs) return false;
  const expected = Buffer.from(serviceSignatureOf(key, call.method, call.path, call.timestamp, call.body), 'hex');
  const given = Buffer.from(call.signature, 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
};
