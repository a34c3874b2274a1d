/**
 * Compact JWS/JWT. Sigil's own tokens use EdDSA (Ed25519): header {"alg":"EdDSA","typ":"JWT"}; IOTICS
 * tokens use the label ES256 for secp256k1 (DESIGN §2.8), decoded here and verified in iotics/.
 */
import { base64urlDecode, base64urlEncode } from './base64';
import { utf8Decode, utf8Encode } from './bytes';
import { sign, verify } from './ed25519';
import { CoreError } from './errors';

export const JWT_HEADER = { alg: 'EdDSA', typ: 'JWT' } as const;
/** Document tokens carry whole documents; anything larger is refused before parsing. */
export const MAX_JWT_LENGTH = 16 * 1024 * 1024;

export interface DecodedJwt {
  header: Record<string, unknown>;
  claims: Record<string, unknown>;
  signingInput: Uint8Array;
  signature: Uint8Array;
}

const encodeJson = (value: unknown): string => base64urlEncode(utf8Encode(JSON.stringify(value)));

export async function signJwt(claims: Record<string, unknown>, secretKey: Uint8Array): Promise<string> {
  const signingInput = `${encodeJson(JWT_HEADER)}.${encodeJson(claims)}`;
  const signature = await sign(utf8Encode(signingInput), secretKey);
  return `${signingInput}.${base64urlEncode(signature)}`;
}

function parseSegment(segment: string, what: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(utf8Decode(base64urlDecode(segment)));
  } catch {
    throw new CoreError('TOKEN_MALFORMED', `token ${what} is not base64url JSON`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new CoreError('TOKEN_MALFORMED', `token ${what} must be a JSON object`);
  return value as Record<string, unknown>;
}

/** The JWS algorithms Sigil reads: EdDSA (`sigil` format) and ES256 (IOTICS' label for secp256k1). */
export type JwtAlgorithm = 'EdDSA' | 'ES256';

/** Parses without trusting: the caller still has to verify the signature with the right key. */
export function decodeJwt(token: string, maxLength = MAX_JWT_LENGTH): DecodedJwt {
  return decodeJwtWith(token, ['EdDSA'], maxLength);
}

/** Like decodeJwt, for any of `algorithms`; `header.alg` says which one the token uses. */
export function decodeJwtWith(
  token: string,
  algorithms: readonly JwtAlgorithm[],
  maxLength = MAX_JWT_LENGTH,
): DecodedJwt & { header: { alg: JwtAlgorithm } } {
  if (typeof token !== 'string') throw new CoreError('TOKEN_MALFORMED', 'token must be a string');
  if (token.length > maxLength) throw new CoreError('TOKEN_MALFORMED', 'token is too long');
  const parts = token.split('.');
  if (parts.length !== 3) throw new CoreError('TOKEN_MALFORMED', 'token must have three dot-separated parts');
  const [headerPart, claimsPart, signaturePart] = parts as [string, string, string];
  const header = parseSegment(headerPart, 'header');
  if (!algorithms.includes(header.alg as JwtAlgorithm))
    throw new CoreError('TOKEN_MALFORMED', `token alg must be ${algorithms.join(' or ')}`);
  if (header.typ !== undefined && header.typ !== 'JWT') throw new CoreError('TOKEN_MALFORMED', 'token typ must be JWT');
  if (header.crit !== undefined) throw new CoreError('TOKEN_MALFORMED', 'token crit header is not supported');
  const claims = parseSegment(claimsPart, 'claims');
  let signature: Uint8Array;
  try {
    signature = base64urlDecode(signaturePart);
  } catch {
    throw new CoreError('TOKEN_MALFORMED', 'token signature is not base64url');
  }
  if (signature.length !== 64) throw new CoreError('TOKEN_MALFORMED', 'token signature must be 64 bytes');
  return {
    header: header as Record<string, unknown> & { alg: JwtAlgorithm },
    claims,
    signingInput: utf8Encode(`${headerPart}.${claimsPart}`),
    signature,
  };
}

export const verifyJwtSignature = (jwt: DecodedJwt, publicKey: Uint8Array): Promise<boolean> =>
  verify(jwt.signature, jwt.signingInput, publicKey);
