import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import { z } from 'zod';
import { NotFoundError, parseInput } from '@xianjie/contracts';
import type { FilingSupervisionCommandName, TokenVerifier } from '@xianjie/auth';
import type { Logger } from 'pino';
import { apiErrorHandler, principalFrom } from '@xianjie/http';
import { filingSupervisionCommandNames } from './filingSupervision.ts';
import type { FilingSupervisionModule } from './filingSupervision.ts';
import type { TransferCopies } from './transferCopies.ts';

const AsOfQuery = z.object({ asOf: z.iso.datetime({ offset: true }).optional() });

/**
 * The procuratorate over HTTP (the gateway calls it in distributed mode): `GET /transfer-copies`,
 * `GET /transfer-copies/:id` (404 when not the caller's to read), `POST /filing-supervision-commands/:name`
 * (`{ item, version, duplicate, events }`), `GET /filing-supervisions?asOf=` (the procuratorate's list)
 * and `GET /filing-supervisions/:transferId?asOf=` (`{ supervision: item | null }`, for the parties too).
 * A bearer token is required; the access rules are applied by the modules.
 */
export const createProcuratorateApi = (deps: {
  copies: TransferCopies;
  supervision: FilingSupervisionModule;
  verifier: TokenVerifier;
  logger: Logger;
}): Router => {
  const router = express.Router();
  const principalOf = principalFrom(deps.verifier);
  const route = (handler: (req: Request, res: Response) => Promise<void>) => async (req: Request, res: Response, next: NextFunction) => {
    try {
      await handler(req, res);
    } catch (error) {
      next(error);
    }
  };

  router.get(
    '/transfer-copies',
    route(async (req, res) => {
      res.json({ items: await deps.copies.list(await principalOf(req)) });
    }),
  );
  router.get(
    '/transfer-copies/:transferId',
    route(async (req, res) => {
      const principal = await principalOf(req);
      const id = String(req.params.transferId);
      const copy = await deps.copies.get(principal, id);
      if (!copy) throw new NotFoundError('Transfer', id);
      res.json({ copy });
    }),
  );
  router.post(
    '/filing-supervision-commands/:name',
    express.json({ limit: '256kb' }),
    route(async (req, res) => {
      const name = String(req.params.name) as FilingSupervisionCommandName;
      if (!filingSupervisionCommandNames.includes(name)) {
        res.status(404).json({ error: { code: 'NOT_FOUND', message: `unknown filing supervision command ${req.params.name}` } });
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
    '/filing-supervisions',
    route(async (req, res) => {
      const principal = await principalOf(req);
      const { asOf } = parseInput(AsOfQuery, req.query);
      res.json({ items: await deps.supervision.list(principal, asOf) });
    }),
  );
  router.get(
    '/filing-supervisions/:transferId',
    route(async (req, res) => {
      const principal = await principalOf(req);
      const { asOf } = parseInput(AsOfQuery, req.query);
      res.json({ supervision: await deps.supervision.ofTransfer(principal, String(req.params.transferId), asOf) });
    }),
  );
  router.use(apiErrorHandler(deps.logger, 'procuratorate API'));
  return router;
};
