// The public surface of @xianjie/health (卫健).
export { createHealthService, type HealthService, type HealthServiceOptions } from './healthService.ts';
