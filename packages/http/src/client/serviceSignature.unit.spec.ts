import { describe, expect, it } from 'vitest';
import { isServiceSignatureValid, serviceSignatureOf, serviceSignatureWindowMs } from './serviceSignature.ts';

const key = 'a-service-key-of-at-least-32-characters!';
const now = Date.parse('2026-01-01T00:00:00Z');
const body = JSON.stringify({ field: 'case', items: [] });
const signed = (over: Partial<{ method: string; path: string; timestamp: string; body: string }> = {}) => {
  const call = { method: 'POST', path: '/personal-data-reads', timestamp: String(now), body, ...over };
  return { ...call, signature: serviceSignatureOf(key, call.method, call.path, call.timestamp, call.body) };
};

describe('service signatures (internal routes, ADR 0008)', () => {
  it('accepts the key’s signature of the call within the window', () => {
    expect(isServiceSignatureValid(key, signed(), now)).toBe(true);
    expect(isServiceSignatureValid(key, signed(), now + serviceSignatureWindowMs - 1)).toBe(true);
  });

  it('refuses no signature, another key, another body, path or method, and an old or malformed timestamp', () => {
    expect(isServiceSignatureValid(key, { ...signed(), signature: undefined }, now)).toBe(false);
    expect(isServiceSignatureValid('another-key-of-at-least-32-characters!!!', signed(), now)).toBe(false);
    expect(isServiceSignatureValid(key, { ...signed(), body: JSON.stringify({ field: 'cases', items: [] }) }, now)).toBe(false);
    expect(isServiceSignatureValid(key, { ...signed(), path: '/personal-data-reads?x=1' }, now)).toBe(false);
    expect(isServiceSignatureValid(key, { ...signed(), method: 'PUT' }, now)).toBe(false);
    expect(isServiceSignatureValid(key, signed(), now + serviceSignatureWindowMs + 1)).toBe(false);
    expect(isServiceSignatureValid(key, signed({ timestamp: 'yesterday' }), now)).toBe(false);
    expect(isServiceSignatureValid(key, { ...signed(), signature: 'abc' }, now)).toBe(false);
  });
});
