import type { Logger } from 'pino';
import type { AgencyDirectory, TransferKind, TransferPolicy, WorkingCalendar } from '@xianjie/contracts';
import type { AccessRules, Principal, TokenVerifier } from '@xianjie/auth';
import type { AuditTrailLookup } from '@xianjie/audit-trail/client';
import type { CaseClient } from '@xianjie/case-service/client';
import type { OversightClient } from '@xianjie/discipline-inspection/client';
import type { OperationsClient } from '@xianjie/operations/client';
import type { ProcuratorateClient } from '@xianjie/procuratorate/client';
import type { TransferClients } from '@xianjie/transfer-service/client';

/** Everything the gateway talks to; in-process clients in embedded mode, HTTP in distributed mode. */
export interface Platform {
  mode: 'embedded' | 'distributed';
  directory: AgencyDirectory;
  rules: AccessRules;
  verifier: TokenVerifier;
  cases: CaseClient;
  oversight: OversightClient;
  /** 专项整治: the operations service. */
  operations: OperationsClient;
  /** 人民检察院: 抄送 and 立案监督. */
  procuratorate: ProcuratorateClient;
  /** The audit trail of a stream, from the service that owns it (null: no such stream). */
  auditTrail: AuditTrailLookup;
  /** The transfer workflow of every agency service, by the agency kind it acts for. */
  transfers: TransferClients;
  logger: Logger;
  /** The working-day calendar the services count deadlines with (the merged transfer view folds with it). */
  calendar?: WorkingCalendar;
  /** The transfer policies the services count with (a province's local rules, decision 0014). */
  policies?: Readonly<Record<TransferKind, TransferPolicy>>;
}

export interface GatewayContext {
  platform: Platform;
  principal: Principal | null;
  /** The caller's bearer token, forwarded to services in distributed mode. */
  token: string | null;
  correlationId: string;
}
