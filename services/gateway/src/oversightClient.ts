import type { Principal } from '@xianjie/auth';
import { remoteCall } from './remoteCall.ts';
import type { DisciplineInspectionService, PenaltyInsteadOfTransferRow, RepeatOffenderRow } from '@xianjie/discipline-inspection';

/** What the gateway needs from the discipline commission's service. Embedded: in-process; distributed: HTTP. */
export interface OversightClient {
  penaltyInsteadOfTransfer(principal: Principal, token: string | null, correlationId: string): Promise<PenaltyInsteadOfTransferRow[]>;
  repeatOffenders(
    principal: Principal,
    token: string | null,
    correlationId: string,
    options: { windowDays: number; minViolations: number; asOf: string },
  ): Promise<RepeatOffenderRow[]>;
}

export const createInProcessOversightClient = (service: DisciplineInspectionService): OversightClient => ({
  penaltyInsteadOfTransfer: async (principal) => service.queries.penaltyInsteadOfTransfer(service.overseenAgencies(principal)),
  repeatOffenders: async (principal, _token, _correlationId, options) =>
    service.queries.repeatOffenders({ ...options, agencyIds: service.overseenAgencies(principal) }),
});

export const createHttpOversightClient = (baseUrl: string): OversightClient => ({
  penaltyInsteadOfTransfer: async (_principal, token, correlationId) =>
    (await remoteCall<{ items: PenaltyInsteadOfTransferRow[] }>(baseUrl, '/oversight/penalty-instead-of-transfer', { token, correlationId })).items,
  repeatOffenders: async (_principal, token, correlationId, options) => {
    const params = new URLSearchParams({
      windowDays: String(options.windowDays),
      minViolations: String(options.minViolations),
      asOf: options.asOf,
    });
    return (await remoteCall<{ items: RepeatOffenderRow[] }>(baseUrl, `/oversight/repeat-offenders?${params}`, { token, correlationId })).items;
  },
});
