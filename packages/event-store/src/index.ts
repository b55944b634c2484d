export type {
  Actor,
  AppendOptions,
  AppendResult,
  ChainVerification,
  EventMetadata,
  EventStore,
  ExpectedVersion,
  HashAlgorithm,
  NewEvent,
  ReadAllOptions,
  ReadAllResult,
  ReadStreamOptions,
  RecordedEvent,
  StreamHead,
  Subscription,
  SubscriptionOptions,
} from './eventStore.ts';
export { NO_CONCURRENCY_CHECK, STREAM_DOES_NOT_EXIST, STREAM_EXISTS } from './eventStore.ts';
export { createEventStore } from './createEventStore.ts';
export type { CreatedEventStore, EventStoreConfig } from './createEventStore.ts';
export { createSqlEventStore } from './sql/sqlEventStore.ts';
export type { SqlEventStore, SqlEventStoreOptions } from './sql/sqlEventStore.ts';
export { createPgClient, createPgliteClient } from './sql/sqlClient.ts';
export type {
  PgClientOptions,
  PgliteClientOptions,
  SqlClient,
  SqlQueryOptions,
  SqlQueryResult,
} from './sql/sqlClient.ts';
export { canonicalJson, hashEvent, verifyChain } from './hashChain.ts';
export type { HashInput } from './hashChain.ts';
export { expectedVersionMatches } from './expectedVersion.ts';
export { createEventStoreDbEventStore } from './eventstoredb/eventStoreDbEventStore.ts';
export type { EventStoreDbEventStoreOptions } from './eventstoredb/eventStoreDbEventStore.ts';
export { createSqlProjector } from './projections/sqlProjector.ts';
export type { SqlProjection, SqlProjector, SqlProjectorOptions } from './projections/sqlProjector.ts';
export { appendDecided, eventsWithMetadata } from './appendDecided.ts';
export type { DecidedEvent, DecisionMetadata } from './appendDecided.ts';
export { backoffDelay, createCheckpointedFollower } from './follower/checkpointedFollower.ts';
export type { CheckpointedFollower, CheckpointedFollowerOptions, FollowedBatch } from './follower/checkpointedFollower.ts';
export {
  CHECKPOINT_EVENT_TYPE,
  anchoredHeads,
  checkpointRecord,
  checkpointSignatureValid,
  compareWithCheckpoint,
  foldCheckpointRecords,
  createCheckpoint,
  headsRoot,
  nextCheckpointDue,
  nextRoundDelay,
  publicKeyId,
  signedText,
} from './anchor/checkpoint.ts';
export type { AnchoredHead, Checkpoint, CheckpointRecord, IntegrityProblem, IntegrityProblemKind, StoredStream } from './anchor/checkpoint.ts';
export { readStreamHeads } from './anchor/streamHeads.ts';
export { scanStore } from './anchor/storeScan.ts';
export type { ScannedStream } from './anchor/storeScan.ts';
export { checkReadModel } from './projections/readModelCheck.ts';
export type { ReadModelCheck, ReadModelCheckOptions } from './projections/readModelCheck.ts';
export { createSqlTimers } from './sql/sqlTimers.ts';
export type { FireDueOptions, SqlTimers, SqlTimersOptions, Timer, TimerSpec } from './sql/sqlTimers.ts';
