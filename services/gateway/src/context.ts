import type { Logger } from 'pino';
import type { AgencyDirectory, WorkingCalendar } from '@xianjie/contracts';
import type { AccessRules, Principal, TokenVerifier } from '@xianjie/auth';
import type { EventStore } from '@xianjie/event-store';
import type { CaseClient } from './caseClient.ts';
import type { OversightClient } from './oversightClient.ts';
import type { OperationsClient } from './operationsClient.ts';
import type { TransferClients } from './transferClient.ts';

/** Everything the gateway talks to; in-process clients in embedded mode, HTTP in distributed mode. */
export interface Platform {
  mode: 'embedded' | 'distributed';
  directory: AgencyDirectory;
  rules: AccessRules;
  verifier: TokenVerifier;
  /** Read access to the audit trail (auditTrail, asOf). The gateway never appends. */
  store: EventStore;
  cases: CaseClient;
  oversight: OversightClient;
  /** 专项整治: the operations service. */
  operations: OperationsClient;
  /** The transfer workflow of every agency service, by the agency kind it acts for. */
  transfers: TransferClients;
  logger: Logger;
  /** The working-day calendar the services count deadlines with (the merged transfer view folds with it). */
  calendar?: WorkingCalendar;
}

export interface GatewayContext {
  platform: Platform;
  principal: Principal | null;
  /** The caller's bearer token, forwarded to services in distributed mode. */
  token: string | null;
  correlationId: string;
}
