/**
 * Pure operations on `VaultSecrets` for seeds, imported keys and entity references.
 * Each returns a new `VaultSecrets`; none touches storage or the session.
 */
import { entropyToMnemonic } from '@scure/bip39';
import { wordlist } from '@scure/bip39/wordlists/english.js';
import { bytesToHex, ed25519, encodeIdpub, hexToBytes, readMnemonic } from '../../core';
import { bytesEqual, ownBytes } from './encoding';
import { VaultError } from './errors';
import {
  keyNameProblem,
  labelProblem,
  newSecretId,
  PRIORITIES,
  seedBytesProblem,
  seedPasswordProblem,
  type EntitySecretRef,
  type GeneratedKeySecret,
  type IdentityFormat,
  type ImportedKeySecret,
  type SeedMethod,
  type SeedOrigin,
  type SeedSecret,
  type VaultSecrets,
} from './secrets';

export const SEED_BYTES_NEW = 32;

export interface SeedSummary {
  readonly id: string;
  readonly label: string;
  readonly createdAt: number;
  readonly origin: SeedOrigin;
  readonly method: SeedMethod;
  /** The recovery phrase's length; null for a `none` seed, which has none. */
  readonly wordCount: SeedWordCount | null;
}

export type SeedWordCount = 12 | 15 | 18 | 21 | 24;

export interface ImportedKeySummary {
  readonly id: string;
  readonly label: string;
  readonly createdAt: number;
  /** The public half, as Factom shows it. */
  readonly idpub: string;
}

export const summarizeSeed = (seed: SeedSecret): SeedSummary => ({
  id: seed.id,
  label: seed.label,
  createdAt: seed.createdAt,
  origin: seed.origin,
  method: seed.method,
  wordCount: seed.method === 'bip39' ? ((seed.entropy.length * 3) / 4 as SeedWordCount) : null,
});

export const summarizeImportedKey = (key: ImportedKeySecret): ImportedKeySummary => ({
  id: key.id,
  label: key.label,
  createdAt: key.createdAt,
  idpub: encodeIdpub(ed25519.getPublicKeySync(key.secret)),
});

export function normalizeLabel(label: string): string {
  const trimmed = label.normalize('NFC').trim();
  const problem = labelProblem(trimmed);
  if (problem) throw new VaultError('INVALID_LABEL', problem);
  return trimmed;
}

const invalidMnemonic = (message: string): VaultError => new VaultError('INVALID_MNEMONIC', message);

/** A BIP39 English mnemonic of 12 or 24 words → its entropy (the core's one parser). Messages never quote a word. */
export function mnemonicToSeedEntropy(mnemonic: string): Uint8Array {
  const read = readMnemonic(mnemonic);
  if (!('problem' in read)) return read.entropy;
  switch (read.problem) {
    case 'word-count':
      throw invalidMnemonic(`A recovery phrase has 12 or 24 words; this one has ${read.count}.`);
    case 'unknown-word':
      throw invalidMnemonic(`Word ${read.index + 1} is not in the English recovery-phrase word list.`);
    case 'checksum':
      throw invalidMnemonic('The recovery phrase checksum does not match. Check the words and their order.');
  }
}

export const seedEntropyToMnemonic = (entropy: Uint8Array): string => entropyToMnemonic(entropy, wordlist);

const HEX_SEED_RULE: Record<SeedMethod, string> = {
  bip39: 'A hex seed is 16, 20, 24, 28 or 32 bytes (32 to 64 hex digits, an even number).',
  none: 'A hex seed for the none method is 16 to 64 bytes (32 to 128 hex digits, an even number).',
};

/**
 * An IOTICS-style hex seed (optional 0x, spaces ignored) of the lengths `method` takes (DESIGN §2.8):
 * BIP39 entropy (16, 20, 24, 28 or 32 bytes) by default, 16 to 64 bytes for `none`.
 */
export function hexToSeedEntropy(hex: string, method: SeedMethod = 'bip39'): Uint8Array {
  const digits = hex.trim().replace(/^0x/i, '').replace(/\s+/gu, '');
  if (!/^[0-9a-fA-F]*$/u.test(digits) || digits.length % 2 !== 0 || seedBytesProblem(method, digits.length / 2))
    throw new VaultError('INVALID_HEX_SEED', HEX_SEED_RULE[method]);
  return hexToBytes(digits.toLowerCase());
}

export const seedEntropyToHex = (entropy: Uint8Array): string => bytesToHex(entropy);

export interface NewSeed {
  /** The seed bytes (see SeedSecret.entropy for the lengths each method takes). */
  readonly entropy: Uint8Array;
  readonly origin: SeedOrigin;
  readonly label?: string;
  readonly now: number;
  /** Default `bip39`. */
  readonly method?: SeedMethod;
  /** Default empty. */
  readonly password?: string;
}

export function addSeed(secrets: VaultSecrets, input: NewSeed): { secrets: VaultSecrets; seed: SeedSecret } {
  const method = input.method ?? 'bip39';
  const password = input.password ?? '';
  const bytesProblem = seedBytesProblem(method, input.entropy.length);
  if (bytesProblem) throw new VaultError('INVALID_HEX_SEED', bytesProblem);
  const passwordProblem = seedPasswordProblem(password);
  if (passwordProblem) throw new VaultError('INVALID_HEX_SEED', passwordProblem);
  if (
    secrets.seeds.some(
      (seed) => seed.method === method && seed.password === password && bytesEqual(seed.entropy, input.entropy),
    )
  )
    throw new VaultError('SEED_EXISTS', 'This seed is already in the wallet.');
  const seed: SeedSecret = {
    id: newSecretId(),
    label: normalizeLabel(input.label ?? `Seed ${secrets.seeds.length + 1}`),
    entropy: ownBytes(input.entropy),
    createdAt: input.now,
    origin: input.origin,
    method,
    password,
  };
  return { secrets: { ...secrets, seeds: [...secrets.seeds, seed] }, seed };
}

export function findSeed(secrets: VaultSecrets, seedId: string): SeedSecret {
  const seed = secrets.seeds.find((s) => s.id === seedId);
  if (!seed) throw new VaultError('SEED_NOT_FOUND', 'No such seed in the wallet.');
  return seed;
}

export function addImportedKey(
  secrets: VaultSecrets,
  input: { secret: Uint8Array; label?: string; now: number },
): { secrets: VaultSecrets; key: ImportedKeySecret } {
  if (input.secret.length !== 32) throw new VaultError('INVALID_KEY', 'A private key is 32 bytes.');
  if (secrets.importedKeys.some((key) => bytesEqual(key.secret, input.secret)))
    throw new VaultError('KEY_EXISTS', 'This key is already in the wallet.');
  const key: ImportedKeySecret = {
    id: newSecretId(),
    label: normalizeLabel(input.label ?? `Imported key ${secrets.importedKeys.length + 1}`),
    secret: ownBytes(input.secret),
    createdAt: input.now,
  };
  return { secrets: { ...secrets, importedKeys: [...secrets.importedKeys, key] }, key };
}

/** A new entity reference; `format` defaults to `sigil`. */
export type NewEntityRef = Omit<EntitySecretRef, 'format'> & { readonly format?: IdentityFormat };

export function addEntityRef(secrets: VaultSecrets, ref: NewEntityRef): VaultSecrets {
  findSeed(secrets, ref.seedId);
  const format = ref.format ?? 'sigil';
  const problem = keyNameProblem(ref.keyName, format);
  if (problem) throw new VaultError('INVALID_KEY_NAME', problem);
  if (secrets.entities.some((e) => e.entityId === ref.entityId))
    throw new VaultError('ENTITY_EXISTS', 'This identity is already in the wallet.');
  if (
    secrets.entities.some(
      (e) => e.seedId === ref.seedId && e.kind === ref.kind && e.keyName === ref.keyName && e.format === format,
    )
  )
    throw new VaultError('ENTITY_EXISTS', 'An identity with this kind and key name already exists for this seed.');
  const entity: EntitySecretRef = {
    entityId: ref.entityId,
    seedId: ref.seedId,
    kind: ref.kind,
    keyName: ref.keyName,
    format,
    ...(ref.keyNameOrigin ? { keyNameOrigin: ref.keyNameOrigin } : {}),
  };
  return { ...secrets, entities: [...secrets.entities, entity] };
}

export function findEntityRef(secrets: VaultSecrets, entityId: string): EntitySecretRef {
  const ref = secrets.entities.find((e) => e.entityId === entityId);
  if (!ref) throw new VaultError('ENTITY_NOT_FOUND', 'No such identity in the wallet.');
  return ref;
}

/** Removes an entity's reference and any keys generated for it. */
export function removeEntityRef(secrets: VaultSecrets, entityId: string): VaultSecrets {
  findEntityRef(secrets, entityId);
  return {
    ...secrets,
    entities: secrets.entities.filter((e) => e.entityId !== entityId),
    generatedKeys: secrets.generatedKeys.filter((g) => g.entityId !== entityId),
  };
}

export function addGeneratedKey(
  secrets: VaultSecrets,
  input: { entityId: string; priority: number; secret: Uint8Array; now: number },
): { secrets: VaultSecrets; key: GeneratedKeySecret } {
  findEntityRef(secrets, input.entityId);
  if (!Number.isSafeInteger(input.priority) || input.priority < 0 || input.priority >= PRIORITIES)
    throw new VaultError('INVALID_KEY', `A key priority is 0 to ${PRIORITIES - 1}.`);
  if (input.secret.length !== 32) throw new VaultError('INVALID_KEY', 'A private key is 32 bytes.');
  const key: GeneratedKeySecret = {
    id: newSecretId(),
    entityId: input.entityId,
    priority: input.priority,
    secret: ownBytes(input.secret),
    createdAt: input.now,
  };
  return { secrets: { ...secrets, generatedKeys: [...secrets.generatedKeys, key] }, key };
}
