import type { AgencyKind } from '@xianjie/contracts';
import { createEventStore } from '@xianjie/event-store';
import { createGatewayApp } from '../server.ts';
import { createIdentity } from '../identity.ts';
import { createCaseClientRouter, createHttpCaseClient } from '../caseClient.ts';
import type { CaseClient } from '../caseClient.ts';
import { createHttpOversightClient } from '../oversightClient.ts';
import { createHttpOperationsClient } from '../operationsClient.ts';
import { createHttpTransferClient, createTransferClients } from '../transferClient.ts';
import type { TransferClient } from '../transferClient.ts';
import { agencyServiceNames, caseServiceNames, serviceEndpoint, serviceKinds } from '../agencyServices.ts';
import { listen, runProcess } from './runProcess.ts';
import { loadWorkingCalendar } from '../calendar.ts';

/** The GraphQL gateway as its own process: commands and queries go to the services over HTTP. */
await runProcess('gateway', async (config, logger) => {
  const { directory, rules, verifier } = createIdentity(config);
  // Read-only use of the audit trail (auditTrail, transfer asOf, verification); the gateway never appends.
  const { store } =
    config.XIANJIE_STORE === 'eventstoredb'
      ? await createEventStore({ kind: 'eventstoredb', connectionString: config.EVENTSTORE_CONNECTION_STRING!, hashAlgorithm: config.XIANJIE_HASH })
      : await createEventStore({
          kind: 'postgres',
          connectionString: config.DATABASE_URL!,
          schema: `${config.XIANJIE_SCHEMA_PREFIX}xianjie`,
          hashAlgorithm: config.XIANJIE_HASH,
        });
  const caseClients: Partial<Record<AgencyKind, CaseClient>> = {};
  for (const name of caseServiceNames) caseClients[serviceKinds[name]] = createHttpCaseClient(serviceEndpoint(config, name).url);
  const transferClients = {} as Record<AgencyKind, TransferClient>;
  for (const name of agencyServiceNames) transferClients[serviceKinds[name]] = createHttpTransferClient(serviceEndpoint(config, name).url);
  const app = createGatewayApp({
    platform: {
      mode: 'distributed',
      directory,
      rules,
      verifier,
      store,
      cases: createCaseClientRouter(caseClients, directory),
      transfers: createTransferClients(transferClients),
      oversight: createHttpOversightClient(config.DISCIPLINE_INSPECTION_URL),
      operations: createHttpOperationsClient(config.OPERATIONS_URL),
      logger,
      calendar: loadWorkingCalendar(config),
    },
    health: async () => {
      const endpoints = [
        ...agencyServiceNames.map((name) => [name, serviceEndpoint(config, name).url] as const),
        ['operations', config.OPERATIONS_URL] as const,
      ];
      const services = await Promise.all(
        endpoints.map(async ([name, url]) => {
          const res = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(2000) }).catch(() => null);
          return [name, res?.ok ? 'ok' : 'unreachable'] as const;
        }),
      );
      return { services: Object.fromEntries(services) };
    },
  });
  const server = await listen(app, config.PORT, config.HOST);
  logger.info({ url: `http://${config.HOST}:${config.PORT}/graphql` }, 'gateway listening (distributed mode)');
  return { server, close: () => store.close() };
});
