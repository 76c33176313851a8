import { describeDataKeyStoreConformance } from './conformance/data-key-store.conformance';
import { MemoryDataKeyStore } from './memory-data-key.store';

describeDataKeyStoreConformance('memory', async () => ({ store: new MemoryDataKeyStore(), cleanup: async () => undefined }));
