// The read-models library's one way in: rows derived from contract streams, where they are kept,
// and the projector that keeps them up to date. No Nest here; the app wires it.
export type { ContractRow, ContractSnapshot, DueObligation, ObligationRow, ObligationsDueQuery, ReadModelStore } from './read-model.port';
export { contractSnapshot, normaliseInstant, plainContractEvent, type ToContractEvent } from './contract-snapshot';
export { MemoryReadModelStore } from './memory-read-model.store';
export { SqlReadModelStore } from './sql-read-model.store';
export { LATEST_READ_MODEL_SCHEMA_VERSION } from './read-model.schema';
export { ContractsProjector, type ContractsProjectorOptions, ProjectorStoppedError, ReadModelTimeoutError } from './contracts.projector';
export {
  describeReadModelTarget,
  openReadModelStore,
  type OpenedReadModelStore,
  ReadModelConfigError,
  type ReadModelTarget,
  resolveReadModelTarget,
} from './read-model.factory';
