// The seam between the SQL event store and a PostgreSQL driver: PGlite (embedded) and node `pg`
// (a real server) both implement it and share every statement in sql-event-store.ts and
// event-store.schema.ts unchanged. Kept deliberately tiny so a new driver is a few lines.

/** Anything that runs one parameterised statement ($1, $2 …) and returns its rows. */
export interface SqlQueryable {
  query<Row = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<Row[]>;
}

export interface SqlExecutor extends SqlQueryable {
  /** Runs fn inside BEGIN … COMMIT; rolls back and rethrows if fn throws. Use only `tx` inside. */
  transaction<T>(fn: (tx: SqlQueryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/**
 * Both PGlite and node-postgres surface server errors with the SQLSTATE in `code` and the
 * violated constraint's name in `constraint`, so this check works for either driver.
 */
export function isUniqueViolation(error: unknown, constraint: string): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { code, constraint: violated } = error as { code?: unknown; constraint?: unknown };
  return code === '23505' && violated === constraint;
}

/**
 * int8 columns come back as number (PGlite, when safe), bigint (PGlite, when not) or string
 * (node-postgres); positions are always bigint in the port.
 */
export function toBigInt(value: unknown): bigint {
  if (typeof value === 'bigint') return value;
  if (typeof value === 'number' && Number.isSafeInteger(value)) return BigInt(value);
  if (typeof value === 'string' && /^-?\d+$/.test(value)) return BigInt(value);
  throw new TypeError(`Expected an int8 value from the database, got ${typeof value} ${String(value)}`);
}
