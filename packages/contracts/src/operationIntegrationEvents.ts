import type { IntegrationEvent } from './integrationEvents.ts';
import { FindingReferred, OperationResultReported } from './operation.ts';

/**
 * The public operation messages (stream category `operation`, topic `xianjie.operation`, keyed by
 * the operation id). Everything else on an operation stream stays with the operations service —
 * above all the target lists and schedules of unannounced inspections (四不两直).
 * - `finding-referred`: a finding disposed as 立案查处 or 移送公安; the handling agency's case
 *   service registers the case (source INSPECTION, origin { operationId, findingId }).
 * - `result-reported`: the result report, to the discipline commission of the operation's region.
 */
export const operationIntegrationEvents: readonly IntegrationEvent[] = [
  {
    name: 'xianjie.operation.finding-referred.v1',
    eventType: 'FindingReferred',
    streamCategory: 'operation',
    schema: FindingReferred,
  },
  {
    name: 'xianjie.operation.result-reported.v1',
    eventType: 'OperationResultReported',
    streamCategory: 'operation',
    schema: OperationResultReported,
  },
];
