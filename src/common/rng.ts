/** Deterministic PRNG (mulberry32): the same seed gives the same demo data on every machine. */
export class Rng {
  private state: number;
  constructor(seed: number) {
    this.state = seed >>> 0;
  }
  next(): number {
    let num = (this.state = (this.state + 0x6d2b79f5) >>> 0);
    num = Math.imul(num ^ (num >>> 15), num | 1);
    num ^= num + Math.imul(num ^ (num >>> 7), num | 61);
    return ((num ^ (num >>> 14)) >>> 0) / 4294967296;
  }
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  pick<T>(list: readonly T[]): T {
    return list[Math.floor(this.next() * list.length)];
  }
  chance(num: number): boolean {
    return this.next() < num;
  }
}
