/** The open data-key store (DataKeyStore) and the keys over it (PartyKeys). */
export const DATA_KEY_STORE = Symbol('DATA_KEY_STORE');
export const PARTY_KEYS = Symbol('PARTY_KEYS');
