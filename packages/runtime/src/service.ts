import type { KeyObject } from 'node:crypto';
import type { Router } from 'express';
import type { Logger } from 'pino';
import type { AgencyDirectory, SubjectRefOf, WorkingCalendar } from '@xianjie/contracts';
import type { AccessRules, PersonalDataReadRecorder, TokenVerifier } from '@xianjie/auth';
import type { EventStore, SqlClient } from '@xianjie/event-store';
import type { Bus } from '@xianjie/messaging';
import type { TransferPolicies } from './localRules.ts';

/** What every service is given, embedded or alone: the same ports, whichever adapters config chose. */
export interface ServiceDeps {
  store: EventStore;
  /** The SQL database for the service's read models (its own schema; nothing else reads it). */
  sql: SqlClient;
  /** Its SQL schema (the service name with `_`, after XIANJIE_SCHEMA_PREFIX). */
  schema: string;
  bus: Bus;
  directory: AgencyDirectory;
  /** 行政区划代码 → name, from the directory file. */
  regionNames: ReadonlyMap<string, string>;
  rules: AccessRules;
  logger: Logger;
  /** The working-day calendar deadlines count with (XIANJIE_CALENDAR_FILE over the built-in notices). */
  calendar: WorkingCalendar;
  /** The transfer policies deadlines count with (XIANJIE_LOCAL_RULES_FILE over the built-in table; absent: the table). */
  policies?: TransferPolicies;
  /** The commission's checkpoint signing key, loaded when asked (decision 0011); absent: a key for this process only. */
  checkpointKey?: () => KeyObject;
  /** Milliseconds between signed checkpoints (XIANJIE_CHECKPOINT_INTERVAL). */
  checkpointIntervalMs?: number;
  /** Reminder e-mail: the SMTP server (null/absent: no e-mail) and the sender. */
  smtp?: { url: string; from: string } | null;
  /** The clock; tests pass a fixed one. Business times of seeded or imported steps come in the commands. */
  now?: () => string;
  /** The platform's keyed `subjectRef` (ADR 0008; the key itself stays in runtime). */
  subjectRefOf: SubjectRefOf;
  /** 查询留痕: the commission's recorder (in-process in embedded mode, a signed HTTP call in distributed mode). */
  recordReads: PersonalDataReadRecorder;
  /** The platform's service key, for routes other services call (distributed mode); null in embedded mode. */
  serviceKey: string | null;
}

/** What the platform needs of any running service. */
export interface ServiceInstance {
  /** Start its projections, relays and consumers (consumers before publishers in a shared process). */
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Its HTTP API (commands, queries, downloads), as served alone and mounted in embedded mode. */
  router(verifier: TokenVerifier): Router;
}

export type ServiceFactory<S extends ServiceInstance = ServiceInstance> = (deps: ServiceDeps) => Promise<S>;

/** A service's SQL schema: its name with `_`, after the configured prefix. */
export const serviceSchema = (prefix: string, name: string): string => `${prefix}${name.replaceAll('-', '_')}`;
