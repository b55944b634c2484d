export { createGatewayApp, type GatewayAppOptions } from './server.ts';
export { createEmbeddedPlatform, type EmbeddedPlatform } from './platform.ts';
export { loadConfig, ConfigSchema, ConfigError, EMBEDDED_DEV_SECRET, type Config } from './config.ts';
export { schema, printedSchema } from './schema.ts';
export { seedDemo } from './seed/demoSeed.ts';
export type { Platform, GatewayContext } from './context.ts';
export type { CaseClient, CaseSnapshot } from './caseClient.ts';
