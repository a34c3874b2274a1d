/**
 * IOTICS key derivation (DESIGN §2.8, research note §1.3): seed → master (BIP39 or the legacy `none`
 * method) → HMAC-SHA256(master, UTF-8("iotics/0/{kind}/{keyName}")) → secp256k1 scalar, refused (never
 * reduced) when 0 or ≥ n. No Unicode normalisation of the key name.
 */
import { entropyToMnemonic, mnemonicToSeed } from '@scure/bip39';
import { wordlist } from '@scure/bip39/wordlists/english.js';
import { hmac } from '@noble/hashes/hmac.js';
import { sha256, sha512 } from '@noble/hashes/sha2.js';
import { base58Encode } from '../base58';
import { utf8Encode } from '../bytes';
import { CoreError } from '../errors';
import type { EntityKind } from '../types';
import { ENTITY_KINDS } from '../types';
import { ioticsDidFromPublicKey } from './identifier';
import { assertIoticsSecretKey, ioticsPublicKey } from './secp256k1';

export const IOTICS_SEED_METHODS = ['bip39', 'none'] as const;
export type IoticsSeedMethod = (typeof IOTICS_SEED_METHODS)[number];
export const IOTICS_PATH_PREFIX = 'iotics/0';
const BIP39_SEED_LENGTHS = [16, 20, 24, 28, 32];
const NONE_MIN_SEED_LENGTH = 16;
/** Bounds on untrusted input, far above anything the libraries use. */
const MAX_SEED_BYTES = 1024;
const MAX_PASSWORD_LENGTH = 1024;
export const IOTICS_KEY_NAME_MAX_LENGTH = 1024;

export interface IoticsSeedOptions {
  /** `bip39` (default) or the legacy `none`. */
  method?: IoticsSeedMethod;
  /** The seed password (default empty). */
  password?: string;
}

export interface IoticsKeyPair {
  /** `iotics/0/{kind}/{keyName}` (a secret: it carries the key name). */
  path: string;
  /** 32-byte secp256k1 scalar. */
  secretKey: Uint8Array;
  /** 65-byte SEC1 uncompressed public key. */
  publicKey: Uint8Array;
  publicKeyBase58: string;
  /** The DID this key makes when it is an identity's first key. */
  did: string;
}

function readMethod(method: unknown): IoticsSeedMethod {
  if (method === undefined) return 'bip39';
  if (!IOTICS_SEED_METHODS.includes(method as IoticsSeedMethod))
    throw new CoreError('INVALID_PARAMS', 'seed method must be bip39 or none');
  return method as IoticsSeedMethod;
}

/** The 64-byte master secret of a seed. */
export async function ioticsMaster(seed: Uint8Array, options: IoticsSeedOptions = {}): Promise<Uint8Array> {
  const method = readMethod(options.method);
  const password = options.password ?? '';
  if (typeof password !== 'string' || password.length > MAX_PASSWORD_LENGTH)
    throw new CoreError('INVALID_PARAMS', `seed password must be a string of at most ${MAX_PASSWORD_LENGTH} characters`);
  if (!(seed instanceof Uint8Array) || seed.length > MAX_SEED_BYTES) throw new CoreError('INVALID_SEED', 'seed must be bytes');
  if (method === 'bip39') {
    if (!BIP39_SEED_LENGTHS.includes(seed.length))
      throw new CoreError('INVALID_SEED', 'a bip39 seed must be 16, 20, 24, 28 or 32 bytes');
    return mnemonicToSeed(entropyToMnemonic(seed, wordlist), password);
  }
  if (seed.length < NONE_MIN_SEED_LENGTH) throw new CoreError('INVALID_SEED', 'a seed for the none method must be at least 16 bytes');
  return hmac(sha512, seed, utf8Encode(password));
}

export function validateIoticsKeyName(keyName: unknown): asserts keyName is string {
  if (typeof keyName !== 'string' || keyName.length === 0 || keyName.length > IOTICS_KEY_NAME_MAX_LENGTH)
    throw new CoreError('INVALID_KEY_NAME', `key name must be a non-empty string of at most ${IOTICS_KEY_NAME_MAX_LENGTH} characters`);
}

export function ioticsPath(kind: EntityKind, keyName: string): string {
  if (!ENTITY_KINDS.includes(kind)) throw new CoreError('INVALID_PARAMS', 'kind must be one of user, agent, twin');
  validateIoticsKeyName(keyName);
  return `${IOTICS_PATH_PREFIX}/${kind}/${keyName}`;
}

/** The key pair at any path starting with `iotics/0` (the libraries check only that prefix). */
export function ioticsKeyPairFromPath(master: Uint8Array, path: string): IoticsKeyPair {
  if (!(master instanceof Uint8Array) || master.length !== 64) throw new CoreError('INVALID_PARAMS', 'master must be 64 bytes');
  if (typeof path !== 'string' || !path.startsWith(IOTICS_PATH_PREFIX))
    throw new CoreError('INVALID_PARAMS', `path must start with ${IOTICS_PATH_PREFIX}`);
  const secretKey = hmac(sha256, master, utf8Encode(path));
  assertIoticsSecretKey(secretKey);
  return ioticsKeyPairFromSecret(secretKey, path);
}

export function ioticsKeyPairFromSecret(secretKey: Uint8Array, path = ''): IoticsKeyPair {
  const publicKey = ioticsPublicKey(secretKey);
  return { path, secretKey, publicKey, publicKeyBase58: base58Encode(publicKey), did: ioticsDidFromPublicKey(publicKey) };
}

/** The key of (seed, kind, keyName) as the IOTICS libraries derive it. */
export async function deriveIoticsKey(params: {
  seed: Uint8Array;
  kind: EntityKind;
  keyName: string;
  method?: IoticsSeedMethod;
  password?: string;
}): Promise<IoticsKeyPair> {
  const path = ioticsPath(params.kind, params.keyName);
  const options: IoticsSeedOptions = {};
  if (params.method !== undefined) options.method = params.method;
  if (params.password !== undefined) options.password = params.password;
  const master = await ioticsMaster(params.seed, options);
  try {
    return ioticsKeyPairFromPath(master, path);
  } finally {
    master.fill(0);
  }
}
