/**
 * The secrets model: everything that exists only inside the encrypted vault payload.
 * Serialised as JSON with a fixed field order (bytes in base64) and strictly validated on decrypt.
 */
import { ENTITY_KINDS, isCoreError, validateKeyName, type EntityKind } from '../../core';
import { VaultError } from './errors';
import { fromBase64, hasExactKeys, isPlainObject, toBase64, utf8Decode, utf8Encode } from './encoding';

export type SeedOrigin = 'created' | 'mnemonic' | 'hex';
export type { EntityKind };

export interface SeedSecret {
  readonly id: string;
  readonly label: string;
  /** 16 or 32 bytes of BIP39 entropy. */
  readonly entropy: Uint8Array;
  readonly createdAt: number;
  readonly origin: SeedOrigin;
}

/** A single Factom key imported as `idsec…`. */
export interface ImportedKeySecret {
  readonly id: string;
  readonly label: string;
  /** The 32-byte Ed25519 seed. */
  readonly secret: Uint8Array;
  readonly createdAt: number;
}

/** Links a public entity (by DID) to what derives its keys. The key name is secret (IOTICS). */
export interface EntitySecretRef {
  readonly entityId: string;
  readonly seedId: string;
  readonly kind: EntityKind;
  readonly keyName: string;
}

/** A random key generated to replace a key of an entity (not derivable from the seed). */
export interface GeneratedKeySecret {
  readonly id: string;
  readonly entityId: string;
  readonly priority: number;
  readonly secret: Uint8Array;
  readonly createdAt: number;
}

export interface VaultSecrets {
  readonly seeds: readonly SeedSecret[];
  readonly importedKeys: readonly ImportedKeySecret[];
  readonly entities: readonly EntitySecretRef[];
  readonly generatedKeys: readonly GeneratedKeySecret[];
}

export const SECRETS_VERSION = 1;
export const SEED_ORIGINS: readonly SeedOrigin[] = ['created', 'mnemonic', 'hex'];
export const PRIORITIES = 3;
export const LABEL_MAX_CHARS = 64;
export const KEY_NAME_MAX_CHARS = 64;
const MAX_ID_CHARS = 64;
const MAX_ENTITY_ID_CHARS = 256;

export const emptySecrets = (): VaultSecrets => ({ seeds: [], importedKeys: [], entities: [], generatedKeys: [] });

// ---- field rules (shared with the operations that create these values) ----

const CONTROL_CHARS = /\p{Cc}/u;
const charCount = (text: string): number => [...text].length;

/** Why `label` is unacceptable, or null. Labels are trimmed by the caller. */
export function labelProblem(label: string): string | null {
  if (label.length === 0) return 'A label must not be empty.';
  if (charCount(label) > LABEL_MAX_CHARS) return `A label must be at most ${LABEL_MAX_CHARS} characters.`;
  if (CONTROL_CHARS.test(label)) return 'A label must not contain control characters.';
  return null;
}

/** DESIGN §2.2 (1–64 characters, no `/`, no control characters), by the core's own rule so they cannot diverge. */
export function keyNameProblem(keyName: string): string | null {
  try {
    validateKeyName(keyName);
    return null;
  } catch (error) {
    if (!isCoreError(error)) throw error;
    // Core messages describe the rule, never the key name.
    return `${error.message.charAt(0).toUpperCase()}${error.message.slice(1)}.`;
  }
}

export const newSecretId = (): string => globalThis.crypto.randomUUID();

// ---- serialisation ----

export function serializeSecrets(secrets: VaultSecrets): Uint8Array {
  const wire = {
    version: SECRETS_VERSION,
    seeds: secrets.seeds.map((s) => ({
      id: s.id,
      label: s.label,
      entropy: toBase64(s.entropy),
      createdAt: s.createdAt,
      origin: s.origin,
    })),
    importedKeys: secrets.importedKeys.map((k) => ({
      id: k.id,
      label: k.label,
      secret: toBase64(k.secret),
      createdAt: k.createdAt,
    })),
    entities: secrets.entities.map((e) => ({
      entityId: e.entityId,
      seedId: e.seedId,
      kind: e.kind,
      keyName: e.keyName,
    })),
    generatedKeys: secrets.generatedKeys.map((g) => ({
      id: g.id,
      entityId: g.entityId,
      priority: g.priority,
      secret: toBase64(g.secret),
      createdAt: g.createdAt,
    })),
  };
  return utf8Encode(JSON.stringify(wire));
}

class SecretsReader {
  constructor(private readonly where: string) {}

  fail(why: string): never {
    // The message names a field, never its value.
    throw new VaultError('INVALID_SECRETS', `The vault contents are invalid (${this.where}: ${why}).`);
  }

  object(value: unknown, keys: readonly string[]): Record<string, unknown> {
    if (!isPlainObject(value) || !hasExactKeys(value, keys)) this.fail('unexpected shape');
    return value;
  }

  string(value: unknown, field: string, maxChars: number): string {
    if (typeof value !== 'string' || value.length === 0 || charCount(value) > maxChars) this.fail(`bad ${field}`);
    return value;
  }

  bytes(value: unknown, field: string, lengths: readonly number[]): Uint8Array {
    const bytes = typeof value === 'string' ? fromBase64(value) : null;
    if (!bytes || !lengths.includes(bytes.length)) this.fail(`bad ${field}`);
    return bytes;
  }

  timestamp(value: unknown, field: string): number {
    if (!Number.isSafeInteger(value) || (value as number) < 0) this.fail(`bad ${field}`);
    return value as number;
  }

  oneOf<T extends string>(value: unknown, field: string, allowed: readonly T[]): T {
    if (!allowed.includes(value as T)) this.fail(`bad ${field}`);
    return value as T;
  }

  list(value: unknown, field: string): unknown[] {
    if (!Array.isArray(value)) this.fail(`bad ${field}`);
    return value;
  }

  unique(values: readonly string[], field: string): void {
    if (new Set(values).size !== values.length) this.fail(`duplicate ${field}`);
  }
}

function readSeed(value: unknown, index: number): SeedSecret {
  const r = new SecretsReader(`seed ${index}`);
  const o = r.object(value, ['id', 'label', 'entropy', 'createdAt', 'origin']);
  const label = r.string(o.label, 'label', LABEL_MAX_CHARS);
  if (labelProblem(label)) r.fail('bad label');
  return {
    id: r.string(o.id, 'id', MAX_ID_CHARS),
    label,
    entropy: r.bytes(o.entropy, 'entropy', [16, 32]),
    createdAt: r.timestamp(o.createdAt, 'createdAt'),
    origin: r.oneOf(o.origin, 'origin', SEED_ORIGINS),
  };
}

function readImportedKey(value: unknown, index: number): ImportedKeySecret {
  const r = new SecretsReader(`imported key ${index}`);
  const o = r.object(value, ['id', 'label', 'secret', 'createdAt']);
  const label = r.string(o.label, 'label', LABEL_MAX_CHARS);
  if (labelProblem(label)) r.fail('bad label');
  return {
    id: r.string(o.id, 'id', MAX_ID_CHARS),
    label,
    secret: r.bytes(o.secret, 'secret', [32]),
    createdAt: r.timestamp(o.createdAt, 'createdAt'),
  };
}

function readEntityRef(value: unknown, index: number): EntitySecretRef {
  const r = new SecretsReader(`entity ${index}`);
  const o = r.object(value, ['entityId', 'seedId', 'kind', 'keyName']);
  const keyName = r.string(o.keyName, 'keyName', KEY_NAME_MAX_CHARS);
  if (keyNameProblem(keyName)) r.fail('bad keyName');
  return {
    entityId: r.string(o.entityId, 'entityId', MAX_ENTITY_ID_CHARS),
    seedId: r.string(o.seedId, 'seedId', MAX_ID_CHARS),
    kind: r.oneOf(o.kind, 'kind', ENTITY_KINDS),
    keyName,
  };
}

function readGeneratedKey(value: unknown, index: number): GeneratedKeySecret {
  const r = new SecretsReader(`generated key ${index}`);
  const o = r.object(value, ['id', 'entityId', 'priority', 'secret', 'createdAt']);
  const priority = o.priority;
  if (!Number.isSafeInteger(priority) || (priority as number) < 0 || (priority as number) >= PRIORITIES)
    r.fail('bad priority');
  return {
    id: r.string(o.id, 'id', MAX_ID_CHARS),
    entityId: r.string(o.entityId, 'entityId', MAX_ENTITY_ID_CHARS),
    priority: priority as number,
    secret: r.bytes(o.secret, 'secret', [32]),
    createdAt: r.timestamp(o.createdAt, 'createdAt'),
  };
}

/** Validates a decoded wire object (from the vault payload or a backup) into `VaultSecrets`. */
export function readSecrets(value: unknown): VaultSecrets {
  const r = new SecretsReader('root');
  const o = r.object(value, ['version', 'seeds', 'importedKeys', 'entities', 'generatedKeys']);
  if (o.version !== SECRETS_VERSION) r.fail('unsupported version');
  const secrets: VaultSecrets = {
    seeds: r.list(o.seeds, 'seeds').map(readSeed),
    importedKeys: r.list(o.importedKeys, 'importedKeys').map(readImportedKey),
    entities: r.list(o.entities, 'entities').map(readEntityRef),
    generatedKeys: r.list(o.generatedKeys, 'generatedKeys').map(readGeneratedKey),
  };
  r.unique(secrets.seeds.map((s) => s.id), 'seed id');
  r.unique(secrets.importedKeys.map((k) => k.id), 'imported key id');
  r.unique(secrets.entities.map((e) => e.entityId), 'entity id');
  r.unique(secrets.generatedKeys.map((g) => g.id), 'generated key id');
  const seedIds = new Set(secrets.seeds.map((s) => s.id));
  if (secrets.entities.some((e) => !seedIds.has(e.seedId))) r.fail('entity refers to a missing seed');
  return secrets;
}

export function deserializeSecrets(bytes: Uint8Array): VaultSecrets {
  let parsed: unknown;
  try {
    parsed = JSON.parse(utf8Decode(bytes));
  } catch {
    throw new VaultError('INVALID_SECRETS', 'The vault contents are invalid (not JSON).');
  }
  return readSecrets(parsed);
}

/** The wire object (for embedding in a backup). */
export const secretsToWire = (secrets: VaultSecrets): unknown => JSON.parse(utf8Decode(serializeSecrets(secrets)));
