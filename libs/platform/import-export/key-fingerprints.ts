/**
 * A set of strings kept as 64-bit fingerprints (cyrb53's two 32-bit halves) in one open-addressing table: a million
 * rows' keys fit in tens of megabytes, and each look-up allocates nothing (a `Set` of 53-bit numbers boxes every one
 * and was the slowest part of reading a file). Collisions are negligible at the number of rows a file holds.
 */
export class KeyFingerprints {
  private slots = new Uint32Array(2 * 1024);
  private size = 0;
  private a = 0;
  private b = 0;

  add(key: string): void {
    if (4 * (this.size + 1) > this.slots.length) this.grow();
    this.fingerprint(key);
    if (this.place(this.slots, this.a, this.b)) this.size += 1;
  }

  has(key: string): boolean {
    this.fingerprint(key);
    const slots = this.slots;
    const mask = slots.length / 2 - 1;
    for (let i = this.start(this.a, this.b, mask); ; i = (i + 1) & mask) {
      const a = slots[2 * i];
      const b = slots[2 * i + 1];
      if (a === 0 && b === 0) return false;
      if (a === this.a && b === this.b) return true;
    }
  }

  /** Stores a fingerprint unless it is there; false if it was. */
  private place(slots: Uint32Array, a: number, b: number): boolean {
    const mask = slots.length / 2 - 1;
    for (let i = this.start(a, b, mask); ; i = (i + 1) & mask) {
      if (slots[2 * i] === 0 && slots[2 * i + 1] === 0) {
        slots[2 * i] = a;
        slots[2 * i + 1] = b;
        return true;
      }
      if (slots[2 * i] === a && slots[2 * i + 1] === b) return false;
    }
  }

  private start(a: number, b: number, mask: number): number {
    return (a ^ Math.imul(b, 0x9e3779b1)) & mask;
  }

  private grow(): void {
    const old = this.slots;
    this.slots = new Uint32Array(old.length * 2);
    for (let i = 0; i < old.length; i += 2) if (old[i] !== 0 || old[i + 1] !== 0) this.place(this.slots, old[i], old[i + 1]);
  }

  /** cyrb53's halves of the key; (0, 0) marks an empty slot, so it is never a fingerprint. */
  private fingerprint(text: string): void {
    let h1 = 0xdeadbeef;
    let h2 = 0x41c6ce57;
    for (let i = 0; i < text.length; i++) {
      const ch = text.charCodeAt(i);
      h1 = Math.imul(h1 ^ ch, 2654435761);
      h2 = Math.imul(h2 ^ ch, 1597334677);
    }
    h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
    h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
    this.a = h1 >>> 0;
    this.b = h2 >>> 0 || (this.a === 0 ? 1 : 0);
  }
}
