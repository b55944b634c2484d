import type { Logger } from 'pino';
import { CaseTransferred, integrationTopic, InvalidTransitionError, PublicCaseRegistered, ValidationError } from '@xianjie/contracts';
import type { SqlClient } from '@xianjie/event-store';
import { createConsumerLoop, createInbox } from '@xianjie/messaging';
import type { Bus, IntegrationMessage } from '@xianjie/messaging';
import type { OperationCommands } from './operationCommands.ts';

export interface CaseFactsConsumerOptions {
  /** Consumer group `<serviceName>.case-facts`. */
  serviceName: string;
  bus: Bus;
  sql: SqlClient;
  schema: string;
  commands: Pick<OperationCommands, 'noteCaseFact'>;
  logger: Logger;
}

/**
 * The link back from the case services (DESIGN §3.3 "a finding can open a case"): follows
 * `xianjie.case` and records on the operation
 * - `case.registered` with an `origin` (the case a referred finding opened) → FindingCaseLinked,
 *   and keeps `<schema>.case_links` (case → operation, finding) for what follows;
 * - `case.transferred` of a linked case (e.g. the CRIMINAL transfer of a 移送公安 finding) → FindingCaseTransferred.
 * Idempotent: the inbox of message ids, and the message id as the append's commandId. The append
 * runs outside the inbox transaction (embedded mode shares one PGlite). A fact the operation cannot
 * take (e.g. an origin naming an unknown finding) is logged and skipped, never retried forever.
 */
export const createCaseFactsConsumer = (options: CaseFactsConsumerOptions) => {
  const { bus, commands, logger, sql } = options;
  const consumer = `${options.serviceName}.case-facts`;
  const inbox = createInbox({ sql, schema: options.schema, consumer });
  const links = `"${options.schema}".case_links`;
  const topic = integrationTopic('case');

  const note = async (message: IntegrationMessage, request: Parameters<OperationCommands['noteCaseFact']>[0]) => {
    try {
      return await commands.noteCaseFact(request, { messageId: message.id, correlationId: message.correlationid ?? null });
    } catch (error) {
      if (error instanceof InvalidTransitionError || error instanceof ValidationError) {
        logger.warn({ err: error, messageId: message.id, operationId: request.operationId }, 'the operation cannot take this case fact; skipped');
        return null;
      }
      throw error;
    }
  };

  /** Applies one message; returns what it did (for the log and tests). */
  const handle = async (message: IntegrationMessage): Promise<'linked' | 'transfer-noted' | 'skipped' | 'duplicate'> => {
    if (message.type !== 'xianjie.case.registered.v1' && message.type !== 'xianjie.case.transferred.v1') return 'skipped';
    if (await inbox.has(message.id)) return 'duplicate';
    if (message.type === 'xianjie.case.registered.v1') {
      const registered = PublicCaseRegistered.parse(message.data);
      if (!registered.origin) return 'skipped';
      const { operationId, findingId } = registered.origin;
      const noted = await note(message, {
        kind: 'registered',
        operationId,
        findingId,
        caseId: registered.caseId,
        caseNumber: registered.number,
        agencyId: registered.agencyId,
        registeredAt: registered.registeredAt,
      });
      await inbox.handleOnce(message.id, async (tx) => {
        if (noted) {
          await tx.query(
            `INSERT INTO ${links} (case_id, operation_id, finding_id) VALUES ($1, $2, $3) ON CONFLICT (case_id) DO NOTHING`,
            [registered.caseId, operationId, findingId],
          );
        }
      });
      return noted && !noted.duplicate ? 'linked' : noted ? 'duplicate' : 'skipped';
    }
    const transferred = CaseTransferred.parse(message.data);
    const { rows } = await sql.query<{ operation_id: string; finding_id: string }>(
      `SELECT operation_id, finding_id FROM ${links} WHERE case_id = $1`,
      [transferred.caseId],
    );
    const link = rows[0];
    if (!link) return 'skipped';
    const noted = await note(message, {
      kind: 'transferred',
      operationId: link.operation_id,
      findingId: link.finding_id,
      caseId: transferred.caseId,
      transferId: transferred.transferId,
      transferKind: transferred.kind,
      toAgencyId: transferred.toAgencyId,
      transferredAt: transferred.transferredAt,
    });
    await inbox.handleOnce(message.id, async () => {});
    return noted && !noted.duplicate ? 'transfer-noted' : noted ? 'duplicate' : 'skipped';
  };

  const migrate = async () => {
    await inbox.migrate();
    await sql.exec(`CREATE SCHEMA IF NOT EXISTS "${options.schema}";
      CREATE TABLE IF NOT EXISTS ${links} (case_id text PRIMARY KEY, operation_id text NOT NULL, finding_id text NOT NULL);`);
  };

  const loop = createConsumerLoop({ bus, groupId: consumer, topic, logger, label: 'case', handle, migrate: migrate });

  return {
    inbox,
    handle,
    migrate,
    start: loop.start,
    stop: loop.stop,
  };
};

export type CaseFactsConsumer = ReturnType<typeof createCaseFactsConsumer>;
