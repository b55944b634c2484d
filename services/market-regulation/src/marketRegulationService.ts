import { createAdministrativeAgencyService } from '@xianjie/case-service';
import type { AdministrativeAgencyServiceOptions } from '@xianjie/case-service';

export type MarketRegulationServiceOptions = AdministrativeAgencyServiceOptions;

/**
 * 市场监管/药监 (market regulation and drug administration): the administrative case workflow (药品, 医疗器械, 化妆品 …) and the transfers of market-regulation agencies.
 * Owns the `case-*` streams of its agencies and its side of their transfers (schema
 * `market_regulation` by default). The wiring is the administrative agency service of
 * `@xianjie/case-service`, for this one agency kind.
 */
export const createMarketRegulationService = (options: MarketRegulationServiceOptions) =>
  createAdministrativeAgencyService({ serviceName: 'market-regulation', agencyKind: 'MARKET_REGULATION' }, options);

export type MarketRegulationService = Awaited<ReturnType<typeof createMarketRegulationService>>;
