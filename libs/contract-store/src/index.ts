// How contracts live in an event store: stream naming, event metadata, the hash chain that makes
// tampering evident, and the one way commands are decided and appended (service and CLI alike).
export * from './contract-stream';
export * from './contract-records';
export * from './event-hash';
export * from './hash-chain';
export * from './penalty-receipts';
export * from './run-contract-command';
export * from './folded-contracts';
