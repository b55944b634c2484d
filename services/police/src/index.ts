export { createPoliceService } from './policeService.ts';
export type { PoliceService, PoliceServiceOptions } from './policeService.ts';
