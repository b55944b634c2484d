import express, { type Router } from 'express';
import { z } from 'zod';
import { parseInput, repeatOffenderPolicy } from '@xianjie/contracts';
import type { TokenVerifier } from '@xianjie/auth';
import type { Logger } from 'pino';
import type { ReaderAuth } from '@xianjie/auth';
import type { PenaltyInsteadOfTransferRow, RepeatOffenderRow } from './oversightQueries.ts';
import { apiErrorHandler, bearerOf, principalFrom } from '@xianjie/http';

/** What the oversight API needs of the service: the views as every adapter serves them (access, 查询留痕). */
export interface OversightSource {
  oversightReads: {
    penaltyInsteadOfTransfer(reader: ReaderAuth): Promise<PenaltyInsteadOfTransferRow[]>;
    repeatOffenders(reader: ReaderAuth, options: { windowDays: number; minViolations: number; asOf: string }): Promise<RepeatOffenderRow[]>;
  };
}


const RepeatOffendersQuery = z.object({
  windowDays: z.coerce.number().int().min(1).max(3650).default(repeatOffenderPolicy.windowDays),
  minViolations: z.coerce.number().int().min(2).max(100).default(repeatOffenderPolicy.minViolations),
  asOf: z.iso.datetime({ offset: true }).optional(),
});

/** The commission's oversight queries over HTTP, for the gateway in distributed mode. */
export const createOversightQueryApi = (deps: { service: OversightSource; verifier: TokenVerifier; logger: Logger }): Router => {
  const router = express.Router();
  const principalOf = principalFrom(deps.verifier);
  const readerOf = async (req: express.Request): Promise<ReaderAuth> => {
    const correlationId = req.header('x-correlation-id');
    return { principal: await principalOf(req), token: bearerOf(req), ...(correlationId ? { correlationId } : {}) };
  };
  router.get('/oversight/penalty-instead-of-transfer', async (req, res, next) => {
    try {
      res.json({ items: await deps.service.oversightReads.penaltyInsteadOfTransfer(await readerOf(req)) });
    } catch (error) {
      next(error);
    }
  });
  router.get('/oversight/repeat-offenders', async (req, res, next) => {
    try {
      const reader = await readerOf(req);
      const q = parseInput(RepeatOffendersQuery, req.query);
      res.json({
        items: await deps.service.oversightReads.repeatOffenders(reader, { ...q, asOf: q.asOf ?? new Date().toISOString() }),
      });
    } catch (error) {
      next(error);
    }
  });
  router.use(apiErrorHandler(deps.logger, 'oversight query'));
  return router;
};
