import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import type { TokenVerifier } from '@xianjie/auth';
import type { Logger } from 'pino';
import { apiErrorHandler, principalFrom } from '@xianjie/http';
import type { Reminders } from './reminders.ts';

/**
 * The notification centre over HTTP (distributed mode; the gateway's client): every route answers
 * the bearer token's own notifications only.
 * `GET /notifications?first=&unreadOnly=` → `{ items }`; `GET /notifications/unread-count` → `{ count }`;
 * `POST /notifications/read` `{ ids }` → `{ unreadCount }`; `GET|POST /notification-preferences` (the caller's channels).
 */
export const createNotificationApi = (deps: { reminders: Reminders; verifier: TokenVerifier; logger: Logger }): Router => {
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
    '/notifications',
    route(async (req, res) => {
      const principal = await principalOf(req);
      const query = {
        ...(req.query.first !== undefined ? { first: Number(req.query.first) } : {}),
        ...(req.query.unreadOnly !== undefined ? { unreadOnly: req.query.unreadOnly === 'true' } : {}),
      };
      res.json({ items: await deps.reminders.list(principal, query) });
    }),
  );
  router.get(
    '/notifications/unread-count',
    route(async (req, res) => {
      res.json({ count: await deps.reminders.unreadCount(await principalOf(req)) });
    }),
  );
  router.post(
    '/notifications/read',
    express.json({ limit: '64kb' }),
    route(async (req, res) => {
      res.json({ unreadCount: await deps.reminders.markRead(await principalOf(req), req.body) });
    }),
  );
  router.get(
    '/notification-preferences',
    route(async (req, res) => {
      res.json(await deps.reminders.preferences(await principalOf(req)));
    }),
  );
  router.post(
    '/notification-preferences',
    express.json({ limit: '16kb' }),
    route(async (req, res) => {
      res.json(await deps.reminders.setPreferences(await principalOf(req), req.body));
    }),
  );
  router.use(apiErrorHandler(deps.logger, 'notification API'));
  return router;
};
