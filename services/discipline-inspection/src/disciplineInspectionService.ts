import type { Logger } from 'pino';
import { integrationTopic, type AgencyDirectory } from '@xianjie/contracts';
import type { AccessRules, Principal } from '@xianjie/auth';
import { assertAllowed } from '@xianjie/auth';
import type { SqlClient } from '@xianjie/event-store';
import { createInbox, type Bus, type BusSubscription } from '@xianjie/messaging';
import { createCaseOversightModel } from './caseOversightModel.ts';
import { createOversightQueries } from './oversightQueries.ts';

export interface DisciplineInspectionServiceOptions {
  sql: SqlClient;
  bus: Bus;
  directory: AgencyDirectory;
  rules: AccessRules;
  logger: Logger;
  schema?: string;
}

/**
 * 纪委监委: follows the agencies' public case events over the bus (its own consumer group, its own
 * schema, an inbox so a redelivered message has no second effect) and answers oversight queries.
 */
export const createDisciplineInspectionService = async (options: DisciplineInspectionServiceOptions) => {
  const schema = options.schema ?? 'discipline_inspection';
  const logger = options.logger.child({ service: 'discipline-inspection' });
  const model = createCaseOversightModel(schema);
  const inbox = createInbox({ sql: options.sql, schema, consumer: 'discipline-inspection.case-facts' });
  await model.migrate(options.sql);
  await inbox.migrate();
  const queries = createOversightQueries(options.sql, schema);
  const topic = integrationTopic('case');
  let subscription: BusSubscription | null = null;

  /** The agencies whose cases this principal may oversee (access rules decide; nothing else). */
  const overseenAgencies = (principal: Principal): string[] => {
    assertAllowed(options.rules.canReadOversight(principal));
    return options.directory
      .list()
      .filter((a) => options.rules.canReadCase(principal, { agencyId: a.id }).allowed)
      .map((a) => a.id);
  };

  return {
    queries,
    overseenAgencies,
    async start() {
      await options.bus.ensureTopics([topic]);
      subscription = await options.bus.subscribe({
        groupId: 'discipline-inspection.case-facts',
        topics: [topic],
        fromBeginning: true,
        handler: async (message, delivery) => {
          const { applied } = await inbox.handleOnce(message.id, (tx) => model.apply(tx, message));
          logger.info(
            { messageId: message.id, type: message.type, correlationId: message.correlationid ?? null, applied, attempt: delivery.attempt },
            applied ? 'message applied' : 'duplicate message skipped',
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

export type DisciplineInspectionService = Awaited<ReturnType<typeof createDisciplineInspectionService>>;
