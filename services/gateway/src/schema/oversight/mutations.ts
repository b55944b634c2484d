import { LiftCaseSupervisionInput, SuperviseCaseInput } from '@xianjie/contracts';
import type { SupervisionCommandName } from '@xianjie/auth';
import type { z } from 'zod';
import { builder } from '../../builder.ts';
import { commandInput, runCommand } from '../common/commandMutation.ts';
import { SupervisedCaseType } from './caseSupervision.ts';

/** 挂牌督办's commands: `superviseCase` and `liftCaseSupervision` (the commission's service runs them). */

export const SuperviseCaseInputType = builder.inputType('SuperviseCaseInput', {
  description: '挂牌督办: list a case of an agency in your region and below for supervision',
  fields: (t) => ({
    commandId: t.id({ required: false, description: 'For an idempotent retry: the same commandId never appends twice' }),
    caseId: t.id({ required: true }),
    expectedVersion: t.int({ required: false, description: 'SupervisedCase.version you last saw (0 before the first); CONFLICT when it moved on' }),
    dueDate: t.string({ required: true, description: '督办期限: YYYY-MM-DD, Beijing time; the case is due by 24:00 of that day; not before today' }),
    reason: t.string({ required: true, description: '督办事由' }),
    requirements: t.string({ required: false, description: '督办要求, e.g. 依法从严查处、按期报送办理结果' }),
  }),
});

export const LiftCaseSupervisionInputType = builder.inputType('LiftCaseSupervisionInput', {
  description: '解除督办: lift the supervision of a case',
  fields: (t) => ({
    commandId: t.id({ required: false, description: 'For an idempotent retry: the same commandId never appends twice' }),
    caseId: t.id({ required: true }),
    expectedVersion: t.int({ required: false, description: 'SupervisedCase.version you last saw; CONFLICT when it moved on' }),
    reason: t.string({ required: true, description: 'Why the supervision is lifted' }),
  }),
});

const supervisionMutation = (
  name: SupervisionCommandName,
  input: typeof SuperviseCaseInputType | typeof LiftCaseSupervisionInputType,
  schema: z.ZodType,
  description: string,
) =>
  builder.mutationField(name, (t) =>
    t.field({
      type: SupervisedCaseType,
      description,
      // The service checks the commission, the role and the region (auth's canRunSupervisionCommand) and says which is missing.
      authScopes: { authenticated: true },
      args: { input: t.arg({ type: input as typeof SuperviseCaseInputType, required: true, validate: commandInput(schema) }) },
      resolve: async (_root, args, ctx) => {
        const snapshot = await runCommand(ctx, args.input, (input, auth) => ctx.platform.oversight.executeSupervision(name, input, auth));
        return snapshot.item;
      },
    }),
  );

supervisionMutation(
  'superviseCase',
  SuperviseCaseInputType,
  SuperviseCaseInput,
  '挂牌督办: put a case of an agency in your region and below under listed supervision with a due date (a commission’s supervisor). ' +
    'NOT_FOUND for a case the commission does not know or outside your region; INVALID_TRANSITION when it is already under supervision or closed.',
);
supervisionMutation(
  'liftCaseSupervision',
  LiftCaseSupervisionInputType,
  LiftCaseSupervisionInput,
  '解除督办: lift the supervision of a case, with the reason (a supervisor of the supervising commission or of one above it).',
);
