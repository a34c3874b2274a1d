/**
 * The wallet itself, as the popup drives it: set-up, lock state, seeds, settings and backups.
 * Errors reach the UI through `withVaultErrors` (codes explained in safe-errors.ts). Secrets the
 * person must see leave only here: a new seed's words once (ui_draftSeed) and a mnemonic after the
 * password was typed again (ui_revealMnemonic).
 */
import { invalidParams } from '../../shared/errors';
import type { ImportedKeyView, SeedSource, SeedView, VaultMessages, WalletState } from '../../shared/ui-api';
import { armAutoLock } from '../auto-lock-alarm';
import { emitWalletEvent } from '../events';
import { database, requireVaultKey, seedDrafts, session, vault } from '../services';
import {
  getAllSettings,
  getSetting,
  listEntities,
  normalizeResolverUrl,
  putSetting,
  resolverUrlProblem,
  type SigilDatabase,
} from '../storage';
import {
  addSeed,
  assertNewPassword,
  AutoLockPolicy,
  backupFileName,
  emptySecrets,
  exportBackup,
  hexToSeedEntropy,
  importBackup,
  mnemonicToSeedEntropy,
  SeedManager,
  vaultStateOf,
  VaultError,
  type ImportedKeySummary,
  type SeedOrigin,
  type SeedSummary,
} from '../vault';
import { pendingCount } from '../approvals';
import { resolverChanged } from '../identities';
import { withVaultErrors } from '../safe-errors';
import { backgroundStartedAt, browserName, walletVersion } from '../wallet-info';
import { lockWallet, unlockWallet } from '../wallet-session';
import type { AreaHandlers } from './types';

async function walletState(): Promise<WalletState> {
  const db = await database();
  const [health, times, settings, waiting] = await Promise.all([
    (await vault()).health(),
    (await session()).times(),
    getAllSettings(db),
    pendingCount(),
  ]);
  return {
    ...vaultStateOf(health, times !== null),
    version: walletVersion(),
    browser: browserName(),
    backgroundStartedAt: backgroundStartedAt(),
    pendingCount: waiting,
    autoLockMinutes: settings.autoLock,
    resolverUrl: settings.resolverUrl,
  };
}


/** A blank label means "use the default one". */
const labelOrDefault = (label: string | undefined): string | undefined => (label?.trim() ? label : undefined);

interface SeedInput {
  readonly entropy: Uint8Array;
  readonly origin: SeedOrigin;
}

async function seedInputOf(seed: SeedSource): Promise<SeedInput> {
  switch (seed.source) {
    case 'draft':
      return { entropy: await seedDrafts().confirmed(seed.confirm), origin: 'created' };
    case 'mnemonic':
      return { entropy: mnemonicToSeedEntropy(seed.words), origin: 'mnemonic' };
    case 'hex':
      return { entropy: hexToSeedEntropy(seed.hex), origin: 'hex' };
  }
}

const seedView = (seed: SeedSummary): SeedView => ({
  id: seed.id,
  label: seed.label,
  createdAt: seed.createdAt,
  words: seed.wordCount,
  origin: seed.origin,
});

const importedKeyView = (key: ImportedKeySummary): ImportedKeyView => ({ id: key.id, label: key.label, idpub: key.idpub });

async function applyAutoLockSetting(db: SigilDatabase): Promise<void> {
  (await session()).setAutoLock(new AutoLockPolicy(await getSetting(db, 'autoLock')));
}

export const vaultHandlers: AreaHandlers<VaultMessages> = {
  ui_state: withVaultErrors(walletState),

  ui_draftSeed: withVaultErrors(async () => {
    const empty = (await (await vault()).health()).state === 'empty';
    if (!empty) await requireVaultKey();
    return { words: await seedDrafts().create() };
  }),

  ui_createWallet: withVaultErrors(async ({ password, seed, label }) => {
    const v = await vault();
    if ((await v.health()).state !== 'empty') throw new VaultError('VAULT_EXISTS', 'The wallet is already set up.');
    assertNewPassword(password);
    const { entropy, origin } = await seedInputOf(seed);
    const first = addSeed(emptySecrets(), { entropy, origin, label: labelOrDefault(label), now: v.now() });
    const vaultKey = await v.create(password, { secrets: first.secrets });
    if (seed.source === 'draft') await seedDrafts().discard();
    await unlockWallet(vaultKey);
    return walletState();
  }),

  ui_unlock: withVaultErrors(async ({ password }) => {
    const { vaultKey } = await (await vault()).unlock(password);
    await unlockWallet(vaultKey);
    return walletState();
  }),

  ui_lock: withVaultErrors(async () => {
    await lockWallet();
    return walletState();
  }),

  ui_restoreCopy: withVaultErrors(async () => {
    await (await vault()).restoreCopyAsPrimary();
    emitWalletEvent({ type: 'stateChanged' });
    return walletState();
  }),

  ui_changePassword: withVaultErrors(async ({ current, next }) => {
    await requireVaultKey();
    await (await vault()).changePassword(current, next);
    return true as const;
  }),

  ui_setAutoLock: withVaultErrors(async ({ minutes }) => {
    await requireVaultKey();
    const db = await database();
    await putSetting(db, 'autoLock', minutes);
    await applyAutoLockSetting(db);
    await armAutoLock();
    emitWalletEvent({ type: 'stateChanged' });
    return walletState();
  }),

  ui_setResolverUrl: withVaultErrors(async ({ url }) => {
    await requireVaultKey();
    const normalized = normalizeResolverUrl(url);
    const problem = resolverUrlProblem(normalized);
    if (problem) throw invalidParams(problem);
    const db = await database();
    const changed = (await getSetting(db, 'resolverUrl')) !== normalized;
    await putSetting(db, 'resolverUrl', normalized);
    emitWalletEvent({ type: 'stateChanged' });
    // Documents signed for no resolver, or for another one, go to the new one.
    if (changed) await resolverChanged();
    return walletState();
  }),

  ui_seeds: withVaultErrors(async () => {
    const overview = await new SeedManager(await vault()).list(await requireVaultKey());
    return { seeds: overview.seeds.map(seedView), importedKeys: overview.importedKeys.map(importedKeyView) };
  }),

  ui_addSeed: withVaultErrors(async ({ seed, label }) => {
    const vaultKey = await requireVaultKey();
    const { entropy, origin } = await seedInputOf(seed);
    const added = await new SeedManager(await vault()).add(vaultKey, entropy, origin, labelOrDefault(label));
    if (seed.source === 'draft') await seedDrafts().discard();
    emitWalletEvent({ type: 'stateChanged' });
    return seedView(added);
  }),

  ui_importIdsec: withVaultErrors(async ({ idsec, label }) => {
    const vaultKey = await requireVaultKey();
    const key = await new SeedManager(await vault()).importIdsec(vaultKey, idsec, labelOrDefault(label));
    emitWalletEvent({ type: 'stateChanged' });
    return importedKeyView(key);
  }),

  ui_revealMnemonic: withVaultErrors(async ({ seedId, password }) => {
    await requireVaultKey();
    const revealed = await new SeedManager(await vault()).reveal(password, seedId);
    return { words: revealed.mnemonic.split(' ') };
  }),

  ui_exportBackup: withVaultErrors(async ({ password }) => {
    await requireVaultKey();
    const contents = await exportBackup(await vault(), password);
    return { fileName: backupFileName(new Date()), contents };
  }),

  ui_importBackup: withVaultErrors(async ({ contents, password, replaceExisting }) => {
    const db = await database();
    const before = (await listEntities(db)).map((e) => e.did);
    const { vaultKey } = await importBackup(await vault(), contents, password, { replaceExisting: replaceExisting === true });
    // The wallet that was open (if any) is gone: lock it for everyone holding its keys, then open the new one.
    await lockWallet();
    await applyAutoLockSetting(db);
    await unlockWallet(vaultKey);
    const after = (await listEntities(db)).map((e) => e.did);
    emitWalletEvent({ type: 'entitiesChanged', dids: [...new Set([...before, ...after])] });
    emitWalletEvent({ type: 'pendingChanged' });
    return walletState();
  }),
};
