/**
 * Anchoring the chains (decision 0011). A stream's chain proves nothing was changed inside it, but
 * not that its end was cut off, that it was deleted, or that it was rewritten with fresh hashes by
 * someone with write access. A checkpoint lists every stream's head (id, version, hash) at one
 * moment, commits to the list with a digest, and is signed with Ed25519 by a key that is not in
 * the database. Later the store is compared with the signed list: the hash at each checkpointed
 * version must still be there. Pure: keys, clocks and I/O come from the caller.
 */
import { createPublicKey, sign, verify, type KeyObject } from 'node:crypto';
import type { HashAlgorithm, StreamHead } from '../eventStore.ts';
import { canonicalJson, hashCanonical } from '../hashChain.ts';

/** One anchored head: [streamId, version, hash, ownerAgencyId] (tuples keep large checkpoints small). */
export type AnchoredHead = [streamId: string, version: number, hash: string, ownerAgencyId: string | null];

/** What a checkpoint event carries (`IntegrityCheckpointTaken`). */
export interface Checkpoint {
  /** 1, 2, ...: the checkpoint's version in its stream. */
  sequence: number;
  takenAt: string;
  /** Digest algorithm of `root` (the store's chain algorithm). */
  hashAlgorithm: HashAlgorithm;
  streamCount: number;
  /** Digest of the canonical JSON of `streams`, sorted by stream id. */
  root: string;
  /**
   * Earlier checkpoints the service found not signed by its key when it took one (carried forward,
   * signed): a rewritten checkpoint history stays reported after later checkpoints.
   */
  invalidCheckpoints: number[];
  /** First 16 hex digits of the SHA-256 of the public key (SPKI DER). */
  keyId: string;
  /** The signer's public key (SPKI PEM), for overseers who check the signature themselves. */
  publicKey: string;
  /** Ed25519 signature (base64) over `signedText(checkpoint)`. */
  signature: string;
  streams: AnchoredHead[];
}

export const CHECKPOINT_EVENT_TYPE = 'IntegrityCheckpointTaken';

/**
 * What the checkpoint event stores: the signed fields, and of the list only the heads that changed
 * since the previous checkpoint (`changes`); the full list at checkpoint n is the fold of the
 * changes of checkpoints 1..n (streams are never removed), and `root` (signed) is over that full
 * list. A checkpoint costs what moved since the last one, not the size of the store.
 */
export type CheckpointRecord = Omit<Checkpoint, 'streams'> & {
  changes: AnchoredHead[];
  /** The whole list, not changes: the fold starts again here (the first, and after a history that does not verify). */
  full?: true;
};

/** The record of `checkpoint`: its changes since `previous` (the stored fold before it), or the whole list when null. */
export const checkpointRecord = (checkpoint: Checkpoint, previous: readonly AnchoredHead[] | null): CheckpointRecord => {
  const { streams, ...signed } = checkpoint;
  if (previous === null) return { ...signed, full: true, changes: streams };
  const before = new Map(previous.map((h) => [h[0], h]));
  const changes = streams.filter((h) => {
    const old = before.get(h[0]);
    return !old || old[1] !== h[1] || old[2] !== h[2] || old[3] !== h[3];
  });
  return { ...signed, changes };
};

/** The full checkpoint the records describe: the last record's signed fields over the fold of every record's changes (in order). */
export const foldCheckpointRecords = (records: readonly CheckpointRecord[]): Checkpoint | null => {
  const last = records.at(-1);
  if (!last) return null;
  const heads = new Map<string, AnchoredHead>();
  for (const record of records) {
    if (record.full) heads.clear();
    for (const head of record.changes ?? []) heads.set(head[0], head);
  }
  const { changes: _changes, full: _full, ...signed } = last;
  return { ...signed, streams: [...heads.values()].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)) };
};
const SIGNED_TYPE = 'xianjie.integrity-checkpoint.v1';

/** The heads as anchored: sorted by stream id (UTF-16 code units, as canonical JSON sorts keys). */
export const anchoredHeads = (heads: readonly StreamHead[]): AnchoredHead[] =>
  heads
    .map((h): AnchoredHead => [h.streamId, h.version, h.hash, h.ownerAgencyId])
    .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));

export const headsRoot = (streams: readonly AnchoredHead[], algorithm: HashAlgorithm): string =>
  hashCanonical(canonicalJson(streams), algorithm);

export const publicKeyId = (publicKey: KeyObject): string =>
  hashCanonical(publicKey.export({ type: 'spki', format: 'der' }).toString('base64'), 'sha256').slice(0, 16);

/** The exact text the signature covers; an overseer rebuilds it from the checkpoint's fields. */
export const signedText = (
  c: Pick<Checkpoint, 'sequence' | 'takenAt' | 'hashAlgorithm' | 'streamCount' | 'root' | 'keyId' | 'invalidCheckpoints'>,
): string =>
  canonicalJson({
    type: SIGNED_TYPE,
    sequence: c.sequence,
    takenAt: c.takenAt,
    hashAlgorithm: c.hashAlgorithm,
    streamCount: c.streamCount,
    root: c.root,
    keyId: c.keyId,
    invalidCheckpoints: c.invalidCheckpoints ?? [],
  });

export const createCheckpoint = (input: {
  sequence: number;
  takenAt: string;
  hashAlgorithm: HashAlgorithm;
  heads: readonly StreamHead[];
  privateKey: KeyObject;
  invalidCheckpoints?: readonly number[];
}): Checkpoint => {
  const streams = anchoredHeads(input.heads);
  const publicKey = createPublicKey(input.privateKey);
  const body = {
    sequence: input.sequence,
    takenAt: input.takenAt,
    hashAlgorithm: input.hashAlgorithm,
    streamCount: streams.length,
    invalidCheckpoints: [...new Set(input.invalidCheckpoints ?? [])].sort((x, y) => x - y),
    root: headsRoot(streams, input.hashAlgorithm),
    keyId: publicKeyId(publicKey),
  };
  const signature = sign(null, Buffer.from(signedText(body), 'utf8'), input.privateKey).toString('base64');
  return { ...body, publicKey: publicKey.export({ type: 'spki', format: 'pem' }).toString(), signature, streams };
};

/**
 * Whether the checkpoint was signed by `trusted` (the service's published key, never the key the
 * checkpoint names: a forger would name their own) and its list still has the signed digest.
 */
export const checkpointSignatureValid = (checkpoint: Checkpoint, trustedKey: KeyObject): boolean => {
  try {
    const trusted = trustedKey.type === 'private' ? createPublicKey(trustedKey) : trustedKey;
    if (checkpoint.keyId !== publicKeyId(trusted)) return false;
    if (checkpoint.streamCount !== checkpoint.streams.length) return false;
    if (headsRoot(checkpoint.streams, checkpoint.hashAlgorithm) !== checkpoint.root) return false;
    return verify(null, Buffer.from(signedText(checkpoint), 'utf8'), trusted, Buffer.from(checkpoint.signature, 'base64'));
  } catch {
    return false;
  }
};

export type IntegrityProblemKind = 'STREAM_MISSING' | 'TRUNCATED' | 'REWRITTEN' | 'CHAIN_BROKEN' | 'SIGNATURE_INVALID';

export interface IntegrityProblem {
  streamId: string;
  kind: IntegrityProblemKind;
  /** The checkpoint the store no longer matches (null for a chain broken in a stream not yet anchored). */
  checkpointSequence: number | null;
  /** The agency that opened the stream (who may be told which stream it is). */
  ownerAgencyId: string | null;
  detail: string;
}

/** What the comparison needs of a stream as stored now. */
export interface StoredStream {
  version: number;
  /** The hash stored at `version`, or undefined when that version is gone. */
  hashAt(version: number): string | undefined;
}

/**
 * The checkpoint against the store: every anchored stream must still exist, reach at least the
 * anchored version, and still hold the anchored hash there (a rewritten stream, even with a valid
 * chain of fresh hashes, does not).
 */
export const compareWithCheckpoint = (
  checkpoint: Checkpoint,
  stored: (streamId: string) => StoredStream | undefined,
): IntegrityProblem[] => {
  const problems: IntegrityProblem[] = [];
  for (const [streamId, version, hash, ownerAgencyId] of checkpoint.streams) {
    const problem = (kind: IntegrityProblemKind, detail: string) =>
      problems.push({ streamId, kind, checkpointSequence: checkpoint.sequence, ownerAgencyId, detail });
    const now = stored(streamId);
    if (!now || now.version === 0) {
      problem('STREAM_MISSING', `checkpoint ${checkpoint.sequence} anchored version ${version}; the stream is gone`);
    } else if (now.version < version) {
      problem('TRUNCATED', `checkpoint ${checkpoint.sequence} anchored version ${version}; the stream ends at ${now.version}`);
    } else if (now.hashAt(version) !== hash) {
      problem('REWRITTEN', `version ${version} no longer has the hash anchored by checkpoint ${checkpoint.sequence}`);
    }
  }
  return problems;
};

/** When the next periodic checkpoint is due: an interval after the last one stored (or after `startedAt` when none). */
export const nextCheckpointDue = (lastTakenAt: string | null, startedAt: string, intervalMs: number): string =>
  new Date(Date.parse(lastTakenAt ?? startedAt) + intervalMs).toISOString();

/**
 * How long the timer waits for its next round: until the stored schedule's due time, but never less
 * than an interval after its own last round (a round that found nothing to sign leaves the stored
 * schedule in the past and must not spin).
 */
export const nextRoundDelay = (dueAt: string, lastRoundAt: string | null, now: string, intervalMs: number): number => {
  const due = Math.max(Date.parse(dueAt), lastRoundAt === null ? -Infinity : Date.parse(lastRoundAt) + intervalMs);
  return Math.max(0, due - Date.parse(now));
};
