import { runAgencyServiceProcess } from './agencyServiceProcess.ts';

/** 卫健 (health) as its own process. */
await runAgencyServiceProcess('health');
