import { runServiceMain } from '@xianjie/runtime';
import { createMedicalInsuranceService } from './medicalInsuranceService.ts';

/** 医保 (medical-insurance) as its own process: `node services/medical-insurance/src/main.ts` (distributed mode, config from the environment). */
await runServiceMain('medical-insurance', createMedicalInsuranceService);
