import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import {
  caseStreamId,
  FindingReferred,
  integrationEventNamed,
  integrationTopic,
  InvalidTransitionError,
  ValidationError,
  violationsFor,
  stableUuid
} from '@xianjie/contracts';
import type { AgencyDirectory, AgencyKind, CaseEvent } from '@xianjie/contracts';
import { decideCase, foldCase } from '@xianjie/domain';
import type { CaseCommand } from '@xianjie/domain';
import type { Actor, EventStore, NewEvent, RecordedEvent, SqlClient } from '@xianjie/event-store';
import { createConsumerLoop, createInbox } from '@xianjie/messaging';
import type { Bus, IntegrationMessage } from '@xianjie/messaging';
import type { CaseNumbers } from './caseNumbers.ts';

export interface OperationFindingConsumerOptions {
  /** The owning service: consumer group `<serviceName>.operation-findings`, system actor `system:<serviceName>`. */
  serviceName: string;
  agencyKinds: readonly AgencyKind[];
  bus: Bus;
  store: EventStore;
  /** The service's SQL database and schema (inbox). */
  sql: SqlClient;
  schema: string;
  numbers: CaseNumbers;
  directory: AgencyDirectory;
  logger: Logger;
  now: () => string;
  /** Called after an append (wakes the case relay, which publishes `case.registered` with its origin). */
  onAppended?: () => void;
}


/** The case id of a referral: derived from the message id, so a redelivery finds the case it made. */
const caseIdFor = (messageId: string): string => stableUuid(`case:operation-finding:${messageId}`);

const toCaseEvent = (e: RecordedEvent): CaseEvent => ({ type: e.type, data: e.data }) as CaseEvent;

/**
 * A finding of a joint operation disposed as 立案查处 or 移送公安 opens a case (DESIGN §3.3): this
 * consumer follows `xianjie.operation` and, for a `finding-referred` message addressed to an agency
 * of its kinds, registers the case as the system actor `system:<serviceName>` of that agency —
 * source INSPECTION (监督检查), the inspected facility as the subject, `origin { operationId,
 * findingId }` — so its public `case.registered` links it back to the operation. The message id
 * is the append's commandId and the case id derives from it: a redelivery appends nothing.
 *
 * A 移送公安 finding's CRIMINAL transfer is not proposed here: the Decree (art. 5, 6) wants the case
 * team's report with its materials (移送书, 调查报告, 涉案物品清单, 检验报告) and the head's approval,
 * which the case team proposes through the transfer API once the case is registered.
 */
export const createOperationFindingConsumer = (options: OperationFindingConsumerOptions) => {
  const { serviceName, bus, store, numbers, directory, logger, now } = options;
  const kinds = new Set<string>(options.agencyKinds);
  const consumer = `${serviceName}.operation-findings`;
  const inbox = createInbox({ sql: options.sql, schema: options.schema, consumer });
  const topic = integrationTopic('operation');

  /** Registers the referred finding's case; returns what it did. */
  const handle = async (message: IntegrationMessage): Promise<'registered' | 'skipped' | 'duplicate' | 'refused'> => {
    if (integrationEventNamed(message.type)?.eventType !== 'FindingReferred') return 'skipped';
    const referred = FindingReferred.parse(message.data);
    const agency = directory.get(referred.agencyId);
    if (!agency || !kinds.has(agency.kind)) return 'skipped';
    if (await inbox.has(message.id)) return 'duplicate';

    const caseId = caseIdFor(message.id);
    const events = await store.readStream(caseStreamId(caseId));
    if (events.some((e) => e.metadata.commandId === message.id)) {
      await inbox.handleOnce(message.id, async () => {});
      return 'duplicate';
    }
    const at = now();
    const actor: Actor = { userId: `system:${serviceName}`, name: serviceName, agencyId: agency.id, roles: [] };
    const allowed = new Set<string>(violationsFor(agency.kind).map((v) => v.code));
    const command: CaseCommand = {
      type: 'RegisterCase',
      caseId,
      at,
      actor,
      agencyId: agency.id,
      number: await numbers.next(agency.id, at),
      subject: referred.subject,
      source: 'INSPECTION',
      summary: referred.summary,
      violations: referred.violations.filter((code) => allowed.has(code)),
      ...(referred.amountInvolvedFen !== null ? { amountInvolvedFen: referred.amountInvolvedFen } : {}),
      origin: { operationId: referred.operationId, findingId: referred.findingId },
    };
    let decided: CaseEvent[];
    try {
      decided = decideCase(command, foldCase(events.map(toCaseEvent)));
    } catch (error) {
      // A referral the case cannot take (e.g. no violation of this kind) is logged, not retried forever.
      if (error instanceof ValidationError || error instanceof InvalidTransitionError) {
        logger.warn({ err: error, messageId: message.id, findingId: referred.findingId }, 'referred finding not registered as a case');
        await inbox.handleOnce(message.id, async () => {});
        return 'refused';
      }
      throw error;
    }
    const newEvents: NewEvent[] = decided.map((event) => ({
      type: event.type,
      data: event.data as Record<string, unknown>,
      metadata: {
        actor,
        occurredAt: at,
        correlationId: message.correlationid ?? randomUUID(),
        causationId: message.id,
        commandId: message.id,
      },
    }));
    const result = await store.appendToStream(caseStreamId(caseId), newEvents, { expectedVersion: 'no_stream', commandId: message.id });
    if (!result.duplicate) options.onAppended?.();
    await inbox.handleOnce(message.id, async () => {});
    return result.duplicate ? 'duplicate' : 'registered';
  };

  const loop = createConsumerLoop({ bus, groupId: consumer, topic, logger, label: 'operation', handle, migrate: () => inbox.migrate() });

  return {
    inbox,
    handle,
    caseIdFor,
    async migrate() {
      await inbox.migrate();
    },
    start: loop.start,
    stop: loop.stop,
  };
};

export type OperationFindingConsumer = ReturnType<typeof createOperationFindingConsumer>;
