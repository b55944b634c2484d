import type { Logger } from 'pino';
import { integrationEventSchemas } from '@xianjie/contracts';
import { createKafkaBus, createMemoryBus, createMessageRegistry, type Bus } from '@xianjie/messaging';
import type { Config } from './config.ts';

/** The bus chosen by XIANJIE_BUS, validating every public message type the contracts name. */
export const createBus = (config: Config, logger: Logger, clientId: string): Bus => {
  const registry = createMessageRegistry(integrationEventSchemas());
  return config.XIANJIE_BUS === 'kafka'
    ? createKafkaBus({ brokers: config.KAFKA_BROKERS!.split(','), clientId, registry, logger })
    : createMemoryBus({ registry, logger });
};
