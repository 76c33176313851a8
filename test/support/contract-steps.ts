import type { TestApp } from './test-app';
import { exampleTerms } from './test-app';

// The BasicCall seed's life, step by step, through HTTP. Each step sets the server clock to when
// the fact is recorded.

export const BASICCALL = {
  drafted: '2021-01-10T09:00:00+08:00',
  customerSigned: '2021-01-15T10:00:00+08:00',
  vendorSigned: '2021-01-15T15:00:00+08:00',
  paid: '2021-01-20T10:00:00+08:00',
} as const;

export async function draftBasicCall(t: TestApp): Promise<string> {
  t.clock.set(BASICCALL.drafted);
  const response = await t.http().post('/contracts').send(exampleTerms('basiccall-2021')).expect(201);
  return response.body.id as string;
}

export async function signBoth(t: TestApp, id: string): Promise<void> {
  t.clock.set(BASICCALL.vendorSigned);
  await t.http().post(`/contracts/${id}/signatures`).send({ party: 'customer', signatory: '张忠强', signedAt: BASICCALL.customerSigned }).expect(201);
  await t.http().post(`/contracts/${id}/signatures`).send({ party: 'vendor', signatory: '信普飞科代表', signedAt: BASICCALL.vendorSigned }).expect(201);
}

export async function payInFull(t: TestApp, id: string): Promise<void> {
  t.clock.set(BASICCALL.paid);
  await t.http().post(`/contracts/${id}/payments`).send({ amount: '23000.00', receivedAt: BASICCALL.paid, reference: 'BOB-0120' }).expect(201);
}

export interface StoredEvent {
  eventId: string;
  revision: number;
  position: string;
  type: string;
  data: Record<string, unknown>;
  metadata: Record<string, unknown>;
  storedAt: string;
}

export async function storedEvents(t: TestApp, id: string): Promise<StoredEvent[]> {
  const response = await t.http().get(`/contracts/${id}/events`).expect(200);
  return response.body.items as StoredEvent[];
}
