// A small seeded generator (mulberry32) so the same seed always yields the same portfolio. Not
// for anything secret: it only has to be fast and reproducible across Node versions.
//
// Ids do not come from the 32-bit stream: mulberry32 walks one cycle of 2^32 states, so two items'
// streams overlap as soon as one starts within a few hundred steps of the other, which at 10,000
// contracts of ~100 draws each is expected to happen (the full-scale bench loads failed on a
// duplicate event id). An id is a hash of the item's identity and a counter instead.
import { createHash } from 'node:crypto';

export class Prng {
  private state: number;
  private idsDrawn = 0;

  /** `idSpace` names the generator for its ids: two generators with different names never share one. */
  constructor(
    seed: number,
    private readonly idSpace: string = `seed ${seed >>> 0}`,
  ) {
    this.state = seed >>> 0;
  }

  /** A generator for item `index` of a run: items can be generated in any order, or in parallel, and stay the same. */
  static forItem(seed: number, index: number): Prng {
    return new Prng(mix(seed, index), `seed ${seed >>> 0} item ${index}`);
  }

  /** Uniform in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  }

  /** An integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }

  /** A version-4-shaped UUID, the same for the same generator name and draw (so ids repeat with the seed). */
  uuid(): string {
    const bytes = createHash('sha256').update(`${this.idSpace} id ${this.idsDrawn++}`).digest();
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    const hex = bytes.subarray(0, 16).toString('hex');
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  }
}

/** Spreads (seed, index) over the 32-bit space so neighbouring items do not get related streams. */
function mix(seed: number, index: number): number {
  let h = (seed ^ Math.imul(index + 1, 0x9e3779b1)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}
