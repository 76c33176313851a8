import { diffValues } from './value-diff';

describe('diffValues', () => {
  it('names each changed leaf by its path, matching arrays of objects by id', () => {
    const before = { penalties: { customer: '253.00' }, obligations: [{ id: 'payment', lateDays: 11 }], asOf: 'a', notes: ['x'] };
    const after = { penalties: { customer: '230.00' }, obligations: [{ id: 'inspection-1', lateDays: 0 }, { id: 'payment', lateDays: 10 }], asOf: 'b', notes: ['x', 'y'] };
    expect(diffValues(before, after, { ignore: ['asOf'] })).toEqual([
      { path: 'penalties.customer', before: '253.00', after: '230.00' },
      { path: 'obligations[payment].lateDays', before: 11, after: 10 },
      { path: 'obligations[inspection-1]', after: { id: 'inspection-1', lateDays: 0 } },
      { path: 'notes[1]', after: 'y' },
    ]);
  });

  it('finds nothing between a value and its copy', () => {
    const value = { a: [1, { b: null }], c: { d: 'e' } };
    expect(diffValues(value, structuredClone(value))).toEqual([]);
  });
});
