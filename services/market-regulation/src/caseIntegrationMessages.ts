import { integrationEventFor, integrationTopic } from '@xianjie/contracts';
import { integrationMessageFrom, type ToIntegrationMessages } from '@xianjie/messaging';

export const MARKET_REGULATION_SOURCE = '/xianjie/market-regulation';

/**
 * The public face of the case streams: each case event that contracts names as an integration
 * event becomes one message on `xianjie.case`, its data made public (a person's ID number masked).
 */
export const caseIntegrationMessages: ToIntegrationMessages = (event) => {
  const category = event.streamId.slice(0, event.streamId.indexOf('-'));
  const publicEvent = integrationEventFor(category, event.type);
  if (!publicEvent) return [];
  return [
    {
      topic: integrationTopic(category),
      message: integrationMessageFrom(event, {
        type: publicEvent.name,
        source: MARKET_REGULATION_SOURCE,
        data: publicEvent.toPublic ? publicEvent.toPublic(event.data) : event.data,
      }),
    },
  ];
};
