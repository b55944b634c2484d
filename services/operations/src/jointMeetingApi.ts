import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import { z } from 'zod';
import { JointMeetingStatus, parseInput } from '@xianjie/contracts';
import type { JointMeetingCommandName, TokenVerifier } from '@xianjie/auth';
import type { Logger } from 'pino';
import { apiErrorHandler, principalFrom } from '@xianjie/http';
import { jointMeetingCommandNames } from './jointMeetings.ts';
import type { JointMeetingsModule } from './jointMeetings.ts';

const AsOf = z.iso.datetime({ offset: true }).optional();
const AsOfQuery = z.object({ asOf: AsOf });
const ListQuery = z.object({
  status: z
    .string()
    .transform((v) => v.split(',').filter(Boolean))
    .pipe(z.array(JointMeetingStatus))
    .optional(),
  asOf: AsOf,
});

/**
 * 联席会议 over HTTP (the gateway calls it in distributed mode): `POST /joint-meeting-commands/:name`
 * (answers `{ meeting, version, duplicate, events }`), `GET /joint-meetings?status=&asOf=`,
 * `GET /joint-meetings/:id?asOf=` and `GET /joint-meeting-decisions/open?asOf=` (the caller's
 * agency's open decisions, its 待办). A bearer token is required; the access rules are applied by the module.
 */
export const createJointMeetingApi = (deps: { meetings: JointMeetingsModule; verifier: TokenVerifier; logger: Logger }): Router => {
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
    '/joint-meeting-commands/:name',
    express.json({ limit: '256kb' }),
    route(async (req, res) => {
      const name = String(req.params.name) as JointMeetingCommandName;
      if (!jointMeetingCommandNames.includes(name)) {
        res.status(404).json({ error: { code: 'NOT_FOUND', message: `unknown joint meeting command ${req.params.name}` } });
        return;
      }
      const principal = await principalOf(req);
      const correlationId = req.header('x-correlation-id') ?? undefined;
      const result = await deps.meetings.execute(name, req.body, { principal, ...(correlationId ? { correlationId } : {}) });
      res.status(result.duplicate ? 200 : 201).json({
        meeting: result.meeting,
        version: result.version,
        duplicate: result.duplicate,
        events: result.events.map((e) => e.type),
      });
    }),
  );
  router.get(
    '/joint-meetings',
    route(async (req, res) => {
      const principal = await principalOf(req);
      const { status, asOf } = parseInput(ListQuery, req.query);
      res.json({ items: await deps.meetings.meetings(principal, { ...(status ? { status } : {}), ...(asOf ? { asOf } : {}) }) });
    }),
  );
  router.get(
    '/joint-meeting-decisions/open',
    route(async (req, res) => {
      const principal = await principalOf(req);
      const { asOf } = parseInput(AsOfQuery, req.query);
      res.json({ items: await deps.meetings.openDecisions(principal, asOf) });
    }),
  );
  router.get(
    '/joint-meetings/:id',
    route(async (req, res) => {
      const principal = await principalOf(req);
      const { asOf } = parseInput(AsOfQuery, req.query);
      res.json(await deps.meetings.meeting(principal, String(req.params.id), asOf));
    }),
  );
  router.use(apiErrorHandler(deps.logger, 'joint meeting API'));
  return router;
};
