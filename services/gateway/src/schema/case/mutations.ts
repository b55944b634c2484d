import { CaseStepInput, DecideNotToFileInput, DecidePenaltyInput, RecordEvidenceInput, RegisterCaseInput } from '@xianjie/contracts';
import { assertAllowed } from '@xianjie/auth';
import type { CaseCommandName } from '@xianjie/case-service';
import type { z } from 'zod';
import { builder } from '../../builder.ts';
import { commandInput, runCommand } from '../common/commandMutation.ts';
import { viewOf } from './caseView.ts';
import { CaseStepInputType, CaseType, DecidePenaltyInputType, RecordEvidenceInputType, RegisterCaseInputType } from './types.ts';

const caseMutation = (
  name: CaseCommandName,
  input: typeof CaseStepInputType | typeof RegisterCaseInputType | typeof RecordEvidenceInputType | typeof DecidePenaltyInputType,
  schema: z.ZodType,
  description: string,
  scopes: { authenticated?: boolean; supervisor?: boolean },
) =>
  builder.mutationField(name, (t) =>
    t.field({
      type: CaseType,
      description,
      authScopes: scopes,
      args: {
        input: t.arg({ type: input as typeof CaseStepInputType, required: true, validate: commandInput(schema) }),
      },
      resolve: async (_root, args, ctx) => {
        const snapshot = await runCommand(ctx, args.input, (input, auth) => ctx.platform.cases.execute(name, input, auth));
        const view = viewOf(snapshot)!;
        assertAllowed(ctx.platform.rules.canReadCase(ctx.principal!, { agencyId: view.agencyId }));
        return view;
      },
    }),
  );

caseMutation('registerCase', RegisterCaseInputType, RegisterCaseInput, '登记案件线索: register a clue as a case of your agency', {
  authenticated: true,
});
caseMutation('fileCase', CaseStepInputType, CaseStepInput, '立案 (supervisor approval)', { supervisor: true });
caseMutation('decideNotToFile', CaseStepInputType, DecideNotToFileInput, '不予立案 (supervisor; reason required)', { supervisor: true });
caseMutation('recordEvidence', RecordEvidenceInputType, RecordEvidenceInput, '调查取证: record evidence', { authenticated: true });
caseMutation('decidePenalty', DecidePenaltyInputType, DecidePenaltyInput, '作出行政处罚决定 (supervisor)', { supervisor: true });
caseMutation('closeCase', CaseStepInputType, CaseStepInput, '结案', { authenticated: true });
