import { remoteCall, type CallerAuth } from '@xianjie/http/client';
import type { AuditTrailView } from './auditTrail.ts';

export type { AuditEventView, AuditTrailView } from './auditTrail.ts';

/** The audit trail port every owning service serves: in-process, or over HTTP (null: not this service's, or empty). */
export type AuditTrailLookup = (streamId: string, auth: CallerAuth) => Promise<AuditTrailView | null>;

export const httpAuditTrailLookup =
  (baseUrl: string): AuditTrailLookup =>
  async (streamId, auth) => {
    try {
      return await remoteCall<AuditTrailView>(baseUrl, `/audit-trails/${encodeURIComponent(streamId)}`, auth);
    } catch (error) {
      if ((error as { code?: string }).code === 'NOT_FOUND') return null;
      throw error;
    }
  };

/** The in-process lookup of a service's reader (embedded mode). */
export const inProcessAuditTrailLookup =
  (reader: { read(reader: CallerAuth, streamId: string): Promise<AuditTrailView | null> }): AuditTrailLookup =>
  (streamId, auth) =>
    reader.read(auth, streamId);

/**
 * One lookup over every service: each serves only the streams it owns, so at most one answers;
 * asked together, the trail comes from its owner (null when none serves it to this caller).
 */
export const anyOwnerAuditTrail =
  (lookups: readonly AuditTrailLookup[]): AuditTrailLookup =>
  async (streamId, auth) => {
    const answers = await Promise.all(lookups.map((lookup) => lookup(streamId, auth)));
    return answers.find((answer) => answer !== null) ?? null;
  };
