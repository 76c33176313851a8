import { draftBasicCall, signBoth } from './contract-steps';
import type { TestApp } from './test-app';

// BasicCall with its payment recorded late: the customer paid on 1 February 2021, but finance
// keyed it in only on 6 February, after the scheduler had booked 14 late days. The payment
// reverses the 4 that started after it (README, "Facts recorded late"); legal later asks what the
// books said before and after.

export const LATE_PAYMENT = {
  /** The scheduler brings the contract up to date: late days 1–14 (23 Jan – 5 Feb) are booked. */
  accruedAt: '2021-02-05T12:00:00+08:00',
  /** When the money actually arrived (business time). */
  receivedAt: '2021-02-01T10:30:00+08:00',
  /** When finance recorded it. */
  recordedAt: '2021-02-06T09:00:00+08:00',
} as const;

export async function basicCallPaidLate(t: TestApp): Promise<string> {
  const id = await draftBasicCall(t);
  await signBoth(t, id);
  t.clock.set(LATE_PAYMENT.accruedAt);
  await t.http().post(`/contracts/${id}/accrual`).set('X-Actor', 'scheduler').send({ asOf: LATE_PAYMENT.accruedAt }).expect(200);
  t.clock.set(LATE_PAYMENT.recordedAt);
  await t
    .http()
    .post(`/contracts/${id}/payments`)
    .set('X-Actor', 'finance: wang.li')
    .send({ amount: '23000.00', receivedAt: LATE_PAYMENT.receivedAt, reference: '民生银行 20210201' })
    .expect(201);
  return id;
}
