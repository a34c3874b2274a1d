/**
 * The vault bound to storage: create, unlock, change password, read and write secrets, recover.
 *
 * Every write puts the new record into both slots (`primary`, `copy`) in one IndexedDB transaction,
 * together with any public-state rows that belong to the same change. All crypto happens before the
 * transaction opens; inside it, a compare-and-swap on the record digest refuses to overwrite a
 * record another context wrote in the meantime.
 */
import {
  putVaultRecordInBothSlots,
  readVaultSlotIn,
  readVaultSlots,
  writeAtomically,
  type SigilDatabase,
  type StoreName,
  type VaultSlot,
  type WriteTransaction,
} from '../storage';
import { noVault, vaultDamaged, vaultKeyRejected, VaultError } from './errors';
import { assertKdfParams, DEFAULT_KDF_PARAMS, isWeakerThan, strongerOf, type KdfParams } from './kdf';
import { encodeVaultRecord, readVaultRecord, type VaultRecord, type VaultRecordReading } from './record';
import { emptySecrets, type VaultSecrets } from './secrets';
import { SerialQueue } from './serial-queue';
import {
  assertNewPassword,
  createVaultRecord,
  decryptSecrets,
  encryptSecrets,
  rewrapVaultKey,
  unwrapVaultKey,
} from './vault-crypto';

export interface VaultOptions {
  /** Argon2id cost for every new wrap, and the floor that unlock upgrades older records to. */
  kdf?: KdfParams;
  now?: () => number;
}

export type VaultHealth =
  | { readonly state: 'empty' }
  | { readonly state: 'ok'; readonly copyIntact: boolean }
  /** The primary record is damaged or missing but the copy is intact: offer `restoreCopyAsPrimary()`. */
  | { readonly state: 'recovered'; readonly reason: string }
  /** Nothing intact: only a backup file can help. */
  | { readonly state: 'damaged' };

export interface UnlockResult {
  /** 32 bytes; the caller keeps it in the session. */
  readonly vaultKey: Uint8Array;
  /** The record was re-wrapped with stronger KDF parameters. */
  readonly upgraded: boolean;
  /** The vault was read from the copy because the primary record is damaged. */
  readonly recovered: boolean;
}

export type PublicStoreName = Exclude<StoreName, 'vault'>;

/** Rows written in the same transaction as a vault change. `write` may only await requests of `tx`. */
export interface PublicWrites {
  readonly stores: readonly PublicStoreName[];
  write(tx: WriteTransaction): Promise<void> | void;
}

export interface VaultChange<Result> {
  readonly secrets: VaultSecrets;
  readonly result: Result;
  readonly publicWrites?: PublicWrites;
}

export interface IntactRecord {
  readonly record: VaultRecord;
  readonly digest: string;
  readonly source: VaultSlot;
}

/** The primary record if intact, else the copy if intact; NO_VAULT or VAULT_DAMAGED otherwise. */
export function pickIntactRecord(primaryRaw: unknown, copyRaw: unknown): IntactRecord {
  const primary = readVaultRecord(primaryRaw);
  if (primary.state === 'intact') return { record: primary.record, digest: primary.digest, source: 'primary' };
  const copy = readVaultRecord(copyRaw);
  if (copy.state === 'intact') return { record: copy.record, digest: copy.digest, source: 'copy' };
  if (primary.state === 'missing' && copy.state === 'missing') throw noVault();
  throw vaultDamaged();
}

const concurrentWrite = (): VaultError =>
  new VaultError('CONCURRENT_WRITE', 'The wallet changed while saving. Try again.');

export class Vault {
  readonly kdf: KdfParams;
  readonly now: () => number;
  private readonly queue = new SerialQueue();

  constructor(
    readonly db: SigilDatabase,
    options: VaultOptions = {},
  ) {
    this.kdf = assertKdfParams(options.kdf ?? DEFAULT_KDF_PARAMS);
    this.now = options.now ?? Date.now;
  }

  /** Cheap (no password, no Argon2): what the UI should show before asking for the password. */
  async health(): Promise<VaultHealth> {
    const { primary, copy } = await this.readSlots();
    if (primary.state === 'intact') return { state: 'ok', copyIntact: copy.state === 'intact' };
    if (copy.state === 'intact')
      return { state: 'recovered', reason: primary.state === 'damaged' ? primary.reason : 'missing' };
    if (primary.state === 'missing' && copy.state === 'missing') return { state: 'empty' };
    return { state: 'damaged' };
  }

  /**
   * Creates a vault holding `secrets` (empty by default) in one write and returns its key, so set-up
   * with a first seed cannot leave a vault without it. Refuses if any vault data exists unless told
   * to replace it.
   */
  async create(password: string, options: { replaceExisting?: boolean; secrets?: VaultSecrets } = {}): Promise<Uint8Array> {
    assertNewPassword(password);
    return this.queue.run(async () => {
      const secrets = options.secrets ?? emptySecrets();
      const { record, vaultKey } = await createVaultRecord(password, secrets, this.kdf, this.now());
      await this.install(record, { replaceExisting: options.replaceExisting === true });
      return vaultKey;
    });
  }

  /** WRONG_PASSWORD leaves storage untouched. Upgrades weak KDF parameters (not while recovering). */
  unlock(password: string): Promise<UnlockResult> {
    return this.queue.run(async () => {
      const base = await this.loadIntact();
      const vaultKey = await unwrapVaultKey(base.record, password);
      if (!(await decryptSecrets(base.record, vaultKey))) throw vaultDamaged();
      const recovered = base.source === 'copy';
      let upgraded = false;
      if (!recovered && isWeakerThan(base.record.kdf, this.kdf)) {
        const params = strongerOf(base.record.kdf, this.kdf);
        const record = await rewrapVaultKey(base.record, vaultKey, password, params, this.now());
        upgraded = await this.commit(base, record).then(
          () => true,
          (error: unknown) => {
            // Best effort: another context changed the vault; the next unlock upgrades it.
            if (error instanceof VaultError && error.code === 'CONCURRENT_WRITE') return false;
            throw error;
          },
        );
      }
      return { vaultKey, upgraded, recovered };
    });
  }

  /** Checks the password by unwrapping (for reveal and export) and returns the key and the secrets. */
  async openWithPassword(password: string): Promise<{ vaultKey: Uint8Array; secrets: VaultSecrets }> {
    const base = await this.loadIntact();
    const vaultKey = await unwrapVaultKey(base.record, password);
    const secrets = await decryptSecrets(base.record, vaultKey);
    if (!secrets) throw vaultDamaged();
    return { vaultKey, secrets };
  }

  /** Re-wraps only the vault key: the payload ciphertext is unchanged. */
  async changePassword(currentPassword: string, newPassword: string): Promise<void> {
    assertNewPassword(newPassword);
    if (currentPassword.normalize('NFC') === newPassword.normalize('NFC'))
      throw new VaultError('WEAK_PASSWORD', 'The new password must be different from the current one.');
    return this.queue.run(async () => {
      const base = await this.loadIntact();
      const vaultKey = await unwrapVaultKey(base.record, currentPassword);
      const params = strongerOf(base.record.kdf, this.kdf);
      const record = await rewrapVaultKey(base.record, vaultKey, newPassword, params, this.now());
      await this.commit(base, record);
    });
  }

  /** The secrets, with the key from the session. VAULT_KEY_REJECTED if the key does not open this vault. */
  async read(vaultKey: Uint8Array): Promise<VaultSecrets> {
    const base = await this.loadIntact();
    const secrets = await decryptSecrets(base.record, vaultKey);
    if (!secrets) throw vaultKeyRejected();
    return secrets;
  }

  /**
   * Applies `change` to the current secrets and saves the result (fresh IV, counter + 1) in both
   * slots, with `publicWrites` in the same transaction. If anything throws, nothing is written.
   * Writes of one Vault run one at a time, so `change` must not call another writing method of it.
   */
  update<Result>(
    vaultKey: Uint8Array,
    change: (secrets: VaultSecrets) => VaultChange<Result> | Promise<VaultChange<Result>>,
  ): Promise<Result> {
    return this.queue.run(async () => {
      const base = await this.loadIntact();
      const secrets = await decryptSecrets(base.record, vaultKey);
      if (!secrets) throw vaultKeyRejected();
      const next = await change(secrets);
      const record = await encryptSecrets(base.record, vaultKey, next.secrets, this.now());
      await this.commit(base, record, next.publicWrites);
      return next.result;
    });
  }

  /** After the UI's recovery screen: writes the intact copy over the damaged primary. */
  restoreCopyAsPrimary(): Promise<void> {
    return this.queue.run(async () => {
      const base = await this.loadIntact();
      if (base.source === 'primary') return;
      await this.commit(base, base.record);
    });
  }

  /**
   * Writes a brand-new vault record (and the public rows of `publicWrites`) in one transaction,
   * replacing whatever was there only when `replaceExisting` is set. Used by create and backup import.
   */
  installRecord(record: VaultRecord, options: { replaceExisting: boolean; publicWrites?: PublicWrites }): Promise<void> {
    return this.queue.run(() => this.install(record, options));
  }

  private async install(
    record: VaultRecord,
    options: { replaceExisting: boolean; publicWrites?: PublicWrites },
  ): Promise<void> {
    const stored = encodeVaultRecord(record);
    const stores: StoreName[] = ['vault', ...(options.publicWrites?.stores ?? [])];
    await writeAtomically(this.db, stores, async (tx) => {
      if (!options.replaceExisting) {
        const [primary, copy] = await Promise.all([readVaultSlotIn(tx, 'primary'), readVaultSlotIn(tx, 'copy')]);
        if (primary !== undefined || copy !== undefined)
          throw new VaultError('VAULT_EXISTS', 'The wallet is already set up.');
      }
      await putVaultRecordInBothSlots(tx, stored);
      await options.publicWrites?.write(tx);
    });
  }

  private async commit(base: IntactRecord, record: VaultRecord, publicWrites?: PublicWrites): Promise<void> {
    const stored = encodeVaultRecord(record);
    const stores: StoreName[] = ['vault', ...(publicWrites?.stores ?? [])];
    await writeAtomically(this.db, stores, async (tx) => {
      const current = await readVaultSlotIn(tx, base.source);
      if ((current as { digest?: unknown } | undefined)?.digest !== base.digest) throw concurrentWrite();
      await putVaultRecordInBothSlots(tx, stored);
      await publicWrites?.write(tx);
    });
  }

  private async readSlots(): Promise<{ primary: VaultRecordReading; copy: VaultRecordReading }> {
    const raw = await readVaultSlots(this.db);
    return { primary: readVaultRecord(raw.primary), copy: readVaultRecord(raw.copy) };
  }

  private async loadIntact(): Promise<IntactRecord> {
    const raw = await readVaultSlots(this.db);
    return pickIntactRecord(raw.primary, raw.copy);
  }
}
