/** AES-256-GCM through WebCrypto, with a fresh random 96-bit IV for every encryption. */
import { ownBytes, randomBytes } from './encoding';

export interface SealedBox {
  readonly iv: Uint8Array;
  readonly ct: Uint8Array;
}

export const IV_BYTES = 12;
export const TAG_BYTES = 16;
export const AES_KEY_BYTES = 32;

const subtle = (): SubtleCrypto => globalThis.crypto.subtle;

const importAesKey = (key: Uint8Array, usage: KeyUsage): Promise<CryptoKey> =>
  subtle().importKey('raw', ownBytes(key), { name: 'AES-GCM' }, false, [usage]);

export async function seal(key: Uint8Array, plaintext: Uint8Array, aad: Uint8Array): Promise<SealedBox> {
  const iv = randomBytes(IV_BYTES);
  const cryptoKey = await importAesKey(key, 'encrypt');
  const ct = await subtle().encrypt(
    { name: 'AES-GCM', iv, additionalData: ownBytes(aad), tagLength: TAG_BYTES * 8 },
    cryptoKey,
    ownBytes(plaintext),
  );
  return { iv, ct: new Uint8Array(ct) };
}

/** The plaintext, or null when the tag does not verify (wrong key, changed ciphertext or AAD). */
export async function open(key: Uint8Array, box: SealedBox, aad: Uint8Array): Promise<Uint8Array | null> {
  const cryptoKey = await importAesKey(key, 'decrypt');
  try {
    const plain = await subtle().decrypt(
      { name: 'AES-GCM', iv: ownBytes(box.iv), additionalData: ownBytes(aad), tagLength: TAG_BYTES * 8 },
      cryptoKey,
      ownBytes(box.ct),
    );
    return new Uint8Array(plain);
  } catch (error) {
    if ((error as { name?: unknown } | null)?.name === 'OperationError') return null;
    throw error;
  }
}
