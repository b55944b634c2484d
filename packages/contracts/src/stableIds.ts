import { createHash, randomUUID } from 'node:crypto';

/**
 * A UUID derived from a name (SHA-256, first 16 bytes, version-5 layout): the same name always
 * gives the same id. Used so a retried command or a redelivered message finds the stream it
 * created instead of creating another.
 */
export const stableUuid = (name: string): string => {
  const b = Buffer.from(createHash('sha256').update(name).digest().subarray(0, 16));
  b[6] = (b[6]! & 0x0f) | 0x50;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
};

/**
 * The id of the stream a command creates: stable for a `commandId` within its `scope` (the
 * creating agency: `<kind>:<scope>:<commandId>`), random without one. The scope keeps another
 * agency's replayed commandId from landing on (and revealing) that agency's record: it names a
 * record of the caller's own instead (decision 0010).
 */
export const idForCommand = (kind: string, scope: string, commandId: string | undefined): string =>
  commandId ? stableUuid(`${kind}:${scope}:${commandId}`) : randomUUID();
