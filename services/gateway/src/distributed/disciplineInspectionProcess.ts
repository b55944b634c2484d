import { runAgencyServiceProcess } from './agencyServiceProcess.ts';

/** 纪委监委 (discipline-inspection) as its own process. */
await runAgencyServiceProcess('discipline-inspection');
