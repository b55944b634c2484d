import express, { type Router } from 'express';
import { UnauthenticatedError } from '@xianjie/contracts';
import type { TokenVerifier } from '@xianjie/auth';
import type { Logger } from 'pino';
import type { OperationReports } from './operationReports.ts';
import { apiErrorHandler } from '@xianjie/http';

/** `GET /oversight/operation-reports`: the commission's inbox of operation result reports (bearer token). */
export const createOperationReportApi = (deps: { reports: OperationReports; verifier: TokenVerifier; logger: Logger }): Router => {
  const router = express.Router();
  router.get('/oversight/operation-reports', async (req, res, next) => {
    try {
      const header = req.header('authorization');
      if (!header) throw new UnauthenticatedError();
      res.json({ items: await deps.reports.list(await deps.verifier.verify(header)) });
    } catch (error) {
      next(error);
    }
  });
  router.use(apiErrorHandler(deps.logger, 'operation reports query'));
  return router;
};
