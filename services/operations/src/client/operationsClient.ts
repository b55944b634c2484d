import type {
  ClueNoticeCommandName,
  ConsultationCommandName,
  JointMeetingCommandName,
  OperationCommandName,
} from '@xianjie/auth';
import type { OperationProgress } from '@xianjie/domain';
import type { LedgerFilter, OperationSummary } from '../operationQueries.ts';
import type { JointMeetingDecisionView, JointMeetingView } from '../jointMeetings.ts';
import type { CaseConsultationView } from '../caseConsultations.ts';
import type { ClueNoticeView } from '../clueNotices.ts';
import type { OperationsService } from '../operationsService.ts';
import type {
  GroupView,
  InspectionView,
  OperationResultView,
  OperationView,
  ProblemView,
  TargetView,
} from '../operationView.ts';
import { remoteCall, type CallerAuth } from '@xianjie/http/client';

/** An operation after a command: its view as the caller may see it. */
export interface OperationSnapshot {
  operationId: string;
  version: number;
  /** Null for whoever reads only the result report (a commission's supervisor). */
  operation: OperationView | null;
  result: OperationResultView;
}

/**
 * What the gateway needs from the operations service (专项整治). Embedded: in-process; distributed:
 * HTTP. The service applies the access rules (四不两直 target lists included) itself.
 */
export interface OperationsClient {
  execute(name: OperationCommandName, input: unknown, auth: CallerAuth): Promise<OperationSnapshot>;
  operation(id: string, asOf: string | undefined, auth: CallerAuth): Promise<OperationView>;
  operations(filter: { status?: string[] }, auth: CallerAuth): Promise<OperationSummary[]>;
  groups(id: string, auth: CallerAuth): Promise<GroupView[]>;
  targets(id: string, filter: { groupId?: string }, auth: CallerAuth): Promise<TargetView[]>;
  /** `asOf`: the inspections recorded by then (time travel, as `operation(id, asOf)`). */
  inspections(id: string, auth: CallerAuth, asOf?: string): Promise<InspectionView[]>;
  ledger(id: string, filter: LedgerFilter, auth: CallerAuth): Promise<ProblemView[]>;
  progress(id: string, asOf: string | undefined, auth: CallerAuth): Promise<OperationProgress>;
  /** The result report and its header (commission supervisors too). */
  result(id: string, auth: CallerAuth): Promise<OperationResultView>;
  results(filter: { status?: string[] }, auth: CallerAuth): Promise<OperationResultView[]>;
  /** 联席会议: a command; the meeting as the caller may see it after it. */
  executeJointMeeting(
    name: JointMeetingCommandName,
    input: unknown,
    auth: CallerAuth,
  ): Promise<{ meeting: JointMeetingView; version: number }>;
  jointMeeting(id: string, asOf: string | undefined, auth: CallerAuth): Promise<JointMeetingView>;
  jointMeetings(filter: { status?: string[]; asOf?: string }, auth: CallerAuth): Promise<JointMeetingView[]>;
  /** The decisions the caller's agency owns and has not reported done (its 待办). */
  openJointMeetingDecisions(
    asOf: string | undefined,
    auth: CallerAuth,
  ): Promise<{ meeting: JointMeetingView; decision: JointMeetingDecisionView }[]>;
  /** 案件咨询: a command; the consultation after it. */
  executeConsultation(
    name: ConsultationCommandName,
    input: unknown,
    auth: CallerAuth,
  ): Promise<{ consultation: CaseConsultationView; version: number }>;
  consultation(id: string, asOf: string | undefined, auth: CallerAuth): Promise<CaseConsultationView>;
  consultations(
    filter: { status?: string[]; asOf?: string },
    auth: CallerAuth,
  ): Promise<CaseConsultationView[]>;
  /** Asked of the caller's agency and not answered (its 待办). */
  openConsultations(asOf: string | undefined, auth: CallerAuth): Promise<CaseConsultationView[]>;
  /** 线索通报: a command; the notice after it. */
  executeClueNotice(
    name: ClueNoticeCommandName,
    input: unknown,
    auth: CallerAuth,
  ): Promise<{ notice: ClueNoticeView; version: number }>;
  clueNotice(id: string, asOf: string | undefined, auth: CallerAuth): Promise<ClueNoticeView>;
  clueNotices(filter: { status?: string[]; asOf?: string }, auth: CallerAuth): Promise<ClueNoticeView[]>;
  /** Sent to the caller's agency and not replied (its 待办). */
  openClueNotices(asOf: string | undefined, auth: CallerAuth): Promise<ClueNoticeView[]>;
}

export const createInProcessOperationsClient = (
  service: Pick<
    OperationsService,
    'operations' | 'queries' | 'jointMeetings' | 'consultations' | 'clueNotices'
  >,
): OperationsClient => ({
  async execute(name, input, auth) {
    const result = await service.operations.execute(name, input, {
      principal: auth.principal,
      correlationId: auth.correlationId,
      ...(auth.occurredAt ? { occurredAt: auth.occurredAt } : {}),
    });
    return {
      operationId: result.operationId,
      version: result.version,
      operation: result.view,
      result: result.result,
    };
  },
  operation: (id, asOf, auth) => service.queries.operation(auth.principal, id, asOf),
  operations: (filter, auth) =>
    service.queries.operations(auth.principal, filter.status ? { status: filter.status as never } : {}),
  groups: (id, auth) => service.queries.groups(auth.principal, id),
  targets: (id, filter, auth) => service.queries.targets(auth.principal, id, filter),
  inspections: (id, auth, asOf) => service.queries.inspections(auth.principal, id, asOf),
  ledger: (id, filter, auth) => service.queries.ledger(auth.principal, id, filter),
  progress: (id, asOf, auth) => service.queries.progress(auth.principal, id, asOf),
  result: (id, auth) => service.queries.result(auth.principal, id),
  results: (filter, auth) =>
    service.queries.results(auth.principal, filter.status ? { status: filter.status as never } : {}),
  async executeJointMeeting(name, input, auth) {
    const result = await service.jointMeetings.execute(name, input, {
      principal: auth.principal,
      correlationId: auth.correlationId,
      ...(auth.occurredAt ? { occurredAt: auth.occurredAt } : {}),
    });
    return { meeting: result.meeting, version: result.version };
  },
  jointMeeting: (id, asOf, auth) => service.jointMeetings.meeting(auth.principal, id, asOf),
  jointMeetings: (filter, auth) =>
    service.jointMeetings.meetings(auth.principal, {
      ...(filter.status ? { status: filter.status as never } : {}),
      ...(filter.asOf ? { asOf: filter.asOf } : {}),
    }),
  openJointMeetingDecisions: (asOf, auth) => service.jointMeetings.openDecisions(auth.principal, asOf),
  async executeConsultation(name, input, auth) {
    const result = await service.consultations.execute(name, input, {
      principal: auth.principal,
      correlationId: auth.correlationId,
      ...(auth.occurredAt ? { occurredAt: auth.occurredAt } : {}),
    });
    return { consultation: result.consultation, version: result.version };
  },
  consultation: (id, asOf, auth) => service.consultations.consultation(auth.principal, id, asOf),
  consultations: (filter, auth) =>
    service.consultations.consultations(auth.principal, {
      ...(filter.status ? { status: filter.status as never } : {}),
      ...(filter.asOf ? { asOf: filter.asOf } : {}),
    }),
  openConsultations: (asOf, auth) => service.consultations.openConsultations(auth.principal, asOf),
  async executeClueNotice(name, input, auth) {
    const result = await service.clueNotices.execute(name, input, {
      principal: auth.principal,
      correlationId: auth.correlationId,
      ...(auth.occurredAt ? { occurredAt: auth.occurredAt } : {}),
    });
    return { notice: result.notice, version: result.version };
  },
  clueNotice: (id, asOf, auth) => service.clueNotices.notice(auth.principal, id, asOf),
  clueNotices: (filter, auth) =>
    service.clueNotices.notices(auth.principal, {
      ...(filter.status ? { status: filter.status as never } : {}),
      ...(filter.asOf ? { asOf: filter.asOf } : {}),
    }),
  openClueNotices: (asOf, auth) => service.clueNotices.openNotices(auth.principal, asOf),
});

const query = (params: Record<string, string | readonly string[] | undefined>) => {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined) continue;
    search.set(key, typeof value === 'string' ? value : value.join(','));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
};

/** The operations service's command and query APIs over HTTP (distributed mode). `auth.occurredAt` is not sent. */
export const createHttpOperationsClient = (baseUrl: string): OperationsClient => {
  const path = (id: string, rest = '') => `/operations/${encodeURIComponent(id)}${rest}`;
  return {
    execute: (name, input, auth) =>
      remoteCall<OperationSnapshot>(baseUrl, `/operation-commands/${name}`, auth, {
        method: 'POST',
        body: input,
      }),
    operation: (id, asOf, auth) => remoteCall(baseUrl, `${path(id)}${query({ asOf })}`, auth),
    operations: async (filter, auth) =>
      (
        await remoteCall<{ items: OperationSummary[] }>(
          baseUrl,
          `/operations${query({ status: filter.status })}`,
          auth,
        )
      ).items,
    groups: async (id, auth) =>
      (await remoteCall<{ items: GroupView[] }>(baseUrl, path(id, '/groups'), auth)).items,
    targets: async (id, filter, auth) =>
      (
        await remoteCall<{ items: TargetView[] }>(
          baseUrl,
          path(id, `/targets${query({ groupId: filter.groupId })}`),
          auth,
        )
      ).items,
    inspections: async (id, auth, asOf) =>
      (
        await remoteCall<{ items: InspectionView[] }>(
          baseUrl,
          path(id, `/inspections${query({ asOf })}`),
          auth,
        )
      ).items,
    ledger: async (id, filter, auth) =>
      (
        await remoteCall<{ items: ProblemView[] }>(
          baseUrl,
          path(
            id,
            `/ledger${query({
              status: filter.status as readonly string[] | undefined,
              disposition: filter.disposition as string | undefined,
              groupId: filter.groupId,
              overdueAsOf: filter.overdueAsOf,
              asOf: filter.asOf,
            })}`,
          ),
          auth,
        )
      ).items,
    progress: (id, asOf, auth) => remoteCall(baseUrl, `${path(id, '/progress')}${query({ asOf })}`, auth),
    result: (id, auth) => remoteCall(baseUrl, path(id, '/result'), auth),
    results: async (filter, auth) =>
      (
        await remoteCall<{ items: OperationResultView[] }>(
          baseUrl,
          `/operation-results${query({ status: filter.status })}`,
          auth,
        )
      ).items,
    executeJointMeeting: (name, input, auth) =>
      remoteCall<{ meeting: JointMeetingView; version: number }>(
        baseUrl,
        `/joint-meeting-commands/${name}`,
        auth,
        { method: 'POST', body: input },
      ),
    jointMeeting: (id, asOf, auth) =>
      remoteCall(baseUrl, `/joint-meetings/${encodeURIComponent(id)}${query({ asOf })}`, auth),
    jointMeetings: async (filter, auth) =>
      (
        await remoteCall<{ items: JointMeetingView[] }>(
          baseUrl,
          `/joint-meetings${query({ status: filter.status, asOf: filter.asOf })}`,
          auth,
        )
      ).items,
    openJointMeetingDecisions: async (asOf, auth) =>
      (
        await remoteCall<{ items: { meeting: JointMeetingView; decision: JointMeetingDecisionView }[] }>(
          baseUrl,
          `/joint-meeting-decisions/open${query({ asOf })}`,
          auth,
        )
      ).items,
    executeConsultation: (name, input, auth) =>
      remoteCall<{ consultation: CaseConsultationView; version: number }>(
        baseUrl,
        `/consultation-commands/${name}`,
        auth,
        { method: 'POST', body: input },
      ),
    consultation: (id, asOf, auth) =>
      remoteCall(baseUrl, `/case-consultations/${encodeURIComponent(id)}${query({ asOf })}`, auth),
    consultations: async (filter, auth) =>
      (
        await remoteCall<{ items: CaseConsultationView[] }>(
          baseUrl,
          `/case-consultations${query({ status: filter.status, asOf: filter.asOf })}`,
          auth,
        )
      ).items,
    openConsultations: async (asOf, auth) =>
      (
        await remoteCall<{ items: CaseConsultationView[] }>(
          baseUrl,
          `/case-consultations/open${query({ asOf })}`,
          auth,
        )
      ).items,
    executeClueNotice: (name, input, auth) =>
      remoteCall<{ notice: ClueNoticeView; version: number }>(
        baseUrl,
        `/clue-notice-commands/${name}`,
        auth,
        { method: 'POST', body: input },
      ),
    clueNotice: (id, asOf, auth) =>
      remoteCall(baseUrl, `/clue-notices/${encodeURIComponent(id)}${query({ asOf })}`, auth),
    clueNotices: async (filter, auth) =>
      (
        await remoteCall<{ items: ClueNoticeView[] }>(
          baseUrl,
          `/clue-notices${query({ status: filter.status, asOf: filter.asOf })}`,
          auth,
        )
      ).items,
    openClueNotices: async (asOf, auth) =>
      (await remoteCall<{ items: ClueNoticeView[] }>(baseUrl, `/clue-notices/open${query({ asOf })}`, auth))
        .items,
  };
};
