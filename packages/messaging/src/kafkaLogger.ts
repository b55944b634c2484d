/** kafkajs logs through pino, so broker trouble shows in the service's structured log. */
import type { Logger } from 'pino';
import { logLevel } from 'kafkajs';
import type { logCreator } from 'kafkajs';

const levels = {
  [logLevel.NOTHING]: 'silent',
  [logLevel.ERROR]: 'error',
  [logLevel.WARN]: 'warn',
  [logLevel.INFO]: 'info',
  [logLevel.DEBUG]: 'debug',
} as const;

export const pinoLogCreator =
  (logger: Logger): logCreator =>
  () =>
  ({ namespace, level, log }) => {
    const { message, timestamp: _timestamp, logger: _logger, ...extra } = log;
    const method = levels[level];
    if (method !== 'silent') logger[method]({ kafkajs: namespace, ...extra }, message);
  };

export { logLevel };
