import { exampleTerms, type TestApp } from './test-app';

// Two contracts for finance, through HTTP. The BasicCall seed signed on Friday 2021-02-05, so its
// 5 working days cross the Spring Festival and count the working Sunday 02-07 (调休); the customer
// pays part on time and the rest 4 days late. Its customer's name holds a comma and quotes, as
// real names in a CSV do. The ITiMe seed's invoice arrives on the working Saturday 2023-05-06 and
// stays unpaid past its due date, 2023-05-12.

export const QUOTED_CUSTOMER = '北京创联致信科技有限公司, "总部"';

export const BASICCALL_FEB = {
  drafted: '2021-02-01T09:00:00+08:00',
  customerSigned: '2021-02-05T10:00:00+08:00',
  vendorSigned: '2021-02-05T15:00:00+08:00',
  firstPayment: '2021-02-10T10:00:00+08:00',
  secondPayment: '2021-02-22T10:00:00+08:00',
} as const;

export const ITIME_UNPAID = {
  drafted: '2023-04-28T09:00:00+08:00',
  signed: '2023-05-04T11:00:00+08:00',
  issued: '2023-05-05T09:00:00+08:00',
  received: '2023-05-06T10:00:00+08:00',
  accruedTo: '2023-05-16T12:00:00+08:00',
} as const;

async function at<T>(t: TestApp, instant: string, step: () => Promise<T>): Promise<T> {
  t.clock.set(instant);
  return step();
}

export async function basicCallAcrossSpringFestival(t: TestApp): Promise<string> {
  const terms = exampleTerms('basiccall-2021') as { customer: { name: string } };
  terms.customer.name = QUOTED_CUSTOMER;
  const id = await at(t, BASICCALL_FEB.drafted, async () => (await t.http().post('/contracts').send(terms).expect(201)).body.id as string);
  await at(t, BASICCALL_FEB.vendorSigned, async () => {
    await t.http().post(`/contracts/${id}/signatures`).send({ party: 'customer', signatory: '张忠强', signedAt: BASICCALL_FEB.customerSigned }).expect(201);
    await t.http().post(`/contracts/${id}/signatures`).send({ party: 'vendor', signatory: '信普飞科代表', signedAt: BASICCALL_FEB.vendorSigned }).expect(201);
  });
  await at(t, BASICCALL_FEB.firstPayment, () =>
    t.http().post(`/contracts/${id}/payments`).send({ amount: '10000.00', receivedAt: BASICCALL_FEB.firstPayment, reference: 'BOB-0210' }).expect(201),
  );
  await at(t, BASICCALL_FEB.secondPayment, () =>
    t.http().post(`/contracts/${id}/payments`).send({ amount: '13000.00', receivedAt: BASICCALL_FEB.secondPayment, reference: 'BOB-0222' }).expect(201),
  );
  return id;
}

export async function iTimeInvoicedAndUnpaid(t: TestApp): Promise<string> {
  const id = await at(t, ITIME_UNPAID.drafted, async () => (await t.http().post('/contracts').send(exampleTerms('itime-2023')).expect(201)).body.id as string);
  await at(t, ITIME_UNPAID.signed, async () => {
    await t.http().post(`/contracts/${id}/signatures`).send({ party: 'customer', signatory: '艾特永益代表', signedAt: '2023-05-04T10:00:00+08:00' }).expect(201);
    await t.http().post(`/contracts/${id}/signatures`).send({ party: 'vendor', signatory: '创联致信代表', signedAt: ITIME_UNPAID.signed }).expect(201);
  });
  await at(t, ITIME_UNPAID.issued, () =>
    t.http().post(`/contracts/${id}/invoices`).send({ invoiceNo: 'FP-001', amount: '20000.00', issuedAt: ITIME_UNPAID.issued }).expect(201),
  );
  await at(t, ITIME_UNPAID.received, () => t.http().post(`/contracts/${id}/invoices/FP-001/receipt`).send({ receivedAt: ITIME_UNPAID.received }).expect(201));
  await at(t, ITIME_UNPAID.accruedTo, () => t.http().post(`/contracts/${id}/accrual`).send({ asOf: ITIME_UNPAID.accruedTo }).expect(200));
  return id;
}
