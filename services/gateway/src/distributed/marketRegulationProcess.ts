import { runAgencyServiceProcess } from './agencyServiceProcess.ts';

/** 市场监管/药监 (market-regulation) as its own process. */
await runAgencyServiceProcess('market-regulation');
