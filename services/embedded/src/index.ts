// @xianjie/embedded: the whole platform in one process (`pnpm start`), for tests and benches too.
export { createEmbeddedPlatform, type EmbeddedPlatform, type EmbeddedPlatformOptions } from './embeddedPlatform.ts';
export { createEmbeddedApp } from './embeddedApp.ts';
export { serviceFactories, type EmbeddedService, type EmbeddedServices, type InProcessClients } from './serviceFactories.ts';
