/**
 * Ed25519 (RFC 8032) over WebCrypto where the platform has it, noble otherwise. Signatures are
 * deterministic, so both paths give identical bytes. Verification follows one rule whatever the
 * backend (ed25519-strict.ts). The async functions are the main API; the `*Sync` ones
 * always use noble.
 */
import * as noble from '@noble/ed25519';
import { sha512 } from '@noble/hashes/sha2.js';
import { bufferSource, bytesToHex, concatBytes, hexToBytes } from './bytes';
import { acceptableSignature, cofactorlessEquation } from './ed25519-strict';
import { CoreError } from './errors';

noble.hashes.sha512 = sha512;

export type Backend = 'webcrypto' | 'noble';

const ALGORITHM = { name: 'Ed25519' } as const;
// DER prefix of a PKCS#8 OneAsymmetricKey holding a 32-byte Ed25519 seed (RFC 8410).
const PKCS8_PREFIX = Uint8Array.from([
  0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x04, 0x22, 0x04, 0x20,
]);

// RFC 8032 §7.1 TEST 1, used to prove the platform's Ed25519 is present and correct.
const PROBE_SECRET = '9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60';
const PROBE_SIGNATURE =
  'e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b';

let forced: Backend | undefined;
let probe: Promise<Backend> | undefined;

function assertLength(bytes: unknown, length: number, what: string): asserts bytes is Uint8Array {
  if (!(bytes instanceof Uint8Array) || bytes.length !== length)
    throw new CoreError('INVALID_PARAMS', `${what} must be ${length} bytes`);
}

const subtle = (): SubtleCrypto | undefined => globalThis.crypto?.subtle;

async function importSecret(secretKey: Uint8Array): Promise<CryptoKey> {
  const pkcs8 = concatBytes(PKCS8_PREFIX, secretKey);
  try {
    return await subtle()!.importKey('pkcs8', bufferSource(pkcs8), ALGORITHM, false, ['sign']);
  } finally {
    pkcs8.fill(0);
  }
}

async function runProbe(): Promise<Backend> {
  try {
    if (!subtle()) return 'noble';
    const secret = hexToBytes(PROBE_SECRET);
    const key = await importSecret(secret);
    const signature = new Uint8Array(await subtle()!.sign(ALGORITHM, key, new Uint8Array(0)));
    return bytesToHex(signature) === PROBE_SIGNATURE ? 'webcrypto' : 'noble';
  } catch {
    return 'noble';
  }
}

/** Which implementation the async functions use; probed once and cached. */
export function backend(): Promise<Backend> {
  if (forced) return Promise.resolve(forced);
  probe ??= runProbe();
  return probe;
}

/**
 * Forces a backend ('auto' restores probing). For tests and benchmarks; forcing 'webcrypto' on a
 * platform without it is an error.
 */
export async function useBackend(choice: Backend | 'auto'): Promise<void> {
  if (choice === 'auto') {
    forced = undefined;
    return;
  }
  if (choice === 'webcrypto') {
    forced = undefined;
    if ((await backend()) !== 'webcrypto') throw new CoreError('INVALID_PARAMS', 'WebCrypto Ed25519 is not available');
  }
  forced = choice;
}

/**
 * Always noble: WebCrypto can only hand out the public half of a private key through a JWK export,
 * which would also copy the secret into an immutable string.
 */
export async function getPublicKey(secretKey: Uint8Array): Promise<Uint8Array> {
  assertLength(secretKey, 32, 'secret key');
  return noble.getPublicKeyAsync(secretKey);
}

export async function sign(message: Uint8Array, secretKey: Uint8Array): Promise<Uint8Array> {
  assertLength(secretKey, 32, 'secret key');
  if (!(message instanceof Uint8Array)) throw new CoreError('INVALID_PARAMS', 'message must be bytes');
  if ((await backend()) === 'noble') return noble.signAsync(message, secretKey);
  const key = await importSecret(secretKey);
  return new Uint8Array(await subtle()!.sign(ALGORITHM, key, bufferSource(message)));
}

// Imported public keys are reused: replaying a chain verifies many entries with few keys.
const verifyKeys = new Map<string, Promise<CryptoKey>>();
const VERIFY_CACHE_SIZE = 512;

function importPublic(publicKey: Uint8Array): Promise<CryptoKey> {
  const id = bytesToHex(publicKey);
  let key = verifyKeys.get(id);
  if (!key) {
    if (verifyKeys.size >= VERIFY_CACHE_SIZE) verifyKeys.delete(verifyKeys.keys().next().value!);
    key = subtle()!.importKey('raw', bufferSource(publicKey), ALGORITHM, false, ['verify']);
    // A rejected import (not a curve point) must not stay cached forever.
    key.catch(() => verifyKeys.delete(id));
    verifyKeys.set(id, key);
  }
  return key;
}

/** Never throws for bad signatures or keys: anything that does not verify is `false`. */
export async function verify(signature: Uint8Array, message: Uint8Array, publicKey: Uint8Array): Promise<boolean> {
  if (!acceptableSignature(signature, message, publicKey)) return false;
  try {
    if ((await backend()) === 'noble') return cofactorlessEquation(signature, message, publicKey);
    const key = await importPublic(publicKey);
    return await subtle()!.verify(ALGORITHM, key, bufferSource(signature), bufferSource(message));
  } catch {
    return false;
  }
}

export function getPublicKeySync(secretKey: Uint8Array): Uint8Array {
  assertLength(secretKey, 32, 'secret key');
  return noble.getPublicKey(secretKey);
}

export function signSync(message: Uint8Array, secretKey: Uint8Array): Uint8Array {
  assertLength(secretKey, 32, 'secret key');
  return noble.sign(message, secretKey);
}

export function verifySync(signature: Uint8Array, message: Uint8Array, publicKey: Uint8Array): boolean {
  if (!acceptableSignature(signature, message, publicKey)) return false;
  try {
    return cofactorlessEquation(signature, message, publicKey);
  } catch {
    return false;
  }
}
