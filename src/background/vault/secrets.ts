/**
 * The secrets model: everything that exists only inside the encrypted vault payload.
 * Serialised as JSON with a fixed field order (bytes in base64) and strictly validated on decrypt.
 *
 * The payload is versioned (`SECRETS_VERSION`); an older payload is upgraded step by step by
 * `SECRETS_FORMAT.migrations` when it is read, and written back in the current version at the next
 * unlock or write.
 */
import * as v from 'valibot';
import {
  defaultKeyNumber,
  ENTITY_KINDS,
  IDENTITY_FORMATS,
  isCoreError,
  validateKeyName,
  type EntityKind,
  type IdentityFormat,
} from '../../core';
import { vaultTooNew, VaultError } from './errors';
import { fromBase64, toBase64, utf8Decode, utf8Encode } from './encoding';
import { mapObjects, upgradeToCurrent, type VersionedFormat } from './versioned';

export type SeedOrigin = 'created' | 'mnemonic' | 'hex';
/** How a seed becomes a master secret (DESIGN §2.8): BIP39 (the default), or IOTICS' legacy HMAC (`none`). */
export type SeedMethod = 'bip39' | 'none';
export type { EntityKind, IdentityFormat };

export interface SeedSecret {
  readonly id: string;
  readonly label: string;
  /** The seed bytes: BIP39 entropy (16, 20, 24, 28 or 32 bytes) for `bip39`, 16 to 64 bytes for `none`. */
  readonly entropy: Uint8Array;
  readonly createdAt: number;
  readonly origin: SeedOrigin;
  readonly method: SeedMethod;
  /** The seed password (BIP39 passphrase or HMAC message, §2.8); secret; empty by default. */
  readonly password: string;
}

/** A single Factom key imported as `idsec…`. */
export interface ImportedKeySecret {
  readonly id: string;
  readonly label: string;
  /** The 32-byte Ed25519 seed. */
  readonly secret: Uint8Array;
  readonly createdAt: number;
}

/**
 * Whether a key name is one of the wallet's default names (`{kind}-{n}`, found again from the phrase
 * alone, see src/core/discovery.ts) or one the person chose, which must be written down.
 */
export type KeyNameOrigin = 'default' | 'custom';
export const KEY_NAME_ORIGINS: readonly KeyNameOrigin[] = ['default', 'custom'];

/** Links a public entity (by DID) to what derives its keys. The key name is secret (IOTICS). */
export interface EntitySecretRef {
  readonly entityId: string;
  readonly seedId: string;
  readonly kind: EntityKind;
  readonly keyName: string;
  readonly format: IdentityFormat;
  /** Absent in references written before recovery from the phrase existed: see keyNameOriginOf. */
  readonly keyNameOrigin?: KeyNameOrigin;
}

/**
 * Where a reference's key name comes from. References older than the field tell by the name's shape:
 * before default names existed, a name of that shape was typed by hand, but discovery finds it all
 * the same while it is within the gap limit.
 */
export const keyNameOriginOf = (ref: EntitySecretRef): KeyNameOrigin =>
  ref.keyNameOrigin ?? (defaultKeyNumber(ref.kind, ref.keyName) === null ? 'custom' : 'default');

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

export const SEED_ORIGINS: readonly SeedOrigin[] = ['created', 'mnemonic', 'hex'];
export const SEED_METHODS: readonly SeedMethod[] = ['bip39', 'none'];
export const BIP39_SEED_BYTES: readonly number[] = [16, 20, 24, 28, 32];
export const NONE_SEED_MIN_BYTES = 16;
export const NONE_SEED_MAX_BYTES = 64;
export const SEED_PASSWORD_MAX_CHARS = 256;
export const PRIORITIES = 3;
export const LABEL_MAX_CHARS = 64;
/** IOTICS key names are any non-empty string (§2.8); bounded all the same. */
export const IOTICS_KEY_NAME_MAX_CHARS = 256;
const MAX_ID_CHARS = 64;
const MAX_ENTITY_ID_CHARS = 256;

/**
 * The payload's versions: 1, the first; 2 adds what IOTICS identities need (§2.8): every seed gets
 * `method` and `password` (existing seeds are BIP39 without password) and every entity reference
 * a `format` (existing ones are Sigil's own).
 */
export const SECRETS_FORMAT: VersionedFormat = {
  current: 2,
  migrations: {
    1: (v1) => ({
      ...v1,
      seeds: mapObjects(v1.seeds, (seed) => ({ ...seed, method: 'bip39', password: '' })),
      entities: mapObjects(v1.entities, (entity) => ({ ...entity, format: 'sigil' })),
    }),
  },
};
export const SECRETS_VERSION = SECRETS_FORMAT.current;

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

/** Why `bytes` cannot be a seed for `method`, or null. */
export function seedBytesProblem(method: SeedMethod, length: number): string | null {
  if (method === 'bip39')
    return BIP39_SEED_BYTES.includes(length) ? null : 'A BIP39 seed is 16, 20, 24, 28 or 32 bytes.';
  return length >= NONE_SEED_MIN_BYTES && length <= NONE_SEED_MAX_BYTES
    ? null
    : `A seed is ${NONE_SEED_MIN_BYTES} to ${NONE_SEED_MAX_BYTES} bytes.`;
}

export function seedPasswordProblem(password: string): string | null {
  return charCount(password) > SEED_PASSWORD_MAX_CHARS
    ? `A seed password must be at most ${SEED_PASSWORD_MAX_CHARS} characters.`
    : null;
}

/**
 * Sigil format: DESIGN §2.2 (1–64 characters, no `/`, no control characters), by the core's own
 * rule so they cannot diverge. IOTICS format (§2.8): any non-empty name, bounded.
 */
export function keyNameProblem(keyName: string, format: IdentityFormat = 'sigil'): string | null {
  if (format === 'iotics') {
    const length = charCount(keyName);
    return length >= 1 && length <= IOTICS_KEY_NAME_MAX_CHARS
      ? null
      : `A key name must be 1 to ${IOTICS_KEY_NAME_MAX_CHARS} characters.`;
  }
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
      method: s.method,
      password: s.password,
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
      format: e.format,
      ...(e.keyNameOrigin ? { keyNameOrigin: e.keyNameOrigin } : {}),
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

// ---- validation (valibot) ----

/** Non-empty and at most `maxChars` code points (UTF-16 length first, so a huge string is not walked). */
const boundedText = (maxChars: number) =>
  v.pipe(
    v.string(),
    v.maxLength(maxChars * 2),
    v.check((text) => text.length > 0 && charCount(text) <= maxChars),
  );

const timestamp = v.pipe(v.number(), v.safeInteger(), v.minValue(0));

/** Canonical base64 whose decoded length `accept`s. */
const base64Bytes = (accept: (length: number) => boolean) =>
  v.pipe(
    v.string(),
    v.transform(fromBase64),
    v.check((bytes) => bytes !== null && accept(bytes.length)),
    v.transform((bytes) => bytes as Uint8Array),
  );

const labelText = v.pipe(boundedText(LABEL_MAX_CHARS), v.check((label) => labelProblem(label) === null));

const seedSchema = v.pipe(
  v.strictObject({
    id: boundedText(MAX_ID_CHARS),
    label: labelText,
    // Bounded by the largest method's limit here; the method's own rule follows.
    entropy: base64Bytes((length) => length >= 1 && length <= NONE_SEED_MAX_BYTES),
    createdAt: timestamp,
    origin: v.picklist(SEED_ORIGINS),
    method: v.picklist(SEED_METHODS),
    password: v.pipe(v.string(), v.check((password) => seedPasswordProblem(password) === null)),
  }),
  v.forward(
    v.check((seed) => seedBytesProblem(seed.method, seed.entropy.length) === null),
    ['entropy'],
  ),
);

const importedKeySchema = v.strictObject({
  id: boundedText(MAX_ID_CHARS),
  label: labelText,
  secret: base64Bytes((length) => length === 32),
  createdAt: timestamp,
});

const entityRefSchema = v.pipe(
  v.strictObject({
    entityId: boundedText(MAX_ENTITY_ID_CHARS),
    seedId: boundedText(MAX_ID_CHARS),
    kind: v.picklist(ENTITY_KINDS),
    keyName: boundedText(IOTICS_KEY_NAME_MAX_CHARS),
    format: v.picklist(IDENTITY_FORMATS),
    keyNameOrigin: v.optional(v.picklist(KEY_NAME_ORIGINS)),
  }),
  v.forward(
    v.check((ref) => keyNameProblem(ref.keyName, ref.format) === null),
    ['keyName'],
  ),
);

const generatedKeySchema = v.strictObject({
  id: boundedText(MAX_ID_CHARS),
  entityId: boundedText(MAX_ENTITY_ID_CHARS),
  priority: v.pipe(v.number(), v.safeInteger(), v.minValue(0), v.maxValue(PRIORITIES - 1)),
  secret: base64Bytes((length) => length === 32),
  createdAt: timestamp,
});

const unique = (values: readonly string[]): boolean => new Set(values).size === values.length;

/** The current version's payload, strictly: exact fields, bounded values, ids unique, references resolved. */
const secretsSchema = v.pipe(
  v.strictObject({
    version: v.literal(SECRETS_FORMAT.current),
    seeds: v.array(seedSchema),
    importedKeys: v.array(importedKeySchema),
    entities: v.array(entityRefSchema),
    generatedKeys: v.array(generatedKeySchema),
  }),
  v.forward(v.check((o) => unique(o.seeds.map((s) => s.id))), ['seeds']),
  v.forward(v.check((o) => unique(o.importedKeys.map((k) => k.id))), ['importedKeys']),
  v.forward(v.check((o) => unique(o.entities.map((e) => e.entityId))), ['entities']),
  v.forward(v.check((o) => unique(o.generatedKeys.map((g) => g.id))), ['generatedKeys']),
  v.forward(
    v.check((o) => o.entities.every((e) => o.seeds.some((s) => s.id === e.seedId))),
    ['entities'],
  ),
);

/**
 * Where the first problem is, as a field path (`seeds[0].entropy`). Never a value, and never an
 * unexpected field's own name: only declared names and indices are shown.
 */
function problemPath(issue: v.BaseIssue<unknown>): string {
  const items = issue.path ?? [];
  const known = issue.kind === 'schema' && issue.type === 'strict_object' ? items.slice(0, -1) : items;
  const path = known.reduce<string>((text, item) => {
    const key = (item as { key: unknown }).key;
    return typeof key === 'number' ? `${text}[${key}]` : text ? `${text}.${String(key)}` : String(key);
  }, '');
  const where = path || 'root';
  return known.length < items.length ? `${where}: unexpected field` : where;
}

const invalidSecrets = (where: string): VaultError =>
  new VaultError('INVALID_SECRETS', `The vault contents are invalid (${where}).`);

export interface ReadSecrets {
  readonly secrets: VaultSecrets;
  /** The payload version that was stored; below SECRETS_VERSION means it was upgraded on reading. */
  readonly storedVersion: number;
}

/**
 * Validates a decoded wire object (from the vault payload or a backup) into `VaultSecrets`,
 * upgrading an older version first. VAULT_TOO_NEW when a newer Sigil wrote it.
 */
export function readSecretsVersioned(value: unknown): ReadSecrets {
  const reading = upgradeToCurrent(value, SECRETS_FORMAT);
  if (reading.state === 'newer') throw vaultTooNew();
  if (reading.state === 'unknown') throw invalidSecrets('version: unsupported');
  const result = v.safeParse(secretsSchema, reading.value, { abortEarly: true, abortPipeEarly: true });
  if (!result.success) throw invalidSecrets(problemPath(result.issues[0]));
  const { version: _version, ...secrets } = result.output;
  return { secrets, storedVersion: reading.from };
}

export const readSecrets = (value: unknown): VaultSecrets => readSecretsVersioned(value).secrets;

export function deserializeSecrets(bytes: Uint8Array): ReadSecrets {
  let parsed: unknown;
  try {
    parsed = JSON.parse(utf8Decode(bytes));
  } catch {
    throw new VaultError('INVALID_SECRETS', 'The vault contents are invalid (not JSON).');
  }
  return readSecretsVersioned(parsed);
}

/** The wire object (for embedding in a backup). */
export const secretsToWire = (secrets: VaultSecrets): unknown => JSON.parse(utf8Decode(serializeSecrets(secrets)));
