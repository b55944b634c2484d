import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import { z } from 'zod';
import { UnauthenticatedError, errorToWire, httpStatusOf, isXianjieError, parseInput, repeatOffenderPolicy } from '@xianjie/contracts';
import type { TokenVerifier } from '@xianjie/auth';
import type { Logger } from 'pino';
import type { DisciplineInspectionService } from './disciplineInspectionService.ts';


const RepeatOffendersQuery = z.object({
  windowDays: z.coerce.number().int().min(1).max(3650).default(repeatOffenderPolicy.windowDays),
  minViolations: z.coerce.number().int().min(2).max(100).default(repeatOffenderPolicy.minViolations),
  asOf: z.iso.datetime({ offset: true }).optional(),
});

/** The commission's oversight queries over HTTP, for the gateway in distributed mode. */
export const createOversightQueryApi = (deps: { service: DisciplineInspectionService; verifier: TokenVerifier; logger: Logger }): Router => {
  const router = express.Router();
  const principalOf = async (req: Request) => {
    const header = req.header('authorization');
    if (!header) throw new UnauthenticatedError();
    return deps.verifier.verify(header);
  };
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
  router.use((error: unknown, _req: Request, res: Response, _next: NextFunction) => {
    if (isXianjieError(error)) {
      res.status(httpStatusOf(error.code)).json({ error: errorToWire(error) });
      return;
    }
    deps.logger.error({ err: error }, 'oversight query failed');
    res.status(500).json({ error: { code: 'INTERNAL', message: 'internal error' } });
  });
  return router;
};
