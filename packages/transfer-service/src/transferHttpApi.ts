import express, { type Router } from 'express';
import { z } from 'zod';
import { NotFoundError, parseInput, TransferKind, TransferStatus } from '@xianjie/contracts';
import type { TokenVerifier } from '@xianjie/auth';
import type { Logger } from 'pino';
import type { TransferAccess } from './transferAccess.ts';
import type { TransferViews } from './transferViews.ts';
import { transferCommandNames } from './transferService.ts';
import type { TransferCommandName, TransferService } from './transferService.ts';
import { apiErrorHandler, principalFrom } from '@xianjie/http';

const csv = (item: z.ZodType<string, string>) =>
  z
    .string()
    .transform((v) => v.split(',').filter(Boolean))
    .pipe(z.array(item))
    .optional();

const ListQuery = z.object({
  direction: z.enum(['INCOMING', 'OUTGOING']),
  agencyIds: csv(z.string().min(1)),
  kind: TransferKind.optional(),
  status: csv(TransferStatus),
  overdueAsOf: z.iso.datetime({ offset: true }).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(20),
  afterCreatedAt: z.iso.datetime({ offset: true }).optional(),
  afterId: z.string().optional(),
});

const AsOfQuery = z.object({ asOf: z.iso.datetime({ offset: true }) });
const OptionalAsOfQuery = z.object({ asOf: z.iso.datetime({ offset: true }).optional() });
const PeriodQuery = z.object({ from: z.iso.datetime({ offset: true }), to: z.iso.datetime({ offset: true }) });

/**
 * A service's transfer commands and queries over HTTP, for the gateway in distributed mode. The
 * same handlers as in-process: `POST /transfer-commands/:name`, `GET /transfers` (inbox/outbox),
 * `GET /transfers/overdue?asOf=`, `GET /transfers/awaiting-feedback?asOf=`,
 * `GET /transfers/agency-performance?from=&to=`, `GET /cases/:id/transfers`. A bearer token is required; the
 * access rules are applied here, never only in the gateway.
 */
export const createTransferHttpApi = (deps: {
  transfers: TransferService;
  access: TransferAccess & { transferView: TransferViews['view'] };
  verifier: TokenVerifier;
  logger: Logger;
}): Router => {
  const router = express.Router();
  router.use(express.json({ limit: '1mb' }));
  const principalOf = principalFrom(deps.verifier);

  router.post('/transfer-commands/:name', async (req, res, next) => {
    try {
      const name = String(req.params.name) as TransferCommandName;
      if (!transferCommandNames.includes(name)) {
        res.status(404).json({ error: { code: 'NOT_FOUND', message: `unknown transfer command ${req.params.name}` } });
        return;
      }
      const principal = await principalOf(req);
      const correlationId = req.header('x-correlation-id') ?? undefined;
      const result = await deps.transfers.execute(name, req.body, { principal, ...(correlationId ? { correlationId } : {}) });
      res.status(result.duplicate ? 200 : 201).json({
        transferId: result.transferId,
        side: result.side,
        streamId: result.streamId,
        version: result.version,
        duplicate: result.duplicate,
        state: result.state,
      });
    } catch (error) {
      next(error);
    }
  });

  router.get('/transfers/overdue', async (req, res, next) => {
    try {
      const principal = await principalOf(req);
      const { asOf } = parseInput(AsOfQuery, req.query);
      res.json({ items: await deps.access.overdueSteps(principal, asOf) });
    } catch (error) {
      next(error);
    }
  });

  router.get('/transfers/awaiting-feedback', async (req, res, next) => {
    try {
      const principal = await principalOf(req);
      const { asOf } = parseInput(AsOfQuery, req.query);
      res.json({ items: await deps.access.awaitingFeedback(principal, asOf) });
    } catch (error) {
      next(error);
    }
  });

  router.get('/transfers/agency-performance', async (req, res, next) => {
    try {
      const principal = await principalOf(req);
      const { from, to } = parseInput(PeriodQuery, req.query);
      res.json({ parts: await deps.access.agencyPerformance(principal, from, to) });
    } catch (error) {
      next(error);
    }
  });

  router.get('/transfers', async (req, res, next) => {
    try {
      const principal = await principalOf(req);
      const q = parseInput(ListQuery, req.query);
      const page = await deps.access.listTransfers(
        principal,
        {
          direction: q.direction,
          ...(q.agencyIds ? { agencyIds: q.agencyIds } : {}),
          ...(q.kind ? { kind: q.kind } : {}),
          ...(q.status ? { status: q.status } : {}),
          ...(q.overdueAsOf ? { overdueAsOf: q.overdueAsOf } : {}),
        },
        q.limit,
        q.afterCreatedAt && q.afterId ? { createdAt: q.afterCreatedAt, id: q.afterId } : null,
      );
      res.json(page);
    } catch (error) {
      next(error);
    }
  });

  router.get('/transfers/:id/view', async (req, res, next) => {
    try {
      const principal = await principalOf(req);
      const { asOf } = parseInput(OptionalAsOfQuery, req.query);
      const view = await deps.access.transferView(principal, String(req.params.id), asOf);
      if (!view) throw new NotFoundError('Transfer', String(req.params.id));
      res.json(view);
    } catch (error) {
      next(error);
    }
  });

  router.get('/cases/:id/transfers', async (req, res, next) => {
    try {
      const principal = await principalOf(req);
      res.json({ items: await deps.access.transfersOfCase(principal, String(req.params.id)) });
    } catch (error) {
      next(error);
    }
  });

  router.use(apiErrorHandler(deps.logger, 'transfer request'));
  return router;
};
