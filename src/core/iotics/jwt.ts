/**
 * IOTICS JWTs: header {"alg":"ES256","typ":"JWT"} (IOTICS' label for ECDSA secp256k1 SHA-256), JWS raw
 * R‖S signature. Serialised as PyJWT does (compact JSON, non-ASCII escaped), so tokens Sigil makes are
 * byte-for-byte in the IOTICS library's format.
 */
import { base64urlEncode } from '../base64';
import { utf8Encode } from '../bytes';
import { decodeJwtWith, type DecodedJwt } from '../jwt';
import { signRaw, verifyRaw } from './secp256k1';

export const IOTICS_JWT_HEADER = { alg: 'ES256', typ: 'JWT' } as const;

/** JSON as Python's json.dumps(separators=(",", ":")) writes it: everything outside space…~ as \uXXXX. */
export function pythonJson(value: unknown): string {
  return JSON.stringify(value).replace(/[\u007f-\uffff]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

const segment = (value: unknown): string => base64urlEncode(utf8Encode(pythonJson(value)));

export function signIoticsJwt(claims: Record<string, unknown>, secretKey: Uint8Array): string {
  const signingInput = `${segment(IOTICS_JWT_HEADER)}.${segment(claims)}`;
  return `${signingInput}.${base64urlEncode(signRaw(utf8Encode(signingInput), secretKey))}`;
}

/** Parses an ES256 token without trusting it. */
export const decodeIoticsJwt = (token: string, maxLength?: number): DecodedJwt => decodeJwtWith(token, ['ES256'], maxLength);

export const verifyIoticsJwtSignature = (jwt: DecodedJwt, publicKey: Uint8Array): boolean =>
  verifyRaw(jwt.signature, jwt.signingInput, publicKey);
