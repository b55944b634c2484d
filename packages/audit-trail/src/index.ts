// @xianjie/audit-trail: a stream's audit trail, served by the service that owns the stream.
export {
  createAuditTrailReader,
  maskPersonalData,
  type AuditEventView,
  type AuditTrailReader,
  type AuditTrailReaderOptions,
  type AuditTrailView,
  type StreamAccess,
} from './auditTrail.ts';
export { createAuditTrailRoute } from './auditTrailRoute.ts';
export { ownedByAgencyKinds, ownedByPrefix } from './streamOwnership.ts';
