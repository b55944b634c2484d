import type { z } from 'zod';
import { caseEventSchemas } from './case.ts';

/**
 * The public integration events: the deliberate subset of events other services may consume
 * from the bus. The name is the CloudEvents `type` and the JSON Schema file name
 * (`schemas/events/<name>.json`); a breaking change gets a new version, never an edit.
 */
export interface IntegrationEvent {
  /** e.g. `xianjie.case.registered.v1`. */
  name: string;
  /** The domain event it publishes, e.g. `CaseRegistered`. */
  eventType: string;
  /** Stream category it comes from (`case` for `case-<id>`). */
  streamCategory: string;
  /** Schema of the CloudEvents `data`. */
  schema: z.ZodType;
}

export const integrationEvents: readonly IntegrationEvent[] = [
  {
    name: 'xianjie.case.registered.v1',
    eventType: 'CaseRegistered',
    streamCategory: 'case',
    schema: caseEventSchemas.CaseRegistered,
  },
  {
    name: 'xianjie.case.filed.v1',
    eventType: 'CaseFiled',
    streamCategory: 'case',
    schema: caseEventSchemas.CaseFiled,
  },
  {
    name: 'xianjie.case.not-filed.v1',
    eventType: 'CaseNotFiled',
    streamCategory: 'case',
    schema: caseEventSchemas.CaseNotFiled,
  },
  {
    name: 'xianjie.case.evidence-recorded.v1',
    eventType: 'EvidenceRecorded',
    streamCategory: 'case',
    schema: caseEventSchemas.EvidenceRecorded,
  },
  {
    name: 'xianjie.case.penalty-decided.v1',
    eventType: 'PenaltyDecided',
    streamCategory: 'case',
    schema: caseEventSchemas.PenaltyDecided,
  },
  {
    name: 'xianjie.case.closed.v1',
    eventType: 'CaseClosed',
    streamCategory: 'case',
    schema: caseEventSchemas.CaseClosed,
  },
];

const byEventType = new Map(
  integrationEvents.map((event) => [`${event.streamCategory}/${event.eventType}`, event]),
);
const byName = new Map(integrationEvents.map((event) => [event.name, event]));

/** The public message for a domain event of a stream category, or undefined when it stays private. */
export const integrationEventFor = (
  streamCategory: string,
  eventType: string,
): IntegrationEvent | undefined => byEventType.get(`${streamCategory}/${eventType}`);

export const integrationEventNamed = (name: string): IntegrationEvent | undefined => byName.get(name);
