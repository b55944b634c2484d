import type { Logger } from 'pino';
import { TransferApproved } from '@xianjie/contracts';
import type { EventStore, RecordedEvent, Subscription } from '@xianjie/event-store';
import type { CaseService } from './caseService.ts';

export interface CaseTransferredReactionOptions {
  serviceName: string;
  store: EventStore;
  cases: CaseService;
  logger: Logger;
}

/**
 * DESIGN §3.1 "or transferred": when the head approves a transfer of one of this service's cases
 * (TransferApproved on the sender's stream `transfer-out-<id>`, which this service's own transfer
 * module appended), the case records it (CaseTransferred). A store subscription with its own
 * checkpoint (`<serviceName>.case-transferred`); at-least-once, and the commandId of the case
 * command (`case-transferred:<transferId>`) makes a replay append nothing.
 */
export const createCaseTransferredReaction = (options: CaseTransferredReactionOptions) => {
  const { serviceName, store, cases, logger } = options;
  const subscriptionId = `${serviceName}.case-transferred`;
  let subscription: Subscription | null = null;

  const react = async (event: RecordedEvent) => {
    if (event.type !== 'TransferApproved') return;
    const parsed = TransferApproved.safeParse(event.data);
    if (!parsed.success) {
      logger.error({ streamId: event.streamId, version: event.version, issues: parsed.error.issues }, 'TransferApproved does not parse; skipped');
      return;
    }
    await cases.markTransferred(parsed.data, {
      correlationId: event.metadata.correlationId,
      causationId: `${event.streamId}@${event.version}`,
    });
  };

  return {
    subscriptionId,
    /** Starts the subscription and resolves once it has caught up with the store. */
    async start() {
      if (subscription) return;
      subscription = store.subscribe({
        subscriptionId,
        streamPrefixes: ['transfer-out-'],
        handler: async (events) => {
          for (const event of events) await react(event);
        },
        onError: (err) => logger.error({ err, subscriptionId }, 'case-transferred reaction failed; will retry'),
      });
      await subscription.caughtUp;
    },
    async stop() {
      await subscription?.stop();
      subscription = null;
    },
  };
};

export type CaseTransferredReaction = ReturnType<typeof createCaseTransferredReaction>;
