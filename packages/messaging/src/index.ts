// The public surface of @xianjie/messaging. The contract suite is '@xianjie/messaging/contract-suite'.
export type {
  Bus,
  BusSubscription,
  DeadLetter,
  DeadLetterSubscribeOptions,
  DeliveryContext,
  MessageHandler,
  RetryOptions,
  SubscribeOptions,
  TopicSpec,
} from './bus.ts';
export { deadLetterTopic, DLQ_HEADERS, DEFAULT_PARTITIONS } from './bus.ts';

export type { IntegrationMessage, MessageRegistry, ValidationResult } from './integrationMessage.ts';
export { createMessageRegistry, integrationMessageSchema } from './integrationMessage.ts';

export type { RawMessage, DecodeResult } from './binaryBinding.ts';
export { encodeMessage, decodeMessage } from './binaryBinding.ts';

export type { KafkaBusOptions, KafkaClientRetryOptions } from './kafkaBus.ts';
export { createKafkaBus } from './kafkaBus.ts';
export type { MemoryBusOptions } from './memoryBus.ts';
export { createMemoryBus } from './memoryBus.ts';

export type { Inbox, InboxOptions, HandleOnceResult } from './inbox.ts';
export { createInbox } from './inbox.ts';

export type {
  OutboxRelay,
  OutboxRelayOptions,
  OutboundMessage,
  ToIntegrationMessages,
  RelayRound,
  MessageFromEventFields,
} from './outboxRelay.ts';
export { createOutboxRelay, integrationMessageFrom, messageIdFor, aggregateIdOf } from './outboxRelay.ts';

export type { ConsumerLoop, ConsumerLoopOptions } from './consumerLoop.ts';
export { createConsumerLoop } from './consumerLoop.ts';
