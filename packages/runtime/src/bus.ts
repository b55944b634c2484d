import type { Logger } from 'pino';
import { integrationEventSchemas } from '@xianjie/contracts';
import { createKafkaBus, createMemoryBus, createMessageRegistry, type Bus } from '@xianjie/messaging';
import type { Config } from './config.ts';

/**
 * The bus chosen by XIANJIE_BUS, validating every public message type the contracts name. On Kafka,
 * XIANJIE_SCHEMA_PREFIX also prefixes topics and consumer groups: runs that share a broker stay apart.
 */
export const createBus = (config: Config, logger: Logger, clientId: string): Bus => {
  const registry = createMessageRegistry(integrationEventSchemas());
  return config.XIANJIE_BUS === 'kafka'
    ? createKafkaBus({
        brokers: config.KAFKA_BROKERS!.split(','),
        clientId,
        registry,
        logger,
        namespace: config.XIANJIE_SCHEMA_PREFIX,
        // A crashed service's partitions move to its restarted self (or a peer) after this long;
        // handlers are short (one append or one SQL transaction), so 10 s leaves heartbeats room.
        sessionTimeout: 10_000,
      })
    : createMemoryBus({ registry, logger });
};
