import type { Router } from 'express';
import type { Logger } from 'pino';
import type { AgencyDirectory, AgencyKind, WorkingCalendar } from '@xianjie/contracts';
import type { AccessRules, TokenVerifier } from '@xianjie/auth';
import type { EventStore, SqlClient } from '@xianjie/event-store';
import type { Bus } from '@xianjie/messaging';
import type { TransferModule } from '@xianjie/transfer-service';
import { createMarketRegulationService } from '@xianjie/market-regulation';
import type { AdministrativeAgencyService } from '@xianjie/case-service';
import { createHealthService } from '@xianjie/health';
import { createMedicalInsuranceService } from '@xianjie/medical-insurance';
import { createPoliceService } from '@xianjie/police';
import { createDisciplineInspectionService } from '@xianjie/discipline-inspection';
import type { DisciplineInspectionService } from '@xianjie/discipline-inspection';
import type { Config } from './config.ts';

/** The agency services (DESIGN §1), each acting for one agency kind and owning its streams. */
export const agencyServiceNames = ['market-regulation', 'health', 'medical-insurance', 'police', 'discipline-inspection'] as const;
export type AgencyServiceName = (typeof agencyServiceNames)[number];

export const serviceKinds: Readonly<Record<AgencyServiceName, AgencyKind>> = {
  'market-regulation': 'MARKET_REGULATION',
  health: 'HEALTH',
  'medical-insurance': 'MEDICAL_INSURANCE',
  police: 'POLICE',
  'discipline-inspection': 'DISCIPLINE_INSPECTION',
};

/** The services that run the administrative case workflow (DESIGN §3.1). */
export const caseServiceNames = ['market-regulation', 'health', 'medical-insurance'] as const satisfies readonly AgencyServiceName[];

export interface AgencyServiceDeps {
  store: EventStore;
  sql: SqlClient;
  bus: Bus;
  directory: AgencyDirectory;
  rules: AccessRules;
  logger: Logger;
  /** Prefix of the service's SQL schema (tests isolate themselves with it). */
  schemaPrefix: string;
  now?: () => string;
  /** The working-day calendar of the deadlines (XIANJIE_CALENDAR_FILE over the built-in notices). */
  calendar?: WorkingCalendar;
}

/** What the platform needs of any agency service, whatever its kind. */
export interface AgencyService {
  name: AgencyServiceName;
  kind: AgencyKind;
  transfers: TransferModule;
  /** The case workflow (market regulation, health, medical insurance). */
  cases?: AdministrativeAgencyService;
  /** The commission's oversight (discipline inspection). */
  oversight?: DisciplineInspectionService;
  start(): Promise<void>;
  stop(): Promise<void>;
  router(verifier: TokenVerifier): Router;
}

const schemaOf = (name: AgencyServiceName) => name.replaceAll('-', '_');

/** Creates one agency service by name, on the given store, SQL database and bus. */
export const createAgencyService = async (name: AgencyServiceName, deps: AgencyServiceDeps): Promise<AgencyService> => {
  const common = {
    store: deps.store,
    sql: deps.sql,
    bus: deps.bus,
    directory: deps.directory,
    rules: deps.rules,
    logger: deps.logger,
    schema: `${deps.schemaPrefix}${schemaOf(name)}`,
    ...(deps.now ? { now: deps.now } : {}),
    ...(deps.calendar ? { calendar: deps.calendar } : {}),
  };
  switch (name) {
    case 'market-regulation':
    case 'health':
    case 'medical-insurance': {
      const create =
        name === 'market-regulation' ? createMarketRegulationService : name === 'health' ? createHealthService : createMedicalInsuranceService;
      const service = await create(common);
      return { name, kind: serviceKinds[name], transfers: service.transfers, cases: service, start: service.start, stop: service.stop, router: service.router };
    }
    case 'police': {
      const service = await createPoliceService(common);
      return { name, kind: 'POLICE', transfers: service.transfers, start: service.start, stop: service.stop, router: service.router };
    }
    case 'discipline-inspection': {
      const service = await createDisciplineInspectionService(common);
      return {
        name,
        kind: 'DISCIPLINE_INSPECTION',
        transfers: service.transfers,
        oversight: service,
        start: service.start,
        stop: service.stop,
        router: service.router,
      };
    }
  }
};

/** Where a service listens (its process) and where the gateway finds it, from the config. */
export const serviceEndpoint = (config: Config, name: AgencyServiceName): { port: number; url: string } => {
  switch (name) {
    case 'market-regulation':
      return { port: config.MARKET_REGULATION_PORT, url: config.MARKET_REGULATION_URL };
    case 'health':
      return { port: config.HEALTH_PORT, url: config.HEALTH_URL };
    case 'medical-insurance':
      return { port: config.MEDICAL_INSURANCE_PORT, url: config.MEDICAL_INSURANCE_URL };
    case 'police':
      return { port: config.POLICE_PORT, url: config.POLICE_URL };
    case 'discipline-inspection':
      return { port: config.DISCIPLINE_INSPECTION_PORT, url: config.DISCIPLINE_INSPECTION_URL };
  }
};
