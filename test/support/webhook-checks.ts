import { Webhook } from 'standardwebhooks';
import type { EventStore, RecordedEvent } from '@app/event-store';
import { type PublicCloudEvent, validatePublicEvent } from '@app/integration';
import type { ReceivedWebhook } from './webhook-receiver';

// What every webhook test asserts about what a receiver got, against the events in the store:
// each request is signed (checked with the reference `standardwebhooks` verifier) and valid
// against its JSON Schema; a repeated webhook-id carries the same body; per contract, requests
// never go back in revision; and the accepted ones are exactly the expected events, each once
// in order per contract once duplicates are set aside.

export interface DeliveryReport {
  /** Accepted requests beyond the first of each webhook-id. */
  duplicates: number;
  /** Distinct events accepted. */
  delivered: number;
}

export function checkDeliveries(received: ReceivedWebhook[], expected: RecordedEvent[], secret: string): DeliveryReport {
  const verifier = new Webhook(secret);
  const bodies = new Map<string, string>();
  const lastRevision = new Map<string, number>();
  for (const request of received) {
    // Throws on a bad or missing signature, or a timestamp outside its tolerance.
    verifier.verify(request.body, request.headers);
    const event = JSON.parse(request.body) as PublicCloudEvent;
    expect(request.headers['webhook-id']).toBe(event.id);
    expect(request.headers['content-type']).toMatch(/^application\/json/);
    const validation = validatePublicEvent(event);
    if (!validation.valid) throw new Error(`${event.type} ${event.id} does not match its schema: ${JSON.stringify(validation.errors)}`);
    const seen = bodies.get(event.id);
    if (seen !== undefined && seen !== request.body) throw new Error(`webhook-id ${event.id} came twice with different bodies`);
    bodies.set(event.id, request.body);
    const previous = lastRevision.get(event.subject) ?? -1;
    if (event.revision < previous) throw new Error(`contract ${event.subject}: revision ${event.revision} arrived after ${previous}`);
    lastRevision.set(event.subject, event.revision);
  }

  const firstAccepted: PublicCloudEvent[] = [];
  const acceptedIds = new Set<string>();
  let duplicates = 0;
  for (const request of received.filter((r) => r.status >= 200 && r.status < 300)) {
    const event = JSON.parse(request.body) as PublicCloudEvent;
    if (acceptedIds.has(event.id)) duplicates += 1;
    else firstAccepted.push(event);
    acceptedIds.add(event.id);
  }
  const byContract = (events: { subject: string; id: string }[]) =>
    events.reduce<Record<string, string[]>>((groups, e) => ({ ...groups, [e.subject]: [...(groups[e.subject] ?? []), e.id] }), {});
  expect(byContract(firstAccepted)).toEqual(byContract(expected.map((e) => ({ subject: e.streamId.slice('contract-'.length), id: e.eventId }))));
  return { duplicates, delivered: firstAccepted.length };
}

/** The contract events in the store (all, or one contract's), in global order: what an unfiltered endpoint owes. */
export async function contractEvents(store: EventStore, after = 0n, contractId?: string): Promise<RecordedEvent[]> {
  return store.readAll({ fromPosition: after, streamPrefix: contractId ? `contract-${contractId}` : 'contract-' });
}
