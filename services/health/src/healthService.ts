import { createAdministrativeAgencyService } from '@xianjie/case-service';
import type { AdministrativeAgencyServiceOptions } from '@xianjie/case-service';

export type HealthServiceOptions = AdministrativeAgencyServiceOptions;

/**
 * 卫健 (health): the administrative case workflow (卫生监督: 非法行医, 消毒产品, …) and the transfers of health agencies.
 * Owns the `case-*` streams of its agencies and its side of their transfers (schema
 * `health` by default). The wiring is the administrative agency service of
 * `@xianjie/case-service`, for this one agency kind.
 */
export const createHealthService = (options: HealthServiceOptions) =>
  createAdministrativeAgencyService({ serviceName: 'health', agencyKind: 'HEALTH' }, options);

export type HealthService = Awaited<ReturnType<typeof createHealthService>>;
