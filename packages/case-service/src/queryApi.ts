import express, { type Router } from 'express';
import { z } from 'zod';
import { CaseStatus, parseInput } from '@xianjie/contracts';
import type { AccessRules, TokenVerifier } from '@xianjie/auth';
import type { Logger } from 'pino';
import type { CaseService } from './caseService.ts';
import type { CaseQueries } from './caseReadModel.ts';
import { apiErrorHandler, principalFrom } from '@xianjie/http';


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
 * and the access rules are applied here too, so the service never hands out another agency's case.
 */
export const createCaseQueryApi = (deps: {
  cases: CaseService;
  queries: CaseQueries;
  rules: AccessRules;
  agencyIds: () => string[];
  verifier: TokenVerifier;
  logger: Logger;
}): Router => {
  const router = express.Router();
  const principalOf = principalFrom(deps.verifier);
  router.get('/cases/:id', async (req, res, next) => {
    try {
      const principal = await principalOf(req);
      const { asOf } = parseInput(AsOfQuery, req.query);
      const found = await deps.cases.caseAsOf(String(req.params.id), asOf);
      const agencyId = found && found.state.status !== 'NONE' ? found.state.agencyId : null;
      if (!found || !agencyId || !deps.rules.canReadCase(principal, { agencyId }).allowed) {
        res.status(404).json({ error: { code: 'NOT_FOUND', message: `Case ${req.params.id} not found`, entity: 'Case', id: req.params.id } });
        return;
      }
      res.json({ caseId: req.params.id, ...found });
    } catch (error) {
      next(error);
    }
  });
  router.get('/cases', async (req, res, next) => {
    try {
      const principal = await principalOf(req);
      const q = parseInput(ListQuery, req.query);
      const readable = deps.agencyIds().filter((id) => deps.rules.canReadCase(principal, { agencyId: id }).allowed);
      const agencyIds = q.agencyIds ? readable.filter((id) => q.agencyIds!.includes(id)) : readable;
      const page = await deps.queries.listCases(
        {
          agencyIds,
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
