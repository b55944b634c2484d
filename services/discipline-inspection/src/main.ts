import { runServiceMain } from '@xianjie/runtime';
import { createDisciplineInspectionService } from './disciplineInspectionService.ts';

/** 纪委监委 (discipline-inspection) as its own process: `node services/discipline-inspection/src/main.ts` (distributed mode, config from the environment). */
await runServiceMain('discipline-inspection', createDisciplineInspectionService);
