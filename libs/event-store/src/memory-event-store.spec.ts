import { describeEventStoreConformance } from './conformance/event-store.conformance';
import { MemoryEventStore } from './memory-event-store';

describeEventStoreConformance('memory', async () => new MemoryEventStore());
