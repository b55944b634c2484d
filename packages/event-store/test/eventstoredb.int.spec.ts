import { announceSkip, resolveEventStoreDb } from '@xianjie/testing';
import { afterAll } from 'vitest';
import { createEventStoreDbEventStore } from '../src/eventstoredb/eventStoreDbEventStore.ts';
import { eventStoreContract } from '../src/testing/eventStoreContract.ts';

const server = await resolveEventStoreDb();
if (!server.available) announceSkip('eventstoredb event store contract', server.reason);
afterAll(async () => {
  if (server.available) await server.stop();
});

// No tamper hook: EventStoreDB events are immutable from a client.
eventStoreContract(
  'eventstoredb',
  async () => {
    if (!server.available) throw new Error('unreachable: the suite is skipped');
    const open = async () => createEventStoreDbEventStore({ connectionString: server.url });
    const store = await open();
    return { store, openAnother: open, cleanup: () => store.close() };
  },
  server.available ? {} : { skip: server.reason },
);
