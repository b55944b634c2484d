import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import { z } from 'zod';
import { CaseConsultationStatus, parseInput } from '@xianjie/contracts';
import type { ConsultationCommandName, TokenVerifier } from '@xianjie/auth';
import type { Logger } from 'pino';
import { apiErrorHandler, principalFrom } from '@xianjie/http';
import { consultationCommandNames } from './caseConsultations.ts';
import type { CaseConsultationsModule } from './caseConsultations.ts';

const AsOf = z.iso.datetime({ offset: true }).optional();
const AsOfQuery = z.object({ asOf: AsOf });
const ListQuery = z.object({
  status: z
    .string()
    .transform((v) => v.split(',').filter(Boolean))
    .pipe(z.array(CaseConsultationStatus))
    .optional(),
  asOf: AsOf,
});

/**
 * 案件咨询 over HTTP (distributed mode): `POST /consultation-commands/:name` (answers
 * `{ consultation, version, duplicate, events }`), `GET /case-consultations?status=&asOf=`,
 * `GET /case-consultations/open?asOf=` (asked of the caller's agency, unanswered: its 待办) and
 * `GET /case-consultations/:id?asOf=`. A bearer token is required; the module applies the access rules.
 */
export const createCaseConsultationApi = (deps: { consultations: CaseConsultationsModule; verifier: TokenVerifier; logger: Logger }): Router => {
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
    '/consultation-commands/:name',
    express.json({ limit: '256kb' }),
    route(async (req, res) => {
      const name = String(req.params.name) as ConsultationCommandName;
      if (!consultationCommandNames.includes(name)) {
        res.status(404).json({ error: { code: 'NOT_FOUND', message: `unknown consultation command ${req.params.name}` } });
        return;
      }
      const principal = await principalOf(req);
      const correlationId = req.header('x-correlation-id') ?? undefined;
      const result = await deps.consultations.execute(name, req.body, { principal, ...(correlationId ? { correlationId } : {}) });
      res.status(result.duplicate ? 200 : 201).json({
        consultation: result.consultation,
        version: result.version,
        duplicate: result.duplicate,
        events: result.events.map((e) => e.type),
      });
    }),
  );
  router.get(
    '/case-consultations',
    route(async (req, res) => {
      const principal = await principalOf(req);
      const { status, asOf } = parseInput(ListQuery, req.query);
      res.json({ items: await deps.consultations.consultations(principal, { ...(status ? { status } : {}), ...(asOf ? { asOf } : {}) }) });
    }),
  );
  router.get(
    '/case-consultations/open',
    route(async (req, res) => {
      const principal = await principalOf(req);
      const { asOf } = parseInput(AsOfQuery, req.query);
      res.json({ items: await deps.consultations.openConsultations(principal, asOf) });
    }),
  );
  router.get(
    '/case-consultations/:id',
    route(async (req, res) => {
      const principal = await principalOf(req);
      const { asOf } = parseInput(AsOfQuery, req.query);
      res.json(await deps.consultations.consultation(principal, String(req.params.id), asOf));
    }),
  );
  router.use(apiErrorHandler(deps.logger, 'consultation API'));
  return router;
};
