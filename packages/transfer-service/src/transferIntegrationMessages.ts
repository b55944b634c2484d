import { integrationEventFor, integrationTopic, noSubjectRefs } from '@xianjie/contracts';
import type { AgencyDirectory, AgencyKind } from '@xianjie/contracts';
import { integrationMessageFrom } from '@xianjie/messaging';
import type { ToIntegrationMessages } from '@xianjie/messaging';

export interface TransferIntegrationMessagesOptions {
  /** CloudEvents `source`, e.g. `/xianjie/police`. */
  source: string;
  /** The agency kinds whose events this service publishes. */
  agencyKinds: readonly AgencyKind[];
  directory: AgencyDirectory;
}

/**
 * The public face of this service's transfer streams (the outbox mapping): each fact contracts
 * names as public becomes one message on `xianjie.transfer`, keyed by the transfer id so both
 * streams of a transfer keep one order. Several services may share one store and every relay
 * reads all `transfer-` streams, so an event is published only by the service of the agency that
 * recorded it (`metadata.actor.agencyId`); everything else maps to [].
 */
export const createTransferIntegrationMessages = (options: TransferIntegrationMessagesOptions): ToIntegrationMessages => {
  const kinds = new Set<string>(options.agencyKinds);
  const topic = integrationTopic('transfer');
  return (event) => {
    if (!event.streamId.startsWith('transfer-')) return [];
    const publicEvent = integrationEventFor('transfer', event.type);
    if (!publicEvent) return [];
    const agency = options.directory.get(event.metadata.actor.agencyId);
    if (!agency || !kinds.has(agency.kind)) return [];
    const data = publicEvent.toPublic ? publicEvent.toPublic(event.data, { subjectRefOf: noSubjectRefs }) : event.data;
    return [
      {
        topic,
        message: integrationMessageFrom(event, {
          type: publicEvent.name,
          source: options.source,
          data,
          partitionKey: String(event.data.transferId),
        }),
      },
    ];
  };
};
