import type { GatewayHealth } from './server.ts';
import type { Logger } from 'pino';
import type { AgencyKind } from '@xianjie/contracts';
import { createIdentity, loadTransferPolicies, loadWorkingCalendar, serviceAddress, serviceRegistry, type Config } from '@xianjie/runtime';
import { createCaseClientRouter, createHttpCaseClient, type CaseClient } from '@xianjie/case-service/client';
import { createHttpTransferClient, createTransferClients, type TransferClient } from '@xianjie/transfer-service/client';
import { createHttpOversightClient } from '@xianjie/discipline-inspection/client';
import { createHttpOperationsClient } from '@xianjie/operations/client';
import { createHttpProcuratorateClient } from '@xianjie/procuratorate/client';
import { anyOwnerAuditTrail, httpAuditTrailLookup } from '@xianjie/audit-trail/client';
import type { Platform } from './context.ts';

/**
 * Distributed mode: the gateway reaches every service of the registry over HTTP with the caller's
 * token, through each service's own client (the same ports as in embedded mode). It opens no store:
 * every view comes from the service that owns it.
 */
export const createRemotePlatform = (config: Config, logger: Logger): Platform => {
  const { directory, regionNames, rules, verifier } = createIdentity(config);
  const caseClients: Partial<Record<AgencyKind, CaseClient>> = {};
  const transferClients: Partial<Record<AgencyKind, TransferClient>> = {};
  let oversight: Platform['oversight'] | null = null;
  let operations: Platform['operations'] | null = null;
  let procuratorate: Platform['procuratorate'] | null = null;
  for (const entry of serviceRegistry) {
    const { url } = serviceAddress(config, entry.name);
    const ports: readonly string[] = entry.ports;
    if (entry.agencyKind && ports.includes('cases')) caseClients[entry.agencyKind] = createHttpCaseClient(url);
    if (entry.agencyKind && ports.includes('transfers')) transferClients[entry.agencyKind] = createHttpTransferClient(url);
    if (ports.includes('oversight')) oversight = createHttpOversightClient(url);
    if (ports.includes('operations')) operations = createHttpOperationsClient(url);
    if (ports.includes('procuratorate')) procuratorate = createHttpProcuratorateClient(url);
  }
  if (!oversight || !operations || !procuratorate) throw new Error('the service registry names no oversight, operations or procuratorate service');
  return {
    mode: 'distributed',
    directory,
    rules,
    verifier,
    cases: createCaseClientRouter(caseClients, directory),
    transfers: createTransferClients(transferClients as Record<AgencyKind, TransferClient>),
    oversight,
    operations,
    procuratorate,
    auditTrail: anyOwnerAuditTrail(serviceRegistry.map((entry) => httpAuditTrailLookup(serviceAddress(config, entry.name).url))),
    logger,
    calendar: loadWorkingCalendar(config),
    policies: loadTransferPolicies(config, regionNames),
  };
};

/** /healthz of the gateway in distributed mode: whether each service answers its own /healthz (by name, never its URL). */
export const servicesHealth = async (config: Config): Promise<GatewayHealth> => {
  const services = await Promise.all(
    serviceRegistry.map(async (entry) => {
      const res = await fetch(`${serviceAddress(config, entry.name).url}/healthz`, { signal: AbortSignal.timeout(2000) }).catch(() => null);
      return [entry.name, res?.ok ? 'ok' : 'unreachable'] as const;
    }),
  );
  return { healthy: services.every(([, state]) => state === 'ok'), details: { services: Object.fromEntries(services) } };
};
