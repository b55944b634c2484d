// @xianjie/gateway: the GraphQL gateway, and nothing else (DESIGN §4).
export {
  createGatewayApp,
  defaultGatewayHttpOptions,
  gatewayHttpOptionsFrom,
  type GatewayAppOptions,
  type GatewayHealth,
  type GatewayHttpOptions,
} from './server.ts';
export { defaultQueryLimits, measureDocument, type QueryLimits } from './queryLimits.ts';
export { createRemotePlatform, servicesHealth } from './remotePlatform.ts';
export { schema, printedSchema } from './schema.ts';
export type { Platform, GatewayContext } from './context.ts';
