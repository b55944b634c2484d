import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import { z } from 'zod';
import { ClueNoticeStatus, parseInput } from '@xianjie/contracts';
import type { ClueNoticeCommandName, TokenVerifier } from '@xianjie/auth';
import type { Logger } from 'pino';
import { apiErrorHandler, principalFrom } from '@xianjie/http';
import { clueNoticeCommandNames } from './clueNotices.ts';
import type { ClueNoticesModule } from './clueNotices.ts';

const AsOf = z.iso.datetime({ offset: true }).optional();
const AsOfQuery = z.object({ asOf: AsOf });
const ListQuery = z.object({
  status: z
    .string()
    .transform((v) => v.split(',').filter(Boolean))
    .pipe(z.array(ClueNoticeStatus))
    .optional(),
  asOf: AsOf,
});

/**
 * 线索通报 over HTTP (distributed mode): `POST /clue-notice-commands/:name` (answers
 * `{ notice, version, duplicate, events }`), `GET /clue-notices?status=&asOf=`,
 * `GET /clue-notices/open?asOf=` (sent to the caller's agency, unreplied: its 待办) and
 * `GET /clue-notices/:id?asOf=`. A bearer token is required; the module applies the access rules.
 */
export const createClueNoticeApi = (deps: {
  notices: ClueNoticesModule;
  verifier: TokenVerifier;
  logger: Logger;
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
    '/clue-notice-commands/:name',
    express.json({ limit: '256kb' }),
    route(async (req, res) => {
      const name = String(req.params.name) as ClueNoticeCommandName;
      if (!clueNoticeCommandNames.includes(name)) {
        res
          .status(404)
          .json({ error: { code: 'NOT_FOUND', message: `unknown clue-notice command ${req.params.name}` } });
        return;
      }
      const principal = await principalOf(req);
      const correlationId = req.header('x-correlation-id') ?? undefined;
      const result = await deps.notices.execute(name, req.body, {
        principal,
        ...(correlationId ? { correlationId } : {}),
      });
      res.status(result.duplicate ? 200 : 201).json({
        notice: result.notice,
        version: result.version,
        duplicate: result.duplicate,
        events: result.events.map((e) => e.type),
      });
    }),
  );
  router.get(
    '/clue-notices',
    route(async (req, res) => {
      const principal = await principalOf(req);
      const { status, asOf } = parseInput(ListQuery, req.query);
      res.json({
        items: await deps.notices.notices(principal, {
          ...(status ? { status } : {}),
          ...(asOf ? { asOf } : {}),
        }),
      });
    }),
  );
  router.get(
    '/clue-notices/open',
    route(async (req, res) => {
      const principal = await principalOf(req);
      const { asOf } = parseInput(AsOfQuery, req.query);
      res.json({ items: await deps.notices.openNotices(principal, asOf) });
    }),
  );
  router.get(
    '/clue-notices/:id',
    route(async (req, res) => {
      const principal = await principalOf(req);
      const { asOf } = parseInput(AsOfQuery, req.query);
      res.json(await deps.notices.notice(principal, String(req.params.id), asOf));
    }),
  );
  router.use(apiErrorHandler(deps.logger, 'clue-notice API'));
  return router;
};
