// SqlExecutor over node-postgres (`pg`): a pool of connections to a real PostgreSQL server.
// Plain queries take any pooled connection; a transaction checks one out, runs BEGIN … COMMIT on
// it (ROLLBACK if anything throws) and always gives it back — destroyed rather than reused if the
// rollback itself failed, since the connection's state is then unknown. Values travel only as
// $n parameters. int8 comes back as a string (pg's default); SqlEventStore turns it into bigint.
import { Pool, type PoolClient, type PoolConfig } from 'pg';
import type { SqlExecutor, SqlQueryable } from './sql-executor';

export class PgExecutor implements SqlExecutor {
  private closing: Promise<void> | undefined;

  /** Takes ownership of the pool: close() ends it. */
  constructor(private readonly pool: Pool) {
    // An idle pooled connection that the server drops (restart, idle timeout) is reported as an
    // 'error' event; unhandled, that would crash the process. The pool discards that connection
    // itself, and the next query simply opens another (or fails and says why).
    pool.on('error', () => undefined);
  }

  /** `connectionString` is a postgres:// URL; the rest of PoolConfig (e.g. `max`) passes through. */
  static create(config: PoolConfig): PgExecutor {
    return new PgExecutor(
      new Pool({
        connectionTimeoutMillis: 10_000, // an unreachable server fails the first query, not hangs it
        application_name: 'contract-lifecycle',
        ...config,
      }),
    );
  }

  async query<Row = Record<string, unknown>>(sql: string, params: readonly unknown[] = []): Promise<Row[]> {
    const result = await this.pool.query(sql, [...params]);
    return result.rows as Row[];
  }

  async transaction<T>(fn: (tx: SqlQueryable) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    let unusable: Error | undefined;
    try {
      await client.query('BEGIN');
      const result = await fn(clientQueryable(client));
      await client.query('COMMIT');
      return result;
    } catch (error) {
      try {
        await client.query('ROLLBACK');
      } catch (rollbackError) {
        unusable = rollbackError instanceof Error ? rollbackError : new Error(String(rollbackError));
      }
      throw error;
    } finally {
      client.release(unusable); // with an error: the pool closes this connection instead of reusing it
    }
  }

  /** Idempotent; waits for checked-out connections to come back, then closes them all. */
  async close(): Promise<void> {
    this.closing ??= this.pool.end();
    await this.closing;
  }
}

function clientQueryable(client: PoolClient): SqlQueryable {
  return {
    query: async <Row>(sql: string, params: readonly unknown[] = []) => (await client.query(sql, [...params])).rows as Row[],
  };
}
