import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import type { TokenVerifier } from '@xianjie/auth';
import type { Logger } from 'pino';
import { apiErrorHandler, principalFrom } from '@xianjie/http';
import type { ChainAnchor } from './chainAnchor.ts';

/**
 * Tamper evidence over HTTP (decision 0011; the gateway calls it in distributed mode):
 * `GET /oversight/integrity` (the report), `POST /integrity-checkpoints` (a checkpoint now; 201 with
 * its summary) — a commission's overseers and supervisors, admins — and `GET /checkpoint-public-key`
 * (any authenticated caller: the key that verifies the checkpoints' signatures).
 */
export const createChainAnchorApi = (deps: { anchor: ChainAnchor; verifier: TokenVerifier; logger: Logger }): Router => {
  const router = express.Router();
  const principalOf = principalFrom(deps.verifier);
  const route =
    (handler: (req: Request, res: Response) => Promise<void>) =>
    async (req: Request, res: Response, next: NextFunction) => {
      try {
        await handler(req, res);
      } catch (error) {
        next(error);
      }
    };
  router.get(
    '/oversight/integrity',
    route(async (req, res) => {
      res.json(await deps.anchor.verify(await principalOf(req)));
    }),
  );
  router.post(
    '/integrity-checkpoints',
    route(async (req, res) => {
      const principal = await principalOf(req);
      const correlationId = req.header('x-correlation-id') ?? undefined;
      res.status(201).json(await deps.anchor.take({ principal, ...(correlationId ? { correlationId } : {}) }));
    }),
  );
  router.get(
    '/checkpoint-public-key',
    route(async (req, res) => {
      await principalOf(req);
      res.json(deps.anchor.publicKey());
    }),
  );
  router.use(apiErrorHandler(deps.logger, 'integrity API'));
  return router;
};
