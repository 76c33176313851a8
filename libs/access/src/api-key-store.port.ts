import type { Role } from './principal';

/** What is kept about an API key: never the key itself, only the hash of its secret. */
export interface ApiKeyRecord {
  id: string;
  name: string;
  role: Role;
  organisation: string | null;
  secretHash: string;
  createdAt: string;
  createdBy: string;
  revokedAt: string | null;
}

export interface ApiKeyStore {
  find(id: string): Promise<ApiKeyRecord | undefined>;
  list(): Promise<ApiKeyRecord[]>;
  /** Adds a key; an existing id with the same hash is left as it is (a bootstrap key on every start). */
  put(record: ApiKeyRecord): Promise<void>;
  revoke(id: string, at: string): Promise<boolean>;
}
