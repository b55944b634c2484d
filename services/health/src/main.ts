import { runServiceMain } from '@xianjie/runtime';
import { createHealthService } from './healthService.ts';

/** 卫健 (health) as its own process: `node services/health/src/main.ts` (distributed mode, config from the environment). */
await runServiceMain('health', createHealthService);
