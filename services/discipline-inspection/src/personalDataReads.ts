import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { z } from 'zod';
import {
  PersonalDataRead,
  RecordPersonalDataReadInput,
  parseInput,
  personalDataReadStreamId,
  personalDataReadStreamPrefix,
} from '@xianjie/contracts';
import type { Actor, PersonalDataReadField, PersonalDataReadItem } from '@xianjie/contracts';
import { assertAllowed } from '@xianjie/auth';
import type { AccessRules, Principal } from '@xianjie/auth';
import { createSqlProjector, NO_CONCURRENCY_CHECK } from '@xianjie/event-store';
import type { EventStore, SqlClient, SqlProjection } from '@xianjie/event-store';

/** One recorded read as the list shows it. */
export interface PersonalDataReadRecord {
  /** The reading commission's stream of the month (`data-reads-<agencyId>-<YYYYMM>`) and the event's version in it. */
  streamId: string;
  version: number;
  reader: Actor;
  field: PersonalDataReadField;
  items: PersonalDataReadItem[];
  readAt: string;
  /** The request's correlation id (the GraphQL request that read the data). */
  correlationId: string;
}

export interface RecordedPersonalDataRead {
  streamId: string;
  version: number;
  readAt: string;
}

/** The list's query: reads in `[from, to)`, optionally by one reader. */
export const PersonalDataReadsQuery = z
  .object({
    from: z.iso.datetime({ offset: true }),
    to: z.iso.datetime({ offset: true }),
    readerId: z.string().trim().min(1).optional(),
  })
  .refine((q) => Date.parse(q.from) <= Date.parse(q.to), {
    path: ['to'],
    message: 'to must not be before from',
  });
export type PersonalDataReadsQuery = z.infer<typeof PersonalDataReadsQuery>;

const iso = (value: unknown): string =>
  (value instanceof Date ? value : new Date(String(value))).toISOString();

/** The read model of 查询留痕: one row per `PersonalDataRead` event of the `data-reads-` streams; rebuildable. */
export const createPersonalDataReadProjection = (schema: string): SqlProjection => {
  const table = `"${schema}".personal_data_reads`;
  return {
    name: `${schema}.personal_data_reads`,
    // Bump on any change to this read model's tables or apply logic: the projector then rebuilds it.
    version: 1,
    streamPrefixes: [personalDataReadStreamPrefix],
    async migrate(sql) {
      await sql.exec(`CREATE SCHEMA IF NOT EXISTS "${schema}";
        CREATE TABLE IF NOT EXISTS ${table} (
          stream_id text NOT NULL,
          version integer NOT NULL,
          reader_user_id text NOT NULL,
          reader_agency_id text NOT NULL,
          reader jsonb NOT NULL,
          field text NOT NULL,
          items jsonb NOT NULL,
          read_at timestamptz NOT NULL,
          correlation_id text NOT NULL,
          PRIMARY KEY (stream_id, version));
        CREATE INDEX IF NOT EXISTS personal_data_reads_read_at_idx ON ${table} (read_at);`);
    },
    async reset(tx) {
      await tx.exec(`TRUNCATE ${table};`);
    },
    async apply(tx, recorded) {
      if (!recorded.streamId.startsWith(personalDataReadStreamPrefix) || recorded.type !== 'PersonalDataRead')
        return;
      const data = PersonalDataRead.parse(recorded.data);
      await tx.query(
        `INSERT INTO ${table} (stream_id, version, reader_user_id, reader_agency_id, reader, field, items, read_at, correlation_id)
         VALUES ($1, $2, $3, $4, $5::jsonb, $6, $7::jsonb, $8, $9) ON CONFLICT (stream_id, version) DO NOTHING`,
        [
          recorded.streamId,
          recorded.version,
          data.reader.userId,
          data.reader.agencyId,
          JSON.stringify(data.reader),
          data.field,
          JSON.stringify(data.items),
          data.readAt,
          recorded.metadata.correlationId,
        ],
      );
    },
  };
};

export interface PersonalDataReadsOptions {
  store: EventStore;
  sql: SqlClient;
  schema: string;
  rules: AccessRules;
  logger: Logger;
  /** The clock: ISO-8601 now. */
  now: () => string;
}

/**
 * 查询留痕 (DESIGN §3.4): the commission records every read of a natural person's data by its
 * overseers on its own stream per month (`data-reads-<agencyId>-<YYYYMM>`, hash-chained, the reader
 * as the event's actor), and lists them to its supervisors. `record` is called by the gateway
 * BEFORE it returns the data; when it fails the read is not served (fail closed). Whether a read
 * must be recorded is decided by auth's `mustRecordPersonalDataRead`, not here: the service records
 * what the (authenticated) reader reports about itself.
 */
export const createPersonalDataReads = (options: PersonalDataReadsOptions) => {
  const { store, sql, rules, logger, now } = options;
  const table = `"${options.schema}".personal_data_reads`;
  const projector = createSqlProjector({
    store,
    sql,
    schema: options.schema,
    projection: createPersonalDataReadProjection(options.schema),
    onError: (err) => logger.error({ err }, 'personal data read projection failed; will retry'),
  });

  return {
    projector,
    async migrate() {
      await projector.migrate();
    },
    async start() {
      await projector.catchUp();
      projector.start();
    },
    async stop() {
      await projector.stop();
    },

    /** Appends one `PersonalDataRead` (the reader is the principal) to its commission's stream of the month. */
    async record(
      rawInput: unknown,
      context: { principal: Principal; correlationId?: string },
    ): Promise<RecordedPersonalDataRead> {
      const input = parseInput(RecordPersonalDataReadInput, rawInput);
      const { principal } = context;
      const correlationId = context.correlationId ?? randomUUID();
      const readAt = now();
      const reader: Actor = {
        userId: principal.userId,
        name: principal.name,
        agencyId: principal.agencyId,
        roles: [...principal.roles],
      };
      const data = PersonalDataRead.parse({ reader, field: input.field, items: input.items, readAt });
      const streamId = personalDataReadStreamId(principal.agencyId, readAt);
      // Reads do not depend on each other: no concurrency check; the store still chains the hashes.
      const result = await store.appendToStream(
        streamId,
        [
          {
            type: 'PersonalDataRead',
            data,
            metadata: {
              actor: reader,
              occurredAt: readAt,
              correlationId,
              causationId: null,
              commandId: null,
            },
          },
        ],
        { expectedVersion: NO_CONCURRENCY_CHECK },
      );
      logger.info(
        {
          command: 'recordPersonalDataRead',
          streamId,
          field: input.field,
          caseIds: input.items.map((i) => i.caseId),
          actor: principal.userId,
          correlationId,
        },
        'personal data read recorded',
      );
      return { streamId, version: result.nextExpectedVersion, readAt };
    },

    /**
     * 查询留痕: the reads in `[from, to)` (optionally of one reader) that the principal may see: a
     * commission's supervisors see the readers of their commission and of the agencies in their
     * region and below; admins see all. Oldest first.
     */
    async list(principal: Principal, rawQuery: unknown): Promise<PersonalDataReadRecord[]> {
      assertAllowed(rules.canReadPersonalDataReads(principal));
      const query = parseInput(PersonalDataReadsQuery, rawQuery);
      const params: unknown[] = [query.from, query.to];
      if (query.readerId) params.push(query.readerId);
      const { rows } = await sql.query<{
        stream_id: string;
        version: number;
        reader_agency_id: string;
        reader: Actor;
        field: PersonalDataReadField;
        items: PersonalDataReadItem[];
        read_at: unknown;
        correlation_id: string;
      }>(
        `SELECT stream_id, version, reader_agency_id, reader, field, items, read_at, correlation_id FROM ${table}
         WHERE read_at >= $1 AND read_at < $2 ${query.readerId ? 'AND reader_user_id = $3' : ''}
         ORDER BY read_at, stream_id, version`,
        params,
      );
      return rows
        .filter(
          (row) =>
            rules.canReadPersonalDataReads(principal, { readerAgencyId: row.reader_agency_id }).allowed,
        )
        .map((row) => ({
          streamId: row.stream_id,
          version: Number(row.version),
          reader: row.reader,
          field: row.field,
          items: row.items,
          readAt: iso(row.read_at),
          correlationId: row.correlation_id,
        }));
    },
  };
};

export type PersonalDataReads = ReturnType<typeof createPersonalDataReads>;
