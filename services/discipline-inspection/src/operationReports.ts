import type { Logger } from 'pino';
import { integrationTopic, OperationResultReported } from '@xianjie/contracts';
import type { OperationFigures } from '@xianjie/contracts';
import type { AccessRules, Principal } from '@xianjie/auth';
import type { SqlClient } from '@xianjie/event-store';
import { createInbox } from '@xianjie/messaging';
import type { Bus, BusSubscription, IntegrationMessage } from '@xianjie/messaging';

/** A joint operation's result report in the commission's inbox (结果报告纪委监委). */
export interface OperationReportItem {
  operationId: string;
  title: string;
  leadAgencyId: string;
  participantAgencyIds: string[];
  /** The commission it is addressed to. */
  toAgencyId: string;
  summary: string;
  figures: OperationFigures;
  reportedAt: string;
  receivedAt: string;
}

const iso = (v: unknown): string => (v instanceof Date ? v : new Date(String(v))).toISOString();

/**
 * The commission's inbox of operation result reports: follows `xianjie.operation` (consumer group
 * `discipline-inspection.operation-reports`, an inbox so a redelivery has no second effect) and
 * keeps each `result-reported` message in `<schema>.operation_reports`. Read by the commission it
 * is addressed to, and by overseers whose region contains the lead agency's.
 */
export const createOperationReports = (options: {
  sql: SqlClient;
  schema: string;
  bus: Bus;
  rules: AccessRules;
  logger: Logger;
  now: () => string;
}) => {
  const { sql, bus, rules, logger } = options;
  const table = `"${options.schema}".operation_reports`;
  const consumer = 'discipline-inspection.operation-reports';
  const inbox = createInbox({ sql, schema: options.schema, consumer });
  const topic = integrationTopic('operation');
  let subscription: BusSubscription | null = null;

  const apply = async (tx: SqlClient, message: IntegrationMessage) => {
    const report = OperationResultReported.parse(message.data);
    await tx.query(
      `INSERT INTO ${table} (operation_id, title, lead_agency_id, participant_agency_ids, to_agency_id, summary, figures, reported_at, received_at, message_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8, $9, $10) ON CONFLICT (operation_id) DO NOTHING`,
      [
        report.operationId,
        report.title,
        report.leadAgencyId,
        report.participantAgencyIds,
        report.toAgencyId,
        report.summary,
        JSON.stringify(report.figures),
        report.reportedAt,
        options.now(),
        message.id,
      ],
    );
  };

  /** Applies one message once; false when it was applied before or is not a report. */
  const handle = async (message: IntegrationMessage): Promise<boolean> => {
    if (message.type !== 'xianjie.operation.result-reported.v1') return false;
    const { applied } = await inbox.handleOnce(message.id, (tx) => apply(tx, message));
    return applied;
  };

  return {
    handle,
    async migrate() {
      await inbox.migrate();
      await sql.exec(`CREATE SCHEMA IF NOT EXISTS "${options.schema}";
        CREATE TABLE IF NOT EXISTS ${table} (
          operation_id text PRIMARY KEY,
          title text NOT NULL,
          lead_agency_id text NOT NULL,
          participant_agency_ids text[] NOT NULL,
          to_agency_id text NOT NULL,
          summary text NOT NULL,
          figures jsonb NOT NULL,
          reported_at timestamptz NOT NULL,
          received_at timestamptz NOT NULL,
          message_id text NOT NULL);
        CREATE INDEX IF NOT EXISTS operation_reports_to_idx ON ${table} (to_agency_id, reported_at DESC);`);
    },
    /**
     * The reports the principal may read, newest first: those addressed to the principal's own
     * commission, and for overseers those of operations led by an agency in their region or below.
     */
    async list(principal: Principal): Promise<OperationReportItem[]> {
      const { rows } = await sql.query<Record<string, unknown>>(`SELECT * FROM ${table} ORDER BY reported_at DESC, operation_id`);
      const oversight = rules.canReadOversight(principal).allowed;
      return rows
        .filter(
          (r) =>
            r.to_agency_id === principal.agencyId ||
            (oversight && rules.canReadCase(principal, { agencyId: String(r.lead_agency_id) }).allowed),
        )
        .map((r) => ({
          operationId: String(r.operation_id),
          title: String(r.title),
          leadAgencyId: String(r.lead_agency_id),
          participantAgencyIds: r.participant_agency_ids as string[],
          toAgencyId: String(r.to_agency_id),
          summary: String(r.summary),
          figures: r.figures as OperationFigures,
          reportedAt: iso(r.reported_at),
          receivedAt: iso(r.received_at),
        }));
    },
    async start() {
      await bus.ensureTopics([topic]);
      subscription = await bus.subscribe({
        groupId: consumer,
        topics: [topic],
        fromBeginning: true,
        handler: async (message, delivery) => {
          const applied = await handle(message);
          logger.info(
            { messageId: message.id, type: message.type, correlationId: message.correlationid ?? null, applied, attempt: delivery.attempt },
            applied ? 'operation report received' : 'operation message skipped',
          );
        },
      });
      await subscription.ready;
    },
    async stop() {
      await subscription?.stop();
      subscription = null;
    },
  };
};

export type OperationReports = ReturnType<typeof createOperationReports>;
