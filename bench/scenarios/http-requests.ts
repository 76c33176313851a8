import { BENCH_NOW } from '../data/bench-calendar';
import { RAW_INSERT_PATH } from '../support/raw-insert.module';

// The request mix of scenario 2, one request per sequence number: even numbers report a fault on
// an active contract, odd numbers record a ¥0.01 part-payment on a contract awaiting payment, each
// contract in turn. The raw baseline posts the very same bodies to the bare endpoint.

export interface CommandTargets {
  activeIds: readonly string[];
  awaitingPaymentIds: readonly string[];
}

export interface PlannedRequest {
  kind: 'fault' | 'payment';
  contractId: string;
  path: string;
  body: Record<string, unknown>;
}

export function commandRequest(seq: number, targets: CommandTargets): PlannedRequest {
  const turn = Math.floor(seq / 2);
  if (seq % 2 === 0 || targets.awaitingPaymentIds.length === 0) {
    const contractId = targets.activeIds[turn % targets.activeIds.length];
    const body = { priority: 'P2', reportedAt: BENCH_NOW, description: `话务平台告警：坐席登录超时 (#${seq})` };
    return { kind: 'fault', contractId, path: `/contracts/${contractId}/faults`, body };
  }
  const contractId = targets.awaitingPaymentIds[turn % targets.awaitingPaymentIds.length];
  return { kind: 'payment', contractId, path: `/contracts/${contractId}/payments`, body: { amount: '0.01', receivedAt: BENCH_NOW, reference: `HTTP-${seq}` } };
}

/** The same body, to the bare endpoint. */
export function rawRequest(seq: number, targets: CommandTargets): PlannedRequest {
  return { ...commandRequest(seq, targets), path: `/${RAW_INSERT_PATH}` };
}
