import { ServiceUnavailableError } from '@xianjie/contracts';
import type { PersonalDataReadField, PersonalDataReadItem, ReadCase, RecordPersonalDataReadInput } from '@xianjie/contracts';
import type { AccessRules } from './accessRules.ts';
import type { Principal } from './principal.ts';

/** Who reads: the verified principal, and its token and correlation id to forward (distributed mode). */
export interface ReaderAuth {
  principal: Principal;
  token?: string | null;
  correlationId?: string;
}

/**
 * The port to the commission's 查询留痕 (DESIGN §3.4): records the reader's read on its commission's
 * stream, or throws. Embedded: the commission's service in-process; distributed: its HTTP API,
 * signed with the platform's service key (a user's token alone is refused there).
 */
export type PersonalDataReadRecorder = (input: RecordPersonalDataReadInput, reader: ReaderAuth) => Promise<unknown>;

/** A recorder for a service wired without one: every read that must be recorded is refused (fail closed). */
export const refusingPersonalDataReadRecorder: PersonalDataReadRecorder = () =>
  Promise.reject(new Error('no 查询留痕 recorder is wired into this service'));

/**
 * Which of the cases a read is about to serve are reads of personal data that must be recorded —
 * `mustRecordPersonalDataRead` decides (an overseer or admin of another agency reading a case whose
 * subject is a natural person, or not known to be an organisation, or whose penalty names persons
 * responsible (处罚到人)); each case once, with its keyed `subjectRef` (never the ID number). Pure.
 */
export const personalDataReadItems = (rules: AccessRules, principal: Principal, cases: readonly ReadCase[]): PersonalDataReadItem[] => {
  const items = new Map<string, PersonalDataReadItem>();
  for (const read of cases) {
    if (items.has(read.caseId)) continue;
    // Unknown is counted as a person: a read that might be of personal data is recorded.
    const subjectKind = read.subjectKind === 'ORGANIZATION' && !read.namesPersons ? 'ORGANIZATION' : 'PERSON';
    if (!rules.mustRecordPersonalDataRead(principal, { ownerAgencyId: read.agencyId, subjectKind })) continue;
    items.set(read.caseId, { caseId: read.caseId, caseAgencyId: read.agencyId, subjectRef: read.subjectRef });
  }
  return [...items.values()];
};

/**
 * Records the reader's read of the cases' personal data, when it must be recorded, BEFORE the owning
 * service returns the data. Fail closed: when the commission cannot record it, the read is refused
 * with SERVICE_UNAVAILABLE (a read that is not on the record is not served).
 */
export const recordPersonalDataReadsFirst = async (
  deps: { rules: AccessRules; recorder: PersonalDataReadRecorder },
  reader: ReaderAuth,
  field: PersonalDataReadField,
  cases: readonly ReadCase[],
): Promise<void> => {
  const items = personalDataReadItems(deps.rules, reader.principal, cases);
  if (items.length === 0) return;
  try {
    await deps.recorder({ field, items }, reader);
  } catch (error) {
    throw new ServiceUnavailableError(
      'discipline-inspection (查询留痕)',
      `this read of personal data (个人信息) could not be recorded, so it is not served; retry later (${(error as Error).message})`,
    );
  }
};
