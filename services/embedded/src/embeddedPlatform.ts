import type { Logger } from 'pino';
import type { PersonalDataReadRecorder } from '@xianjie/auth';
import type { AgencyKind } from '@xianjie/contracts';
import type { EventStore, SqlClient } from '@xianjie/event-store';
import {
  calendarWarnings,
  createBus,
  createIdentity,
  loadCheckpointKey,
  loadTransferPolicies,
  loadWorkingCalendar,
  openStorage,
  serviceNames,
  serviceSchema,
  subjectRefOfConfig,
  type Config,
  type ServiceName,
} from '@xianjie/runtime';
import { createCaseClientRouter, type CaseClient } from '@xianjie/case-service/client';
import { createTransferClients, type TransferClient } from '@xianjie/transfer-service/client';
import type { Platform } from '@xianjie/gateway';
import { anyOwnerAuditTrail } from '@xianjie/audit-trail/client';
import { serviceFactories, type EmbeddedServices, type InProcessClients } from './serviceFactories.ts';

export interface EmbeddedPlatform extends Platform {
  mode: 'embedded';
  /** Every service of the registry, created in this process. */
  services: EmbeddedServices;
  store: EventStore;
  sql: SqlClient;
  /** The HS256 secret of development tokens (the demo sign-in); null with AUTH_JWKS_URL. */
  devSecret: string | null;
  close(): Promise<void>;
}

export interface EmbeddedPlatformOptions {
  logger: Logger;
  /** The clock of every service (tests pass a fixed one); default the system clock. */
  now?: () => string;
  /** Prefix for every SQL schema this platform creates (tests isolate themselves with it). */
  schemaPrefix?: string;
}

/**
 * Embedded mode: every service of the registry in this process, the store chosen by config
 * (PGlite by default), one memory bus between them, read models in the same database under each
 * service's own schema. The services still talk only through integration events on the bus, and
 * the gateway reaches them through the same client ports as in distributed mode, in-process.
 */
export const createEmbeddedPlatform = async (config: Config, options: EmbeddedPlatformOptions): Promise<EmbeddedPlatform> => {
  const { logger } = options;
  const prefix = options.schemaPrefix ?? config.XIANJIE_SCHEMA_PREFIX;
  const { store, sql, close: closeStorage } = await openStorage(config, logger, prefix);
  const { directory, regionNames, rules, verifier, devSecret } = createIdentity(config);
  const bus = createBus(config, logger, 'xianjie-embedded');
  const calendar = loadWorkingCalendar(config);
  for (const warning of calendarWarnings(calendar)) logger.warn(warning);
  const policies = loadTransferPolicies(config, regionNames);

  const services = {} as Record<ServiceName, EmbeddedServices[ServiceName]>;
  // One key for every service; 查询留痕 goes to the commission's service in this process (created after the agencies').
  const subjectRefOf = subjectRefOfConfig(config);
  const recordReads: PersonalDataReadRecorder = (input, reader) => {
    const commission = (services as Partial<EmbeddedServices>)['discipline-inspection'];
    if (!commission) return Promise.reject(new Error('the commission’s service is not running yet'));
    return commission.instance.personalDataReads.record(input, {
      principal: reader.principal,
      ...(reader.correlationId ? { correlationId: reader.correlationId } : {}),
    });
  };
  for (const name of serviceNames) {
    services[name] = await serviceFactories[name]({
      store,
      sql,
      schema: serviceSchema(prefix, name),
      bus,
      directory,
      regionNames,
      rules,
      logger,
      calendar,
      policies,
      subjectRefOf,
      recordReads,
      serviceKey: null,
      checkpointKey: () => loadCheckpointKey(config),
      checkpointIntervalMs: config.XIANJIE_CHECKPOINT_INTERVAL * 1000,
      smtp: config.SMTP_URL ? { url: config.SMTP_URL, from: config.SMTP_FROM } : null,
      ...(options.now ? { now: options.now } : {}),
    });
  }
  // Consumers first (the procuratorate, operations, the commission), then the publishers: the registry lists publishers first.
  for (const name of [...serviceNames].reverse()) await services[name].instance.start();

  const caseClients: Partial<Record<AgencyKind, CaseClient>> = {};
  const transferClients: Partial<Record<AgencyKind, TransferClient>> = {};
  for (const { agencyKind, clients } of Object.values(services) as { agencyKind: AgencyKind | null; clients: InProcessClients }[]) {
    if (agencyKind && clients.cases) caseClients[agencyKind] = clients.cases;
    if (agencyKind && clients.transfers) transferClients[agencyKind] = clients.transfers;
  }
  const embedded = services as EmbeddedServices;

  return {
    mode: 'embedded',
    directory,
    rules,
    verifier,
    store,
    sql,
    devSecret,
    calendar,
    policies,
    logger,
    cases: createCaseClientRouter(caseClients, directory),
    transfers: createTransferClients(transferClients as Record<AgencyKind, TransferClient>),
    oversight: embedded['discipline-inspection'].clients.oversight!,
    operations: embedded.operations.clients.operations!,
    procuratorate: embedded.procuratorate.clients.procuratorate!,
    auditTrail: anyOwnerAuditTrail(Object.values(services).map((s) => (s.clients as InProcessClients).auditTrail)),
    services: embedded,
    async close() {
      for (const name of serviceNames) await services[name].instance.stop();
      await bus.close();
      await closeStorage();
    },
  };
};
