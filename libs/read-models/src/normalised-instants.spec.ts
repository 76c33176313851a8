import fc from 'fast-check';
import { Temporal } from '@app/contracts-domain';
import { normaliseInstant } from './normalised-instants';

describe('normaliseInstant (remembered)', () => {
  it('answers what a fresh parse and format answers, the first time and every time after', () => {
    const text = fc
      .tuple(fc.integer({ min: 1_500_000_000_000, max: 1_900_000_000_000 }), fc.constantFrom('+08:00', 'Z', '-05:30', '+00:00'), fc.boolean())
      .map(([ms, offset, withMs]) => {
        const zoned = Temporal.Instant.fromEpochMilliseconds(withMs ? ms : ms - (ms % 1000)).toZonedDateTimeISO(offset === 'Z' ? 'UTC' : offset);
        return zoned.toString({ timeZoneName: 'never', offset: 'auto' }).replace(/\+00:00$/, offset === 'Z' ? 'Z' : '+00:00');
      });
    fc.assert(
      fc.property(text, (t) => {
        const fresh = Temporal.Instant.from(t).toString();
        expect(normaliseInstant(t)).toBe(fresh);
        expect(normaliseInstant(t)).toBe(fresh);
      }),
    );
  });

  it('refuses text that is not an instant, every time', () => {
    expect(() => normaliseInstant('2021-13-01T00:00:00Z')).toThrow();
    expect(() => normaliseInstant('2021-13-01T00:00:00Z')).toThrow();
  });
});
