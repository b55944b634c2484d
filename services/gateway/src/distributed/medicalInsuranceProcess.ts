import { runAgencyServiceProcess } from './agencyServiceProcess.ts';

/** 医保 (medical-insurance) as its own process. */
await runAgencyServiceProcess('medical-insurance');
