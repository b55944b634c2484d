import type { AgencyKind } from '@xianjie/contracts';
import type { ServiceDeps, ServiceInstance, ServiceName } from '@xianjie/runtime';
import { createInProcessCaseClient, type CaseClient } from '@xianjie/case-service/client';
import { createInProcessTransferClient, type TransferClient } from '@xianjie/transfer-service/client';
import { createInProcessOversightClient, type OversightClient } from '@xianjie/discipline-inspection/client';
import { createInProcessOperationsClient, type OperationsClient } from '@xianjie/operations/client';
import { inProcessAuditTrailLookup, type AuditTrailLookup } from '@xianjie/audit-trail/client';
import { createMarketRegulationService } from '@xianjie/market-regulation';
import { createHealthService } from '@xianjie/health';
import { createMedicalInsuranceService } from '@xianjie/medical-insurance';
import { createPoliceService } from '@xianjie/police';
import { createDisciplineInspectionService, type DisciplineInspectionService } from '@xianjie/discipline-inspection';
import { createOperationsService, type OperationsService } from '@xianjie/operations';
import { createProcuratorateService, type ProcuratorateService } from '@xianjie/procuratorate';
import { createInProcessProcuratorateClient, type ProcuratorateClient } from '@xianjie/procuratorate/client';
import type { AdministrativeAgencyService } from '@xianjie/case-service';

/** The in-process client ports a service serves to the gateway (the registry's `ports`). */
export interface InProcessClients {
  cases?: CaseClient;
  transfers?: TransferClient;
  oversight?: OversightClient;
  operations?: OperationsClient;
  procuratorate?: ProcuratorateClient;
  /** Every service serves the audit trails of the streams it owns. */
  auditTrail: AuditTrailLookup;
}

/** A service created in this process: what it is, and its clients. */
export interface EmbeddedService<S extends ServiceInstance = ServiceInstance> {
  instance: S;
  agencyKind: AgencyKind | null;
  clients: InProcessClients;
}

const administrative = (create: (deps: ServiceDeps) => Promise<AdministrativeAgencyService>) => async (deps: ServiceDeps) => {
  const instance = await create(deps);
  return {
    instance,
    agencyKind: instance.agencyKinds[0]!,
    clients: {
      cases: createInProcessCaseClient(instance),
      transfers: createInProcessTransferClient(instance.transfers),
      auditTrail: inProcessAuditTrailLookup(instance.auditTrails),
    },
  };
};

/**
 * The factory of every service of the registry, keyed by its name (the compiler makes this name
 * every one): the embedded composition root creates them all in one process, each with the same
 * deps it is given alone (`runServiceMain` in its own `main.ts`).
 */
export const serviceFactories = {
  'market-regulation': administrative(createMarketRegulationService),
  health: administrative(createHealthService),
  'medical-insurance': administrative(createMedicalInsuranceService),
  police: async (deps: ServiceDeps) => {
    const instance = await createPoliceService(deps);
    return { instance, agencyKind: 'POLICE' as const, clients: { transfers: createInProcessTransferClient(instance.transfers), auditTrail: inProcessAuditTrailLookup(instance.auditTrails) },
    };
  },
  'discipline-inspection': async (deps: ServiceDeps): Promise<EmbeddedService<DisciplineInspectionService>> => {
    const instance = await createDisciplineInspectionService(deps);
    return {
      instance,
      agencyKind: 'DISCIPLINE_INSPECTION',
      clients: {
        transfers: createInProcessTransferClient(instance.transfers),
        oversight: createInProcessOversightClient(instance),
        auditTrail: inProcessAuditTrailLookup(instance.auditTrails),
      },
    };
  },
  operations: async (deps: ServiceDeps): Promise<EmbeddedService<OperationsService>> => {
    const instance = await createOperationsService(deps);
    return {
      instance,
      agencyKind: null,
      clients: { operations: createInProcessOperationsClient(instance), auditTrail: inProcessAuditTrailLookup(instance.auditTrails) },
    };
  },
  procuratorate: async (deps: ServiceDeps): Promise<EmbeddedService<ProcuratorateService>> => {
    const instance = await createProcuratorateService(deps);
    return {
      instance,
      agencyKind: 'PROCURATORATE',
      clients: { procuratorate: createInProcessProcuratorateClient(instance), auditTrail: inProcessAuditTrailLookup(instance.auditTrails) },
    };
  },
} satisfies Record<ServiceName, (deps: ServiceDeps) => Promise<EmbeddedService>>;

export type EmbeddedServices = { [N in ServiceName]: Awaited<ReturnType<(typeof serviceFactories)[N]>> };
