import { z } from 'zod';

/** ISO-8601 date-time with an explicit offset (`2024-05-06T09:30:00+08:00` or `...Z`). */
export const IsoDateTime = z.iso.datetime({ offset: true });
export type IsoDateTime = z.infer<typeof IsoDateTime>;

/** Money in fen (分): a non-negative integer, never a float of yuan. */
export const Fen = z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER);
export type Fen = z.infer<typeof Fen>;

/** An opaque identifier chosen by a service (uuid, case number, ...). */
export const Id = z.string().trim().min(1).max(200);

/** Optional idempotency key carried by every command input. */
export const CommandId = z.string().trim().min(1).max(200);

/** Optimistic concurrency: the stream version the caller last saw (0 = no events yet). */
export const ExpectedVersion = z.number().int().nonnegative();
