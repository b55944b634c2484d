import { listen, runProcess } from '@xianjie/runtime';
import { createGatewayApp, gatewayHttpOptionsFrom } from './server.ts';
import { createRemotePlatform, servicesHealth } from './remotePlatform.ts';

/** The GraphQL gateway as its own process (distributed mode): `node services/gateway/src/main.ts`. */
await runProcess('gateway', async (config, logger) => {
  const app = createGatewayApp({
    platform: createRemotePlatform(config, logger),
    health: () => servicesHealth(config),
    http: gatewayHttpOptionsFrom(config),
  });
  const server = await listen(app, config.PORT, config.HOST);
  logger.info({ url: `http://${config.HOST}:${config.PORT}/graphql` }, 'gateway listening (distributed mode)');
  return { server, close: async () => {} };
});
