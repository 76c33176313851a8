import { toContractEvent } from '@app/contract-store';
import type { RecordedEvent } from '@app/event-store';
import { PUBLIC_EVENT_TYPES, toPublicCloudEvent, validatePublicEvent } from '@app/integration';
import { asRecorded, basicCallAdoptingCorrectedCalendar, basicCallFullLife, basicCallTerminatedThenRevoked, iTimeToExpiry } from './testing/seed-event-streams';

// Every public event of the seed contracts' whole lives: it is in the catalog, validates against
// its schema, and carries the contract's facts in the CloudEvents envelope.

const SOURCE = 'https://contracts.example.com';
const streams: RecordedEvent[][] = [
  asRecorded('bc-2021', basicCallFullLife().events, 1n),
  asRecorded('bc-2021-unpaid', basicCallTerminatedThenRevoked().events, 1000n),
  asRecorded('itime-2023', iTimeToExpiry().events, 5000n),
  asRecorded('bc-2021-recalendared', basicCallAdoptingCorrectedCalendar(), 9000n),
];
const recorded = streams.flat();
const published = recorded.map((r) => toPublicCloudEvent(r, { source: SOURCE })!);

describe('public contract events of the seed scenarios', () => {
  it('covers every catalogued type (else the checks below would miss one)', () => {
    const seen = new Set(published.map((e) => e.type));
    expect(PUBLIC_EVENT_TYPES.filter((t) => !seen.has(t.type)).map((t) => t.storedType)).toEqual([]);
  });

  it('every event validates against its public schema', () => {
    const failures = published.map((e) => ({ type: e.type, result: validatePublicEvent(e) })).filter((f) => !f.result.valid);
    expect(failures).toEqual([]);
  });

  it('the envelope carries the id, contract, effective time, position and revision of the stored event', () => {
    const payment = recorded.find((r) => r.type === 'PaymentReceived')!;
    expect(toPublicCloudEvent(payment, { source: SOURCE })).toEqual({
      specversion: '1.0',
      id: payment.eventId,
      source: SOURCE,
      type: 'contract.payment-received.v1',
      subject: 'bc-2021',
      time: '2021-01-25T06:00:00.000Z',
      datacontenttype: 'application/json',
      dataschema: `${SOURCE}/events/schemas/contract.payment-received.v1.json`,
      position: payment.position.toString(),
      revision: payment.revision,
      data: { amount: '23000.00', currency: 'CNY', receivedAt: '2021-01-25T14:00:00+08:00' },
    });
  });

  it('falls back to the event\'s own business time when metadata has no occurredAt', () => {
    const payment = recorded.find((r) => r.type === 'PaymentReceived')!;
    const event = toPublicCloudEvent({ ...payment, metadata: {} }, { source: 'urn:contract-lifecycle' })!;
    expect(event.time).toBe('2021-01-25T06:00:00.000Z');
    expect(event.dataschema).toBe('urn:contract-lifecycle/events/schemas/contract.payment-received.v1.json');
  });

  it('publishes nothing for events outside contract streams, and refuses an uncatalogued contract event', () => {
    const other = { ...recorded[0], streamId: 'checkpoint-x' };
    expect(toPublicCloudEvent(other, { source: SOURCE })).toBeUndefined();
    expect(() => toPublicCloudEvent({ ...recorded[0], type: 'SomethingNew' }, { source: SOURCE })).toThrow(/SomethingNew/);
  });

  it('ContractDrafted publishes the commercial terms and party names only', () => {
    const drafted = published.find((e) => e.type === 'contract.drafted.v1')!;
    expect(drafted.data).toEqual({
      contractId: 'bc-2021',
      contractNo: 'XPFK-BC-2021',
      product: 'BasicCall 平台软件',
      amount: '23000.00',
      currency: 'CNY',
      timeZone: 'Asia/Shanghai',
      customer: { name: '北京创联致信科技有限公司' },
      vendor: { name: '北京信普飞科科技有限公司' },
      site: 'out-of-town',
      serviceTerm: { start: '2021-01-20', end: '2022-01-20' },
      slaLevel: 'BasicCall/regular',
      paymentTerms: { trigger: 'signing', workingDays: 5 },
      penaltyPolicy: { dailyRate: '0.001', terminationThreshold: '0.20' },
      calendarVersion: '2020-2026',
      draftedAt: '2021-01-10T09:00:00+08:00',
    });
  });

  it('a public payload is a mapping, not the stored data: internal fields do not leak', () => {
    const fault = recorded.find((r) => r.type === 'FaultReported')!;
    const data = toPublicCloudEvent(fault, { source: SOURCE })!.data;
    expect(Object.keys(data).sort()).toEqual(['faultId', 'priority', 'reportedAt']);
    expect(toContractEvent(fault).data).toHaveProperty('description');
  });
});

describe('validatePublicEvent', () => {
  const payment = published.find((e) => e.type === 'contract.payment-received.v1')!;

  it('rejects a float amount, naming the path', () => {
    const result = validatePublicEvent({ ...payment, data: { ...payment.data, amount: 23000 } });
    expect(result).toEqual({ valid: false, errors: [expect.stringMatching(/^\/data\/amount: must be string/)] });
  });

  it('rejects a missing envelope attribute and an extra data field, naming each path', () => {
    const { subject: _subject, ...withoutSubject } = payment;
    expect(validatePublicEvent(withoutSubject)).toEqual({ valid: false, errors: ['/subject: must have required property \'subject\''] });
    const result = validatePublicEvent({ ...payment, data: { ...payment.data, reference: 'CMBC-1' } });
    expect(result).toEqual({ valid: false, errors: ['/data/reference: must NOT have additional properties'] });
  });

  it('rejects an unknown public type', () => {
    expect(validatePublicEvent({ ...payment, type: 'contract.payment-received.v9' })).toEqual({
      valid: false,
      errors: ['/type: contract.payment-received.v9 is not a public event type'],
    });
  });
});
