/**
 * `sigil resolver`: runs Sigil's resolver until SIGINT/SIGTERM. Prints `listening on <url>` on stdout
 * when ready, then one JSON line per request. On a signal it stops accepting, finishes the requests in
 * flight (an accepted registration is always written) and closes the database.
 */
import { parseArgs } from 'node:util';
import { jsonLineLogger } from '../resolver/log';
import { DEFAULT_RATE_LIMIT, startResolver, type ResolverOptions } from '../resolver/server';

export const RESOLVER_USAGE = `usage: sigil resolver --port <port> (--data <dir> | --database postgres://…) [--host 127.0.0.1]
                      [--rate-limit <requests per second per client, 0 = off>] [--no-register-cors] [--trust-proxy]`;

export interface ResolverIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

class ResolverUsageError extends Error {}

export function parseResolverArgs(args: string[]): ResolverOptions {
  const { values } = parseArgs({
    args,
    strict: true,
    options: {
      port: { type: 'string' },
      data: { type: 'string' },
      database: { type: 'string' },
      host: { type: 'string' },
      'rate-limit': { type: 'string' },
      'no-register-cors': { type: 'boolean' },
      'trust-proxy': { type: 'boolean' },
    },
  });
  if (values.port === undefined || !/^\d{1,5}$/.test(values.port) || Number(values.port) > 65535)
    throw new ResolverUsageError('--port must be a port number (0–65535)');
  if (values.database !== undefined && !/^postgres(ql)?:\/\//.test(values.database))
    throw new ResolverUsageError('--database must be a postgres:// URL');
  if (values.database === undefined && !values.data) throw new ResolverUsageError('give --data <dir> (SQLite) or --database postgres://…');
  let rateLimit: ResolverOptions['rateLimit'] = DEFAULT_RATE_LIMIT;
  if (values['rate-limit'] !== undefined) {
    if (!/^\d{1,7}$/.test(values['rate-limit'])) throw new ResolverUsageError('--rate-limit must be a whole number of requests per second');
    const perSecond = Number(values['rate-limit']);
    rateLimit = perSecond === 0 ? null : { perSecond, burst: perSecond * 2 };
  }
  return {
    port: Number(values.port),
    host: values.host ?? '127.0.0.1',
    ...(values.database === undefined ? { dataDir: values.data } : { databaseUrl: values.database }),
    rateLimit,
    registerCors: !values['no-register-cors'],
    trustProxy: values['trust-proxy'] ?? false,
  };
}

const processIo: ResolverIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
};

/** Runs until a signal; returns the exit code. */
export async function resolverCommand(args: string[], io: ResolverIo = processIo): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    io.stdout(`${RESOLVER_USAGE}\n`);
    return 0;
  }
  let options: ResolverOptions;
  try {
    options = parseResolverArgs(args);
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (error instanceof ResolverUsageError || (typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS'))) {
      io.stderr(`sigil resolver: ${(error as Error).message}\n${RESOLVER_USAGE}\n`);
      return 1;
    }
    throw error;
  }
  let resolver;
  try {
    resolver = await startResolver({ ...options, log: jsonLineLogger(io.stdout) });
  } catch (error) {
    // Connection strings may carry a password: say what failed without repeating the URL.
    io.stderr(`sigil resolver: cannot start: ${String((error as Error)?.message ?? error).replace(/postgres(ql)?:\/\/\S*/g, 'postgres://…')}\n`);
    return 1;
  }
  io.stdout(`listening on ${resolver.url}\n`);
  const signal = await new Promise<NodeJS.Signals>((done) => {
    process.once('SIGINT', done);
    process.once('SIGTERM', done);
  });
  io.stderr(`${JSON.stringify({ time: new Date().toISOString(), event: 'stopping', signal })}\n`);
  await resolver.close();
  io.stderr(`${JSON.stringify({ time: new Date().toISOString(), event: 'stopped' })}\n`);
  return 0;
}
