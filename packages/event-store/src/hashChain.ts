/**
 * The tamper-evident chain: every event's hash covers its own content and the previous event's
 * hash, so changing or removing any event breaks every later link.
 *
 * Hash input = canonical JSON (below) of `{ streamId, version, type, data, metadata, prevHash }`,
 * UTF-8 encoded; the digest is lower-case hex. SM3 (GB/T 32905-2016) by default, SHA-256 selectable.
 */
import crypto, { createHash } from 'node:crypto';
import type { ChainVerification, EventMetadata, HashAlgorithm } from './eventStore.ts';

/**
 * Canonical JSON in the style of RFC 8785 (JCS): object keys sorted by UTF-16 code units, no
 * whitespace, strings and numbers serialised as ECMAScript `JSON.stringify` does (which is what JCS
 * specifies). Like `JSON.stringify`, `toJSON()` is honoured (a Date becomes its ISO string),
 * `undefined` members are left out and `undefined` array items become `null`. Values JSON cannot
 * carry (NaN, Infinity, bigint, functions, symbols, a top-level `undefined`) throw, because a hash
 * over them could not be recomputed from what the store keeps.
 */
export const canonicalJson = (value: unknown): string => {
  const out = serialise(value);
  if (out === undefined) throw new TypeError('canonicalJson: value is not representable in JSON');
  return out;
};

/** Thrown without a path on the hot path; `canonicalJson` callers rarely hit it, so no path strings are built. */
const notJson = (what: string): never => {
  throw new TypeError(`canonicalJson: ${what} cannot be represented in JSON`);
};

const serialise = (value: unknown): string | undefined => {
  if (value === null) return 'null';
  if (typeof value === 'object' && typeof (value as { toJSON?: unknown }).toJSON === 'function') {
    value = (value as { toJSON: () => unknown }).toJSON();
  }
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      return Number.isFinite(value) ? JSON.stringify(value) : notJson(String(value));
    case 'undefined':
    case 'function':
    case 'symbol':
      return undefined;
    case 'bigint':
      return notJson('a bigint');
    case 'object': {
      if (value === null) return 'null';
      if (Array.isArray(value)) {
        let out = '[';
        for (let i = 0; i < value.length; i += 1) out += (i ? ',' : '') + (serialise(value[i]) ?? 'null');
        return `${out}]`;
      }
      const record = value as Record<string, unknown>;
      let out = '{';
      for (const key of Object.keys(record).sort()) {
        const member = serialise(record[key]);
        if (member !== undefined) out += `${out.length > 1 ? ',' : ''}${JSON.stringify(key)}:${member}`;
      }
      return `${out}}`;
    }
  }
};

export interface HashInput {
  streamId: string;
  version: number;
  type: string;
  data: unknown;
  metadata: EventMetadata | Record<string, unknown>;
  prevHash: string | null;
}

const nodeAlgorithm: Record<HashAlgorithm, string> = { sm3: 'sm3', sha256: 'sha256' };
const checked = new Set<HashAlgorithm>();

/** Fails early and clearly when the runtime's OpenSSL lacks the algorithm (SM3 is optional in some builds). */
export const assertHashAlgorithm = (algorithm: HashAlgorithm): void => {
  if (checked.has(algorithm)) return;
  const name = nodeAlgorithm[algorithm];
  if (!name) throw new TypeError(`unknown hash algorithm "${String(algorithm)}" (use "sm3" or "sha256")`);
  try {
    createHash(name);
  } catch (cause) {
    throw new Error(
      `hash algorithm "${algorithm}" is not available in this runtime (Node ${process.versions.node}, ` +
        `OpenSSL ${process.versions.openssl}); use a Node.js build whose OpenSSL provides it or choose "sha256"`,
      { cause },
    );
  }
  checked.add(algorithm);
};

export const hashEvent = (input: HashInput, algorithm: HashAlgorithm): string =>
  hashCanonical(
    canonicalHashInput(
      input.streamId,
      input.version,
      input.type,
      canonicalJson(input.data),
      canonicalJson(input.metadata),
      input.prevHash,
    ),
    algorithm,
  );

/**
 * `canonicalJson({ streamId, version, type, data, metadata, prevHash })` assembled from the
 * already canonical data and metadata (keys in sorted order), so an append serialises each once.
 */
export const canonicalHashInput = (
  streamId: string,
  version: number,
  type: string,
  dataCanonical: string,
  metadataCanonical: string,
  prevHash: string | null,
): string =>
  `{"data":${dataCanonical},"metadata":${metadataCanonical},"prevHash":${JSON.stringify(prevHash)},` +
  `"streamId":${JSON.stringify(streamId)},"type":${JSON.stringify(type)},"version":${JSON.stringify(version)}}`;

/** Digest of an already canonical text; `algorithm` must have passed `assertHashAlgorithm`. */
export const hashCanonical = (canonical: string, algorithm: HashAlgorithm): string => {
  if (!checked.has(algorithm)) assertHashAlgorithm(algorithm);
  // One-shot crypto.hash (Node >= 20.12) skips the Hash object; createHash elsewhere.
  return oneShot
    ? oneShot(nodeAlgorithm[algorithm], canonical, 'hex')
    : createHash(nodeAlgorithm[algorithm]).update(canonical, 'utf8').digest('hex');
};

const oneShot = (crypto as { hash?: (algorithm: string, data: string, encoding: 'hex') => string }).hash;

export interface ChainedEvent extends HashInput {
  hash: string;
  hashAlgorithm: HashAlgorithm;
}

/** Recomputes every hash and link of one stream's events (given in version order). */
export const verifyChain = (streamId: string, events: ChainedEvent[]): ChainVerification => {
  let previous: ChainedEvent | undefined;
  let checkedCount = 0;
  const broken = (version: number, reason: string): ChainVerification => ({
    streamId,
    valid: false,
    checked: checkedCount,
    brokenAt: version,
    reason,
  });
  for (const event of events) {
    const expectedVersion = (previous?.version ?? 0) + 1;
    if (event.version !== expectedVersion) {
      return broken(expectedVersion, `version ${expectedVersion} is missing (found ${event.version})`);
    }
    checkedCount += 1;
    const expectedPrev = previous?.hash ?? null;
    if (event.prevHash !== expectedPrev) {
      return broken(event.version, `prevHash does not match the hash of version ${event.version - 1}`);
    }
    let recomputed: string;
    try {
      recomputed = hashEvent(event, event.hashAlgorithm);
    } catch (error) {
      return broken(event.version, `hash cannot be recomputed: ${(error as Error).message}`);
    }
    if (recomputed !== event.hash) {
      return broken(event.version, 'content does not match its hash (the event was altered)');
    }
    previous = event;
  }
  return { streamId, valid: true, checked: checkedCount, brokenAt: null };
};
