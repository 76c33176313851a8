// Subscribers' checkpoints in the SQL store's own database (table from schema migration 2).
// save() is one upsert per handled event; it runs outside the handler's work, so a crash between
// the two redelivers that event: handlers must be idempotent (at-least-once, like EventStoreDB's
// catch-up subscriptions), which the checkpoint makes rare rather than impossible.
import type { CheckpointStore } from './event-store.port';
import { CHECKPOINTS_TABLE } from './event-store.schema';
import { checkCheckpointPosition, checkSubscriberId } from './event-store.validation';
import { SqlQueryable, toBigInt } from './sql-executor';

const SQL = {
  load: `SELECT position FROM ${CHECKPOINTS_TABLE} WHERE subscriber_id = $1`,
  save: `INSERT INTO ${CHECKPOINTS_TABLE} (subscriber_id, position, updated_at) VALUES ($1, $2::bigint, now())
    ON CONFLICT (subscriber_id) DO UPDATE SET position = EXCLUDED.position, updated_at = EXCLUDED.updated_at`,
  reset: `DELETE FROM ${CHECKPOINTS_TABLE} WHERE subscriber_id = $1`,
} as const;

export class SqlCheckpointStore implements CheckpointStore {
  /** `assertOpen` lets the store refuse calls after close(); its own subscriptions pass none. */
  constructor(
    private readonly db: SqlQueryable,
    private readonly assertOpen: () => void = () => undefined,
  ) {}

  async load(subscriberId: string): Promise<bigint | undefined> {
    this.assertOpen();
    checkSubscriberId(subscriberId);
    const [row] = await this.db.query<{ position: unknown }>(SQL.load, [subscriberId]);
    return row ? toBigInt(row.position) : undefined;
  }

  async save(subscriberId: string, position: bigint): Promise<void> {
    this.assertOpen();
    checkSubscriberId(subscriberId);
    checkCheckpointPosition(position);
    await this.db.query(SQL.save, [subscriberId, position.toString()]);
  }

  async reset(subscriberId: string): Promise<void> {
    this.assertOpen();
    checkSubscriberId(subscriberId);
    await this.db.query(SQL.reset, [subscriberId]);
  }
}
