import express, { type Router } from 'express';
import type { Logger } from 'pino';
import { NotFoundError } from '@xianjie/contracts';
import type { TokenVerifier } from '@xianjie/auth';
import { apiErrorHandler, bearerOf, principalFrom } from '@xianjie/http';
import type { AuditTrailReader } from './auditTrail.ts';

/**
 * `GET /audit-trails/:streamId`: a stream this service owns, for a caller the rules allow (distributed
 * mode); NOT_FOUND alike for a stream that is not there and one the caller may not see.
 */
export const createAuditTrailRoute = (deps: { reader: AuditTrailReader; verifier: TokenVerifier; logger: Logger }): Router => {
  const router = express.Router();
  const principalOf = principalFrom(deps.verifier);
  router.get('/audit-trails/:streamId', async (req, res, next) => {
    try {
      const principal = await principalOf(req);
      const correlationId = req.header('x-correlation-id');
      const reader = { principal, token: bearerOf(req), ...(correlationId ? { correlationId } : {}) };
      const trail = await deps.reader.read(reader, String(req.params.streamId));
      if (!trail) throw new NotFoundError('Stream', String(req.params.streamId));
      res.json(trail);
    } catch (error) {
      next(error);
    }
  });
  router.use(apiErrorHandler(deps.logger, 'audit trail'));
  return router;
};
