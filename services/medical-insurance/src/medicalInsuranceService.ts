import { createAdministrativeAgencyService } from '@xianjie/case-service';
import type { AdministrativeAgencyServiceOptions } from '@xianjie/case-service';

export type MedicalInsuranceServiceOptions = AdministrativeAgencyServiceOptions;

/**
 * 医保 (medical insurance): the administrative case workflow (基金监管: 欺诈骗保, 虚假住院, …) and the transfers of medical-insurance agencies.
 * Owns the `case-*` streams of its agencies and its side of their transfers (schema
 * `medical_insurance` by default). The wiring is the administrative agency service of
 * `@xianjie/case-service`, for this one agency kind.
 */
export const createMedicalInsuranceService = (options: MedicalInsuranceServiceOptions) =>
  createAdministrativeAgencyService({ serviceName: 'medical-insurance', agencyKind: 'MEDICAL_INSURANCE' }, options);

export type MedicalInsuranceService = Awaited<ReturnType<typeof createMedicalInsuranceService>>;
