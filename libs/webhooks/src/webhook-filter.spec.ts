import { matchesWebhookFilter, storedTypesOf } from './webhook-filter';

const A = '0b7c7a8e-1111-4c1a-9a55-000000000001';
const B = '0b7c7a8e-1111-4c1a-9a55-000000000002';

describe('which events a webhook endpoint receives', () => {
  it('given no filter, every contract event matches', () => {
    expect(matchesWebhookFilter({}, { contractId: A, type: 'contract.payment-received.v1' })).toBe(true);
    expect(matchesWebhookFilter({ contractIds: [], types: [] }, { contractId: B, type: 'contract.signed.v1' })).toBe(true);
  });

  it('given contracts and types, an event matches only when both lists name it', () => {
    const filter = { contractIds: [A], types: ['contract.payment-received.v1', 'contract.terminated.v1'] };
    expect(matchesWebhookFilter(filter, { contractId: A, type: 'contract.payment-received.v1' })).toBe(true);
    expect(matchesWebhookFilter(filter, { contractId: B, type: 'contract.payment-received.v1' })).toBe(false);
    expect(matchesWebhookFilter(filter, { contractId: A, type: 'contract.signed.v1' })).toBe(false);
  });

  it('narrows the store read to the stored types behind the public ones, or not at all', () => {
    expect(storedTypesOf({})).toBeUndefined();
    expect(storedTypesOf({ types: ['contract.payment-received.v1', 'contract.terminated.v1'] })).toEqual(['PaymentReceived', 'ContractTerminated']);
  });
});
