import { runServiceMain } from '@xianjie/runtime';
import { createProcuratorateService } from './procuratorateService.ts';

/** 人民检察院 (procuratorate) as its own process: `node services/procuratorate/src/main.ts` (distributed mode, config from the environment). */
await runServiceMain('procuratorate', createProcuratorateService);
