/**
 * The one error type of the core. `code` is for programs, `message` is a plain sentence for people.
 * Messages never carry secret material (seeds, mnemonics, private keys, key names).
 */
export type CoreErrorCode =
  | 'INVALID_ENCODING'
  | 'INVALID_KEY'
  | 'INVALID_DID'
  | 'INVALID_MNEMONIC'
  | 'INVALID_SEED'
  | 'INVALID_KEY_NAME'
  | 'INVALID_PARAMS'
  | 'INVALID_CHAIN'
  | 'INVALID_DOCUMENT'
  | 'UPDATE_TIME'
  | 'NOT_FOUND'
  | 'TOKEN_MALFORMED'
  | 'TOKEN_SIGNATURE'
  | 'TOKEN_EXPIRED'
  | 'TOKEN_NOT_YET_VALID'
  | 'TOKEN_LIFETIME'
  | 'TOKEN_AUDIENCE'
  | 'DOCUMENT_NOT_FOUND'
  | 'DOCUMENT_REVOKED'
  | 'KEY_NOT_FOUND'
  | 'KEY_REVOKED'
  | 'DELEGATION_MISSING'
  | 'DELEGATION_REVOKED'
  | 'DELEGATION_INVALID'
  | 'RESOLVER_ERROR';

export class CoreError extends Error {
  override readonly name = 'CoreError';
  constructor(
    readonly code: CoreErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export const isCoreError = (error: unknown, code?: CoreErrorCode): error is CoreError =>
  error instanceof CoreError && (code === undefined || error.code === code);

/** Result of a check that does not throw: a plain reason on failure. */
export type Check<T = object> = ({ valid: true } & T) | { valid: false; reason: string };
