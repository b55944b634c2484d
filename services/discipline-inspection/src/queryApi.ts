import express, { type Router } from 'express';
import { z } from 'zod';
import { parseInput, repeatOffenderPolicy } from '@xianjie/contracts';
import type { TokenVerifier } from '@xianjie/auth';
import type { Logger } from 'pino';
import type { Principal } from '@xianjie/auth';
import type { OversightQueries } from './oversightQueries.ts';
import { apiErrorHandler, principalFrom } from '@xianjie/http';

/** What the oversight API needs of the service. */
export interface OversightSource {
  queries: OversightQueries;
  overseenAgencies(principal: Principal): string[];
}


const RepeatOffendersQuery = z.object({
  windowDays: z.coerce.number().int().min(1).max(3650).default(repeatOffenderPolicy.windowDays),
  minViolations: z.coerce.number().int().min(2).max(100).default(repeatOffenderPolicy.minViolations),
  asOf: z.iso.datetime({ offset: true }).optional(),
});

/** The commission's oversight queries over HTTP, for the gateway in distributed mode. */
export const createOversightQueryApi = (deps: { service: OversightSource; verifier: TokenVerifier; logger: Logger }): Router => {
  const router = express.Router();
  const principalOf = principalFrom(deps.verifier);
  router.get('/oversight/penalty-instead-of-transfer', async (req, res, next) => {
    try {
      const agencies = deps.service.overseenAgencies(await principalOf(req));
      res.json({ items: await deps.service.queries.penaltyInsteadOfTransfer(agencies) });
    } catch (error) {
      next(error);
    }
  });
  router.get('/oversight/repeat-offenders', async (req, res, next) => {
    try {
      const agencies = deps.service.overseenAgencies(await principalOf(req));
      const q = parseInput(RepeatOffendersQuery, req.query);
      res.json({
        items: await deps.service.queries.repeatOffenders({ ...q, agencyIds: agencies, asOf: q.asOf ?? new Date().toISOString() }),
      });
    } catch (error) {
      next(error);
    }
  });
  router.use(apiErrorHandler(deps.logger, 'oversight query'));
  return router;
};
