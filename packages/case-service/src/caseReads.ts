import { recordPersonalDataReadsFirst, type AccessRules, type PersonalDataReadRecorder, type ReaderAuth } from '@xianjie/auth';
import { maskPersonalData } from '@xianjie/audit-trail';
import { maskIdNumber, readCaseOf, type ReadCase, type SubjectRefOf } from '@xianjie/contracts';
import type { CaseState } from '@xianjie/domain';
import type { CaseService } from './caseService.ts';
import type { CaseCursor, CaseListFilter, CaseQueries, CaseRow } from './caseReadModel.ts';

/** A case as its events hold it (optionally as of a time). */
export interface CaseSnapshot {
  caseId: string;
  state: CaseState;
  version: number;
}

/**
 * The case reads of a service with the access rules applied, the one place both its adapters
 * (in-process and HTTP) read through, so the two can never disagree: a case the caller may not
 * read is not there (null, as for a case that does not exist); a list covers only the agencies
 * the caller may read, within the agencies asked for. Personal ID numbers leave masked unless the
 * reader handles the case (auth's `needsUnmaskedPersonalData`), and an overseer's read of personal
 * data (a person subject, or 处罚到人 persons) is recorded with the commission (查询留痕) before it
 * is returned; when it cannot be recorded the read fails (SERVICE_UNAVAILABLE).
 */
export const createCaseReads = (deps: {
  cases: Pick<CaseService, 'caseAsOf'>;
  queries: Pick<CaseQueries, 'listCases'>;
  rules: AccessRules;
  /** The agencies whose cases this service holds. */
  agencyIds: () => string[];
  subjectRefOf: SubjectRefOf;
  /** 查询留痕: the commission's recorder (fail closed). */
  recordReads: PersonalDataReadRecorder;
}) => {
  const recording = { rules: deps.rules, recorder: deps.recordReads };
  const unmaskedFor = (reader: ReaderAuth, ownerAgencyId: string) =>
    deps.rules.needsUnmaskedPersonalData(reader.principal, { use: 'handling', ownerAgencyId });
  return {
    async caseFor(reader: ReaderAuth, caseId: string, asOf?: string): Promise<CaseSnapshot | null> {
      const found = await deps.cases.caseAsOf(caseId, asOf);
      const state = found && found.state.status !== 'NONE' ? found.state : null;
      if (!found || !state || !deps.rules.canReadCase(reader.principal, { agencyId: state.agencyId }).allowed) return null;
      const read: ReadCase = {
        ...readCaseOf(caseId, state.agencyId, state.subject, deps.subjectRefOf),
        namesPersons: (state.penalty?.personsResponsible.length ?? 0) > 0,
      };
      await recordPersonalDataReadsFirst(recording, reader, 'case', [read]);
      const shown = unmaskedFor(reader, state.agencyId) ? state : (maskPersonalData(state) as CaseState);
      return { caseId, state: shown, version: found.version };
    },
    async listFor(reader: ReaderAuth, filter: CaseListFilter, limit: number, after: CaseCursor | null): Promise<{ rows: CaseRow[]; hasMore: boolean }> {
      const readable = deps.agencyIds().filter((id) => deps.rules.canReadCase(reader.principal, { agencyId: id }).allowed);
      const agencyIds = filter.agencyIds ? readable.filter((id) => filter.agencyIds!.includes(id)) : readable;
      const page = await deps.queries.listCases({ ...filter, agencyIds }, limit, after);
      await recordPersonalDataReadsFirst(
        recording,
        reader,
        'cases',
        page.rows.map((row) =>
          readCaseOf(row.id, row.agencyId, { kind: row.subjectKind, name: row.subjectName, creditCode: row.creditCode, idNumber: row.idNumber }, deps.subjectRefOf),
        ),
      );
      return {
        ...page,
        rows: page.rows.map((row) =>
          row.idNumber && !unmaskedFor(reader, row.agencyId) ? { ...row, idNumber: maskIdNumber(row.idNumber) } : row,
        ),
      };
    },
  };
};

export type CaseReads = ReturnType<typeof createCaseReads>;
