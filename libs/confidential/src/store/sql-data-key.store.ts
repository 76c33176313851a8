// The data-key store in SQL (PGlite or PostgreSQL) through the event store's SqlExecutor seam.
// Values travel only as $n parameters. Free text a caller chose (organisation, principal id,
// route) is kept as a JSON string in a json column: `text` refuses U+0000.
import type { SqlExecutor } from '@app/event-store';
import type { WrappedKey } from '../envelope/keyring';
import { ensureConfidentialSchema } from './confidential.schema';
import type { AccessLogEntry, DataKeyRecord, DataKeyStore, PartyRole } from './data-key-store.port';

const utc = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

const KEY_COLUMNS = `id, contract_id, party, organisation::text AS organisation, kek_id, wrapped, ${utc('created_at')} AS created_at`;

const SQL = {
  insert: `INSERT INTO ck_data_keys (id, contract_id, party, organisation, kek_id, wrapped, created_at)
    VALUES ($1, $2, $3, $4::json, $5, $6, $7::timestamptz) ON CONFLICT ON CONSTRAINT ck_data_keys_party_key DO NOTHING`,
  byParty: `SELECT ${KEY_COLUMNS} FROM ck_data_keys WHERE contract_id = $1 AND party = $2`,
  getMany: `SELECT ${KEY_COLUMNS} FROM ck_data_keys WHERE id = ANY($1::text[])`,
  deleteParty: 'DELETE FROM ck_data_keys WHERE contract_id = $1 AND party = $2 RETURNING id',
  notWrappedUnder: `SELECT ${KEY_COLUMNS} FROM ck_data_keys WHERE kek_id <> $1 ORDER BY id LIMIT $2`,
  rewrap: 'UPDATE ck_data_keys SET kek_id = $3, wrapped = $4 WHERE id = $1 AND kek_id = $2 RETURNING id',
  log: 'INSERT INTO ck_access_log (at, principal_id, contract_id, party, fields, route) VALUES ',
  accessLog: `SELECT ${utc('at')} AS at, principal_id::text AS principal_id, contract_id, party, fields::text AS fields, route::text AS route
    FROM ck_access_log WHERE ($1::text IS NULL OR contract_id = $1) ORDER BY seq DESC LIMIT $2`,
};

/** Rows one INSERT carries: six parameters each, well under PostgreSQL's 65 535. */
const LOG_CHUNK = 1000;

interface KeyRow {
  id: string;
  contract_id: string;
  party: PartyRole;
  organisation: string;
  kek_id: string;
  wrapped: string;
  created_at: string;
}

interface LogRow {
  at: string;
  principal_id: string;
  contract_id: string;
  party: PartyRole;
  fields: string;
  route: string;
}

const toRecord = (r: KeyRow): DataKeyRecord => ({
  id: r.id,
  contractId: r.contract_id,
  party: r.party,
  organisation: JSON.parse(r.organisation) as string | null,
  kekId: r.kek_id,
  wrapped: r.wrapped,
  createdAt: r.created_at,
});

export class SqlDataKeyStore implements DataKeyStore {
  private constructor(
    private readonly db: SqlExecutor,
    private readonly ownsExecutor: boolean,
  ) {}

  /** Creates or migrates the ck_ tables. With ownsExecutor, close() closes the executor too. */
  static async open(db: SqlExecutor, options: { ownsExecutor?: boolean } = {}): Promise<SqlDataKeyStore> {
    await ensureConfidentialSchema(db);
    return new SqlDataKeyStore(db, options.ownsExecutor ?? false);
  }

  async insertOrGet(k: DataKeyRecord): Promise<DataKeyRecord> {
    await this.db.query(SQL.insert, [k.id, k.contractId, k.party, JSON.stringify(k.organisation), k.kekId, k.wrapped, k.createdAt]);
    const [row] = await this.db.query<KeyRow>(SQL.byParty, [k.contractId, k.party]);
    return toRecord(row);
  }

  async getMany(ids: readonly string[]): Promise<DataKeyRecord[]> {
    if (ids.length === 0) return [];
    return (await this.db.query<KeyRow>(SQL.getMany, [[...ids]])).map(toRecord);
  }

  async deleteParty(contractId: string, party: PartyRole): Promise<number> {
    return (await this.db.query(SQL.deleteParty, [contractId, party])).length;
  }

  async notWrappedUnder(kekId: string, limit: number): Promise<DataKeyRecord[]> {
    return (await this.db.query<KeyRow>(SQL.notWrappedUnder, [kekId, limit])).map(toRecord);
  }

  async rewrap(id: string, from: string, to: WrappedKey): Promise<boolean> {
    return (await this.db.query(SQL.rewrap, [id, from, to.kekId, to.wrapped])).length === 1;
  }

  async recordAccess(entries: readonly AccessLogEntry[]): Promise<void> {
    for (let i = 0; i < entries.length; i += LOG_CHUNK) await this.insertLog(entries.slice(i, i + LOG_CHUNK));
  }

  private async insertLog(entries: readonly AccessLogEntry[]): Promise<void> {
    // json, not jsonb, for the caller's text: jsonb refuses \u0000. One statement for a response's reveals.
    const values = entries.map((_, i) => `($${i * 6 + 1}::timestamptz, $${i * 6 + 2}::json, $${i * 6 + 3}, $${i * 6 + 4}, $${i * 6 + 5}::jsonb, $${i * 6 + 6}::json)`);
    const params = entries.flatMap((e) => [e.at, JSON.stringify(e.principalId), e.contractId, e.party, JSON.stringify(e.fields), JSON.stringify(e.route)]);
    await this.db.query(SQL.log + values.join(', '), params);
  }

  async accessLog({ contractId, limit }: { contractId?: string; limit: number }): Promise<AccessLogEntry[]> {
    const rows = await this.db.query<LogRow>(SQL.accessLog, [contractId ?? null, limit]);
    return rows.map((r) => ({
      at: r.at,
      principalId: JSON.parse(r.principal_id) as string,
      contractId: r.contract_id,
      party: r.party,
      fields: JSON.parse(r.fields) as string[],
      route: JSON.parse(r.route) as string,
    }));
  }

  async close(): Promise<void> {
    if (this.ownsExecutor) await this.db.close();
  }
}
