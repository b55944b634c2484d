export { createGatewayApp, type GatewayAppOptions } from './server.ts';
export { createEmbeddedPlatform, type EmbeddedPlatform } from './platform.ts';
export { loadConfig, ConfigSchema, ConfigError, EMBEDDED_DEV_SECRET, type Config } from './config.ts';
export { schema, printedSchema } from './schema.ts';
export { seedDemo } from './seed/demoSeed.ts';
export type { Platform, GatewayContext } from './context.ts';
export { createHttpCaseClient, createInProcessCaseClient, type CaseClient, type CaseSnapshot, type CallerAuth } from './caseClient.ts';
export { createHttpOversightClient, createInProcessOversightClient, type OversightClient } from './oversightClient.ts';
