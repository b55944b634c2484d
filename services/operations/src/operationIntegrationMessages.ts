import { integrationEventFor, integrationTopic, noSubjectRefs } from '@xianjie/contracts';
import { integrationMessageFrom } from '@xianjie/messaging';
import type { ToIntegrationMessages } from '@xianjie/messaging';

/**
 * The public face of the operation streams (the outbox mapping): the events contracts names as
 * public (`FindingReferred`, `OperationResultReported`) become one message each on
 * `xianjie.operation`, keyed by the operation id. Nothing else leaves the service — above all no
 * target list or schedule of an unannounced group.
 */
export const createOperationIntegrationMessages = (options: { source: string }): ToIntegrationMessages => {
  const topic = integrationTopic('operation');
  return (event) => {
    if (!event.streamId.startsWith('operation-')) return [];
    const publicEvent = integrationEventFor('operation', event.type);
    if (!publicEvent) return [];
    const data = publicEvent.toPublic ? publicEvent.toPublic(event.data, { subjectRefOf: noSubjectRefs }) : event.data;
    return [
      {
        topic,
        message: integrationMessageFrom(event, {
          type: publicEvent.name,
          source: options.source,
          data,
          partitionKey: String(event.data.operationId),
        }),
      },
    ];
  };
};
