// The event-store library's one way in. The conformance suite is test code and stays out of here.
export type {
  AppendResult,
  CheckpointStore,
  EventStore,
  ExpectedRevision,
  NewEvent,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  SubscribeToAllOptions,
  Subscription,
} from './event-store.port';
export { DuplicateEventIdError, WrongExpectedRevisionError } from './event-store.port';
export { EventStoreConfigError, openEventStore } from './event-store.factory';
export { MemoryEventStore } from './memory-event-store';
export { SqlEventStore } from './sql-event-store';
export type { SqlEventStoreOptions } from './sql-event-store';
export type { SqlExecutor, SqlQueryable } from './sql-executor';
export { PgliteExecutor, type PgliteExecutorOptions } from './pglite-executor';
export { loadPglite } from './pglite.loader';
export { PgExecutor } from './pg-executor';
export { EsdbEventStore } from './esdb/esdb-event-store';
export type { EsdbEventStoreOptions } from './esdb/esdb-event-store';
export { EsdbCheckpointStore } from './esdb/esdb-checkpoint-store';
export { toRecorded as fromEsdbRecordedEvent } from './esdb/esdb-recorded-event';
export { applyMigrations, type Migration, type MigrationPlan } from './sql-migrations';
