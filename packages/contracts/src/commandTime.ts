import { ValidationError } from './errors.ts';
import { IsoDateTime } from './scalars.ts';

/**
 * The business time of a command: `occurredAt` when a trusted in-process caller states when the
 * step happened (the demo seed, an importer of past records), else the service's `now`. A stated
 * time must be an ISO-8601 date-time with offset and not after `now`: the past may be recorded,
 * the future may not. The store still stamps its own `recordedAt`, so the audit trail shows both.
 */
export const commandTime = (occurredAt: string | undefined, now: string): string => {
  if (occurredAt === undefined) return now;
  if (!IsoDateTime.safeParse(occurredAt).success) {
    throw new ValidationError([{ path: 'occurredAt', message: `“${occurredAt}”不是带时区的 ISO-8601 时间` }]);
  }
  if (Date.parse(occurredAt) > Date.parse(now)) {
    throw new ValidationError([{ path: 'occurredAt', message: `${occurredAt} 晚于当前时间（${now}）：办理时间不能在将来` }]);
  }
  return occurredAt;
};
