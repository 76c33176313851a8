// API keys in SQL (PGlite embedded or a PostgreSQL server) through the event store's SqlExecutor,
// so every instance on one database accepts the same keys and a revocation reaches them all.
import type { SqlExecutor } from '@app/event-store';
import type { ApiKeyRecord, ApiKeyStore } from './api-key-store.port';
import { ensureApiKeySchema } from './api-key.schema';
import type { Role } from './principal';

const COLUMNS = `id, name, role, organisation, secret_hash,
  to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS created_at, created_by,
  to_char(revoked_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS revoked_at`;

const SQL = {
  find: `SELECT ${COLUMNS} FROM ak_api_keys WHERE id = $1`,
  list: `SELECT ${COLUMNS} FROM ak_api_keys k ORDER BY k.created_at, k.id`, // the columns, not their text output aliases
  put: `INSERT INTO ak_api_keys (id, name, role, organisation, secret_hash, created_at, created_by)
    VALUES ($1, $2, $3, $4, $5, $6::timestamptz, $7) ON CONFLICT (id) DO NOTHING`,
  revoke: 'UPDATE ak_api_keys SET revoked_at = $2::timestamptz WHERE id = $1 AND revoked_at IS NULL RETURNING id',
};

interface Row {
  id: string;
  name: string;
  role: string;
  organisation: string | null;
  secret_hash: string;
  created_at: string;
  created_by: string;
  revoked_at: string | null;
}

const toRecord = (row: Row): ApiKeyRecord => ({
  id: row.id,
  name: row.name,
  role: row.role as Role,
  organisation: row.organisation,
  secretHash: row.secret_hash,
  createdAt: row.created_at,
  createdBy: row.created_by,
  revokedAt: row.revoked_at,
});

export class SqlApiKeyStore implements ApiKeyStore {
  private constructor(private readonly db: SqlExecutor) {}

  /** The executor stays the read-model store's; this store never closes it. */
  static async open(db: SqlExecutor): Promise<SqlApiKeyStore> {
    await ensureApiKeySchema(db);
    return new SqlApiKeyStore(db);
  }

  async find(id: string): Promise<ApiKeyRecord | undefined> {
    const [row] = await this.db.query<Row>(SQL.find, [id]);
    return row && toRecord(row);
  }

  async list(): Promise<ApiKeyRecord[]> {
    return (await this.db.query<Row>(SQL.list, [])).map(toRecord);
  }

  async put(r: ApiKeyRecord): Promise<void> {
    await this.db.query(SQL.put, [r.id, r.name, r.role, r.organisation, r.secretHash, r.createdAt, r.createdBy]);
  }

  async revoke(id: string, at: string): Promise<boolean> {
    return (await this.db.query<{ id: string }>(SQL.revoke, [id, at])).length > 0;
  }
}
