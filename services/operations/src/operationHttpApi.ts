import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import { z } from 'zod';
import { OperationStatus, parseInput, ProblemDisposition, ProblemStatus } from '@xianjie/contracts';
import type { OperationCommandName, TokenVerifier } from '@xianjie/auth';
import type { Logger } from 'pino';
import { operationCommandNames } from './operationCommands.ts';
import type { OperationCommands } from './operationCommands.ts';
import type { OperationQueries } from './operationQueries.ts';
import { apiErrorHandler, principalFrom } from '@xianjie/http';

const csv = <T extends string>(item: z.ZodType<T, string>) =>
  z
    .string()
    .transform((v) => v.split(',').filter(Boolean))
    .pipe(z.array(item))
    .optional();

const AsOf = z.iso.datetime({ offset: true }).optional();
const ListQuery = z.object({ status: csv(OperationStatus) });
const OperationQuery = z.object({ asOf: AsOf });
const TargetsQuery = z.object({ groupId: z.string().min(1).optional() });
const LedgerQuery = z.object({
  status: csv(ProblemStatus),
  disposition: csv(ProblemDisposition),
  groupId: z.string().min(1).optional(),
  overdueAsOf: AsOf,
  asOf: AsOf,
});

/**
 * The operations service over HTTP (distributed mode): `POST /operation-commands/:name` and the
 * queries `GET /operations`, `/operations/:id?asOf=`, `/operations/:id/groups`,
 * `/operations/:id/targets?groupId=`, `/operations/:id/inspections?asOf=`,
 * `/operations/:id/ledger?status=&disposition=&groupId=&overdueAsOf=&asOf=`, `/operations/:id/progress?asOf=`,
 * and the result reports `/operations/:id/result`, `/operation-results?status=` (commission supervisors too).
 * A bearer token is required; the access rules are applied here (the query layer), never only in the gateway.
 * A command answers with the operation as the caller may see it (`operation`), never the raw state.
 */
export const createOperationHttpApi = (deps: {
  commands: OperationCommands;
  queries: OperationQueries;
  verifier: TokenVerifier;
  logger: Logger;
}): Router => {
  const router = express.Router();
  router.use(express.json({ limit: '1mb' }));
  const principalOf = principalFrom(deps.verifier);
  const route = (handler: (req: Request, res: Response) => Promise<void>) => async (req: Request, res: Response, next: NextFunction) => {
    try {
      await handler(req, res);
    } catch (error) {
      next(error);
    }
  };

  router.post(
    '/operation-commands/:name',
    route(async (req, res) => {
      const name = String(req.params.name) as OperationCommandName;
      if (!operationCommandNames.includes(name)) {
        res.status(404).json({ error: { code: 'NOT_FOUND', message: `unknown operation command ${req.params.name}` } });
        return;
      }
      const principal = await principalOf(req);
      const correlationId = req.header('x-correlation-id') ?? undefined;
      const result = await deps.commands.execute(name, req.body, { principal, ...(correlationId ? { correlationId } : {}) });
      res.status(result.duplicate ? 200 : 201).json({
        operationId: result.operationId,
        streamId: result.streamId,
        version: result.version,
        duplicate: result.duplicate,
        events: result.events.map((e) => e.type),
        operation: result.view,
        result: result.result,
      });
    }),
  );

  router.get(
    '/operations',
    route(async (req, res) => {
      const principal = await principalOf(req);
      const q = parseInput(ListQuery, req.query);
      res.json({ items: await deps.queries.operations(principal, q.status ? { status: q.status } : {}) });
    }),
  );
  router.get(
    '/operations/:id',
    route(async (req, res) => {
      const principal = await principalOf(req);
      const { asOf } = parseInput(OperationQuery, req.query);
      res.json(await deps.queries.operation(principal, String(req.params.id), asOf));
    }),
  );
  router.get(
    '/operation-results',
    route(async (req, res) => {
      const principal = await principalOf(req);
      const q = parseInput(ListQuery, req.query);
      res.json({ items: await deps.queries.results(principal, q.status ? { status: q.status } : {}) });
    }),
  );
  router.get(
    '/operations/:id/result',
    route(async (req, res) => {
      res.json(await deps.queries.result(await principalOf(req), String(req.params.id)));
    }),
  );
  router.get(
    '/operations/:id/groups',
    route(async (req, res) => {
      res.json({ items: await deps.queries.groups(await principalOf(req), String(req.params.id)) });
    }),
  );
  router.get(
    '/operations/:id/targets',
    route(async (req, res) => {
      const principal = await principalOf(req);
      const q = parseInput(TargetsQuery, req.query);
      res.json({ items: await deps.queries.targets(principal, String(req.params.id), q.groupId ? { groupId: q.groupId } : {}) });
    }),
  );
  router.get(
    '/operations/:id/inspections',
    route(async (req, res) => {
      const principal = await principalOf(req);
      const { asOf } = parseInput(OperationQuery, req.query);
      res.json({ items: await deps.queries.inspections(principal, String(req.params.id), asOf) });
    }),
  );
  router.get(
    '/operations/:id/ledger',
    route(async (req, res) => {
      const principal = await principalOf(req);
      const q = parseInput(LedgerQuery, req.query);
      res.json({
        items: await deps.queries.ledger(principal, String(req.params.id), {
          ...(q.status ? { status: q.status } : {}),
          ...(q.disposition ? { disposition: q.disposition } : {}),
          ...(q.groupId ? { groupId: q.groupId } : {}),
          ...(q.overdueAsOf ? { overdueAsOf: q.overdueAsOf } : {}),
          ...(q.asOf ? { asOf: q.asOf } : {}),
        }),
      });
    }),
  );
  router.get(
    '/operations/:id/progress',
    route(async (req, res) => {
      const principal = await principalOf(req);
      const { asOf } = parseInput(OperationQuery, req.query);
      res.json(await deps.queries.progress(principal, String(req.params.id), asOf));
    }),
  );

  router.use(apiErrorHandler(deps.logger, 'operations request'));
  return router;
};
