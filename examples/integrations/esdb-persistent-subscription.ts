// An integrator's consumer group on the contract streams of an EventStoreDB deployment
// (EVENT_STORE_URL=esdb://…). The server keeps the group's position, so consumers can come and go,
// several can share the load, and a failed event is retried and finally parked, not lost.
//
//   ESDB_URL='esdb://node1:2113?tls=true&nodePreference=leader' npx ts-node examples/integrations/esdb-persistent-subscription.ts
//
// Type-checked with the project (tsconfig includes examples/); run it against a real server.
import {
  EventStoreDBClient,
  PARK,
  persistentSubscriptionToAllSettingsFromDefaults,
  START,
  streamNameFilter,
} from '@eventstore/db-client';

const GROUP = 'billing';

async function main(): Promise<void> {
  const client = EventStoreDBClient.connectionString(process.env.ESDB_URL ?? 'esdb://localhost:2113?tls=false');

  // Once per group: every contract stream is named contract-<id>; start from the beginning of history.
  await client
    .createPersistentSubscriptionToAll(GROUP, persistentSubscriptionToAllSettingsFromDefaults({ startFrom: START }), {
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
      // data is the stored event (amounts as decimal strings); metadata carries occurredAt,
      // recordedAt, commandId, correlationId, actor and schemaVersion.
      console.log(event.streamId, event.revision, event.type, JSON.stringify(event.metadata));
      await subscription.ack(resolved);
    } catch (error) {
      // After the group's maxRetryCount the server parks the event; replay parked events once fixed.
      await subscription.nack(PARK, error instanceof Error ? error.message : String(error), resolved);
    }
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
