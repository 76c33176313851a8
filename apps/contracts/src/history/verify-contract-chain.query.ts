import { Inject } from '@nestjs/common';
import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import type { EventStore } from '@app/event-store';
import { type ChainVerification, contractStreamId, verifyChain } from '@app/contract-store';
import { unknownContract } from '../contracts/get-contract.query';
import { EVENT_STORE } from '../store/event-store.provider';

/**
 * Recomputes the contract's hash chain from the stored stream. A broken chain is an answer, not
 * an error: 200 with verified false and the first broken link, so legal gets the finding itself.
 */
export class VerifyContractChain extends Query<ChainVerification> {
  constructor(
    readonly contractId: string,
    readonly expectedHead?: string,
  ) {
    super();
  }
}

@QueryHandler(VerifyContractChain)
export class VerifyContractChainHandler implements IQueryHandler<VerifyContractChain, ChainVerification> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async execute({ contractId, expectedHead }: VerifyContractChain): Promise<ChainVerification> {
    const streamId = contractStreamId(contractId);
    const stream = await this.store.readStream(streamId);
    if (stream.length === 0) throw unknownContract(contractId);
    return verifyChain(streamId, stream, { expectedHead });
  }
}
