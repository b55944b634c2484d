import {
  AssignTargetsInput,
  FormInspectionGroupInput,
  OperationStepInput,
  PlanOperationInput,
  RecordInspectionInput,
  RegisterProblemInput,
  ReportRectificationInput,
  RecordSelfInspectionInput,
  ReportResultInput,
  ScheduleFollowUpInput,
  VerifyRectificationInput,
} from '@xianjie/contracts';
import type { OperationCommandName } from '@xianjie/auth';
import type { z } from 'zod';
import { builder } from '../../builder.ts';
import { commandInput, runCommand } from '../common/commandMutation.ts';
import {
  AssignTargetsInputType,
  FormInspectionGroupInputType,
  OperationStepInputType,
  PlanOperationInputType,
  RecordInspectionInputType,
  RecordSelfInspectionInputType,
  RegisterProblemInputType,
  ReportRectificationInputType,
  ReportResultInputType,
  ScheduleFollowUpInputType,
  VerifyRectificationInputType,
} from './inputs.ts';
import { OperationType } from './operationType.ts';

type AnyOperationInput =
  | typeof PlanOperationInputType
  | typeof OperationStepInputType
  | typeof FormInspectionGroupInputType
  | typeof AssignTargetsInputType
  | typeof RecordInspectionInputType
  | typeof RegisterProblemInputType
  | typeof ReportRectificationInputType
  | typeof VerifyRectificationInputType
  | typeof ScheduleFollowUpInputType
  | typeof ReportResultInputType
  | typeof RecordSelfInspectionInputType;

const operationMutation = (name: OperationCommandName, input: AnyOperationInput, schema: z.ZodType, description: string) =>
  builder.mutationField(name, (t) =>
    t.field({
      type: OperationType,
      description,
      // The service checks the party (auth's operationCommandRoles: lead head, office, group) and says who may.
      authScopes: { authenticated: true },
      args: {
        input: t.arg({ type: input as typeof OperationStepInputType, required: true, validate: commandInput(schema) }),
      },
      resolve: async (_root, args, ctx) => {
        const snapshot = await runCommand(ctx, args.input, (input, auth) => ctx.platform.operations.execute(name, input, auth));
        return { id: snapshot.operationId, asOf: null, summary: null, view: snapshot.operation };
      },
    }),
  );

operationMutation('planOperation', PlanOperationInputType, PlanOperationInput, '制定工作方案: plan an operation your agency leads (supervisor)');
operationMutation(
  'formInspectionGroup',
  FormInspectionGroupInputType,
  FormInspectionGroupInput,
  '混编成组: form an inspection group across agencies (lead agency’s supervisor or the office)',
);
operationMutation('assignTargets', AssignTargetsInputType, AssignTargetsInput, '分配检查对象: assign targets to a group (lead agency’s supervisor or the office)');
operationMutation('launchOperation', OperationStepInputType, OperationStepInput, '部署: launch once every target has its group (lead agency’s supervisor)');
operationMutation('recordInspection', RecordInspectionInputType, RecordInspectionInput, '记录检查: record an inspection with its checklist and findings (the group)');
operationMutation('registerProblem', RegisterProblemInputType, RegisterProblemInput, '登记问题台账: enter a finding with its disposition and due date (the group)');
operationMutation('reportRectification', ReportRectificationInputType, ReportRectificationInput, '报送整改: report a rectification (the group)');
operationMutation(
  'verifyRectification',
  VerifyRectificationInputType,
  VerifyRectificationInput,
  '核查销号: accept (销号) or reject a reported rectification (the group’s leader or deputy)',
);
operationMutation(
  'scheduleFollowUp',
  ScheduleFollowUpInputType,
  ScheduleFollowUpInput,
  '回头看: schedule a follow-up of an overdue or rejected rectification (the group’s leader or deputy, or the office)',
);
operationMutation(
  'recordSelfInspection',
  RecordSelfInspectionInputType,
  RecordSelfInspectionInput,
  '自查自纠: record a target facility’s self-inspection report as received (the operation office)',
);
operationMutation('reportResult', ReportResultInputType, ReportResultInput, '结果报告纪委监委: report the result with its figures (lead agency’s supervisor)');
operationMutation('closeOperation', OperationStepInputType, OperationStepInput, '结束: close after the report; a reason while problems are open (lead agency’s supervisor)');
