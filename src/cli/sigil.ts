/**
 * `sigil`: the identity core on the command line. JSON on stdout on success; one line on stderr
 * and exit code 1 on bad input. Secrets can be given as `-` to read them from standard input
 * instead of the command line (where other users of the machine may see them).
 */
import { readFile } from 'node:fs/promises';
import {
  base58Encode,
  base64Encode,
  checkDid,
  CoreError,
  createIdentityChain,
  createReplacementEntry,
  decodeIdsec,
  deriveKey,
  didFromPublicKey,
  entropyToMaster,
  ENTITY_KINDS,
  httpResolver,
  identityChainId,
  inspectFactomKey,
  mnemonicToMaster,
  parseSeedHex,
  staticResolver,
  verifyAuthToken,
  type DocumentResolver,
  type EntityKind,
} from '../core/index';
import { identityCommand, IDENTITY_USAGE } from './identity';
import { ioticsCommand, IOTICS_USAGE } from './iotics';
import { parse, required, secret, UsageError, type Io } from './io';

export type { Io } from './io';

const USAGE = `usage:
  sigil derive (--mnemonic "<words>" | --seed-hex <hex>) --kind <user|agent|twin> --key-name <name> [--priority P] [--generation G]
  sigil key inspect <idpub|idsec>
  sigil did check <did>
  sigil chain id <name>...
  sigil chain first-entry --name <name>... --key <idpub>...
  sigil chain replace --chain-id <hex> --old <idpub> --new <idpub> --signer <idsec>
  sigil token verify <jwt> --audience <aud> (--resolver <url> | --documents <file.json>) [--now <unix seconds>] [--clock-skew <seconds>]
      verifies auth tokens of both formats (sigil, iotics); --documents holds document TOKENS (a JSON array, or an
      object DID → token or list of tokens), each verified before it is used
${IDENTITY_USAGE}
${IOTICS_USAGE}
  sigil resolver --port <port> (--data <dir> | --database postgres://…) [--host 127.0.0.1]   (runs the resolver; --help for more)
secrets (--mnemonic, --seed-hex, --signer, an idsec to inspect, iotics seeds and key names) may be given as - to read them from stdin`;

function index(value: string | undefined, name: string): number {
  if (value === undefined) return 0;
  if (!/^(0|[1-9]\d{0,8})$/.test(value)) throw new UsageError(`--${name} must be a non-negative integer`);
  return Number(value);
}

async function derive(args: string[], io: Io): Promise<unknown> {
  const { values } = parse(args, {
    mnemonic: { type: 'string' },
    'seed-hex': { type: 'string' },
    kind: { type: 'string' },
    'key-name': { type: 'string' },
    priority: { type: 'string' },
    generation: { type: 'string' },
  });
  const hasMnemonic = values.mnemonic !== undefined;
  if (hasMnemonic === (values['seed-hex'] !== undefined))
    throw new UsageError('give exactly one of --mnemonic or --seed-hex');
  const kind = required(values, 'kind');
  if (!ENTITY_KINDS.includes(kind as EntityKind)) throw new UsageError('--kind must be user, agent or twin');
  const keyName = required(values, 'key-name');
  const priority = index(values.priority as string | undefined, 'priority');
  const generation = index(values.generation as string | undefined, 'generation');
  const master = hasMnemonic
    ? await mnemonicToMaster(await secret(values.mnemonic as string, io))
    : await entropyToMaster(parseSeedHex(await secret(values['seed-hex'] as string, io)));
  try {
    const key = await deriveKey(master, { kind: kind as EntityKind, keyName, priority, generation });
    key.secretKey.fill(0);
    return {
      path: key.path,
      idpub: key.idpub,
      publicKeyBase58: base58Encode(key.publicKey),
      ...(priority === 0 && generation === 0 ? { did: didFromPublicKey(key.publicKey) } : {}),
    };
  } finally {
    master.fill(0);
  }
}

async function keyInspect(args: string[], io: Io): Promise<unknown> {
  const { positionals } = parse(args, {}, 'some');
  if (positionals.length !== 1) throw new UsageError('usage: sigil key inspect <idpub|idsec>');
  const info = await inspectFactomKey(await secret(positionals[0]!, io));
  return { kind: info.kind, publicKeyBase58: base58Encode(info.publicKey), idpub: info.idpub };
}

function didCheck(args: string[]): unknown {
  const { positionals } = parse(args, {}, 'some');
  if (positionals.length !== 1) throw new UsageError('usage: sigil did check <did>');
  const did = positionals[0]!;
  const check = checkDid(did);
  if (!check.valid) throw new CoreError('INVALID_DID', `invalid DID: ${check.reason}`);
  return { did, valid: true };
}

function chainId(args: string[]): unknown {
  const { positionals } = parse(args, {}, 'some');
  if (positionals.length === 0) throw new UsageError('usage: sigil chain id <name>...');
  return { chain_id: identityChainId(positionals) };
}

function firstEntry(args: string[]): unknown {
  const { values } = parse(args, { name: { type: 'string', multiple: true }, key: { type: 'string', multiple: true } });
  const created = createIdentityChain({ names: (values.name as string[]) ?? [], keys: (values.key as string[]) ?? [] });
  return { chain_id: created.chainId, entry_hash: created.entryHash, content: created.content };
}

async function replace(args: string[], io: Io): Promise<unknown> {
  const { values } = parse(args, {
    'chain-id': { type: 'string' },
    old: { type: 'string' },
    new: { type: 'string' },
    signer: { type: 'string' },
  });
  const chainIdHex = required(values, 'chain-id');
  if (!/^[0-9a-fA-F]{64}$/.test(chainIdHex)) throw new UsageError('--chain-id must be 64 hex digits');
  let signerSecretKey: Uint8Array;
  try {
    signerSecretKey = decodeIdsec(await secret(required(values, 'signer'), io));
  } catch (error) {
    throw new CoreError('INVALID_KEY', `--signer: ${(error as Error).message}`);
  }
  try {
    const entry = await createReplacementEntry({
      chainId: chainIdHex.toLowerCase(),
      oldKey: required(values, 'old'),
      newKey: required(values, 'new'),
      signerSecretKey,
    });
    return { entry_hash: entry.entryHash, signature_base64: base64Encode(entry.signature), signer_key: entry.signerKey };
  } finally {
    signerSecretKey.fill(0);
  }
}

async function documentsResolver(file: string): Promise<DocumentResolver> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    const why = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'does not exist' : 'is not readable JSON';
    throw new UsageError(`--documents file ${file} ${why}`);
  }
  if (typeof parsed !== 'object' || parsed === null)
    throw new UsageError('--documents must hold document tokens: a JSON array, or an object DID → token(s)');
  return staticResolver(parsed as Record<string, string | string[]> | string[]);
}

async function tokenVerify(args: string[]): Promise<unknown> {
  const { values, positionals } = parse(
    args,
    {
      audience: { type: 'string' },
      resolver: { type: 'string' },
      documents: { type: 'string' },
      now: { type: 'string' },
      'clock-skew': { type: 'string' },
    },
    'some',
  );
  if (positionals.length !== 1) throw new UsageError('usage: sigil token verify <jwt> --audience <aud> (--resolver <url> | --documents <file>)');
  const audience = required(values, 'audience');
  if ((values.resolver === undefined) === (values.documents === undefined))
    throw new UsageError('give exactly one of --resolver or --documents');
  const resolve =
    values.resolver !== undefined
      ? httpResolver(values.resolver as string)
      : await documentsResolver(values.documents as string);
  const seconds = (name: string): number | undefined => {
    const value = values[name] as string | undefined;
    if (value === undefined) return undefined;
    if (!/^\d+(\.\d+)?$/.test(value)) throw new UsageError(`--${name} must be a number of seconds`);
    return Number(value);
  };
  const now = seconds('now');
  const skew = seconds('clock-skew');
  const verified = await verifyAuthToken(positionals[0]!, {
    audience,
    resolve,
    ...(now === undefined ? {} : { now }),
    ...(skew === undefined ? {} : { clockSkewSeconds: skew }),
  });
  return { valid: true, format: verified.format, ...verified.claims };
}

async function dispatch(argv: string[], io: Io): Promise<unknown> {
  const [command, sub, ...rest] = argv;
  switch (command) {
    case 'derive':
      return derive(argv.slice(1), io);
    case 'key':
      if (sub === 'inspect') return keyInspect(rest, io);
      break;
    case 'did':
      if (sub === 'check') return didCheck(rest);
      break;
    case 'chain':
      if (sub === 'id') return chainId(rest);
      if (sub === 'first-entry') return firstEntry(rest);
      if (sub === 'replace') return replace(rest, io);
      break;
    case 'token':
      if (sub === 'verify') return tokenVerify(rest);
      break;
    case 'iotics':
      if (sub !== undefined) return ioticsCommand(sub, rest, io);
      break;
    case 'identity': {
      const answer = identityCommand(sub, rest);
      if (answer) return answer;
      break;
    }
  }
  throw new UsageError(command === undefined ? 'no command given' : `unknown command: ${[command, sub].filter(Boolean).join(' ')}`);
}

/** Only messages known to be free of secrets are shown as they are. */
function describe(error: unknown): string {
  if (error instanceof CoreError || error instanceof UsageError) return error.message;
  const code = (error as { code?: unknown })?.code;
  // Node's message repeats the stray argument, which may be part of an unquoted mnemonic.
  if (code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL')
    return 'unexpected extra argument (quote values that contain spaces, such as a mnemonic)';
  if (typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS')) return (error as Error).message;
  return 'internal error';
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

const processIo: Io = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  readStdin,
};

/** Runs one command; returns the exit code. */
export async function main(argv: string[], io: Io = processIo): Promise<number> {
  if (argv.length === 0 || argv[0] === 'help' || argv[0] === '--help' || argv[0] === '-h') {
    (argv.length === 0 ? io.stderr : io.stdout)(`${USAGE}\n`);
    return argv.length === 0 ? 1 : 0;
  }
  if (argv[0] === 'resolver') return (await import('./resolver')).resolverCommand(argv.slice(1), io);
  try {
    const result = await dispatch(argv, io);
    io.stdout(`${JSON.stringify(result, null, 2)}\n`);
    return 0;
  } catch (error) {
    io.stderr(`sigil: ${describe(error).replace(/\s+/g, ' ')}\n`);
    return 1;
  }
}
