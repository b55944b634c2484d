import { createEventStore } from '@xianjie/event-store';
import { createGatewayApp } from '../server.ts';
import { createIdentity } from '../identity.ts';
import { createHttpCaseClient } from '../caseClient.ts';
import { createHttpOversightClient } from '../oversightClient.ts';
import { listen, runProcess } from './runProcess.ts';

/** The GraphQL gateway as its own process: commands and queries go to the services over HTTP. */
await runProcess('gateway', async (config, logger) => {
  const { directory, rules, verifier } = createIdentity(config);
  // Read-only use of the audit trail (auditTrail, verification); the gateway never appends.
  const { store } =
    config.XIANJIE_STORE === 'eventstoredb'
      ? await createEventStore({ kind: 'eventstoredb', connectionString: config.EVENTSTORE_CONNECTION_STRING!, hashAlgorithm: config.XIANJIE_HASH })
      : await createEventStore({
          kind: 'postgres',
          connectionString: config.DATABASE_URL!,
          schema: `${config.XIANJIE_SCHEMA_PREFIX}xianjie`,
          hashAlgorithm: config.XIANJIE_HASH,
        });
  const app = createGatewayApp({
    platform: {
      mode: 'distributed',
      directory,
      rules,
      verifier,
      store,
      cases: createHttpCaseClient(config.MARKET_REGULATION_URL),
      oversight: createHttpOversightClient(config.DISCIPLINE_INSPECTION_URL),
      logger,
    },
    health: async () => {
      const services = await Promise.all(
        [config.MARKET_REGULATION_URL, config.DISCIPLINE_INSPECTION_URL].map(async (url) => {
          const res = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(2000) }).catch(() => null);
          return [url, res?.ok ? 'ok' : 'unreachable'] as const;
        }),
      );
      return { services: Object.fromEntries(services) };
    },
  });
  const server = await listen(app, config.PORT, config.HOST);
  logger.info({ url: `http://${config.HOST}:${config.PORT}/graphql` }, 'gateway listening (distributed mode)');
  return { server, close: () => store.close() };
});
