import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { HashAlgorithm } from '../src/eventStore.ts';
import { uuidV5 } from '../src/eventstoredb/uuidV5.ts';
import { canonicalHashInput, canonicalJson, hashEvent, verifyChain } from '../src/hashChain.ts';
import type { ChainedEvent } from '../src/hashChain.ts';

describe('canonicalJson', () => {
  it('sorts keys by UTF-16 code units at every depth and drops whitespace', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: 'x' } })).toBe(
      '{"a":{"c":"x","d":[3,{"y":2,"z":1}]},"b":1}',
    );
    // Upper case before lower case, and a supplementary character (surrogate pair) after BMP ones.
    expect(canonicalJson({ a: 1, B: 2, '\u{1F600}': 3, '\uFB33': 4 })).toBe(
      '{"B":2,"a":1,"\u{1F600}":3,"\uFB33":4}',
    );
  });

  it('serialises numbers and strings as ECMAScript does (RFC 8785)', () => {
    expect(canonicalJson([1e21, 1e-7, 0.1 + 0.2, -0, 100, 3.5e-5])).toBe(
      '[1e+21,1e-7,0.30000000000000004,0,100,0.000035]',
    );
    expect(canonicalJson('移送\n"\u0001')).toBe('"移送\\n\\"\\u0001"');
    expect(canonicalJson([true, false, null])).toBe('[true,false,null]');
  });

  it('treats undefined, toJSON and unrepresentable values like JSON.stringify, or throws', () => {
    expect(canonicalJson({ a: undefined, b: [undefined], c: new Date('2024-03-01T02:00:00Z') })).toBe(
      '{"b":[null],"c":"2024-03-01T02:00:00.000Z"}',
    );
    expect(() => canonicalJson({ n: Number.NaN })).toThrow(/JSON/);
    expect(() => canonicalJson({ n: 1n })).toThrow(/bigint/);
    expect(() => canonicalJson(undefined)).toThrow();
  });

  it('parses back to an equal value', () => {
    const value = { z: [1, 'two', { three: 3 }], a: null, m: { k: '衔接' } };
    expect(JSON.parse(canonicalJson(value))).toEqual(value);
  });
});

describe('hashes', () => {
  it('SM3 is available and matches the GB/T 32905 test vector', () => {
    expect(createHash('sm3').update('abc').digest('hex')).toBe(
      '66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0',
    );
  });

  const input = {
    streamId: 'case-1',
    version: 1,
    type: 'CaseRegistered',
    data: { summary: '无证配制', amountFen: 100 },
    metadata: {
      actor: { userId: 'u', name: 'n', agencyId: 'a', roles: ['officer'] },
      occurredAt: '2024-03-01T10:00:00+08:00',
      correlationId: 'c',
    },
    prevHash: null,
  };

  it('hashes the canonical JSON of the event and its link', () => {
    const canonical = canonicalJson(input);
    expect(hashEvent(input, 'sm3')).toBe(createHash('sm3').update(canonical).digest('hex'));
    expect(hashEvent(input, 'sha256')).toBe(createHash('sha256').update(canonical).digest('hex'));
    expect(hashEvent({ ...input, data: { amountFen: 100, summary: '无证配制' } }, 'sm3')).toBe(
      hashEvent(input, 'sm3'),
    );
    expect(hashEvent({ ...input, prevHash: 'ab' }, 'sm3')).not.toBe(hashEvent(input, 'sm3'));
  });

  it('assembles the hash input exactly like canonicalJson of the whole event', () => {
    const assembled = canonicalHashInput(
      input.streamId,
      7,
      input.type,
      canonicalJson(input.data),
      canonicalJson(input.metadata),
      'ff',
    );
    expect(assembled).toBe(canonicalJson({ ...input, version: 7, prevHash: 'ff' }));
  });

  it('rejects an unknown algorithm clearly', () => {
    expect(() => hashEvent(input, 'md5' as HashAlgorithm)).toThrow(/unknown hash algorithm/);
  });
});

describe('verifyChain', () => {
  const chain = (algorithm: HashAlgorithm): ChainedEvent[] => {
    const events: ChainedEvent[] = [];
    let prevHash: string | null = null;
    for (let version = 1; version <= 4; version += 1) {
      const base = {
        streamId: 's',
        version,
        type: 'T',
        data: { version },
        metadata: { occurredAt: 'x' },
        prevHash,
      };
      const hash = hashEvent(base, algorithm);
      events.push({ ...base, hash, hashAlgorithm: algorithm });
      prevHash = hash;
    }
    return events;
  };

  it('accepts an intact chain', () => {
    expect(verifyChain('s', chain('sm3'))).toEqual({
      streamId: 's',
      valid: true,
      checked: 4,
      brokenAt: null,
    });
  });

  it('reports the first altered event, broken link or missing version', () => {
    const altered = chain('sm3');
    altered[2]!.data = { version: 30 };
    expect(verifyChain('s', altered)).toMatchObject({
      valid: false,
      brokenAt: 3,
      reason: expect.stringMatching(/altered/),
    });

    const relinked = chain('sha256');
    relinked[1]!.prevHash = 'f'.repeat(64);
    expect(verifyChain('s', relinked)).toMatchObject({
      valid: false,
      brokenAt: 2,
      reason: expect.stringMatching(/prevHash/),
    });

    const gap = chain('sm3');
    gap.splice(1, 1);
    expect(verifyChain('s', gap)).toMatchObject({
      valid: false,
      brokenAt: 2,
      reason: expect.stringMatching(/missing/),
    });
  });
});

describe('uuidV5', () => {
  it('matches the RFC 4122 example and is deterministic', () => {
    expect(uuidV5('www.example.com', '6ba7b810-9dad-11d1-80b4-00c04fd430c8')).toBe(
      '2ed6657d-e927-568b-95e1-2665a8aea6a2',
    );
    expect(uuidV5('cmd-1:0', '6ba7b810-9dad-11d1-80b4-00c04fd430c8')).toBe(
      uuidV5('cmd-1:0', '6ba7b810-9dad-11d1-80b4-00c04fd430c8'),
    );
  });
});
