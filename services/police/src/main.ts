import { runServiceMain } from '@xianjie/runtime';
import { createPoliceService } from './policeService.ts';

/** 公安 (police) as its own process: `node services/police/src/main.ts` (distributed mode, config from the environment). */
await runServiceMain('police', createPoliceService);
