import { runOperationsProcess } from './agencyServiceProcess.ts';

/** 专项整治 (operations) as its own process. */
await runOperationsProcess();
