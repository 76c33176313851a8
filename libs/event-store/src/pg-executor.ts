// SqlExecutor over node-postgres (`pg`): a pool of connections to a real PostgreSQL server.
// Plain queries take any pooled connection; a transaction checks one out, runs BEGIN … COMMIT on
// it (ROLLBACK if anything throws) and always gives it back — destroyed rather than reused if the
// rollback itself failed, since the connection's state is then unknown. Values travel only as
// $n parameters. int8 comes back as a string (pg's default); SqlEventStore turns it into bigint.
//
// With `namedStatements`, every statement that takes parameters is sent as a named prepared
// statement (the name derived from its text): each connection parses and plans it once, and later
// calls send only Bind/Execute. The event store's statements are a handful of constants called
// thousands of times, and the unnamed protocol re-parsed and re-planned each call. Statements
// without parameters (schema DDL) stay unnamed. Off by default: a plan kept across a schema change
// that alters a statement's result columns fails ("cached plan must not change result type").
import { createHash } from 'node:crypto';
import { Pool, type PoolClient, type PoolConfig, type QueryConfig } from 'pg';
import type { SqlExecutor, SqlQueryable } from './sql-executor';

export interface PgExecutorOptions {
  /** Send statements with parameters as named prepared statements (see above). Default false. */
  namedStatements?: boolean;
}

export class PgExecutor implements SqlExecutor {
  private closing: Promise<void> | undefined;
  private readonly statement: (sql: string, params: readonly unknown[]) => QueryConfig;

  /** Takes ownership of the pool: close() ends it. */
  constructor(
    private readonly pool: Pool,
    options: PgExecutorOptions = {},
  ) {
    this.statement = options.namedStatements ? namedStatement : unnamedStatement;
    // An idle pooled connection that the server drops (restart, idle timeout) is reported as an
    // 'error' event; unhandled, that would crash the process. The pool discards that connection
    // itself, and the next query simply opens another (or fails and says why).
    pool.on('error', () => undefined);
  }

  /** `connectionString` is a postgres:// URL; the rest of PoolConfig (e.g. `max`) passes through. */
  static create(config: PoolConfig, options: PgExecutorOptions = {}): PgExecutor {
    return new PgExecutor(
      new Pool({
        connectionTimeoutMillis: 10_000, // an unreachable server fails the first query, not hangs it
        application_name: 'contract-lifecycle',
        ...config,
      }),
      options,
    );
  }

  async query<Row = Record<string, unknown>>(sql: string, params: readonly unknown[] = []): Promise<Row[]> {
    const result = await this.pool.query(this.statement(sql, params));
    return result.rows as Row[];
  }

  async transaction<T>(fn: (tx: SqlQueryable) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    let unusable: Error | undefined;
    try {
      await client.query('BEGIN');
      const result = await fn(clientQueryable(client, this.statement));
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

function clientQueryable(client: PoolClient, statement: (sql: string, params: readonly unknown[]) => QueryConfig): SqlQueryable {
  return {
    query: async <Row>(sql: string, params: readonly unknown[] = []) => (await client.query(statement(sql, params))).rows as Row[],
  };
}

const unnamedStatement = (text: string, params: readonly unknown[]): QueryConfig => ({ text, values: [...params] });

/** Names by text, remembered (the same few texts recur); pg refuses one name for two texts, so the name is a hash. */
const statementNames = new Map<string, string>();
function namedStatement(text: string, params: readonly unknown[]): QueryConfig {
  if (params.length === 0) return { text, values: [] };
  let name = statementNames.get(text);
  if (name === undefined) {
    name = `s_${createHash('sha256').update(text).digest('hex').slice(0, 24)}`;
    if (statementNames.size >= 1_000) statementNames.clear();
    statementNames.set(text, name);
  }
  return { name, text, values: [...params] };
}
