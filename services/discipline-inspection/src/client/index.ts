// @xianjie/discipline-inspection/client: how the gateway calls the commission's service, in-process or over HTTP.
export {
  createHttpOversightClient,
  createInProcessOversightClient,
  type OversightClient,
  type SupervisionSnapshot,
} from './oversightClient.ts';
export type { NotificationRecord } from '../reminders.ts';
