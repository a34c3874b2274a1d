/**
 * Key derivation (DESIGN §2.2): the Ed25519 seed of key (kind, keyName, priority, generation) is
 * HMAC-SHA256(master, UTF-8(NFKD("sigil/0/{kind}/{keyName}/{priority}/{generation}"))).
 */
import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { utf8Encode } from './bytes';
import { getPublicKey } from './ed25519';
import { CoreError } from './errors';
import { encodeIdpub } from './factom-keys';
import { assertEntityKind, assertIndex, KEY_PRIORITIES, type EntityKind, type KeyPair } from './types';

export const KEY_NAME_MAX_LENGTH = 64;

export interface KeyPath {
  kind: EntityKind;
  keyName: string;
  priority: number;
  generation: number;
}

export interface DerivedKey extends KeyPair {
  readonly path: string;
  readonly priority: number;
  readonly generation: number;
  readonly idpub: string;
}

/**
 * Key names are secret labels: 1–64 characters, no `/`, no control characters (checked after NFKD
 * too, so a look-alike cannot smuggle a `/` into the path). Messages never repeat the name.
 */
export function validateKeyName(keyName: unknown): asserts keyName is string {
  if (typeof keyName !== 'string') throw new CoreError('INVALID_KEY_NAME', 'key name must be a string');
  const length = [...keyName].length;
  if (length < 1 || length > KEY_NAME_MAX_LENGTH)
    throw new CoreError('INVALID_KEY_NAME', `key name must be 1 to ${KEY_NAME_MAX_LENGTH} characters, got ${length}`);
  const normalized = keyName.normalize('NFKD');
  if (normalized.includes('/')) throw new CoreError('INVALID_KEY_NAME', 'key name must not contain "/"');
  if (/\p{Cc}/u.test(normalized)) throw new CoreError('INVALID_KEY_NAME', 'key name must not contain control characters');
}

/** The NFKD-normalised path string that is HMAC'd. */
export function derivationPath({ kind, keyName, priority, generation }: KeyPath): string {
  assertEntityKind(kind);
  validateKeyName(keyName);
  assertIndex(priority, 'priority');
  assertIndex(generation, 'generation');
  return `sigil/0/${kind}/${keyName}/${priority}/${generation}`.normalize('NFKD');
}

function assertMaster(master: unknown): asserts master is Uint8Array {
  if (!(master instanceof Uint8Array) || master.length !== 64)
    throw new CoreError('INVALID_SEED', 'master must be the 64-byte BIP39 seed');
}

/** The 32-byte Ed25519 secret seed of one key (synchronous: HMAC only). */
export function deriveSecretKey(master: Uint8Array, path: KeyPath): Uint8Array {
  assertMaster(master);
  return hmac(sha256, master, utf8Encode(derivationPath(path)));
}

export async function deriveKey(master: Uint8Array, path: KeyPath): Promise<DerivedKey> {
  const secretKey = deriveSecretKey(master, path);
  const publicKey = await getPublicKey(secretKey);
  return {
    secretKey,
    publicKey,
    path: derivationPath(path),
    priority: path.priority,
    generation: path.generation,
    idpub: encodeIdpub(publicKey),
  };
}

/** The genesis keys of an entity: priorities 0, 1, 2 at generation 0. */
export function deriveEntityKeys(master: Uint8Array, kind: EntityKind, keyName: string): Promise<DerivedKey[]> {
  return Promise.all(KEY_PRIORITIES.map((priority) => deriveKey(master, { kind, keyName, priority, generation: 0 })));
}
