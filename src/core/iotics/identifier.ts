/** IOTICS DIDs of secp256k1 keys: DESIGN §2.3 applied to the 65-byte uncompressed key. */
import { didOfKeyBytes } from '../did';
import { CoreError } from '../errors';
import { IOTICS_PUBLIC_KEY_BYTES } from './secp256k1';

export function ioticsDidFromPublicKey(publicKey: Uint8Array): string {
  if (!(publicKey instanceof Uint8Array) || publicKey.length !== IOTICS_PUBLIC_KEY_BYTES)
    throw new CoreError('INVALID_PARAMS', 'IOTICS public key must be 65 bytes (uncompressed secp256k1)');
  return didOfKeyBytes(publicKey);
}
