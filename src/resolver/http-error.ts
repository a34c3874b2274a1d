/** An error that becomes an HTTP answer: `status` and a one-line `{"error"}` message for the client. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}
