import { z } from 'zod';
import { CaseRegistered, caseEventSchemas } from './case.ts';
import { maskIdNumber, type Subject } from './subject.ts';
import type { SubjectRefOf } from './subjectRef.ts';
import { transferIntegrationEvents } from './transferIntegrationEvents.ts';
import { operationIntegrationEvents } from './operationIntegrationEvents.ts';
import { filingSupervisionEventSchemas } from './filingSupervision.ts';

/**
 * The subject as other agencies see it on the bus: a person's ID number never leaves the owning
 * service unmasked; `subjectRef` (HMAC-SHA256 of the subject key under the platform's key, see
 * `subjectRef.ts`) still lets the commission match repeat offenders across agencies without the
 * number itself, and cannot be recomputed from a guessed number outside the platform.
 */
export const PublicSubject = z.object({
  kind: z.enum(['ORGANIZATION', 'PERSON']),
  name: z.string().min(1),
  creditCode: z.string().nullable(),
  idNumberMasked: z.string().nullable(),
  subjectRef: z.string().regex(/^[0-9a-f]{64}$/),
});
export type PublicSubject = z.infer<typeof PublicSubject>;

export const toPublicSubject = (subject: Subject, subjectRefOf: SubjectRefOf): PublicSubject => ({
  kind: subject.kind,
  name: subject.name,
  creditCode: subject.creditCode,
  idNumberMasked: subject.idNumber ? maskIdNumber(subject.idNumber) : null,
  subjectRef: subjectRefOf(subject),
});

/** What making an event public may need from the platform: the keyed `subjectRef` (never the key). */
export interface PublicContext {
  subjectRefOf: SubjectRefOf;
}

/** `xianjie.case.registered.v1` data: the CaseRegistered event with the public subject. */
export const PublicCaseRegistered = CaseRegistered.extend({ subject: PublicSubject }).meta({
  description: 'A clue was registered as a case (线索登记); the subject as other agencies may see it.',
});
export type PublicCaseRegistered = z.infer<typeof PublicCaseRegistered>;

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
  /** Turns the domain event's data into the public data (drops or masks what must not leave); identity when absent. */
  toPublic?: (data: unknown, context: PublicContext) => unknown;
}

export const integrationEvents: readonly IntegrationEvent[] = [
  {
    name: 'xianjie.case.registered.v1',
    eventType: 'CaseRegistered',
    streamCategory: 'case',
    schema: PublicCaseRegistered,
    toPublic: (data, { subjectRefOf }) => ({
      ...(data as CaseRegistered),
      subject: toPublicSubject((data as CaseRegistered).subject, subjectRefOf),
    }),
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
  {
    name: 'xianjie.case.transferred.v1',
    eventType: 'CaseTransferred',
    streamCategory: 'case',
    schema: caseEventSchemas.CaseTransferred,
  },
  ...transferIntegrationEvents,
  ...operationIntegrationEvents,
  // 立案监督: the procuratorate's notices to the police. Recorded on its `filing-supervision-<transferId>`
  // stream but published in the transfer category (topic `xianjie.transfer`, keyed by the transfer id),
  // so the police see them in order with the transfer's other facts.
  {
    name: 'xianjie.transfer.non-filing-explanation-requested.v1',
    eventType: 'NonFilingExplanationRequested',
    streamCategory: 'transfer',
    schema: filingSupervisionEventSchemas.NonFilingExplanationRequested,
  },
  {
    name: 'xianjie.transfer.non-filing-reasons-upheld.v1',
    eventType: 'NonFilingReasonsUpheld',
    streamCategory: 'transfer',
    schema: filingSupervisionEventSchemas.NonFilingReasonsUpheld,
  },
  {
    name: 'xianjie.transfer.filing-notice-issued.v1',
    eventType: 'FilingNoticeIssued',
    streamCategory: 'transfer',
    schema: filingSupervisionEventSchemas.FilingNoticeIssued,
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

/** The topic of a stream category's public events: one topic per category, keyed by aggregate. */
export const integrationTopic = (streamCategory: string): string => `xianjie.${streamCategory}`;

/** Every public message type with its data schema: what bus registries validate against. */
export const integrationEventSchemas = (): Record<string, z.ZodType> =>
  Object.fromEntries(integrationEvents.map((event) => [event.name, event.schema]));
