/** Password-based key derivation: Argon2id, with parameters kept beside whatever they protect. */
import { fromBase64, randomBytes, toBase64, utf8Encode } from './encoding';
import { VaultError } from './errors';
import { argon2idBytes } from './kdf-argon2id';

/** Argon2id cost: `m` in KiB, `t` passes, `p` lanes (Sigil only runs single-lane). */
export interface KdfParams {
  readonly m: number;
  readonly t: number;
  readonly p: 1;
}

export interface KdfDescriptor extends KdfParams {
  readonly alg: 'argon2id';
  readonly salt: Uint8Array;
}

/** What is stored: the descriptor with the salt in base64. */
export interface StoredKdf {
  alg: 'argon2id';
  m: number;
  t: number;
  p: number;
  salt: string;
}

export const DEFAULT_KDF_PARAMS: KdfParams = { m: 64 * 1024, t: 3, p: 1 };

/** Anything outside these bounds is refused before any Argon2 work (a hostile file must not pin the worker). */
export const KDF_LIMITS = {
  minM: 8, // Argon2's own minimum for one lane
  maxM: 256 * 1024,
  minT: 1,
  maxT: 10,
  saltBytes: 16,
} as const;

const KEY_BYTES = 32;

/** Why `params` are refused, or null when they are acceptable. */
export function kdfParamsProblem(params: { m: unknown; t: unknown; p: unknown }): string | null {
  const { m, t, p } = params;
  if (!Number.isSafeInteger(m) || !Number.isSafeInteger(t) || !Number.isSafeInteger(p))
    return 'The key-derivation parameters are not whole numbers.';
  if (p !== 1) return 'The key-derivation parallelism must be 1.';
  if ((m as number) < KDF_LIMITS.minM || (m as number) > KDF_LIMITS.maxM)
    return `The key-derivation memory must be between ${KDF_LIMITS.minM} KiB and ${KDF_LIMITS.maxM / 1024} MiB.`;
  if ((t as number) < KDF_LIMITS.minT || (t as number) > KDF_LIMITS.maxT)
    return `The key-derivation passes must be between ${KDF_LIMITS.minT} and ${KDF_LIMITS.maxT}.`;
  return null;
}

export function assertKdfParams(params: KdfParams): KdfParams {
  const problem = kdfParamsProblem(params);
  if (problem) throw new VaultError('INVALID_KDF_PARAMS', problem);
  return { m: params.m, t: params.t, p: 1 };
}

export const newKdfDescriptor = (params: KdfParams): KdfDescriptor => ({
  alg: 'argon2id',
  m: params.m,
  t: params.t,
  p: 1,
  salt: randomBytes(KDF_LIMITS.saltBytes),
});

/** True when `current` costs less than `target` in memory or passes, i.e. it should be re-wrapped. */
export const isWeakerThan = (current: KdfParams, target: KdfParams): boolean =>
  current.m < target.m || current.t < target.t;

/** The stronger of the two on each axis, so an upgrade never lowers a cost the user already had. */
export const strongerOf = (current: KdfParams, target: KdfParams): KdfParams => ({
  m: Math.max(current.m, target.m),
  t: Math.max(current.t, target.t),
  p: 1,
});

/**
 * Passwords are NFC-normalised so the same characters typed on another system derive the same key.
 * The caller should overwrite the returned bytes once imported as a key.
 */
export async function derivePasswordKey(password: string, kdf: KdfDescriptor): Promise<Uint8Array> {
  const passwordBytes = utf8Encode(password.normalize('NFC'));
  try {
    return await argon2idBytes({ password: passwordBytes, salt: kdf.salt, m: kdf.m, t: kdf.t, p: kdf.p, dkLen: KEY_BYTES });
  } finally {
    passwordBytes.fill(0);
  }
}

export const storeKdf = (kdf: KdfDescriptor): StoredKdf => ({
  alg: kdf.alg,
  m: kdf.m,
  t: kdf.t,
  p: kdf.p,
  salt: toBase64(kdf.salt),
});

/**
 * Reads a stored descriptor; `fail(reason)` builds the error to throw (callers decide whether a
 * bad descriptor means a damaged vault or a refused backup file).
 */
export function readStoredKdf(value: unknown, fail: (reason: string) => Error): KdfDescriptor {
  if (typeof value !== 'object' || value === null) throw fail('The key-derivation parameters are missing.');
  const raw = value as Record<string, unknown>;
  const keys = Object.keys(raw);
  if (keys.length !== 5 || !['alg', 'm', 't', 'p', 'salt'].every((k) => keys.includes(k)))
    throw fail('The key-derivation parameters have unexpected fields.');
  if (raw.alg !== 'argon2id') throw fail('The key-derivation algorithm is not Argon2id.');
  const problem = kdfParamsProblem({ m: raw.m, t: raw.t, p: raw.p });
  if (problem) throw fail(problem);
  const salt = typeof raw.salt === 'string' ? fromBase64(raw.salt) : null;
  if (!salt || salt.length !== KDF_LIMITS.saltBytes)
    throw fail(`The key-derivation salt must be ${KDF_LIMITS.saltBytes} bytes.`);
  return { alg: 'argon2id', m: raw.m as number, t: raw.t as number, p: 1, salt };
}

/** Binds a ciphertext to the exact KDF parameters that protect it. */
export const kdfBinding = (kdf: KdfDescriptor): string => `argon2id/${kdf.m}/${kdf.t}/${kdf.p}/${toBase64(kdf.salt)}`;
