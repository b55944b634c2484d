// @xianjie/gateway: the GraphQL gateway, and nothing else (DESIGN §4).
export { createGatewayApp, type GatewayAppOptions } from './server.ts';
export { createRemotePlatform, servicesHealth } from './remotePlatform.ts';
export { schema, printedSchema } from './schema.ts';
export type { Platform, GatewayContext } from './context.ts';
