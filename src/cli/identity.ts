/**
 * `sigil identity …`: the Factom Connect identity reads (identities.get, identities.keys.list,
 * identities.keys.get) on the command line, over a resolver or a file of document tokens. The
 * answers have the page API's shapes (sigil_identity, sigil_identityKeys, sigil_identityKey).
 */
import { readFile } from 'node:fs/promises';
import {
  CoreError,
  factomIdentity,
  factomKey,
  factomKeys,
  identityChainIdParam,
  replayIdentityChain,
  verifyAnyDocumentToken,
  type DidDocument,
  type IdentityState,
  type Stage,
} from '../core/index';
import { parse, UsageError } from './io';
import { discover, resolverRoot } from './iotics-resolver';

export const IDENTITY_USAGE = `  sigil identity get --chain-id <hex> (--resolver <url> --did <did> | --documents <file.json>)
  sigil identity keys list --chain-id <hex> (--resolver <url> --did <did> | --documents <file.json>) [--limit N] [--offset N]
  sigil identity keys get --chain-id <hex> --key <idpub> (--resolver <url> --did <did> | --documents <file.json>)
      the Factom identity reads; a resolver finds documents by DID, so --resolver needs the identity's --did
      (checked against --chain-id); --documents holds document tokens (as for token verify)`;

/** A documents file is read whole: this bounds it. */
const MAX_DOCUMENTS_BYTES = 16 * 1024 * 1024;

const SOURCE_OPTIONS = {
  'chain-id': { type: 'string' },
  resolver: { type: 'string' },
  did: { type: 'string' },
  documents: { type: 'string' },
} as const;

interface FoundIdentity {
  state: IdentityState;
  /** `registered` when a resolver answered; a file of documents is not a resolver, so `local`. */
  stage: Stage;
}

/** The newest verified Sigil document in `file` whose identity chain is `chainId`, or null. */
async function fromDocuments(file: string, chainId: string): Promise<DidDocument | null> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new UsageError(`--documents file ${file} ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'does not exist' : 'is not readable'}`);
  }
  if (text.length > MAX_DOCUMENTS_BYTES) throw new UsageError(`--documents file ${file} is larger than 16 MiB`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new UsageError(`--documents file ${file} is not readable JSON`);
  }
  const values = Array.isArray(parsed) ? parsed : typeof parsed === 'object' && parsed !== null ? Object.values(parsed) : null;
  if (!values) throw new UsageError('--documents must hold document tokens: a JSON array, or an object DID → token(s)');
  let found: DidDocument | null = null;
  for (const token of values.flat()) {
    if (typeof token !== 'string') throw new UsageError('--documents must hold document tokens (strings)');
    const verified = await verifyAnyDocumentToken(token);
    if (verified.format !== 'sigil' || verified.document.identityChain.chainId !== chainId) continue;
    if (!found || verified.document.updateTime > found.updateTime) found = verified.document;
  }
  return found;
}

async function findIdentity(values: Record<string, string | string[] | undefined>): Promise<FoundIdentity> {
  const chainId = identityChainIdParam(values['chain-id']);
  if ((values.resolver === undefined) === (values.documents === undefined)) throw new UsageError('give exactly one of --resolver or --documents');
  if (values.documents !== undefined) {
    if (values.did !== undefined) throw new UsageError('--did goes with --resolver; --documents are searched by --chain-id');
    const document = await fromDocuments(values.documents as string, chainId);
    if (!document) throw new CoreError('NOT_FOUND', `no identity with chain id ${chainId} in ${values.documents as string}`);
    return { state: await replayIdentityChain(document.identityChain), stage: 'local' };
  }
  const did = values.did;
  if (typeof did !== 'string' || did === '') throw new UsageError('--resolver finds documents by DID: give the identity\'s --did too');
  const root = resolverRoot(values.resolver as string);
  const verified = await discover(root, did);
  if (!verified) throw new CoreError('NOT_FOUND', `the resolver at ${root} does not know ${did}`);
  if (verified.format !== 'sigil') throw new CoreError('INVALID_PARAMS', `${did} is an IOTICS identity: it has no identity chain.`);
  const actual = verified.document.identityChain.chainId;
  if (actual !== chainId) throw new CoreError('INVALID_PARAMS', `the identity chain of ${did} is ${actual}, not ${chainId}`);
  return { state: await replayIdentityChain(verified.document.identityChain), stage: 'registered' };
}

/** A whole number for --limit or --offset; the core gives the SDK's message for anything else. */
function integerOption(value: string | string[] | undefined): number | string | undefined {
  if (value === undefined) return undefined;
  return typeof value === 'string' && /^-?\d{1,9}$/.test(value) ? Number(value) : String(value);
}

async function identityGet(args: string[]): Promise<unknown> {
  const { values } = parse(args, SOURCE_OPTIONS);
  const { state, stage } = await findIdentity(values);
  return factomIdentity(state, { stage });
}

async function keysList(args: string[]): Promise<unknown> {
  const { values } = parse(args, { ...SOURCE_OPTIONS, limit: { type: 'string' }, offset: { type: 'string' } });
  const { state } = await findIdentity(values);
  return factomKeys(state, { limit: integerOption(values.limit), offset: integerOption(values.offset) });
}

async function keysGet(args: string[]): Promise<unknown> {
  const { values } = parse(args, { ...SOURCE_OPTIONS, key: { type: 'string' } });
  const { state } = await findIdentity(values);
  return factomKey(state, { key: values.key });
}

/** `sigil identity <sub> …`; null when `sub` is not one of its commands. */
export function identityCommand(sub: string | undefined, rest: string[]): Promise<unknown> | null {
  if (sub === 'get') return identityGet(rest);
  if (sub === 'keys' && rest[0] === 'list') return keysList(rest.slice(1));
  if (sub === 'keys' && rest[0] === 'get') return keysGet(rest.slice(1));
  return null;
}
