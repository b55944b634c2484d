/**
 * CloudEvents Kafka protocol binding, binary content mode: the attributes travel as `ce_*`
 * headers, the data as the record value (JSON), the partition key as the record key. Both adapters
 * go through it, so the memory bus sees exactly the bytes Kafka would.
 */
import type { IntegrationMessage, MessageRegistry } from './integrationMessage.ts';
import { describeIssues } from './integrationMessage.ts';

/** A record as it sits on a topic: key, headers (UTF-8 strings) and value. */
export interface RawMessage {
  key: string | null;
  value: string | null;
  headers: Record<string, string>;
}

const CONTENT_TYPE = 'application/json';

/** Envelope attributes ↔ headers; `datacontenttype` travels as `content-type` per the binding. */
const attributeHeaders = [
  ['id', 'ce_id'],
  ['source', 'ce_source'],
  ['type', 'ce_type'],
  ['specversion', 'ce_specversion'],
  ['time', 'ce_time'],
  ['subject', 'ce_subject'],
  ['correlationid', 'ce_correlationid'],
  ['causationid', 'ce_causationid'],
] as const;

export const encodeMessage = (message: IntegrationMessage): RawMessage => {
  const headers: Record<string, string> = { 'content-type': CONTENT_TYPE };
  for (const [attribute, header] of attributeHeaders) {
    const value = message[attribute];
    if (value !== undefined) headers[header] = value;
  }
  return { key: message.partitionKey, value: JSON.stringify(message.data), headers };
};

export type DecodeResult = { ok: true; message: IntegrationMessage } | { ok: false; reason: string };

/** Rebuilds and validates the message; a reason instead when the record is not a valid message. */
export const decodeMessage = (raw: RawMessage, registry: MessageRegistry): DecodeResult => {
  const contentType = raw.headers['content-type'];
  if (contentType !== undefined && !contentType.startsWith(CONTENT_TYPE)) {
    return { ok: false, reason: `content-type: expected ${CONTENT_TYPE}, got "${contentType}"` };
  }
  if (raw.value === null) return { ok: false, reason: 'value: empty record (no data)' };
  let data: unknown;
  try {
    data = JSON.parse(raw.value);
  } catch (error) {
    return { ok: false, reason: `value: not JSON (${(error as Error).message})` };
  }
  const envelope: Record<string, unknown> = { datacontenttype: CONTENT_TYPE, data, partitionKey: raw.key ?? undefined };
  for (const [attribute, header] of attributeHeaders) {
    if (raw.headers[header] !== undefined) envelope[attribute] = raw.headers[header];
  }
  const result = registry.validate(envelope);
  return result.ok ? result : { ok: false, reason: `invalid message: ${describeIssues(result.issues)}` };
};
