/**
 * Argon2id (RFC 9106, version 0x13). The memory-hard part (filling and mixing the blocks) runs in
 * the WebAssembly module of hash-wasm 4.13.0 (argon2-wasm.ts, 7 KB, MIT), inlined into the bundle; the BLAKE2b steps around it (H0 and the
 * variable-length H' of RFC 9106 §3.2–3.3) use noble's BLAKE2b, which the background carries anyway.
 * Using the module directly instead of hash-wasm's JavaScript drops its second, WebAssembly BLAKE2b
 * and its glue (about 8 KB of gzip from the background). Output is byte-for-byte the reference
 * implementation's (test/vault/kdf.test.ts: Debian's `argon2` command and noble's Argon2id).
 * Extension pages need 'wasm-unsafe-eval' in their CSP to compile it.
 */
import { blake2b } from '@noble/hashes/blake2.js';
import { ARGON2_WASM_BASE64 } from './argon2-wasm';
import { VaultError, wrongPassword } from './errors';

export interface Argon2idInput {
  readonly password: Uint8Array;
  readonly salt: Uint8Array;
  /** Memory in KiB. */
  readonly m: number;
  readonly t: number;
  readonly p: number;
  readonly dkLen: number;
}

interface Argon2Exports {
  memory: WebAssembly.Memory;
  Hash_SetMemorySize(bytes: number): void;
  Hash_GetBuffer(): number;
  Hash_Calculate(length: number, memoryKib: number, unused: number): void;
}

const BLOCK = 1024;
const VERSION = 0x13;
const ARGON2ID = 2;

let compiled: Promise<WebAssembly.Module> | null = null;

function argon2Module(): Promise<WebAssembly.Module> {
  if (!compiled) {
    compiled = WebAssembly.compile(Uint8Array.from(atob(ARGON2_WASM_BASE64), (c) => c.charCodeAt(0)));
    compiled.catch(() => (compiled = null));
  }
  return compiled;
}

const le32 = (value: number): Uint8Array => {
  const bytes = new Uint8Array(4);
  new DataView(bytes.buffer).setUint32(0, value, true);
  return bytes;
};

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

/** H' of RFC 9106 §3.3: BLAKE2b stretched to `length` bytes. */
function variableHash(length: number, input: Uint8Array): Uint8Array {
  const first = concat(le32(length), input);
  if (length <= 64) return blake2b(first, { dkLen: length });
  const whole = Math.ceil(length / 32) - 2;
  const out = new Uint8Array(length);
  let v = blake2b(first);
  out.set(v.subarray(0, 32), 0);
  for (let i = 1; i < whole; i++) {
    v = blake2b(v);
    out.set(v.subarray(0, 32), i * 32);
  }
  const rest = length - 32 * whole;
  out.set(blake2b(v, { dkLen: rest }), whole * 32);
  return out;
}

async function argon2id(input: Argon2idInput): Promise<Uint8Array> {
  const { password, salt, m, t, p, dkLen } = input;
  const instance = await WebAssembly.instantiate(await argon2Module());
  const wasm = instance.exports as unknown as Argon2Exports;
  // The module sets its buffer up on the first Hash_GetBuffer, then sizes it: m blocks, and one more
  // for the parameters it reads. Growing replaces memory.buffer, so views are taken afresh.
  wasm.Hash_GetBuffer();
  wasm.Hash_SetMemorySize(m * BLOCK + BLOCK);
  const offset = wasm.Hash_GetBuffer();
  const memory = () => new Uint8Array(wasm.memory.buffer, offset, m * BLOCK + BLOCK);

  const parameters = new Uint8Array(24);
  const view = new DataView(parameters.buffer);
  [p, dkLen, m, t, VERSION, ARGON2ID].forEach((value, i) => view.setUint32(i * 4, value, true));
  memory().set(parameters, m * BLOCK);

  // H0 (RFC 9106 §3.2): no secret, no associated data.
  const h0 = blake2b(concat(parameters, le32(password.length), password, le32(salt.length), salt, le32(0), le32(0)));
  const laneBlocks = Math.floor(m / (p * 4)) * 4;
  for (let lane = 0; lane < p; lane++) {
    for (const index of [0, 1]) {
      memory().set(variableHash(BLOCK, concat(h0, le32(index), le32(lane))), (lane * laneBlocks + index) * BLOCK);
    }
  }
  wasm.Hash_Calculate(0, m, 0);
  // The module leaves the XOR of the lanes' last blocks at the start of its buffer.
  const last = memory().slice(0, BLOCK);
  return variableHash(dkLen, last);
}

export async function argon2idBytes(input: Argon2idInput): Promise<Uint8Array> {
  // Every vault and backup password passed assertNewPassword, so an empty one can only be wrong:
  // say so without any Argon2 work.
  if (input.password.length === 0) throw wrongPassword();
  try {
    return await argon2id(input);
  } catch (error) {
    // The parameters were bounded before (kdf.ts), so what fails here is WebAssembly itself: blocked by a
    // policy or unable to allocate the memory. Its messages carry no input bytes.
    throw Object.assign(
      new VaultError('KDF_UNAVAILABLE', 'Sigil cannot check the password in this browser: WebAssembly is blocked or out of memory.'),
      { cause: error },
    );
  }
}
