/**
 * A minimal SCALE writer (Substrate's canonical encoding): little-endian fixed-width integers,
 * compact integers, length-prefixed bytes and strings. Used for the bytes that are hashed:
 * block headers and the state root.
 */
const textEncoder = new TextEncoder();
/** The largest unsigned integer of n bytes, for the widths the chain writes. */
const UINT_MAX: Partial<Record<number, bigint>> = Object.fromEntries([1, 2, 4, 8, 16, 32].map((n) => [n, (1n << BigInt(8 * n)) - 1n]));

export class ScaleWriter {
  private buf: Uint8Array;
  private len = 0;
  /** Over `buf`, made when a u64 or u128 is first written. */
  private view: DataView | null = null;

  /** `capacity`: the bytes to reserve up front (the buffer doubles when it runs out). */
  constructor(capacity = 256) {
    this.buf = new Uint8Array(capacity);
  }

  private ensure(extra: number): void {
    if (this.len + extra <= this.buf.length) return;
    const next = new Uint8Array(Math.max(this.buf.length * 2, this.len + extra));
    next.set(this.buf.subarray(0, this.len));
    this.buf = next;
    this.view = null;
  }

  u8(v: number): this {
    this.ensure(1);
    this.buf[this.len++] = v & 0xff;
    return this;
  }

  /** Unsigned little-endian integer of `bytes` bytes. */
  uint(v: bigint | number, bytes: number): this {
    // The state root writes many small numbers: keep them out of bigint arithmetic.
    if (typeof v === "number" && bytes <= 6) {
      if (!Number.isInteger(v) || v < 0 || v >= 2 ** (8 * bytes)) throw new RangeError(`${v} does not fit in ${bytes} bytes`);
      this.ensure(bytes);
      for (let i = 0; i < bytes; i++) {
        const b: number = v % 256;
        this.buf[this.len++] = b;
        v = (v - b) / 256;
      }
      return this;
    }
    let x = typeof v === "bigint" ? v : BigInt(v);
    if (x < 0n || x > (UINT_MAX[bytes] ?? (1n << BigInt(8 * bytes)) - 1n)) throw new RangeError(`${v} does not fit in ${bytes} bytes`);
    this.ensure(bytes);
    if (bytes === 8 || bytes === 16) {
      // u64 and u128, the state root's balances and fixed-point values: 64 bits at a time.
      const view = (this.view ??= new DataView(this.buf.buffer));
      view.setBigUint64(this.len, BigInt.asUintN(64, x), true);
      if (bytes === 16) view.setBigUint64(this.len + 8, x >> 64n, true);
      this.len += bytes;
      return this;
    }
    // 32 bits at a time, then bytes of a plain number.
    for (let i = 0; i < bytes; i += 4, x >>= 32n) {
      let w = Number(x & 0xffffffffn);
      for (let j = 0; j < 4 && i + j < bytes; j++) {
        this.buf[this.len++] = w & 0xff;
        w >>>= 8;
      }
    }
    return this;
  }

  u16(v: number): this {
    return this.uint(v, 2);
  }

  u32(v: number): this {
    return this.uint(v, 4);
  }

  u64(v: bigint | number): this {
    return this.uint(v, 8);
  }

  u128(v: bigint | number): this {
    return this.uint(v, 16);
  }

  /** SCALE compact integer. */
  compact(v: bigint | number): this {
    const x = BigInt(v);
    if (x < 0n) throw new RangeError("compact integers are unsigned");
    if (x < 1n << 6n) return this.u8(Number(x << 2n));
    if (x < 1n << 14n) return this.uint((x << 2n) | 1n, 2);
    if (x < 1n << 30n) return this.uint((x << 2n) | 2n, 4);
    const bytes = Math.ceil(x.toString(16).length / 2);
    this.u8(((bytes - 4) << 2) | 3);
    return this.uint(x, bytes);
  }

  bool(v: boolean): this {
    return this.u8(v ? 1 : 0);
  }

  /** Raw bytes, no length prefix (fixed-size fields such as hashes and keys). */
  raw(bytes: Uint8Array): this {
    this.ensure(bytes.length);
    this.buf.set(bytes, this.len);
    this.len += bytes.length;
    return this;
  }

  /** Length-prefixed bytes (`Vec<u8>`). */
  bytes(bytes: Uint8Array): this {
    return this.compact(bytes.length).raw(bytes);
  }

  str(s: string): this {
    return this.bytes(textEncoder.encode(s));
  }

  /** The bytes written so far, without copying: valid until the next write or `reset()`. */
  peek(): Uint8Array {
    return this.buf.subarray(0, this.len);
  }

  /** Start over, keeping the buffer (a scratch writer reused for many small encodings). */
  reset(): this {
    this.len = 0;
    return this;
  }

  finish(): Uint8Array {
    return this.buf.slice(0, this.len);
  }
}
