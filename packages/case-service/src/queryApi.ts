import { randomUUID } from 'node:crypto';
import express, { type Router } from 'express';
import { z } from 'zod';
import { CaseStatus, NotFoundError, parseInput } from '@xianjie/contracts';
import type { TokenVerifier } from '@xianjie/auth';
import type { Logger } from 'pino';
import type { CaseReads } from './caseReads.ts';
import { apiErrorHandler, bearerOf, principalFrom } from '@xianjie/http';


const csv = z
  .string()
  .transform((v) => v.split(',').filter(Boolean))
  .optional();

const ListQuery = z.object({
  agencyIds: csv,
  status: z
    .string()
    .transform((v) => v.split(',').filter(Boolean))
    .pipe(z.array(CaseStatus))
    .optional(),
  violation: z.string().optional(),
  warning: z.string().optional(),
  search: z.string().optional(),
  limit: z.coerce.number().int().min(1).max(500).default(20),
  afterRegisteredAt: z.iso.datetime({ offset: true }).optional(),
  afterId: z.string().optional(),
});

const AsOfQuery = z.object({ asOf: z.iso.datetime({ offset: true }).optional() });

/**
 * The case queries over HTTP, for the gateway in distributed mode: the caller's token is required
 * and the access rules, masking and 查询留痕 are applied here exactly as in-process (`caseReads`).
 */
export const createCaseQueryApi = (deps: { reads: CaseReads; verifier: TokenVerifier; logger: Logger }): Router => {
  const router = express.Router();
  const principalOf = principalFrom(deps.verifier);
  // The reader's token and correlation id go with a 查询留痕 record to the commission.
  const readerOf = async (req: express.Request) => ({
    principal: await principalOf(req),
    token: bearerOf(req),
    correlationId: req.header('x-correlation-id') ?? randomUUID(),
  });
  router.get('/cases/:id', async (req, res, next) => {
    try {
      const reader = await readerOf(req);
      const { asOf } = parseInput(AsOfQuery, req.query);
      const found = await deps.reads.caseFor(reader, String(req.params.id), asOf);
      if (!found) throw new NotFoundError('Case', String(req.params.id));
      res.json(found);
    } catch (error) {
      next(error);
    }
  });
  router.get('/cases', async (req, res, next) => {
    try {
      const reader = await readerOf(req);
      const q = parseInput(ListQuery, req.query);
      const page = await deps.reads.listFor(
        reader,
        {
          ...(q.agencyIds ? { agencyIds: q.agencyIds } : {}),
          ...(q.status ? { status: q.status } : {}),
          ...(q.violation ? { violation: q.violation } : {}),
          ...(q.warning ? { warning: q.warning } : {}),
          ...(q.search ? { search: q.search } : {}),
        },
        q.limit,
        q.afterRegisteredAt && q.afterId ? { registeredAt: q.afterRegisteredAt, id: q.afterId } : null,
      );
      res.json(page);
    } catch (error) {
      next(error);
    }
  });
  router.use(apiErrorHandler(deps.logger, 'case query'));
  return router;
};
