// Confidential party data (5.2): envelope encryption of field values, masking, crypto-shredding.
// Framework-free; node:crypto only.
export { CannotOpenError } from './envelope/aead';
export { generateKekBase64, type Kek, KekConfigError, kekIdOf, Keyring, parseKek, type WrappedKey } from './envelope/keyring';
export {
  CONFIDENTIAL_FIELDS,
  type ConfidentialField,
  type DataKey,
  decryptField,
  ENCRYPTED_PREFIX,
  encryptField,
  isConfidentialField,
  isEncrypted,
  newDataKey,
  parseEncrypted,
} from './field-cipher';
export { ERASED, MASK, maskValue } from './masking';
export { hasNeedToKnow } from './need-to-know';
export { encryptPartyFields } from './party-details-cipher';
export { PartyKeys, type UsableKey } from './party-keys';
export { reveal, type Revealed, type RevealResult, UNREADABLE, walk } from './reveal';
export type { AccessLogEntry, DataKeyRecord, DataKeyStore, PartyRole } from './store/data-key-store.port';
export { MemoryDataKeyStore } from './store/memory-data-key.store';
export { SqlDataKeyStore } from './store/sql-data-key.store';
export { LATEST_CONFIDENTIAL_SCHEMA_VERSION } from './store/confidential.schema';
