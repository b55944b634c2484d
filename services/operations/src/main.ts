import { runServiceMain } from '@xianjie/runtime';
import { createOperationsService } from './operationsService.ts';

/** 专项整治 (operations) as its own process: `node services/operations/src/main.ts` (distributed mode, config from the environment). */
await runServiceMain('operations', createOperationsService);
