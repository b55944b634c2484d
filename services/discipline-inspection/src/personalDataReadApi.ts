import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import type { TokenVerifier } from '@xianjie/auth';
import type { Logger } from 'pino';
import { apiErrorHandler, jsonKeepingRawBody, principalFrom, requireServiceSignature } from '@xianjie/http';
import type { PersonalDataReads } from './personalDataReads.ts';

/**
 * 查询留痕 over HTTP: `POST /personal-data-reads` (`{ field, items }`; the reader is the bearer
 * token's principal; answers 201 `{ streamId, version, readAt }`) is internal: the services that
 * serve personal data call it in distributed mode, signed with the platform's service key
 * (XIANJIE_SERVICE_KEY) besides the reader's token, so a user cannot write records (ADR 0008);
 * and `GET /oversight/personal-data-reads?from=&to=&readerId=` (`{ items }`; a commission's supervisors, admins).
 */
export const createPersonalDataReadApi = (deps: {
  reads: PersonalDataReads;
  verifier: TokenVerifier;
  logger: Logger;
  /** The platform's service key; null: no service may call in (embedded mode records in-process). */
  serviceKey: string | null;
}): Router => {
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

  router.post(
    '/personal-data-reads',
    jsonKeepingRawBody('256kb'),
    route(async (req, res) => {
      requireServiceSignature(deps.serviceKey, req);
      const principal = await principalOf(req);
      const correlationId = req.header('x-correlation-id') ?? undefined;
      res
        .status(201)
        .json(await deps.reads.record(req.body, { principal, ...(correlationId ? { correlationId } : {}) }));
    }),
  );
  router.get(
    '/oversight/personal-data-reads',
    route(async (req, res) => {
      const principal = await principalOf(req);
      res.json({ items: await deps.reads.list(principal, req.query) });
    }),
  );
  router.use(apiErrorHandler(deps.logger, 'personal data reads API'));
  return router;
};
