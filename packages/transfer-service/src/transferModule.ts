import type { Logger } from 'pino';
import { integrationTopic } from '@xianjie/contracts';
import type { AgencyDirectory, AgencyKind } from '@xianjie/contracts';
import type { AccessRules } from '@xianjie/auth';
import type { TransferDeciderOptions } from '@xianjie/domain';
import { createSqlProjector } from '@xianjie/event-store';
import type { EventStore, SqlClient } from '@xianjie/event-store';
import { createOutboxRelay } from '@xianjie/messaging';
import type { Bus, OutboxRelay } from '@xianjie/messaging';
import { createTransferConsumer } from './transferConsumer.ts';
import type { TransferConsumer } from './transferConsumer.ts';
import { createTransferIntegrationMessages } from './transferIntegrationMessages.ts';
import { createTransferProjection, createTransferQueries } from './transferReadModel.ts';
import { createTransferService } from './transferService.ts';
import { createTransferAccess } from './transferAccess.ts';
import { createTransferViews } from './transferViews.ts';
import { createTransferHttpApi } from './transferHttpApi.ts';
import type { TokenVerifier } from '@xianjie/auth';

export interface TransferModuleOptions {
  /** The owning service, e.g. `police`: relay id, consumer group, system actor, message source. */
  serviceName: string;
  agencyKinds: readonly AgencyKind[];
  store: EventStore;
  /** The service's own SQL database; `schema` is its own (read model, incoming, inbox, checkpoints). */
  sql: SqlClient;
  schema: string;
  directory: AgencyDirectory;
  rules: AccessRules;
  logger: Logger;
  now?: () => string;
  decider?: TransferDeciderOptions;
  /** The bus: none = no relay and no consumer (commands and queries only). */
  bus?: Bus;
}

/**
 * The transfer workflow of one service, wired: commands, read model (projector), outbox relay
 * and consumer. A service (market-regulation, police, …) creates one and starts it beside its own.
 */
export const createTransferModule = async (options: TransferModuleOptions) => {
  const { serviceName, schema, sql, store, bus } = options;
  const logger = options.logger.child({ service: serviceName, workflow: 'transfer' });
  const projector = createSqlProjector({
    store,
    sql,
    schema,
    projection: createTransferProjection({
      schema,
      agencyKinds: options.agencyKinds,
      ...(options.decider ? { decider: options.decider } : {}),
    }),
    onError: (err) => logger.error({ err }, 'transfer projection failed; will retry'),
  });
  await projector.migrate();
  const queries = createTransferQueries(sql, schema);
  const relay: OutboxRelay | null = bus
    ? createOutboxRelay({
        relayId: `${serviceName}.transfer`,
        store,
        sql,
        schema,
        streamPrefixes: ['transfer-'],
        toIntegrationMessages: createTransferIntegrationMessages({
          source: `/xianjie/${serviceName}`,
          agencyKinds: options.agencyKinds,
          directory: options.directory,
        }),
        bus,
        logger,
      })
    : null;
  const transfers = createTransferService({
    store,
    sql,
    schema,
    directory: options.directory,
    rules: options.rules,
    logger,
    now: options.now ?? (() => new Date().toISOString()),
    agencyKinds: options.agencyKinds,
    ...(options.decider ? { decider: options.decider } : {}),
    onAppended: () => relay?.notify(),
  });
  await transfers.incoming.migrate();
  const consumer: TransferConsumer | null = bus
    ? createTransferConsumer({ serviceName, bus, sql, schema, service: transfers, agencyKinds: options.agencyKinds, logger })
    : null;
  await consumer?.migrate();
  const views = createTransferViews({
    store,
    incoming: transfers.incoming,
    directory: options.directory,
    rules: options.rules,
    agencyKinds: options.agencyKinds,
    ...(options.decider?.calendar ? { calendar: options.decider.calendar } : {}),
    ...(options.decider?.policies ? { policies: options.decider.policies } : {}),
  });
  const api = {
    ...createTransferAccess({ queries, rules: options.rules, directory: options.directory, agencyKinds: options.agencyKinds }),
    /** A transfer as this service's own streams know it, for its parties (null to anyone else). */
    transferView: views.view,
  };
  return {
    transfers,
    queries,
    /** The queries with the access rules applied (in-process client and HTTP API). */
    api,
    /** The HTTP router of the transfer commands and queries (distributed mode). */
    httpApi: (verifier: TokenVerifier) => createTransferHttpApi({ transfers, access: api, verifier, logger }),
    projector,
    relay,
    consumer,
    async start() {
      await projector.catchUp();
      projector.start();
      if (bus) {
        await bus.ensureTopics([integrationTopic('transfer')]);
        await relay?.start();
        await consumer?.start();
      }
    },
    async stop() {
      await consumer?.stop();
      await relay?.stop();
      await projector.stop();
    },
  };
};

export type TransferModule = Awaited<ReturnType<typeof createTransferModule>>;
