/** Error codes of the page API (DESIGN.md §3), EIP-1193 style. */
export const ErrorCode = {
  userRejected: 4001,
  unauthorized: 4100,
  unsupportedMethod: 4200,
  unavailable: 4900,
  invalidParams: -32602,
  internal: -32603,
} as const;

export type ErrorCodeValue = (typeof ErrorCode)[keyof typeof ErrorCode];

export interface ErrorPayload {
  code: number;
  message: string;
  data?: unknown;
}

/** An error that is safe to show to a page or the UI: its message never carries secret material. */
export class SigilError extends Error {
  override readonly name = 'SigilError';
  constructor(
    readonly code: number,
    message: string,
    readonly data?: unknown,
  ) {
    super(message);
  }

  toPayload(): ErrorPayload {
    return this.data === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, data: this.data };
  }
}

export const invalidParams = (message: string): SigilError => new SigilError(ErrorCode.invalidParams, message);

/**
 * Turns anything thrown into a payload for another context. Unknown errors become a generic
 * internal error: their messages may come from libraries and are not vetted to be free of secrets.
 */
export function toErrorPayload(error: unknown): ErrorPayload {
  if (error instanceof SigilError) return error.toPayload();
  return { code: ErrorCode.internal, message: 'Internal error in Sigil.' };
}

// A plain check, not a schema: the content script imports this module (10 KB budget).
export function isErrorPayload(value: unknown): value is ErrorPayload {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as ErrorPayload).code === 'number' &&
    typeof (value as ErrorPayload).message === 'string'
  );
}
