import type { AgencyKind } from '@xianjie/contracts';

/** What a service serves to the gateway (its client ports). */
export type ServicePort = 'cases' | 'transfers' | 'oversight' | 'operations' | 'procuratorate';

/**
 * One entry of the service registry: everything the platform needs to know to run a service
 * alone, embed it, or find it. The factory is not here: each service's own `main.ts` passes its
 * factory, and the embedded composition root keys its factories by these names (the compiler
 * makes it name every one) — a registry that imported the services would make a package cycle,
 * since every service depends on this package.
 */
export interface ServiceEntry {
  name: string;
  /** The service in the users' words. */
  title: string;
  /** The agency kind it acts for; null for a service of no single kind (专项整治 spans agencies). */
  agencyKind: AgencyKind | null;
  /** The client ports it serves (DESIGN §1: commands and queries of the owning service). */
  ports: readonly ServicePort[];
  /** Distributed mode: the variable of the port it listens on, and its default. */
  portVariable: string;
  defaultPort: number;
  /** Distributed mode: the variable of the URL where the gateway finds it. */
  urlVariable: string;
  /** Its entry file, relative to the repository root (`node <entry>` starts it alone). */
  entry: string;
}

/** The services of the platform (DESIGN §1), each owning its streams and read models. */
export const serviceRegistry = [
  {
    name: 'market-regulation',
    title: '市场监管/药监',
    agencyKind: 'MARKET_REGULATION',
    ports: ['cases', 'transfers'],
    portVariable: 'MARKET_REGULATION_PORT',
    defaultPort: 4101,
    urlVariable: 'MARKET_REGULATION_URL',
    entry: 'services/market-regulation/src/main.ts',
  },
  {
    name: 'health',
    title: '卫健',
    agencyKind: 'HEALTH',
    ports: ['cases', 'transfers'],
    portVariable: 'HEALTH_PORT',
    defaultPort: 4102,
    urlVariable: 'HEALTH_URL',
    entry: 'services/health/src/main.ts',
  },
  {
    name: 'medical-insurance',
    title: '医保',
    agencyKind: 'MEDICAL_INSURANCE',
    ports: ['cases', 'transfers'],
    portVariable: 'MEDICAL_INSURANCE_PORT',
    defaultPort: 4103,
    urlVariable: 'MEDICAL_INSURANCE_URL',
    entry: 'services/medical-insurance/src/main.ts',
  },
  {
    name: 'police',
    title: '公安',
    agencyKind: 'POLICE',
    ports: ['transfers'],
    portVariable: 'POLICE_PORT',
    defaultPort: 4104,
    urlVariable: 'POLICE_URL',
    entry: 'services/police/src/main.ts',
  },
  {
    name: 'discipline-inspection',
    title: '纪委监委',
    agencyKind: 'DISCIPLINE_INSPECTION',
    ports: ['transfers', 'oversight'],
    portVariable: 'DISCIPLINE_INSPECTION_PORT',
    defaultPort: 4105,
    urlVariable: 'DISCIPLINE_INSPECTION_URL',
    entry: 'services/discipline-inspection/src/main.ts',
  },
  {
    name: 'operations',
    title: '专项整治',
    agencyKind: null,
    ports: ['operations'],
    portVariable: 'OPERATIONS_PORT',
    defaultPort: 4106,
    urlVariable: 'OPERATIONS_URL',
    entry: 'services/operations/src/main.ts',
  },
  {
    name: 'procuratorate',
    title: '人民检察院',
    agencyKind: 'PROCURATORATE',
    ports: ['procuratorate'],
    portVariable: 'PROCURATORATE_PORT',
    defaultPort: 4107,
    urlVariable: 'PROCURATORATE_URL',
    entry: 'services/procuratorate/src/main.ts',
  },
] as const satisfies readonly ServiceEntry[];

export type ServiceName = (typeof serviceRegistry)[number]['name'];

export const serviceNames: readonly ServiceName[] = serviceRegistry.map((s) => s.name);

export const serviceEntry = (name: ServiceName): ServiceEntry => serviceRegistry.find((s) => s.name === name)!;

/** The gateway process: not a service of the registry (it owns no streams), but started beside them. */
export const gatewayEntry = { name: 'gateway', title: 'GraphQL 网关', entry: 'services/gateway/src/main.ts' } as const;
