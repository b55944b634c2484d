// The public surface of @xianjie/medical-insurance (医保).
export {
  createMedicalInsuranceService,
  type MedicalInsuranceService,
  type MedicalInsuranceServiceOptions,
} from './medicalInsuranceService.ts';
