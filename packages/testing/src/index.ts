export { announceSkip } from './announceSkip.ts';
export { probeDocker } from './dockerProbe.ts';
export type { DockerProbeResult } from './dockerProbe.ts';
export { resolveEventStoreDb, resolveKafka, resolvePostgres } from './servers.ts';
export type { ResolvedServer, ServerSource } from './servers.ts';
export { dropSchema, uniqueSchema } from './schemaName.ts';
