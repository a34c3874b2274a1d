/**
 * Argon2id (RFC 9106, version 0x13) through hash-wasm's WebAssembly build, which carries its
 * module inline (nothing fetched); extension pages need 'wasm-unsafe-eval' in their CSP to compile it.
 */
import { argon2id } from 'hash-wasm';
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

export async function argon2idBytes(input: Argon2idInput): Promise<Uint8Array> {
  // hash-wasm refuses an empty password. Every vault and backup password passed assertNewPassword,
  // so an empty one can only be wrong: say so without any Argon2 work.
  if (input.password.length === 0) throw wrongPassword();
  try {
    return await argon2id({
      password: input.password,
      salt: input.salt,
      memorySize: input.m,
      iterations: input.t,
      parallelism: input.p,
      hashLength: input.dkLen,
      outputType: 'binary',
    });
  } catch (error) {
    // The parameters were bounded before (kdf.ts), so what fails here is WebAssembly itself: blocked by a
    // policy or unable to allocate the memory. hash-wasm's messages carry no input bytes.
    throw Object.assign(
      new VaultError('KDF_UNAVAILABLE', 'Sigil cannot check the password in this browser: WebAssembly is blocked or out of memory.'),
      { cause: error },
    );
  }
}
