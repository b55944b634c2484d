import { createIdentity, listen, runProcess } from '@xianjie/runtime';
import { createGatewayApp, gatewayHttpOptionsFrom } from './server.ts';
import { signInOptionsFrom } from './session/authRoutes.ts';
import { defaultConsoleDir } from './consoleRoutes.ts';
import { createRemotePlatform, servicesHealth } from './remotePlatform.ts';

/** The GraphQL gateway as its own process (distributed mode): `node services/gateway/src/main.ts`. */
await runProcess('gateway', async (config, logger) => {
  const app = createGatewayApp({
    platform: createRemotePlatform(config, logger),
    health: () => servicesHealth(config),
    http: gatewayHttpOptionsFrom(config),
    signIn: signInOptionsFrom(config, createIdentity(config).devSecret),
    // The console, when built here (XIANJIE_CONSOLE_DIR elsewhere); any web server can serve the bundle instead.
    consoleDir: process.env.XIANJIE_CONSOLE_DIR ?? defaultConsoleDir,
  });
  const server = await listen(app, config.PORT, config.HOST);
  logger.info({ url: `http://${config.HOST}:${config.PORT}/graphql` }, 'gateway listening (distributed mode)');
  return { server, close: async () => {} };
});
