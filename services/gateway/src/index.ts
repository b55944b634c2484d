// @xianjie/gateway: the GraphQL gateway, and nothing else (DESIGN §4).
export {
  createGatewayApp,
  defaultGatewayHttpOptions,
  gatewayHttpOptionsFrom,
  type GatewayAppOptions,
  type GatewayHealth,
  type GatewayHttpOptions,
} from './server.ts';
export { authRoutes, signInOptionsFrom, type SignInOptions } from './session/authRoutes.ts';
export { sessionCookieName, csrfHeaderName } from './session/sessionCookie.ts';
export { consoleRoutes, consoleContentSecurityPolicy, defaultConsoleDir } from './consoleRoutes.ts';
export { defaultQueryLimits, measureDocument, type QueryLimits } from './queryLimits.ts';
export { createRemotePlatform, servicesHealth } from './remotePlatform.ts';
export { schema, printedSchema } from './schema.ts';
export type { Platform, GatewayContext } from './context.ts';
