import { integrationEventFor, integrationTopic, type SubjectRefOf } from '@xianjie/contracts';
import { integrationMessageFrom, type ToIntegrationMessages } from '@xianjie/messaging';
import type { CaseOwnership } from './caseReadModel.ts';

export interface CaseIntegrationMessagesOptions {
  /** CloudEvents `source`, e.g. `/xianjie/health`. */
  source: string;
  /**
   * Publish only the events recorded by an agency of these kinds (`metadata.actor.agencyId`):
   * every relay reads all `case-` streams of a shared store. None: every case event (tools).
   */
  owner?: CaseOwnership;
  /** The platform's keyed subject reference (the bus carries `subjectRef`, never the key). */
  subjectRefOf: SubjectRefOf;
}

/**
 * The public face of the case streams (the outbox mapping): each case event that contracts names
 * as an integration event becomes one message on `xianjie.case`, its data made public (a person's
 * ID number masked).
 */
export const createCaseIntegrationMessages = (options: CaseIntegrationMessagesOptions): ToIntegrationMessages => {
  const kinds = options.owner ? new Set<string>(options.owner.agencyKinds) : null;
  return (event) => {
    const category = event.streamId.slice(0, event.streamId.indexOf('-'));
    const publicEvent = integrationEventFor(category, event.type);
    if (!publicEvent) return [];
    if (kinds && !kinds.has(options.owner!.directory.get(event.metadata.actor.agencyId)?.kind ?? '')) return [];
    return [
      {
        topic: integrationTopic(category),
        message: integrationMessageFrom(event, {
          type: publicEvent.name,
          source: options.source,
          data: publicEvent.toPublic ? publicEvent.toPublic(event.data, { subjectRefOf: options.subjectRefOf }) : event.data,
        }),
      },
    ];
  };
};
