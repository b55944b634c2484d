import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ValidationError } from '@xianjie/contracts/errors';
import { decodeMessage, encodeMessage } from '../src/binaryBinding.ts';
import { createMessageRegistry } from '../src/integrationMessage.ts';
import type { IntegrationMessage } from '../src/integrationMessage.ts';

const registry = createMessageRegistry({
  'xianjie.transfer.sent.v1': z.object({ transferId: z.string(), amountFen: z.number().int() }),
});

const message: IntegrationMessage = {
  id: 'transfer-1:3:0',
  source: '/xianjie/market-regulation',
  type: 'xianjie.transfer.sent.v1',
  specversion: '1.0',
  time: '2025-03-01T09:30:00+08:00',
  subject: 'transfer-1',
  datacontenttype: 'application/json',
  data: { transferId: '1', amountFen: 120000 },
  partitionKey: '1',
  correlationid: 'corr-1',
  causationid: 'transfer-1:3',
};

describe('CloudEvents Kafka binary binding', () => {
  it('puts the attributes in ce_ headers, the data in the value and the partition key in the key', () => {
    expect(encodeMessage(message)).toEqual({
      key: '1',
      value: '{"transferId":"1","amountFen":120000}',
      headers: {
        'content-type': 'application/json',
        ce_id: 'transfer-1:3:0',
        ce_source: '/xianjie/market-regulation',
        ce_type: 'xianjie.transfer.sent.v1',
        ce_specversion: '1.0',
        ce_time: '2025-03-01T09:30:00+08:00',
        ce_subject: 'transfer-1',
        ce_correlationid: 'corr-1',
        ce_causationid: 'transfer-1:3',
      },
    });
  });

  it('decodes what it encodes, and leaves absent optional attributes absent', () => {
    expect(decodeMessage(encodeMessage(message), registry)).toEqual({ ok: true, message });
    const { subject: _s, correlationid: _c, causationid: _k, ...bare } = message;
    expect(decodeMessage(encodeMessage(bare), registry)).toEqual({ ok: true, message: bare });
  });

  it('names what is wrong with a record that is not a valid message', () => {
    const raw = encodeMessage(message);
    expect(decodeMessage({ ...raw, key: null }, registry)).toEqual({ ok: false, reason: expect.stringMatching(/^invalid message: partitionKey: /) });
    expect(decodeMessage({ ...raw, value: null }, registry)).toEqual({ ok: false, reason: 'value: empty record (no data)' });
    expect(decodeMessage({ ...raw, headers: { ...raw.headers, 'content-type': 'text/plain' } }, registry)).toEqual({
      ok: false,
      reason: 'content-type: expected application/json, got "text/plain"',
    });
    expect(decodeMessage({ ...raw, headers: { ...raw.headers, ce_specversion: '0.3' } }, registry)).toMatchObject({ ok: false, reason: expect.stringMatching(/specversion/) });
    expect(decodeMessage({ ...raw, headers: { ...raw.headers, ce_time: 'yesterday' } }, registry)).toMatchObject({ ok: false, reason: expect.stringMatching(/time/) });
    expect(decodeMessage({ ...raw, value: '{"transferId":"1","amountFen":1.5}' }, registry)).toMatchObject({ ok: false, reason: expect.stringMatching(/^invalid message: data\.amountFen: /) });
  });

  it('parses with a ValidationError naming the field', () => {
    expect(() => registry.parse({ ...message, data: { transferId: 1, amountFen: 1 } })).toThrow(ValidationError);
    expect(registry.types).toEqual(['xianjie.transfer.sent.v1']);
  });
});
