import { sealEvents, verifyChain } from '@app/contract-store';
import type { NewEvent } from '@app/event-store';
import { generateContract, type PortfolioSpec } from './portfolio';
import { marker, sealPatterns } from './template-seal';

// The generator seals contracts from per-template patterns instead of canonicalising each event;
// given any contract of a portfolio, the events must be exactly what sealEvents makes of them.

const unsealed = (events: readonly NewEvent[]): NewEvent[] =>
  events.map((event) => {
    const { hashAlgorithm: _algorithm, prevHash: _prev, hash: _hash, ...metadata } = event.metadata;
    return { ...event, metadata };
  });

describe('sealing stamped-out contracts from template patterns', () => {
  const spec: PortfolioSpec = { seed: 11, contracts: 60, overdue: 6, overdueNextNight: 6, awaitingPayment: 6 };

  it('given every contract of a portfolio (each kind, both seeds), when sealed from patterns, then each event equals what sealEvents seals', () => {
    const kinds = new Set<string>();
    const seeds = new Set<string>();
    for (let index = 0; index < spec.contracts; index++) {
      const contract = generateContract(spec, index);
      kinds.add(contract.kind);
      seeds.add(contract.template.seed);
      expect(contract.events).toEqual(sealEvents(contract.streamId, undefined, unsealed(contract.events)));
      expect(verifyChain(contract.streamId, contract.events.map((event, revision) => ({ ...event, revision }))).verified).toBe(true);
    }
    expect([...kinds].sort()).toEqual(['active', 'awaiting-payment', 'overdue', 'overdue-next-night']);
    expect([...seeds].sort()).toEqual(['basiccall-2021', 'itime-2023']);
  });

  it('given a per-contract value inside a longer string, when patterns are made, then they are refused rather than hash the marker', () => {
    const event: NewEvent = { eventId: marker('E'), type: 'Noted', data: { note: `see ${marker('I')}` }, metadata: { commandId: marker('C') } };
    expect(() => sealPatterns([event])).toThrow(/not a whole JSON string/);
  });
});
