import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import { z } from 'zod';
import { parseInput } from '@xianjie/contracts';
import type { SupervisionCommandName, TokenVerifier } from '@xianjie/auth';
import type { Logger } from 'pino';
import { apiErrorHandler, principalFrom } from '@xianjie/http';
import { supervisionCommandNames } from './caseSupervision.ts';
import type { CaseSupervisionModule } from './caseSupervision.ts';

const AsOfQuery = z.object({ asOf: z.iso.datetime({ offset: true }).optional() });

/**
 * 挂牌督办 over HTTP (the gateway calls it in distributed mode): `POST /supervision-commands/:name`
 * (`superviseCase`, `liftCaseSupervision`; answers `{ item, version, duplicate, events }`),
 * `GET /oversight/supervised-cases?asOf=` and `GET /case-supervisions/:caseId?asOf=`
 * (`{ supervision: item | null }`). A bearer token is required; the access rules are applied by the module.
 */
export const createCaseSupervisionApi = (deps: { supervision: CaseSupervisionModule; verifier: TokenVerifier; logger: Logger }): Router => {
  const router = express.Router();
  const principalOf = principalFrom(deps.verifier);
  const route = (handler: (req: Request, res: Response) => Promise<void>) => async (req: Request, res: Response, next: NextFunction) => {
    try {
      await handler(req, res);
    } catch (error) {
      next(error);
    }
  };

  router.post(
    '/supervision-commands/:name',
    express.json({ limit: '256kb' }),
    route(async (req, res) => {
      const name = String(req.params.name) as SupervisionCommandName;
      if (!supervisionCommandNames.includes(name)) {
        res.status(404).json({ error: { code: 'NOT_FOUND', message: `unknown supervision command ${req.params.name}` } });
        return;
      }
      const principal = await principalOf(req);
      const correlationId = req.header('x-correlation-id') ?? undefined;
      const result = await deps.supervision.execute(name, req.body, { principal, ...(correlationId ? { correlationId } : {}) });
      res.status(result.duplicate ? 200 : 201).json({
        item: result.item,
        version: result.version,
        duplicate: result.duplicate,
        events: result.events.map((e) => e.type),
      });
    }),
  );
  router.get(
    '/oversight/supervised-cases',
    route(async (req, res) => {
      const principal = await principalOf(req);
      const { asOf } = parseInput(AsOfQuery, req.query);
      res.json({ items: await deps.supervision.list(principal, asOf) });
    }),
  );
  router.get(
    '/case-supervisions/:caseId',
    route(async (req, res) => {
      const principal = await principalOf(req);
      const { asOf } = parseInput(AsOfQuery, req.query);
      res.json({ supervision: await deps.supervision.ofCase(principal, String(req.params.caseId), asOf) });
    }),
  );
  router.use(apiErrorHandler(deps.logger, 'supervision API'));
  return router;
};
