/** Seeds and imported keys on an unlocked vault (the key comes from the session). */
import { decodeIdsec, isCoreError } from '../../core';
import { randomBytes } from './encoding';
import { VaultError } from './errors';
import {
  addImportedKey,
  addSeed,
  findSeed,
  SEED_BYTES_NEW,
  seedEntropyToHex,
  seedEntropyToMnemonic,
  summarizeImportedKey,
  summarizeSeed,
  type ImportedKeySummary,
  type SeedSummary,
} from './seed-operations';
import type { SeedOrigin } from './secrets';
import type { Vault } from './vault';

export interface CreatedSeed {
  readonly seed: SeedSummary;
  /** 24 words, to show once; the vault never returns it again without the password. */
  readonly mnemonic: string;
}

export interface RevealedSeed {
  /** Empty for a `none` seed: it has no recovery phrase. */
  readonly mnemonic: string;
  readonly hex: string;
}

export interface SecretsOverview {
  readonly seeds: readonly SeedSummary[];
  readonly importedKeys: readonly ImportedKeySummary[];
}

export class SeedManager {
  constructor(
    private readonly vault: Vault,
    private readonly now: () => number = Date.now,
  ) {}

  /** Ids, labels and dates only: nothing secret. */
  async list(vaultKey: Uint8Array): Promise<SecretsOverview> {
    const secrets = await this.vault.read(vaultKey);
    return { seeds: secrets.seeds.map(summarizeSeed), importedKeys: secrets.importedKeys.map(summarizeImportedKey) };
  }

  async create(vaultKey: Uint8Array, label?: string): Promise<CreatedSeed> {
    const entropy = randomBytes(SEED_BYTES_NEW);
    const seed = await this.add(vaultKey, entropy, 'created', label);
    return { seed, mnemonic: seedEntropyToMnemonic(entropy) };
  }

  /** Imports one Factom `idsec…` key (prefix, length and checksum checked by the core). */
  async importIdsec(vaultKey: Uint8Array, idsec: string, label?: string): Promise<ImportedKeySummary> {
    let secret: Uint8Array;
    try {
      secret = decodeIdsec(idsec);
    } catch (error) {
      if (!isCoreError(error)) throw error;
      throw new VaultError('INVALID_KEY', `This is not a valid idsec key: ${error.message}.`);
    }
    try {
      return await this.importIdsecKey(vaultKey, secret, label);
    } finally {
      secret.fill(0);
    }
  }

  /** Imports one Factom key already decoded to its 32 bytes. */
  async importIdsecKey(vaultKey: Uint8Array, secret: Uint8Array, label?: string): Promise<ImportedKeySummary> {
    return this.vault.update(vaultKey, (secrets) => {
      const added = addImportedKey(secrets, { secret, label, now: this.now() });
      return { secrets: added.secrets, result: summarizeImportedKey(added.key) };
    });
  }

  /** Needs the password again (checked by unwrapping the vault key), not just an unlocked session. */
  async reveal(password: string, seedId: string): Promise<RevealedSeed> {
    const { secrets } = await this.vault.openWithPassword(password);
    const seed = findSeed(secrets, seedId);
    const mnemonic = seed.method === 'bip39' ? seedEntropyToMnemonic(seed.entropy) : '';
    return { mnemonic, hex: seedEntropyToHex(seed.entropy) };
  }

  /** Adds a seed already decoded to its entropy (e.g. a confirmed draft, which is origin 'created'). */
  async add(vaultKey: Uint8Array, entropy: Uint8Array, origin: SeedOrigin, label?: string): Promise<SeedSummary> {
    return this.vault.update(vaultKey, (secrets) => {
      const added = addSeed(secrets, { entropy, origin, label, now: this.now() });
      return { secrets: added.secrets, result: summarizeSeed(added.seed) };
    });
  }
}
