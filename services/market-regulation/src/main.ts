import { runServiceMain } from '@xianjie/runtime';
import { createMarketRegulationService } from './marketRegulationService.ts';

/** 市场监管/药监 (market-regulation) as its own process: `node services/market-regulation/src/main.ts` (distributed mode, config from the environment). */
await runServiceMain('market-regulation', createMarketRegulationService);
