/**
 * Structured logs: one JSON line per request. Only the route (never the DID or a token), the status
 * and the time taken, so logs never carry document contents.
 */
export interface RequestLogEntry {
  method: string;
  /** The route template, e.g. `/1.0/discover/{did}`; `other` for paths the resolver does not serve. */
  path: string;
  status: number;
  ms: number;
  client: string;
}

export type RequestLogger = (entry: RequestLogEntry) => void;

export const jsonLineLogger =
  (write: (line: string) => void): RequestLogger =>
  (entry) =>
    write(`${JSON.stringify({ time: new Date().toISOString(), ...entry, ms: Math.round(entry.ms * 100) / 100 })}\n`);
