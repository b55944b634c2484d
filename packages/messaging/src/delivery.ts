/**
 * What happens to one record a consumer receives, the same for every adapter: decode and validate
 * it, run the handler with retries and backoff, and send it to the dead-letter topic when it is
 * invalid or the handler keeps failing. It resolves when the record is done with (the adapter then
 * commits its offset) and rejects when the subscription is stopping or the dead letter could not be
 * written (the adapter then leaves the offset alone, so the record comes again).
 */
import type { Logger } from 'pino';
import { backoffDelay } from '@xianjie/event-store';
import type { DeadLetter, DeliveryContext, MessageHandler, RetryOptions } from './bus.ts';
import { DLQ_HEADERS } from './bus.ts';
import type { RawMessage } from './binaryBinding.ts';
import { decodeMessage } from './binaryBinding.ts';
import type { MessageRegistry } from './integrationMessage.ts';

export interface RecordPosition {
  topic: string;
  partition: number;
  offset: string;
}

export interface DeliveryOptions {
  registry: MessageRegistry;
  handler: MessageHandler;
  groupId: string;
  retry?: RetryOptions;
  logger: Logger;
  /** Writes the record to `<topic>.dlq` (adapter-specific). */
  sendDeadLetter: (record: RawMessage, position: RecordPosition) => Promise<void>;
  /** Aborted when the subscription stops: retries end and the record is left uncommitted. */
  signal: AbortSignal;
}

export class SubscriptionStoppedError extends Error {
  constructor() {
    super('subscription stopped');
    this.name = 'SubscriptionStoppedError';
  }
}

const MAX_REASON_LENGTH = 2000;

export const deadLetterRecord = (raw: RawMessage, reason: string, position: RecordPosition): RawMessage => ({
  key: raw.key,
  value: raw.value,
  headers: {
    ...raw.headers,
    [DLQ_HEADERS.reason]: reason.slice(0, MAX_REASON_LENGTH),
    [DLQ_HEADERS.originalTopic]: position.topic,
    [DLQ_HEADERS.originalPartition]: String(position.partition),
    [DLQ_HEADERS.originalOffset]: position.offset,
  },
});

export const readDeadLetter = (record: RawMessage): DeadLetter => {
  const headers = { ...record.headers };
  const take = (name: string) => {
    const value = headers[name] ?? '';
    delete headers[name];
    return value;
  };
  const reason = take(DLQ_HEADERS.reason);
  const originalTopic = take(DLQ_HEADERS.originalTopic);
  const originalPartition = Number(take(DLQ_HEADERS.originalPartition));
  const originalOffset = take(DLQ_HEADERS.originalOffset);
  return { raw: { key: record.key, value: record.value, headers }, reason, originalTopic, originalPartition, originalOffset };
};

/** Resolves after `ms`, or rejects with SubscriptionStoppedError as soon as `signal` aborts. */
export const sleep = (ms: number, signal?: AbortSignal): Promise<void> =>
  new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new SubscriptionStoppedError());
    const onAbort = () => {
      clearTimeout(timer);
      reject(new SubscriptionStoppedError());
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });

export const createDelivery = (options: DeliveryOptions) => {
  const maxAttempts = Math.max(1, options.retry?.maxAttempts ?? 5);
  const initialDelayMs = options.retry?.initialDelayMs ?? 100;
  const maxDelayMs = options.retry?.maxDelayMs ?? 5_000;
  const { logger, signal } = options;

  const deadLetter = async (raw: RawMessage, reason: string, position: RecordPosition) => {
    logger.warn({ ...position, groupId: options.groupId, reason, messageId: raw.headers.ce_id }, 'message sent to the dead-letter topic');
    await options.sendDeadLetter(deadLetterRecord(raw, reason, position), position);
  };

  return async (raw: RawMessage, position: RecordPosition): Promise<void> => {
    const decoded = decodeMessage(raw, options.registry);
    if (!decoded.ok) return deadLetter(raw, decoded.reason, position);
    const { message } = decoded;
    let lastError: unknown;
    for (let attempt = 1; attempt <= maxAttempts; attempt++) {
      if (signal.aborted) throw new SubscriptionStoppedError();
      const context: DeliveryContext = { ...position, attempt };
      const started = performance.now();
      try {
        await options.handler(message, context);
        logger.info(
          { ...position, groupId: options.groupId, type: message.type, messageId: message.id, correlationId: message.correlationid, attempt, ms: Math.round(performance.now() - started) },
          'message handled',
        );
        return;
      } catch (error) {
        lastError = error;
        logger.warn(
          { ...position, groupId: options.groupId, type: message.type, messageId: message.id, correlationId: message.correlationid, attempt, err: error },
          'message handler failed',
        );
        if (attempt < maxAttempts) await sleep(backoffDelay(attempt, initialDelayMs, maxDelayMs), signal);
      }
    }
    const why = lastError instanceof Error ? `${lastError.name}: ${lastError.message}` : String(lastError);
    return deadLetter(raw, `handler failed ${maxAttempts} times; last error: ${why}`, position);
  };
};
