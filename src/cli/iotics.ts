/**
 * `sigil iotics …`: the IOTICS identity libraries' high-level API on the command line (DESIGN §2.8).
 * Seeds are hex; `--seed-method bip39|none` and `--seed-password` apply to every seed of a command.
 */
import {
  CoreError,
  addIoticsDelegation,
  createIoticsAuthToken,
  createIoticsDelegationProof,
  createIoticsDocument,
  createIoticsDocumentToken,
  createIoticsTwinToken,
  deriveIoticsKey,
  ENTITY_KINDS,
  hexToBytes,
  IOTICS_SEED_METHODS,
  type EntityKind,
  type IoticsDelegationList,
  type IoticsDocument,
  type IoticsKeyPair,
  type IoticsSeedMethod,
} from '../core/index';
import { parse, required, secret, UsageError, type Io, type Options } from './io';
import { discover, register, resolverRoot } from './iotics-resolver';

export const IOTICS_USAGE = `  sigil iotics derive --seed-hex <hex> --kind <user|agent|twin> --key-name <name>
  sigil iotics create-user-and-agent --user-seed <hex> --user-key-name <name> --agent-seed <hex> --agent-key-name <name> --resolver <url> [--delegation-name <#id>]
  sigil iotics create-twin --twin-seed <hex> --twin-key-name <name> --agent-seed <hex> --agent-key-name <name> --resolver <url> [--delegation-name <#id>]
  sigil iotics token --agent-seed <hex> --agent-key-name <name> [--key-id <#id>] --user <did> --audience <aud> --duration <seconds>
  sigil iotics twin-token --twin-seed <hex> --twin-key-name <name> [--key-id <#id>] --audience <aud> --duration <seconds>
      every iotics command also takes [--seed-method bip39|none] [--seed-password <password>]`;

const SEED_OPTIONS: Options = { 'seed-method': { type: 'string' }, 'seed-password': { type: 'string' } };
const MAX_SEED_HEX = 2048;

interface SeedSettings {
  method: IoticsSeedMethod;
  password: string;
}

async function seedSettings(values: Record<string, unknown>, io: Io): Promise<SeedSettings> {
  const method = (values['seed-method'] as string | undefined) ?? 'bip39';
  if (!IOTICS_SEED_METHODS.includes(method as IoticsSeedMethod)) throw new UsageError('--seed-method must be bip39 or none');
  const password = values['seed-password'] === undefined ? '' : await secret(values['seed-password'] as string, io);
  return { method: method as IoticsSeedMethod, password };
}

function seedBytes(text: string, option: string): Uint8Array {
  const hex = text.trim().replace(/^0x/i, '');
  if (hex.length === 0 || hex.length > MAX_SEED_HEX || !/^[0-9a-fA-F]*$/.test(hex) || hex.length % 2 !== 0)
    throw new UsageError(`--${option} must be an even number of hexadecimal digits`);
  return hexToBytes(hex);
}

/** Derives the key of a seed option (secret `-` = stdin) for `kind`. */
async function keyOf(
  values: Record<string, unknown>,
  io: Io,
  settings: SeedSettings,
  seedOption: string,
  keyNameOption: string,
  kind: EntityKind,
): Promise<IoticsKeyPair> {
  const seed = seedBytes(await secret(required(values, seedOption), io), seedOption);
  const keyName = await secret(required(values, keyNameOption), io);
  try {
    return await deriveIoticsKey({ seed, kind, keyName, method: settings.method, password: settings.password });
  } catch (error) {
    if (error instanceof CoreError) throw new CoreError(error.code, `--${seedOption}: ${error.message}`);
    throw error;
  } finally {
    seed.fill(0);
  }
}

function duration(values: Record<string, unknown>): number {
  const text = required(values, 'duration');
  if (!/^[1-9]\d{0,5}$/.test(text) || Number(text) > 86_400) throw new UsageError('--duration must be whole seconds from 1 to 86400');
  return Number(text);
}

function keyIdOption(values: Record<string, unknown>, fallback: string): string {
  const keyId = (values['key-id'] as string | undefined) ?? fallback;
  if (!/^#[a-zA-Z\-_0-9]{1,24}$/.test(keyId)) throw new UsageError('--key-id must be # followed by 1 to 24 of a-z A-Z 0-9 - _');
  return keyId;
}

async function derive(args: string[], io: Io): Promise<unknown> {
  const { values } = parse(args, { ...SEED_OPTIONS, 'seed-hex': { type: 'string' }, kind: { type: 'string' }, 'key-name': { type: 'string' } });
  const kind = required(values, 'kind');
  if (!ENTITY_KINDS.includes(kind as EntityKind)) throw new UsageError('--kind must be user, agent or twin');
  const key = await keyOf(values, io, await seedSettings(values, io), 'seed-hex', 'key-name', kind as EntityKind);
  key.secretKey.fill(0);
  return { path: key.path, publicKeyBase58: key.publicKeyBase58, did: key.did };
}

interface Registered {
  document: IoticsDocument;
  /** The id under which the derived key is an owner key of the document. */
  keyId: string;
}

/**
 * The registered document of `key`'s DID, registering a new one when the resolver does not know it.
 * An existing document is used as it is (never overwritten); it must list the key.
 */
async function getOrCreate(root: string, key: IoticsKeyPair, kind: EntityKind): Promise<Registered> {
  const existing = await discover(root, key.did);
  if (existing) {
    if (existing.format !== 'iotics') throw new CoreError('INVALID_DOCUMENT', `${key.did} is registered in the sigil format`);
    const owner = existing.document.publicKey.find((k) => k.publicKeyBase58 === key.publicKeyBase58 && !k.revoked);
    if (!owner) throw new CoreError('KEY_NOT_FOUND', `the registered document of ${key.did} does not list this key as an owner key`);
    return { document: existing.document, keyId: owner.id };
  }
  const document = createIoticsDocument({ kind, secretKey: key.secretKey });
  await register(root, createIoticsDocumentToken(document, { keyId: `#${kind}-0`, secretKey: key.secretKey, audience: root }));
  return { document, keyId: `#${kind}-0` };
}

/** Adds a delegation to `agent` in the delegating document unless one to the same controller exists. */
async function delegate(
  root: string,
  delegating: Registered,
  delegatingKey: IoticsKeyPair,
  list: IoticsDelegationList,
  agent: Registered,
  agentKey: IoticsKeyPair,
  delegationName: string | undefined,
): Promise<void> {
  const controller = `${agent.document.id}${agent.keyId}`;
  const existing = [...delegating.document.delegateControl, ...delegating.document[list]].find(
    (d) => d.controller === controller && !d.revoked,
  );
  if (existing && (delegationName === undefined || existing.id === delegationName)) return;
  const proof = createIoticsDelegationProof({ secretKey: agentKey.secretKey, delegatingDid: delegating.document.id });
  const updated = addIoticsDelegation(delegating.document, list, {
    ...(delegationName === undefined ? {} : { id: delegationName }),
    controller,
    proof,
    proofType: 'did',
  });
  await register(
    root,
    createIoticsDocumentToken(updated, { keyId: delegating.keyId, secretKey: delegatingKey.secretKey, audience: root }),
  );
}

function delegationNameOption(values: Record<string, unknown>): string | undefined {
  const name = values['delegation-name'] as string | undefined;
  if (name !== undefined && !/^#[a-zA-Z\-_0-9]{1,24}$/.test(name))
    throw new UsageError('--delegation-name must be # followed by 1 to 24 of a-z A-Z 0-9 - _');
  return name;
}

const wipe = (...keys: IoticsKeyPair[]) => keys.forEach((key) => key.secretKey.fill(0));

/**
 * The libraries' two high-level flows: a User (or Twin) and an Agent, both registered (an existing
 * document is fetched and extended), the first delegating authentication (control) to the Agent.
 */
async function createWithDelegation(
  args: string[],
  io: Io,
  delegator: 'user' | 'twin',
  field: 'delegateAuthentication' | 'delegateControl',
): Promise<{ delegatorDid: string; agentDid: string }> {
  const { values } = parse(args, {
    ...SEED_OPTIONS,
    [`${delegator}-seed`]: { type: 'string' },
    [`${delegator}-key-name`]: { type: 'string' },
    'agent-seed': { type: 'string' },
    'agent-key-name': { type: 'string' },
    resolver: { type: 'string' },
    'delegation-name': { type: 'string' },
  });
  const root = resolverRoot(required(values, 'resolver'));
  const delegationName = delegationNameOption(values);
  const settings = await seedSettings(values, io);
  const delegatorKey = await keyOf(values, io, settings, `${delegator}-seed`, `${delegator}-key-name`, delegator);
  const agentKey = await keyOf(values, io, settings, 'agent-seed', 'agent-key-name', 'agent');
  try {
    const agent = await getOrCreate(root, agentKey, 'agent');
    const delegating = await getOrCreate(root, delegatorKey, delegator);
    await delegate(root, delegating, delegatorKey, field, agent, agentKey, delegationName);
    return { delegatorDid: delegating.document.id, agentDid: agent.document.id };
  } finally {
    wipe(delegatorKey, agentKey);
  }
}

async function createUserAndAgent(args: string[], io: Io): Promise<unknown> {
  const { delegatorDid, agentDid } = await createWithDelegation(args, io, 'user', 'delegateAuthentication');
  return { userDid: delegatorDid, agentDid };
}

async function createTwin(args: string[], io: Io): Promise<unknown> {
  const { delegatorDid } = await createWithDelegation(args, io, 'twin', 'delegateControl');
  return { twinDid: delegatorDid };
}

async function agentToken(args: string[], io: Io): Promise<unknown> {
  const { values } = parse(args, {
    ...SEED_OPTIONS,
    'agent-seed': { type: 'string' },
    'agent-key-name': { type: 'string' },
    'key-id': { type: 'string' },
    user: { type: 'string' },
    audience: { type: 'string' },
    duration: { type: 'string' },
  });
  const keyId = keyIdOption(values, '#agent-0');
  const user = required(values, 'user');
  const audience = required(values, 'audience');
  const durationSeconds = duration(values);
  const key = await keyOf(values, io, await seedSettings(values, io), 'agent-seed', 'agent-key-name', 'agent');
  try {
    const issuer = `${key.did}${keyId}`;
    return { token: createIoticsAuthToken({ issuer, subject: user, audience, durationSeconds, secretKey: key.secretKey }).token };
  } finally {
    wipe(key);
  }
}

async function twinToken(args: string[], io: Io): Promise<unknown> {
  const { values } = parse(args, {
    ...SEED_OPTIONS,
    'twin-seed': { type: 'string' },
    'twin-key-name': { type: 'string' },
    'key-id': { type: 'string' },
    audience: { type: 'string' },
    duration: { type: 'string' },
  });
  const keyId = keyIdOption(values, '#twin-0');
  const audience = required(values, 'audience');
  const durationSeconds = duration(values);
  const key = await keyOf(values, io, await seedSettings(values, io), 'twin-seed', 'twin-key-name', 'twin');
  try {
    return { token: createIoticsTwinToken({ issuer: `${key.did}${keyId}`, audience, durationSeconds, secretKey: key.secretKey }).token };
  } finally {
    wipe(key);
  }
}

export function ioticsCommand(sub: string, args: string[], io: Io): Promise<unknown> {
  switch (sub) {
    case 'derive':
      return derive(args, io);
    case 'create-user-and-agent':
      return createUserAndAgent(args, io);
    case 'create-twin':
      return createTwin(args, io);
    case 'token':
      return agentToken(args, io);
    case 'twin-token':
      return twinToken(args, io);
  }
  throw new UsageError(`unknown command: iotics ${sub}`);
}
