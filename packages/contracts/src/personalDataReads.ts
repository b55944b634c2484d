import { z } from 'zod';
import { Actor } from './actor.ts';
import { Id, IsoDateTime } from './scalars.ts';
import type { SubjectRefOf } from './subjectRef.ts';

/**
 * 查询留痕 (DESIGN §3.4: reads of personal data by overseers are themselves recorded): every read
 * of a natural person's data (a PERSON subject: name, masked ID number) by an overseer of another
 * agency is recorded by the reader's commission on its own stream per month
 * (`data-reads-<agencyId>-<YYYYMM>`, hash-chained like every stream), before the data is served.
 * Whether a read must be recorded is auth's `mustRecordPersonalDataRead`.
 */

/** The API fields whose reads are recorded. */
export const PersonalDataReadField = z.enum([
  'case',
  'cases',
  'auditTrail',
  'oversight.repeatOffenders',
  'oversight.penaltyInsteadOfTransfer',
]);
export type PersonalDataReadField = z.infer<typeof PersonalDataReadField>;

/** One case whose person subject was read. */
export const PersonalDataReadItem = z.object({
  caseId: Id,
  /** The agency that owns the case (and the personal data). */
  caseAgencyId: z.string().min(1),
  /** The keyed reference of the subject identity, as the bus carries it (`subjectRef`, HMAC): never the ID number. */
  subjectRef: z.string().regex(/^[0-9a-f]{64}$/),
});
export type PersonalDataReadItem = z.infer<typeof PersonalDataReadItem>;

/** What the gateway asks the commission's service to record (the reader comes from the token). */
export const RecordPersonalDataReadInput = z.object({
  field: PersonalDataReadField,
  items: z.array(PersonalDataReadItem).min(1, 'a read of personal data names at least one case'),
});
export type RecordPersonalDataReadInput = z.infer<typeof RecordPersonalDataReadInput>;

export const PersonalDataRead = z
  .object({
    /** Who read: the verified token's principal (also the event's actor). */
    reader: Actor,
    field: PersonalDataReadField,
    items: z.array(PersonalDataReadItem).min(1),
    readAt: IsoDateTime,
  })
  .meta({ description: 'An overseer read personal data (个人信息) of cases of another agency (查询留痕).' });
export type PersonalDataRead = z.infer<typeof PersonalDataRead>;

export const personalDataReadEventSchemas = { PersonalDataRead } as const;

const BEIJING_OFFSET_MS = 8 * 3600 * 1000;

/** The Beijing month (YYYYMM) of an instant. */
export const beijingMonthOf = (at: string): string => {
  const d = new Date(Date.parse(at) + BEIJING_OFFSET_MS);
  return `${d.getUTCFullYear()}${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
};

/** The stream prefix of 查询留痕 (not `case-…`: that category is the agencies'). */
export const personalDataReadStreamPrefix = 'data-reads-';

/** The reading commission's stream of one Beijing month: `data-reads-<agencyId>-<YYYYMM>`. */
export const personalDataReadStreamId = (agencyId: string, at: string): string =>
  `${personalDataReadStreamPrefix}${agencyId}-${beijingMonthOf(at)}`;

/** A case whose data a read is about to serve: whose it is and who its subject (当事人) is. */
export interface ReadCase {
  caseId: string;
  /** The agency that owns the case (and its personal data). */
  agencyId: string;
  /** PERSON or ORGANIZATION; null when the source does not know it (counted as a person: recorded). */
  subjectKind: string | null;
  /** The subject identity's reference, as the bus carries it (never the ID number). */
  subjectRef: string;
  /** Whether the case names natural persons besides its subject (处罚到人: persons responsible on a penalty). */
  namesPersons?: boolean;
}

/** A case with its full subject (from its events or the owning agency's read model) as a `ReadCase`. */
export const readCaseOf = (
  caseId: string,
  agencyId: string,
  subject: { kind: string; name: string; creditCode: string | null; idNumber: string | null },
  subjectRefOf: SubjectRefOf,
): ReadCase => ({
  caseId,
  agencyId,
  subjectKind: subject.kind,
  subjectRef: subjectRefOf(
    subject.kind === 'ORGANIZATION'
      ? { kind: 'ORGANIZATION', name: subject.name, creditCode: subject.creditCode ?? '', idNumber: null }
      : { kind: 'PERSON', name: subject.name, creditCode: null, idNumber: subject.idNumber ?? '' },
  ),
});
