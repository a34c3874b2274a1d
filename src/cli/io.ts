/** What every `sigil` command shares: its I/O, argument parsing and the usage error. */
import { parseArgs, type ParseArgsConfig } from 'node:util';

export interface Io {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  readStdin: () => Promise<string>;
}

/** A mistake in the command line; its message is shown as it is. */
export class UsageError extends Error {}

export type Options = NonNullable<ParseArgsConfig['options']>;

export function parse(args: string[], options: Options, positionals: 'none' | 'some' = 'none') {
  const parsed = parseArgs({ args, options, allowPositionals: positionals === 'some', strict: true });
  return { values: parsed.values as Record<string, string | string[] | undefined>, positionals: parsed.positionals };
}

export function required(values: Record<string, unknown>, name: string): string {
  const value = values[name];
  if (typeof value !== 'string' || value.length === 0) throw new UsageError(`--${name} is required`);
  return value;
}

const stdinLines = new WeakMap<Io, Promise<string[]>>();

/**
 * A secret given as `-` is read from standard input: the first `-` of a command takes the first
 * line, the next `-` the next line, and so on.
 */
export async function secret(value: string, io: Io): Promise<string> {
  if (value !== '-') return value;
  let lines = stdinLines.get(io);
  if (!lines) {
    lines = io.readStdin().then((text) => text.split(/\r?\n/).map((line) => line.trim()).filter(Boolean));
    stdinLines.set(io, lines);
  }
  const line = (await lines).shift();
  if (line === undefined) throw new UsageError('a secret given as - was not found on standard input (one secret per line)');
  return line;
}
