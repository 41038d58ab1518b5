// A small seeded PRNG for the synthetic benchmark database: the same seed gives the same file, byte for
// byte in content. sfc32 is fast and good enough for picking words and dates; Math.random is never used.
// Streams are keyed (seed, purpose, index), so trial 17 is the same trial whether 300 or 500,000 are built.
// The state is 128 bits: with 32 (mulberry32), two of 100,000 keys share a state more often than not, and
// users' ids and tokens, drawn from per-key streams, must never repeat.

/** 32-bit FNV-1a over the parts, then a final avalanche. */
export function hashSeed(...parts: (string | number)[]): number {
  let h = 0x811c9dc5;
  for (const part of parts) {
    const s = String(part);
    for (let i = 0; i < s.length; i++) {
      h ^= s.charCodeAt(i);
      h = Math.imul(h, 0x01000193);
    }
    h ^= 0x2f; // separator, so ("ab", "c") and ("a", "bc") differ
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

export type Weighted<T> = readonly (readonly [T, number])[];

const cumulative = new WeakMap<Weighted<unknown>, Float64Array>();

export class Random {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(...seed: (string | number)[]) {
    // Four independently salted hashes of the key make the 128-bit state.
    this.a = hashSeed(0x9e37, ...seed);
    this.b = hashSeed(0x7f4a, ...seed);
    this.c = hashSeed(0x3c6e, ...seed);
    this.d = hashSeed(0xa54f, ...seed);
    for (let i = 0; i < 12; i++) this.next();
  }

  /** sfc32: a float in [0, 1). */
  next(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return (t >>> 0) / 4294967296;
  }

  /** An integer in [min, max], both included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }

  /** One value by weight; the weights need not sum to 1. Tables are module constants mostly: their running sums are kept. */
  weighted<T>(table: Weighted<T>): T {
    let sums = cumulative.get(table);
    if (!sums) {
      sums = new Float64Array(table.length);
      let total = 0;
      table.forEach(([, w], i) => (sums![i] = total += w));
      cumulative.set(table, sums);
    }
    const r = this.next() * sums[sums.length - 1]!;
    let i = 0;
    while (i < sums.length - 1 && r >= sums[i]!) i++;
    return table[i]![0];
  }

  /** Up to n distinct items, in the order drawn. */
  sample<T>(items: readonly T[], n: number): T[] {
    const count = Math.min(n, items.length);
    if (count <= 0) return [];
    if (count * 4 < items.length) {
      // Few from many: draw indexes, skipping repeats, rather than copying the whole list.
      const seen = new Set<number>();
      const out: T[] = [];
      while (out.length < count) {
        const i = Math.floor(this.next() * items.length);
        if (!seen.has(i)) {
          seen.add(i);
          out.push(items[i]!);
        }
      }
      return out;
    }
    const copy = items.slice();
    for (let i = 0; i < count; i++) {
      const j = i + Math.floor(this.next() * (copy.length - i));
      [copy[i], copy[j]] = [copy[j]!, copy[i]!];
    }
    return copy.slice(0, count);
  }

  /** Lower-case hex, 8 characters per 32 random bits. */
  hex(chars: number): string {
    let out = '';
    while (out.length < chars) out += Math.floor(this.next() * 4294967296).toString(16).padStart(8, '0');
    return out.slice(0, chars);
  }

  /** A UUID v4 in form (the users table's id shape), drawn from this stream. */
  uuid(): string {
    const h = this.hex(32);
    const variant = ((parseInt(h[16]!, 16) & 0x3) | 0x8).toString(16);
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
  }
}
