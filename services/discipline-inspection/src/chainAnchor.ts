/**
 * Anchoring the chains (decision 0011; issue #12 hole 10). The commission's service signs, every
 * interval and on demand, a checkpoint of every stream's head (id, version, hash) and appends it to
 * its own stream `integrity-checkpoints` (hash-chained like any other). Verification compares the
 * store with the newest validly signed checkpoint (a deleted last event, a deleted stream, a stream
 * rewritten with fresh hashes), verifies every stream's own chain, and rebuilds the commission's
 * read models from their events to compare them with the live tables.
 *
 * The signing key is the service's, outside the database (runtime's `loadCheckpointKey`); the
 * public key is published (`publicKey()`), so an overseer can check a checkpoint's signature alone.
 */
import { createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { assertAllowed, type AccessRules, type Principal } from '@xianjie/auth';
import { ConcurrencyError } from '@xianjie/contracts/errors';
import {
  CHECKPOINT_EVENT_TYPE,
  anchoredHeads,
  checkpointRecord,
  checkpointSignatureValid,
  checkReadModel,
  compareWithCheckpoint,
  createCheckpoint,
  foldCheckpointRecords,
  nextCheckpointDue,
  nextRoundDelay,
  publicKeyId,
  readStreamHeads,
  scanStore,
  signedText,
  type Actor,
  type AnchoredHead,
  type Checkpoint,
  type CheckpointRecord,
  type EventStore,
  type IntegrityProblem,
  type IntegrityProblemKind,
  type ReadModelCheck,
  type SqlClient,
  type SqlProjection,
  type StoredStream,
  type StreamHead,
} from '@xianjie/event-store';

export const CHECKPOINT_STREAM = 'integrity-checkpoints';
/** Default interval between periodic checkpoints: 10 minutes. */
export const DEFAULT_CHECKPOINT_INTERVAL_MS = 600_000;
const MAX_TIMER_MS = 2 ** 31 - 1;

/** A checkpoint as shown to overseers: everything but the list of streams (which names hidden ones). */
export interface CheckpointSummary {
  sequence: number;
  takenAt: string;
  hashAlgorithm: string;
  streamCount: number;
  root: string;
  keyId: string;
  signature: string;
  /** The exact text the Ed25519 signature covers. */
  signedText: string;
}

export interface IntegrityReport {
  verifiedAt: string;
  /** No problem anywhere (hidden ones included) and every read model consistent. */
  valid: boolean;
  /** The newest validly signed checkpoint the store was compared with; null when none. */
  checkpoint: CheckpointSummary | null;
  streamsChecked: number;
  /** Problems in streams the caller may read (`canReadAuditTrail`), and in the checkpoint stream. */
  problems: IntegrityProblem[];
  /** Problems in streams the caller may not read: counted per owning agency and kind, never named. */
  hiddenProblems: { ownerAgencyId: string | null; kind: IntegrityProblemKind; count: number }[];
  readModels: ReadModelReport[];
}

/** A read model's check; row counts for admins only (they would count records the caller may not see). */
export interface ReadModelReport {
  name: string;
  consistent: boolean;
  rows: number | null;
  expectedRows: number | null;
  divergentTables: string[];
}

export interface PublishedCheckpointKey {
  keyId: string;
  algorithm: 'Ed25519';
  /** SPKI PEM. */
  publicKey: string;
}

export interface ChainAnchorOptions {
  store: EventStore;
  sql: SqlClient;
  rules: AccessRules;
  logger: Logger;
  now: () => string;
  /** The Ed25519 signing key; absent: a key for this process only (in-memory stores, tests). */
  signingKey?: KeyObject;
  intervalMs?: number;
  /** The read models the verification rebuilds and compares (the commission's own). */
  readModels: { schema: string; projectionFor: (schema: string) => SqlProjection }[];
}

const SERVICE_ACTOR: Actor = { userId: 'discipline-inspection', name: '纪委监委服务（定时检查点）', agencyId: 'system', roles: [] };

const summary = (c: Omit<Checkpoint, 'streams'>): CheckpointSummary => ({
  sequence: c.sequence,
  takenAt: c.takenAt,
  hashAlgorithm: c.hashAlgorithm,
  streamCount: c.streamCount,
  root: c.root,
  keyId: c.keyId,
  signature: c.signature,
  signedText: signedText(c),
});

export const createChainAnchor = (options: ChainAnchorOptions) => {
  const { store, sql, rules, logger, now } = options;
  const signingKey = options.signingKey ?? generateKeyPairSync('ed25519').privateKey;
  const publicKey = createPublicKey(signingKey);
  const intervalMs = options.intervalMs ?? DEFAULT_CHECKPOINT_INTERVAL_MS;
  const startedAt = now();
  /** The highest checkpoint this process took or saw: a checkpoint stream cut below it is reported. */
  let highestSeen = 0;
  let timer: NodeJS.Timeout | null = null;
  let stopped = true;
  /** When the timer last ran a round (in memory: a restart goes by the stored schedule alone). */
  let lastRoundAt: string | null = null;

  /** The stored checkpoint records up to `toVersion` (each the changes since the one before). */
  const recordsUpTo = async (toVersion: number): Promise<CheckpointRecord[]> =>
    (await store.readStream(CHECKPOINT_STREAM, { toVersion }))
      .filter((e) => e.type === CHECKPOINT_EVENT_TYPE)
      .map((e) => e.data as unknown as CheckpointRecord);
  /** The last checkpoint this process signed: a baseline the store cannot have rewritten. */
  let lastSigned: Checkpoint | null = null;
  const isValid = (c: Checkpoint | null, version: number): c is Checkpoint =>
    c !== null && c.sequence === version && checkpointSignatureValid(c, publicKey);
  /**
   * The newest checkpoint (at `top` or up to 9 below) whose fold verifies under the service's key,
   * and the newer ones that do not. A replaced key would otherwise make it read every checkpoint.
   */
  const newestValid = (records: CheckpointRecord[], top: number): { checkpoint: Checkpoint | null; invalid: number[] } => {
    const invalid: number[] = [];
    for (let version = top; version >= 1 && version > top - 10; version -= 1) {
      const candidate = foldCheckpointRecords(records.slice(0, version));
      if (isValid(candidate, version)) return { checkpoint: candidate, invalid };
      invalid.push(version);
    }
    return { checkpoint: null, invalid };
  };
  const latestRecord = async (): Promise<CheckpointRecord | null> => {
    const version = await store.streamVersion(CHECKPOINT_STREAM);
    if (!version) return null;
    const [event] = await store.readStream(CHECKPOINT_STREAM, { fromVersion: version, toVersion: version });
    return event && event.type === CHECKPOINT_EVENT_TYPE ? (event.data as unknown as CheckpointRecord) : null;
  };

  /**
   * A head never goes back: a stream gone, shorter, or no longer holding the anchored hash at the
   * anchored version keeps its anchored head in the next checkpoint, so a checkpoint taken after
   * tampering does not launder it (the newest checkpoint still reports it). Streams that moved on
   * are checked at their anchored version (one read each: the cost is the activity since the last).
   */
  const keepAnchored = async (previous: readonly AnchoredHead[], heads: StreamHead[]): Promise<StreamHead[]> => {
    const current = new Map(heads.map((h) => [h.streamId, h]));
    const kept: string[] = [];
    for (const [streamId, version, hash, ownerAgencyId] of previous) {
      const now = current.get(streamId);
      let keep = !now || now.version < version || (now.version === version && now.hash !== hash);
      if (!keep && now && now.version > version) {
        const [event] = await store.readStream(streamId, { fromVersion: version, toVersion: version });
        keep = event?.hash !== hash;
      }
      if (keep) {
        current.set(streamId, { streamId, version, hash, ownerAgencyId });
        kept.push(streamId);
      }
    }
    if (kept.length > 0) logger.error({ streams: kept }, 'streams no longer match the last checkpoint; their anchored heads are kept');
    return [...current.values()];
  };

  /**
   * Signs the heads of every stream now and appends the checkpoint. `onlyIfChanged` (the timer):
   * nothing is appended when no stream but the checkpoints' own moved since the last one.
   */
  const take = async (
    context: { principal?: Principal; correlationId?: string; onlyIfChanged?: boolean } = {},
    attempt = 1,
  ): Promise<CheckpointSummary | null> => {
    if (context.principal) assertAllowed(rules.canVerifyStoreIntegrity(context.principal));
    const version = await store.streamVersion(CHECKPOINT_STREAM);
    const records = version > 0 ? await recordsUpTo(version) : [];
    const stored = foldCheckpointRecords(records);
    // The stored history verifies: the new record holds only what moved. It does not (rewritten):
    // the baseline is what this process last signed, else the newest that verifies; the new record
    // holds the whole list, and the broken ones are named in every checkpoint from now on.
    const storedValid = version === 0 || isValid(stored, version);
    const found = storedValid ? { checkpoint: stored, invalid: [] } : newestValid(records, version);
    const baseline = storedValid ? stored : lastSigned?.sequence === version ? lastSigned : found.checkpoint;
    if (!storedValid) logger.error({ invalid: found.invalid }, 'stored checkpoints do not verify under the commission key');
    const heads = await keepAnchored(baseline?.streams ?? [], await readStreamHeads(store));
    if (context.onlyIfChanged && storedValid && version > 0) {
      const { changes } = checkpointRecord({ streams: anchoredHeads(heads) } as Checkpoint, stored?.streams ?? []);
      if (changes.every(([id]) => id === CHECKPOINT_STREAM)) return null;
    }
    const checkpoint = createCheckpoint({
      sequence: version + 1,
      takenAt: new Date(now()).toISOString(),
      hashAlgorithm: store.hashAlgorithm,
      heads,
      privateKey: signingKey,
      invalidCheckpoints: [...(baseline?.invalidCheckpoints ?? []), ...found.invalid],
    });
    const actor: Actor = context.principal
      ? { userId: context.principal.userId, name: context.principal.name, agencyId: context.principal.agencyId, roles: [...context.principal.roles] }
      : SERVICE_ACTOR;
    try {
      await store.appendToStream(
        CHECKPOINT_STREAM,
        [
          {
            type: CHECKPOINT_EVENT_TYPE,
            data: checkpointRecord(checkpoint, storedValid && stored ? stored.streams : null) as unknown as Record<string, unknown>,
            metadata: { actor, occurredAt: checkpoint.takenAt, correlationId: context.correlationId ?? randomUUID(), causationId: null, commandId: null },
          },
        ],
        { expectedVersion: version },
      );
    } catch (error) {
      // Another instance took one meanwhile: on a timer its checkpoint serves; asked for one, take the next.
      if (error instanceof ConcurrencyError && !context.principal) return null;
      if (error instanceof ConcurrencyError && attempt < 3) return take(context, attempt + 1);
      throw error;
    }
    highestSeen = Math.max(highestSeen, checkpoint.sequence);
    lastSigned = checkpoint;
    logger.info({ sequence: checkpoint.sequence, streams: checkpoint.streamCount, root: checkpoint.root, actor: actor.userId }, 'integrity checkpoint taken');
    return summary(checkpoint);
  };

  /** When the next periodic checkpoint is due: an interval after the last stored one (it survives restarts). */
  const nextDueAt = async (): Promise<string> => nextCheckpointDue((await latestRecord())?.takenAt ?? null, startedAt, intervalMs);

  const schedule = async () => {
    if (stopped) return;
    let delay: number;
    try {
      delay = nextRoundDelay(await nextDueAt(), lastRoundAt, now(), intervalMs);
    } catch (err) {
      logger.error({ err }, 'integrity checkpoint schedule failed; retrying');
      delay = Math.min(intervalMs, 60_000);
    }
    if (stopped) return;
    timer = setTimeout(() => void fire(), Math.min(delay, MAX_TIMER_MS));
    timer.unref();
  };
  const fire = async () => {
    timer = null;
    lastRoundAt = now();
    try {
      // Due by the store, not by this timer: another instance may have taken one.
      if (Date.parse(await nextDueAt()) <= Date.parse(now())) await take({ onlyIfChanged: true });
    } catch (err) {
      logger.error({ err }, 'integrity checkpoint failed; will retry at the next interval');
    }
    await schedule();
  };

  const verify = async (principal: Principal): Promise<IntegrityReport> => {
    assertAllowed(rules.canVerifyStoreIntegrity(principal));
    const problems: IntegrityProblem[] = [];
    const checkpointProblem = (kind: IntegrityProblemKind, sequence: number | null, detail: string) =>
      problems.push({ streamId: CHECKPOINT_STREAM, kind, checkpointSequence: sequence, ownerAgencyId: null, detail });

    // The newest checkpoint whose signature holds; newer ones that do not are reported.
    const top = await store.streamVersion(CHECKPOINT_STREAM);
    if (top < highestSeen) checkpointProblem(top === 0 ? 'STREAM_MISSING' : 'TRUNCATED', highestSeen, `this service took or saw checkpoint ${highestSeen}; the stream ends at ${top}`);
    highestSeen = Math.max(highestSeen, top);
    const found = newestValid(top > 0 ? await recordsUpTo(top) : [], top);
    const anchor = found.checkpoint;
    for (const version of found.invalid) {
      checkpointProblem('SIGNATURE_INVALID', version, `checkpoint ${version} is not signed by the commission's key ${publicKeyId(publicKey)}`);
    }
    for (const version of (anchor?.invalidCheckpoints ?? []).filter((v) => !found.invalid.includes(v))) {
      checkpointProblem('SIGNATURE_INVALID', version, `checkpoint ${version} did not verify when a later one was taken (its history was rewritten)`);
    }

    // Every stream's own chain in one pass over the store, and each anchored head against the anchor.
    const anchored = new Map<string, number>();
    const anchoredOwners = new Map<string, string | null>();
    for (const [streamId, version, , owner] of anchor?.streams ?? []) {
      anchored.set(streamId, version);
      anchoredOwners.set(streamId, owner);
    }
    const scanned = await scanStore(store, anchored);
    const ownerOf = (streamId: string) => anchoredOwners.get(streamId) ?? scanned.get(streamId)?.ownerAgencyId ?? null;
    for (const [streamId, s] of scanned) {
      if (s.brokenAt !== null) {
        problems.push({ streamId, kind: 'CHAIN_BROKEN', checkpointSequence: null, ownerAgencyId: ownerOf(streamId), detail: `broken at version ${s.brokenAt}: ${s.reason ?? ''}` });
      }
    }
    if (anchor) {
      problems.push(
        ...compareWithCheckpoint(anchor, (id): StoredStream | undefined => {
          const s = scanned.get(id);
          return s && { version: s.version, hashAt: (v) => (v === anchored.get(id) ? (s.anchoredHash ?? undefined) : undefined) };
        }),
      );
    }
    const streamsChecked = new Set([...scanned.keys(), ...anchored.keys()]).size;

    const readModels: ReadModelCheck[] = [];
    for (const model of options.readModels) readModels.push(await checkReadModel({ store, sql, ...model }));

    const admin = principal.roles.includes('admin');
    const visible = (p: IntegrityProblem) =>
      p.streamId === CHECKPOINT_STREAM || (p.ownerAgencyId !== null && rules.canReadAuditTrail(principal, { ownerAgencyId: p.ownerAgencyId }).allowed);
    const hidden = new Map<string, { ownerAgencyId: string | null; kind: IntegrityProblemKind; count: number }>();
    for (const p of problems.filter((q) => !visible(q))) {
      const key = `${p.ownerAgencyId ?? ''}\u0000${p.kind}`;
      const entry = hidden.get(key) ?? { ownerAgencyId: p.ownerAgencyId, kind: p.kind, count: 0 };
      entry.count += 1;
      hidden.set(key, entry);
    }
    return {
      verifiedAt: now(),
      valid: problems.length === 0 && readModels.every((m) => m.consistent),
      checkpoint: anchor ? summary(anchor) : null,
      streamsChecked,
      problems: problems.filter(visible),
      hiddenProblems: [...hidden.values()],
      readModels: readModels.map((m) => ({
        name: m.name,
        consistent: m.consistent,
        rows: admin ? m.rows : null,
        expectedRows: admin ? m.expectedRows : null,
        divergentTables: m.divergentTables,
      })),
    };
  };

  return {
    take,
    verify,
    nextDueAt,
    latest: async () => {
      const c = await latestRecord();
      return c ? summary(c) : null;
    },
    publicKey: (): PublishedCheckpointKey => ({
      keyId: publicKeyId(publicKey),
      algorithm: 'Ed25519',
      publicKey: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    }),
    async start() {
      stopped = false;
      await schedule();
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      timer = null;
    },
  };
};

export type ChainAnchor = ReturnType<typeof createChainAnchor>;
