import { runAgencyServiceProcess } from './agencyServiceProcess.ts';

/** 公安 (police) as its own process. */
await runAgencyServiceProcess('police');
