import { ServiceUnavailableError } from '@xianjie/contracts';
import type { PersonalDataReadField, PersonalDataReadItem, ReadCase } from '@xianjie/contracts';

import type { AccessRules, Principal } from '@xianjie/auth';
import type { GatewayContext } from './context.ts';

/**
 * 查询留痕 (DESIGN §3.4): which of the cases a resolver is about to serve are reads of personal data
 * that must be recorded — auth's `mustRecordPersonalDataRead` decides (an overseer or admin of
 * another agency reading a case whose subject is a natural person, or not known to be an
 * organisation); each case once, with the subject's `subjectRef` (SHA-256, as the bus carries it;
 * never the ID number). Pure.
 */
export const personalDataReadItems = (
  rules: AccessRules,
  principal: Principal,
  cases: readonly ReadCase[],
): PersonalDataReadItem[] => {
  const items = new Map<string, PersonalDataReadItem>();
  for (const read of cases) {
    if (items.has(read.caseId)) continue;
    // Unknown is counted as a person: a read that might be of personal data is recorded.
    const subjectKind = read.subjectKind === 'ORGANIZATION' ? 'ORGANIZATION' : 'PERSON';
    if (!rules.mustRecordPersonalDataRead(principal, { ownerAgencyId: read.agencyId, subjectKind })) continue;
    items.set(read.caseId, { caseId: read.caseId, caseAgencyId: read.agencyId, subjectRef: read.subjectRef });
  }
  return [...items.values()];
};

/**
 * Records the caller's read of the cases' personal data, if it must be recorded, BEFORE the resolver
 * returns the data. Fail closed: when the commission's service cannot record it, the read is refused
 * with SERVICE_UNAVAILABLE (a read that is not on the record is not served).
 */
export const recordPersonalDataReads = async (
  ctx: GatewayContext,
  field: PersonalDataReadField,
  cases: readonly ReadCase[],
): Promise<void> => {
  const principal = ctx.principal!;
  const items = personalDataReadItems(ctx.platform.rules, principal, cases);
  if (items.length === 0) return;
  try {
    await ctx.platform.oversight.recordPersonalDataRead(
      { field, items },
      { principal, token: ctx.token, correlationId: ctx.correlationId },
    );
  } catch (error) {
    ctx.platform.logger.error(
      {
        err: error,
        field,
        caseIds: items.map((i) => i.caseId),
        actor: principal.userId,
        correlationId: ctx.correlationId,
      },
      'personal data read could not be recorded; read refused',
    );
    throw new ServiceUnavailableError(
      'discipline-inspection (查询留痕)',
      `this read of personal data (个人信息) could not be recorded, so it is not served; retry later (${(error as Error).message})`,
    );
  }
};
