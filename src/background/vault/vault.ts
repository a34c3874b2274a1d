/**
 * The vault bound to storage: create, unlock, change password, read and write secrets, recover.
 *
 * A write has three steps, so that the copy slot always keeps the previous generation until the
 * new one has been read back intact:
 *   1. one IndexedDB transaction puts the new record into `primary`, together with any public-state
 *      rows that belong to the same change (a compare-and-swap on the record digest refuses to
 *      overwrite a record another context wrote in the meantime);
 *   2. a separate read takes `primary` back and checks its integrity (and, with the vault key,
 *      that its payload opens);
 *   3. only then a second transaction puts the same record into `copy`.
 * Interrupted anywhere, storage holds either the old generation in both slots or the new one in
 * `primary` and the old one in `copy`. All crypto happens before a transaction opens.
 *
 * Unlock upgrades what it opened: weak KDF parameters, and an older record layout or secrets
 * payload (migrated step by step on reading) written back in the current versions.
 */
import {
  putVaultRecordIn,
  readVaultSlotIn,
  readVaultSlots,
  writeAtomically,
  type SigilDatabase,
  type StoreName,
  type VaultSlot,
  type WriteTransaction,
} from '../storage';
import { noVault, vaultDamaged, vaultKeyRejected, vaultTooNew, VaultError } from './errors';
import { assertKdfParams, DEFAULT_KDF_PARAMS, isWeakerThan, strongerOf, type KdfParams } from './kdf';
import {
  encodeVaultRecord,
  readVaultRecord,
  VAULT_VERSION,
  type StoredVaultRecord,
  type VaultRecord,
  type VaultRecordReading,
} from './record';
import { emptySecrets, SECRETS_VERSION, type VaultSecrets } from './secrets';
import { SerialQueue } from './serial-queue';
import {
  assertNewPassword,
  createVaultRecord,
  decryptSecrets,
  encryptSecrets,
  openSecrets,
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
  | { readonly state: 'damaged' }
  /** A newer Sigil wrote the vault: nothing is damaged, but this build must neither read nor overwrite it. */
  | { readonly state: 'too-new' };

export interface UnlockResult {
  /** 32 bytes; the caller keeps it in the session. */
  readonly vaultKey: Uint8Array;
  /** The record was re-wrapped with stronger KDF parameters. */
  readonly upgraded: boolean;
  /** The record or its secrets were stored in an older version and have been written back in the current one. */
  readonly migrated: boolean;
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
  /** The record layout version it was stored in. */
  readonly storedVersion: number;
}

/**
 * The primary record if intact, else the copy if intact; NO_VAULT or VAULT_DAMAGED otherwise.
 * VAULT_TOO_NEW when the record to use was written by a newer Sigil (never the older copy instead:
 * writing over the newer record would lose what it holds).
 */
export function pickIntactRecord(primaryRaw: unknown, copyRaw: unknown): IntactRecord {
  const primary = readVaultRecord(primaryRaw);
  if (primary.state === 'newer') throw vaultTooNew();
  if (primary.state === 'intact') return { ...primary, source: 'primary' };
  const copy = readVaultRecord(copyRaw);
  if (copy.state === 'newer') throw vaultTooNew();
  if (copy.state === 'intact') return { ...copy, source: 'copy' };
  if (primary.state === 'missing' && copy.state === 'missing') throw noVault();
  throw vaultDamaged();
}

const digestOf = (stored: unknown): unknown => (stored as { digest?: unknown } | undefined)?.digest;

const concurrentWrite = (): VaultError =>
  new VaultError('CONCURRENT_WRITE', 'The wallet changed while saving. Try again.');

const writeNotVerified = (): VaultError =>
  new VaultError(
    'WRITE_NOT_VERIFIED',
    'The wallet data did not read back intact after saving. The previous version is kept as a copy.',
  );

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
    if (primary.state === 'newer' || (primary.state !== 'intact' && copy.state === 'newer')) return { state: 'too-new' };
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
  async create(
    password: string,
    options: { replaceExisting?: boolean; secrets?: VaultSecrets; publicWrites?: PublicWrites } = {},
  ): Promise<Uint8Array> {
    assertNewPassword(password);
    return this.queue.run(async () => {
      const secrets = options.secrets ?? emptySecrets();
      const { record, vaultKey } = await createVaultRecord(password, secrets, this.kdf, this.now());
      await this.install(record, {
        replaceExisting: options.replaceExisting === true,
        ...(options.publicWrites ? { publicWrites: options.publicWrites } : {}),
      });
      return vaultKey;
    });
  }

  /**
   * WRONG_PASSWORD leaves storage untouched. Upgrades weak KDF parameters and writes an older
   * record or payload back in the current versions (not while recovering: the recovery screen
   * decides what becomes the primary record).
   */
  unlock(password: string): Promise<UnlockResult> {
    return this.queue.run(async () => {
      const base = await this.loadIntact();
      const vaultKey = await unwrapVaultKey(base.record, password);
      const opened = await openSecrets(base.record, vaultKey);
      if (!opened) throw vaultDamaged();
      const recovered = base.source === 'copy';
      const weakKdf = isWeakerThan(base.record.kdf, this.kdf);
      const olderFormat = base.storedVersion < VAULT_VERSION || opened.storedVersion < SECRETS_VERSION;
      if (recovered || (!weakKdf && !olderFormat)) return { vaultKey, upgraded: false, migrated: false, recovered };

      let record = base.record;
      if (weakKdf) record = await rewrapVaultKey(record, vaultKey, password, strongerOf(record.kdf, this.kdf), this.now());
      if (olderFormat) record = await encryptSecrets(record, vaultKey, opened.secrets, this.now());
      const written = await this.commit(base, record, { vaultKey }).then(
        () => true,
        (error: unknown) => {
          // Best effort: another context changed the vault (and wrote it in its own version); the
          // next unlock upgrades it. Reading migrates in memory meanwhile.
          if (error instanceof VaultError && error.code === 'CONCURRENT_WRITE') return false;
          throw error;
        },
      );
      return { vaultKey, upgraded: written && weakKdf, migrated: written && olderFormat, recovered };
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
  async changePassword(currentPassword: string, newPassword: string, publicWrites?: PublicWrites): Promise<void> {
    assertNewPassword(newPassword);
    if (currentPassword.normalize('NFC') === newPassword.normalize('NFC'))
      throw new VaultError('WEAK_PASSWORD', 'The new password must be different from the current one.');
    return this.queue.run(async () => {
      const base = await this.loadIntact();
      const vaultKey = await unwrapVaultKey(base.record, currentPassword);
      const params = strongerOf(base.record.kdf, this.kdf);
      const record = await rewrapVaultKey(base.record, vaultKey, newPassword, params, this.now());
      await this.commit(base, record, { vaultKey, ...(publicWrites ? { publicWrites } : {}) });
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
   * Applies `change` to the current secrets and saves the result (fresh IV, counter + 1), with
   * `publicWrites` in the same transaction as the primary record. If `change` or a write throws,
   * nothing is written.
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
      await this.commit(base, record, { vaultKey, publicWrites: next.publicWrites });
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
   * replacing whatever was there only when `replaceExisting` is set; the copy slot gets it once it
   * has been read back. Used by create and backup import.
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
      await putVaultRecordIn(tx, 'primary', stored);
      await options.publicWrites?.write(tx);
    });
    await this.verifyAndCopy(stored);
  }

  /** Writes `record` over `base` (compare-and-swap on its digest), then verifies and copies it. */
  private async commit(
    base: IntactRecord,
    record: VaultRecord,
    options: { vaultKey?: Uint8Array; publicWrites?: PublicWrites } = {},
  ): Promise<void> {
    const stored = encodeVaultRecord(record);
    const stores: StoreName[] = ['vault', ...(options.publicWrites?.stores ?? [])];
    await writeAtomically(this.db, stores, async (tx) => {
      const current = await readVaultSlotIn(tx, base.source);
      if (digestOf(current) !== base.digest) throw concurrentWrite();
      await putVaultRecordIn(tx, 'primary', stored);
      await options.publicWrites?.write(tx);
    });
    await this.verifyAndCopy(stored, options.vaultKey);
  }

  /**
   * Steps 2 and 3 of a write: reads `primary` back in its own transaction and, only if it is
   * `stored` intact (and its payload opens with `vaultKey` when given), puts it into `copy`.
   * WRITE_NOT_VERIFIED otherwise, with the previous generation still in `copy`.
   */
  private async verifyAndCopy(stored: StoredVaultRecord, vaultKey?: Uint8Array): Promise<void> {
    const readBack = readVaultRecord((await readVaultSlots(this.db)).primary);
    if (readBack.state !== 'intact') throw writeNotVerified();
    if (readBack.digest !== stored.digest) {
      // Another context wrote a later generation right after this one (it copies its own);
      // anything else means this write did not land as written.
      const later = readBack.record.vaultId !== stored.vaultId || readBack.record.counter > stored.counter;
      if (later) return;
      throw writeNotVerified();
    }
    if (vaultKey && !(await decryptSecrets(readBack.record, vaultKey).catch(() => null))) throw writeNotVerified();
    try {
      await writeAtomically(this.db, ['vault'], async (tx) => {
        // A later generation written meanwhile by another context is copied by that context.
        if (digestOf(await readVaultSlotIn(tx, 'primary')) !== stored.digest) return;
        await putVaultRecordIn(tx, 'copy', stored);
      });
    } catch {
      // The change is saved and verified in `primary`; `copy` still holds the previous generation
      // and the next write refreshes it. Failing here would invite the caller to repeat a
      // change that has already happened.
    }
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
