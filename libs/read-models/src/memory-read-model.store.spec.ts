import { MemoryReadModelStore } from './memory-read-model.store';
import { describeReadModelStoreConformance } from './testing/read-model-store.conformance';

describeReadModelStoreConformance('memory', async () => new MemoryReadModelStore());
