import type { CheckpointSummary, IntegrityReport, PublishedCheckpointKey, ReadModelReport } from '@xianjie/discipline-inspection';
import { builder } from '../../builder.ts';
import { authOf } from '../common/callerAuth.ts';
import { AgencyType } from '../common/types.ts';
import { OversightType } from './types.ts';

/**
 * Tamper evidence beyond the chain (decision 0011): the commission's signed checkpoints of every
 * stream's head, `oversight { integrity }` (the store against the newest good checkpoint, every
 * chain, the commission's read models against their events), `takeIntegrityCheckpoint` and
 * `checkpointPublicKey`. The discipline commission's service applies the access rules (auth's
 * `canVerifyStoreIntegrity`; which streams are named is `canReadAuditTrail`'s to say).
 */

type Problem = IntegrityReport['problems'][number];
type HiddenProblem = IntegrityReport['hiddenProblems'][number];

const IntegrityProblemKindEnum = builder.enumType('IntegrityProblemKind', {
  description: 'What the store no longer matches',
  values: {
    STREAM_MISSING: { description: 'A stream the checkpoint anchored is gone' },
    TRUNCATED: { description: 'A stream ends before the version the checkpoint anchored (its last events deleted)' },
    REWRITTEN: { description: 'The event at the anchored version has another hash (the stream was rewritten, even with a valid chain)' },
    CHAIN_BROKEN: { description: 'The stream’s own hash chain does not verify (an event altered, removed or reordered inside it)' },
    SIGNATURE_INVALID: { description: 'A checkpoint is not signed by the commission’s key (forged or altered)' },
  } as const,
});

const CheckpointType = builder.objectRef<CheckpointSummary>('IntegrityCheckpoint').implement({
  description:
    'A signed checkpoint of every stream’s head (id, version, hash): the list is committed to by `root` and signed with Ed25519 ' +
    'over `signedText` by the commission’s key (checkpointPublicKey). The list itself is not shown: it names streams you may not see.',
  fields: (t) => ({
    sequence: t.exposeInt('sequence', { description: 'Its version on the stream integrity-checkpoints' }),
    takenAt: t.field({ type: 'DateTime', resolve: (c) => c.takenAt }),
    hashAlgorithm: t.exposeString('hashAlgorithm', { description: 'Digest of root (sm3 or sha256, as the chain)' }),
    streamCount: t.exposeInt('streamCount'),
    root: t.exposeString('root', { description: 'Digest of the canonical JSON of the sorted list of [streamId, version, hash, ownerAgencyId]' }),
    keyId: t.exposeString('keyId', { description: 'First 16 hex digits of the SHA-256 of the signing public key (SPKI DER, base64)' }),
    signature: t.exposeString('signature', { description: 'Ed25519 signature (base64) of signedText' }),
    signedText: t.exposeString('signedText', { description: 'The exact UTF-8 text signed: verify it with the public key yourself' }),
  }),
});

const ProblemType = builder.objectRef<Problem>('IntegrityProblem').implement({
  description: 'A stream you may read (or the checkpoints’ own stream) that no longer matches the record',
  fields: (t) => ({
    streamId: t.exposeString('streamId'),
    kind: t.field({ type: IntegrityProblemKindEnum, resolve: (p) => p.kind }),
    checkpointSequence: t.int({ nullable: true, description: 'The checkpoint violated; null for a chain broken in a stream not yet anchored', resolve: (p) => p.checkpointSequence }),
    detail: t.exposeString('detail'),
  }),
});

const HiddenProblemType = builder.objectRef<HiddenProblem>('HiddenIntegrityProblems').implement({
  description: 'Problems in streams you may not read: counted by the agency that opened them, never named',
  fields: (t) => ({
    agency: t.field({
      type: AgencyType,
      nullable: true,
      resolve: (h, _a, ctx) => (h.ownerAgencyId ? (ctx.platform.directory.get(h.ownerAgencyId) ?? null) : null),
    }),
    kind: t.field({ type: IntegrityProblemKindEnum, resolve: (h) => h.kind }),
    count: t.exposeInt('count'),
  }),
});

const ReadModelType = builder.objectRef<ReadModelReport>('ReadModelIntegrity').implement({
  description: 'A read model rebuilt from its events and compared with the live tables (row count and a digest of the rows)',
  fields: (t) => ({
    name: t.exposeString('name'),
    consistent: t.exposeBoolean('consistent'),
    rows: t.int({ nullable: true, description: 'Rows in the live tables (admins only)', resolve: (m) => m.rows }),
    expectedRows: t.int({ nullable: true, description: 'Rows the events give (admins only)', resolve: (m) => m.expectedRows }),
    divergentTables: t.exposeStringList('divergentTables'),
  }),
});

const IntegrityReportType = builder.objectRef<IntegrityReport>('IntegrityReport').implement({
  description: 'The store against the commission’s newest validly signed checkpoint, every stream’s chain, and the commission’s read models',
  fields: (t) => ({
    verifiedAt: t.field({ type: 'DateTime', resolve: (r) => r.verifiedAt }),
    valid: t.exposeBoolean('valid', { description: 'No problem anywhere (hidden ones included) and every read model consistent' }),
    checkpoint: t.field({ type: CheckpointType, nullable: true, description: 'The checkpoint compared with; null before the first', resolve: (r) => r.checkpoint }),
    streamsChecked: t.exposeInt('streamsChecked'),
    problems: t.field({ type: [ProblemType], resolve: (r) => r.problems }),
    hiddenProblems: t.field({ type: [HiddenProblemType], resolve: (r) => r.hiddenProblems }),
    readModels: t.field({ type: [ReadModelType], resolve: (r) => r.readModels }),
  }),
});

const PublicKeyType = builder.objectRef<PublishedCheckpointKey>('CheckpointPublicKey').implement({
  description: 'The key that verifies the commission’s checkpoint signatures',
  fields: (t) => ({
    keyId: t.exposeString('keyId'),
    algorithm: t.exposeString('algorithm'),
    publicKey: t.exposeString('publicKey', { description: 'SPKI PEM' }),
  }),
});

builder.objectField(OversightType, 'integrity', (t) =>
  t.field({
    type: IntegrityReportType,
    description:
      '完整性校验: the event store against the commission’s newest signed checkpoint (streams deleted, cut short or rewritten), every ' +
      'stream’s chain, and the commission’s read models rebuilt from their events. For a commission’s overseers and supervisors.',
    skipTypeScopes: true,
    authScopes: { authenticated: true },
    resolve: (_o, _a, ctx) => ctx.platform.oversight.integrity(authOf(ctx)),
  }),
);

builder.mutationField('takeIntegrityCheckpoint', (t) =>
  t.field({
    type: CheckpointType,
    description: 'A signed checkpoint of every stream’s head, now (besides the periodic ones). For a commission’s overseers and supervisors, admins.',
    authScopes: { authenticated: true },
    resolve: (_r, _a, ctx) => ctx.platform.oversight.takeIntegrityCheckpoint(authOf(ctx)),
  }),
);

builder.queryField('checkpointPublicKey', (t) =>
  t.field({
    type: PublicKeyType,
    description: 'The public key (Ed25519) that verifies the commission’s integrity checkpoints',
    authScopes: { authenticated: true },
    resolve: (_r, _a, ctx) => ctx.platform.oversight.checkpointPublicKey(authOf(ctx)),
  }),
);
