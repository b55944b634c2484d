import type { Logger } from 'pino';
import type { Bus, BusSubscription } from './bus.ts';
import type { IntegrationMessage } from './integrationMessage.ts';

export interface ConsumerLoopOptions {
  bus: Bus;
  /** The consumer group (one per service and purpose, e.g. `police.transfer`). */
  groupId: string;
  topic: string;
  logger: Logger;
  /** What the log line calls the messages, e.g. `transfer` → "transfer message handled". */
  label: string;
  /** Handles one message once (the consumer's inbox); returns the outcome to log. */
  handle: (message: IntegrationMessage) => Promise<string>;
  /** Prepares the consumer's tables before the first message. */
  migrate: () => Promise<void>;
}

/**
 * The life of a service's consumer of one topic: migrate, make sure the topic exists, subscribe
 * from the beginning (the inbox makes redelivery harmless), log each outcome with its message id
 * and correlation id, stop. What a message does is the consumer's own `handle`.
 */
export const createConsumerLoop = (options: ConsumerLoopOptions) => {
  const { bus, logger } = options;
  let subscription: BusSubscription | null = null;
  return {
    async start(): Promise<void> {
      await options.migrate();
      await bus.ensureTopics([options.topic]);
      subscription = await bus.subscribe({
        groupId: options.groupId,
        topics: [options.topic],
        fromBeginning: true,
        handler: async (message, delivery) => {
          const outcome = await options.handle(message);
          logger.info(
            { messageId: message.id, type: message.type, correlationId: message.correlationid ?? null, outcome, attempt: delivery.attempt },
            `${options.label} message handled`,
          );
        },
      });
      await subscription.ready;
    },
    async stop(): Promise<void> {
      await subscription?.stop();
      subscription = null;
    },
  };
};

export type ConsumerLoop = ReturnType<typeof createConsumerLoop>;
