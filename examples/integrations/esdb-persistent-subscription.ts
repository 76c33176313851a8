// An integrator's consumer group on the contract streams of an EventStoreDB deployment
// (EVENT_STORE_URL=esdb://…). The server keeps the group's position, so consumers can come and go,
// several can share the load, and a failed event is retried and finally parked, not lost. Each
// event is turned into the same public CloudEvent the service's SSE stream and webhooks send.
//
//   ESDB_URL='esdb://node1:2113?tls=true&nodePreference=leader' CONTRACTS_BASE_URL=https://contracts.example.com \
//     npx ts-node -r tsconfig-paths/register examples/integrations/esdb-persistent-subscription.ts
//
// Type-checked with the project (tsconfig includes examples/); run it against a real server.
import {
  EventStoreDBClient,
  PARK,
  persistentSubscriptionToAllSettingsFromDefaults,
  PINNED,
  START,
  streamNameFilter,
} from '@eventstore/db-client';
import type { PublicCloudEvent } from '@app/integration';
import { publicEventOf } from './esdb-public-event';

const GROUP = 'billing';

async function main(): Promise<void> {
  const client = EventStoreDBClient.connectionString(process.env.ESDB_URL ?? 'esdb://localhost:2113?tls=false');

  // Once per group: every contract stream is named contract-<id>; start from the beginning of history.
  // Pinned: each stream (contract) goes to one consumer, so its events are handled in order even
  // with several consumers; the default round-robin would spread one contract over all of them.
  await client
    .createPersistentSubscriptionToAll(GROUP, persistentSubscriptionToAllSettingsFromDefaults({ startFrom: START, consumerStrategyName: PINNED }), {
      filter: streamNameFilter({ prefixes: ['contract-'] }),
    })
    .catch((error: Error) => {
      if (!/exists/i.test(error.message)) throw error; // already created by an earlier run
    });

  const subscription = client.subscribeToPersistentSubscriptionToAll(GROUP);
  for await (const resolved of subscription) {
    const event = resolved.event;
    if (!event) continue;
    try {
      // The public form: versioned type, contract id as subject, amounts as decimal strings, no
      // confidential party data. Anything else in the group (there should be nothing) is acked.
      const cloudEvent = publicEventOf(resolved, process.env.CONTRACTS_BASE_URL);
      if (cloudEvent) await handle(cloudEvent);
      await subscription.ack(resolved);
    } catch (error) {
      // After the group's maxRetryCount the server parks the event; replay parked events once fixed.
      await subscription.nack(PARK, error instanceof Error ? error.message : String(error), resolved);
    }
  }
}

/** The integrator's own work: make it idempotent on event.id, since a retried or re-parked event comes again. */
async function handle(event: PublicCloudEvent): Promise<void> {
  console.log(event.position, event.subject, event.revision, event.type, JSON.stringify(event.data));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
