import express, { type Request, type Response, type NextFunction, type Router } from 'express';
import type { TokenVerifier } from '@xianjie/auth';
import type { Logger } from 'pino';
import { caseCommandNames, type CaseCommandName, type CaseService } from './caseService.ts';
import { apiErrorHandler, principalFrom } from '@xianjie/http';


/**
 * The service's command API over HTTP: `POST /commands/:name` with a bearer token and the command
 * input as JSON; the same handlers the gateway calls in-process in embedded mode.
 */
export const createCommandApi = (deps: { cases: CaseService; verifier: TokenVerifier; logger: Logger }): Router => {
  const router = express.Router();
  router.use(express.json({ limit: '1mb' }));
  router.post('/commands/:name', async (req: Request, res: Response, next: NextFunction) => {
    try {
      const name = req.params.name as CaseCommandName;
      if (!caseCommandNames.includes(name)) {
        res.status(404).json({ error: { code: 'NOT_FOUND', message: `unknown command ${req.params.name}` } });
        return;
      }
      const principal = await principalFrom(deps.verifier)(req);
      const correlationId = req.header('x-correlation-id') ?? undefined;
      const result = await deps.cases.execute(name, req.body, { principal, ...(correlationId ? { correlationId } : {}) });
      res.status(result.duplicate ? 200 : 201).json({
        caseId: result.caseId,
        streamId: result.streamId,
        version: result.version,
        duplicate: result.duplicate,
        state: result.state,
      });
    } catch (error) {
      next(error);
    }
  });
  router.use(apiErrorHandler(deps.logger, 'command'));
  return router;
};
