import type { Principal, SupervisionCommandName } from '@xianjie/auth';
import { remoteCall, type CallerAuth } from '@xianjie/http/client';
import type { SupervisedCaseItem } from '../caseSupervision.ts';
import type { DisciplineInspectionService } from '../disciplineInspectionService.ts';
import type { PenaltyInsteadOfTransferRow, RepeatOffenderRow } from '../oversightQueries.ts';
import type { PersonalDataReadRecord } from '../personalDataReads.ts';
import type { NotificationPreferences, NotificationRecord } from '../reminders.ts';
import type { CheckpointSummary, IntegrityReport, PublishedCheckpointKey } from '../chainAnchor.ts';

/** A case's supervision after a 挂牌督办 command: as the commission's service answered it. */
export interface SupervisionSnapshot {
  item: SupervisedCaseItem;
  version: number;
  duplicate: boolean;
}

/** What the gateway needs from the discipline commission's service. Embedded: in-process; distributed: HTTP. */
export interface OversightClient {
  penaltyInsteadOfTransfer(principal: Principal, token: string | null, correlationId: string): Promise<PenaltyInsteadOfTransferRow[]>;
  repeatOffenders(
    principal: Principal,
    token: string | null,
    correlationId: string,
    options: { windowDays: number; minViolations: number; asOf: string },
  ): Promise<RepeatOffenderRow[]>;
  /** 挂牌督办 / 解除督办: the commission's commands (the service applies the access rules). */
  executeSupervision(name: SupervisionCommandName, input: unknown, auth: CallerAuth): Promise<SupervisionSnapshot>;
  /** The cases under supervision the caller may see, earliest due first, overdue judged at `asOf` (default: the service's now). */
  supervisedCases(asOf: string | undefined, auth: CallerAuth): Promise<SupervisedCaseItem[]>;
  /** The supervision a case is under, if the caller may see it; null otherwise (overdue judged at `asOf`, default now). */
  caseSupervision(caseId: string, asOf: string | undefined, auth: CallerAuth): Promise<SupervisedCaseItem | null>;
  /** 查询留痕: the recorded reads in `[from, to)` (optionally of one reader) the caller may see (a commission's supervisors, admins). */
  personalDataReads(query: { from: string; to: string; readerId?: string }, auth: CallerAuth): Promise<PersonalDataReadRecord[]>;
  /** The store against the commission's newest signed checkpoint, every chain, the commission's read models (decision 0011). */
  integrity(auth: CallerAuth): Promise<IntegrityReport>;
  /** A signed checkpoint of every stream's head, now. */
  takeIntegrityCheckpoint(auth: CallerAuth): Promise<CheckpointSummary>;
  /** The public key that verifies the checkpoints' signatures. */
  checkpointPublicKey(auth: CallerAuth): Promise<PublishedCheckpointKey>;
  /** The caller's own notifications (reminders sent to their agency and role), newest first. */
  notifications(query: { first?: number; unreadOnly?: boolean }, auth: CallerAuth): Promise<NotificationRecord[]>;
  unreadNotificationCount(auth: CallerAuth): Promise<number>;
  /** Marks the caller's own notifications read (others' ids are ignored); the unread count after. */
  markNotificationsRead(ids: string[], auth: CallerAuth): Promise<number>;
  /** The caller's channels (e-mail, quiet hours). */
  notificationPreferences(auth: CallerAuth): Promise<NotificationPreferences>;
  setNotificationPreferences(input: unknown, auth: CallerAuth): Promise<NotificationPreferences>;
}

export const createInProcessOversightClient = (service: DisciplineInspectionService): OversightClient => ({
  penaltyInsteadOfTransfer: (principal, token, correlationId) => service.oversightReads.penaltyInsteadOfTransfer({ principal, token, correlationId }),
  repeatOffenders: (principal, token, correlationId, options) =>
    service.oversightReads.repeatOffenders({ principal, token, correlationId }, options),
  async executeSupervision(name, input, auth) {
    const result = await service.supervision.execute(name, input, {
      principal: auth.principal,
      correlationId: auth.correlationId,
      ...(auth.occurredAt ? { occurredAt: auth.occurredAt } : {}),
    });
    return { item: result.item, version: result.version, duplicate: result.duplicate };
  },
  supervisedCases: (asOf, auth) => service.supervision.list(auth.principal, asOf),
  caseSupervision: (caseId, asOf, auth) => service.supervision.ofCase(auth.principal, caseId, asOf),
  personalDataReads: (query, auth) => service.personalDataReads.list(auth.principal, query),
  integrity: (auth) => service.anchor.verify(auth.principal),
  takeIntegrityCheckpoint: async (auth) =>
    (await service.anchor.take({ principal: auth.principal, correlationId: auth.correlationId })) as CheckpointSummary,
  checkpointPublicKey: async () => service.anchor.publicKey(),
  notifications: (query, auth) => service.reminders.list(auth.principal, query),
  unreadNotificationCount: (auth) => service.reminders.unreadCount(auth.principal),
  markNotificationsRead: (ids, auth) => service.reminders.markRead(auth.principal, { ids }),
  notificationPreferences: (auth) => service.reminders.preferences(auth.principal),
  setNotificationPreferences: (input, auth) => service.reminders.setPreferences(auth.principal, input),
});

const asOfQuery = (asOf: string | undefined) => (asOf ? `?${new URLSearchParams({ asOf })}` : '');

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
  executeSupervision: (name, input, auth) =>
    remoteCall<SupervisionSnapshot>(baseUrl, `/supervision-commands/${name}`, auth, { method: 'POST', body: input }),
  supervisedCases: async (asOf, auth) =>
    (await remoteCall<{ items: SupervisedCaseItem[] }>(baseUrl, `/oversight/supervised-cases${asOfQuery(asOf)}`, auth)).items,
  caseSupervision: async (caseId, asOf, auth) =>
    (
      await remoteCall<{ supervision: SupervisedCaseItem | null }>(
        baseUrl,
        `/case-supervisions/${encodeURIComponent(caseId)}${asOfQuery(asOf)}`,
        auth,
      )
    ).supervision,
  personalDataReads: async (query, auth) => {
    const params = new URLSearchParams({ from: query.from, to: query.to, ...(query.readerId ? { readerId: query.readerId } : {}) });
    return (await remoteCall<{ items: PersonalDataReadRecord[] }>(baseUrl, `/oversight/personal-data-reads?${params}`, auth)).items;
  },
  integrity: (auth) => remoteCall<IntegrityReport>(baseUrl, '/oversight/integrity', auth),
  takeIntegrityCheckpoint: (auth) => remoteCall<CheckpointSummary>(baseUrl, '/integrity-checkpoints', auth, { method: 'POST', body: {} }),
  checkpointPublicKey: (auth) => remoteCall<PublishedCheckpointKey>(baseUrl, '/checkpoint-public-key', auth),
  notifications: async (query, auth) => {
    const params = new URLSearchParams({
      ...(query.first !== undefined ? { first: String(query.first) } : {}),
      ...(query.unreadOnly !== undefined ? { unreadOnly: String(query.unreadOnly) } : {}),
    });
    return (await remoteCall<{ items: NotificationRecord[] }>(baseUrl, `/notifications?${params}`, auth)).items;
  },
  unreadNotificationCount: async (auth) => (await remoteCall<{ count: number }>(baseUrl, '/notifications/unread-count', auth)).count,
  markNotificationsRead: async (ids, auth) =>
    (await remoteCall<{ unreadCount: number }>(baseUrl, '/notifications/read', auth, { method: 'POST', body: { ids } })).unreadCount,
  notificationPreferences: (auth) => remoteCall<NotificationPreferences>(baseUrl, '/notification-preferences', auth),
  setNotificationPreferences: (input, auth) =>
    remoteCall<NotificationPreferences>(baseUrl, '/notification-preferences', auth, { method: 'POST', body: input }),
});
