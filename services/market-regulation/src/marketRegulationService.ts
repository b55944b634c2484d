import type { Logger } from 'pino';
import { integrationTopic, type AgencyDirectory } from '@xianjie/contracts';
import type { AccessRules } from '@xianjie/auth';
import { createSqlProjector, type EventStore, type SqlClient } from '@xianjie/event-store';
import { createCaseProjection, createCaseQueries } from './caseReadModel.ts';
import { createCaseNumbers } from './caseNumbers.ts';
import { createCaseService } from './caseService.ts';
import { createOutboxRelay, type Bus, type OutboxRelay } from '@xianjie/messaging';
import { caseIntegrationMessages } from './caseIntegrationMessages.ts';

export interface MarketRegulationServiceOptions {
  store: EventStore;
  /** The service's own SQL database for read models (its own schema; nothing else reads it). */
  sql: SqlClient;
  schema?: string;
  directory: AgencyDirectory;
  rules: AccessRules;
  logger: Logger;
  now?: () => string;
  /** Where the public case events go (the outbox relay publishes them); none = no relay. */
  bus?: Bus;
}

/** 市场监管/药监: the case workflow, its read model and its command API, wired. */
export const createMarketRegulationService = async (options: MarketRegulationServiceOptions) => {
  const schema = options.schema ?? 'market_regulation';
  const logger = options.logger.child({ service: 'market-regulation' });
  const projection = createCaseProjection(schema);
  const projector = createSqlProjector({
    store: options.store,
    sql: options.sql,
    projection,
    schema,
    onError: (err) => logger.error({ err }, 'case projection failed; will retry'),
  });
  const numbers = createCaseNumbers(options.sql, schema);
  await projector.migrate();
  await numbers.migrate();
  const queries = createCaseQueries(options.sql, schema);
  const relay: OutboxRelay | null = options.bus
    ? createOutboxRelay({
        relayId: 'market-regulation',
        store: options.store,
        sql: options.sql,
        schema,
        streamPrefixes: ['case-'],
        toIntegrationMessages: caseIntegrationMessages,
        bus: options.bus,
        logger,
      })
    : null;
  const cases = createCaseService({
    store: options.store,
    queries,
    numbers,
    projector,
    directory: options.directory,
    rules: options.rules,
    logger,
    now: options.now ?? (() => new Date().toISOString()),
    onAppended: () => relay?.notify(),
  });
  return {
    cases,
    queries,
    projector,
    relay,
    async start() {
      await projector.catchUp();
      projector.start();
      if (relay && options.bus) {
        await options.bus.ensureTopics([integrationTopic('case')]);
        await relay.start();
      }
    },
    async stop() {
      await relay?.stop();
      await projector.stop();
    },
  };
};

export type MarketRegulationService = Awaited<ReturnType<typeof createMarketRegulationService>>;
