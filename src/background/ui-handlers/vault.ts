/**
 * The wallet itself, as the popup drives it: set-up, lock state, seeds, settings and backups.
 * Errors reach the UI through `withVaultErrors` (codes explained in safe-errors.ts). Secrets the
 * person must see leave only here: a new seed's words once (ui_draftSeed) and a mnemonic after the
 * password was typed again (ui_revealMnemonic). Adding a seed or a key happens once per request id.
 */
import { decodeIdsec, isCoreError } from '../../core';
import { invalidParams } from '../../shared/errors';
import type { ImportedKeyView, SeedSource, SeedView, VaultMessages, WalletState } from '../../shared/ui-api';
import { uiRequestKey, writeOnce } from '../request-once';
import { withVaultErrors } from '../safe-errors';
import { getAllSettings, getSetting, listEntities, normalizeResolverUrl, putRequestResult, putSetting, resolverUrlProblem } from '../storage';
import {
  addImportedKey,
  addSeed,
  assertNewPassword,
  backupFileName,
  emptySecrets,
  exportBackup,
  hexToSeedEntropy,
  importBackup,
  keyNameOriginOf,
  mnemonicToSeedEntropy,
  SeedManager,
  vaultStateOf,
  VaultError,
  type ImportedKeySummary,
  type SeedOrigin,
} from '../vault';
import type { SeedMethod, SeedSecret } from '../vault/secrets';
import { summarizeImportedKey, summarizeSeed } from '../vault/seed-operations';
import type { AreaHandlers, UiHandlerDeps } from './types';

/** A blank label means "use the default one". */
const labelOrDefault = (label: string | undefined): string | undefined => (label?.trim() ? label : undefined);

interface SeedInput {
  readonly entropy: Uint8Array;
  readonly origin: SeedOrigin;
  readonly method?: SeedMethod;
  readonly password?: string;
}

const seedView = (seed: SeedSecret): SeedView => {
  const summary = summarizeSeed(seed);
  return {
    id: summary.id,
    label: summary.label,
    createdAt: summary.createdAt,
    words: summary.wordCount,
    origin: summary.origin,
    method: summary.method,
    hasPassword: seed.password !== '',
  };
};

const importedKeyView = (key: ImportedKeySummary): ImportedKeyView => ({ id: key.id, label: key.label, idpub: key.idpub });

function decodeIdsecInput(idsec: string): Uint8Array {
  try {
    return decodeIdsec(idsec);
  } catch (error) {
    if (!isCoreError(error)) throw error;
    throw new VaultError('INVALID_KEY', `This is not a valid idsec key: ${error.message}.`);
  }
}

export function vaultHandlers(deps: UiHandlerDeps): AreaHandlers<VaultMessages> {
  const { db, wallet, approvals, identities, about, now } = deps;
  const vault = wallet.vault;

  async function walletState(): Promise<WalletState> {
    const [health, times, settings, waiting] = await Promise.all([
      vault.health(),
      wallet.times(),
      getAllSettings(db),
      approvals.pendingCount(),
    ]);
    return {
      ...vaultStateOf(health, times !== null),
      version: about.version,
      browser: about.browser,
      backgroundStartedAt: about.startedAt,
      pendingCount: waiting,
      autoLockMinutes: settings.autoLock,
      resolverUrl: settings.resolverUrl,
    };
  }

  async function seedInputOf(seed: SeedSource): Promise<SeedInput> {
    switch (seed.source) {
      case 'draft':
        return { entropy: await wallet.drafts.confirmed(seed.confirm), origin: 'created' };
      case 'mnemonic':
        return { entropy: mnemonicToSeedEntropy(seed.words), origin: 'mnemonic' };
      case 'hex': {
        const method = seed.method ?? 'bip39';
        return { entropy: hexToSeedEntropy(seed.hex, method), origin: 'hex', method, password: seed.password ?? '' };
      }
    }
  }

  return {
    ui_state: withVaultErrors(walletState),

    ui_draftSeed: withVaultErrors(async () => {
      if ((await vault.health()).state !== 'empty') await wallet.requireVaultKey();
      return { words: await wallet.drafts.create() };
    }),

    ui_createWallet: withVaultErrors(async ({ password, seed, label }, { requestId }) => {
      const key = uiRequestKey(requestId);
      // Once per request: re-sent after it went through, it answers with the wallet's state, not "already set up".
      await writeOnce(db, key, async () => {
        if ((await vault.health()).state !== 'empty') throw new VaultError('VAULT_EXISTS', 'The wallet is already set up.');
        assertNewPassword(password);
        const first = addSeed(emptySecrets(), { ...(await seedInputOf(seed)), label: labelOrDefault(label), now: now() });
        const vaultKey = await vault.create(password, {
          secrets: first.secrets,
          publicWrites: { stores: ['requestResults'], write: (tx) => putRequestResult(tx, key, true, now()) },
        });
        if (seed.source === 'draft') await wallet.drafts.discard();
        await wallet.unlock(vaultKey);
        return true;
      });
      return walletState();
    }),

    ui_unlock: withVaultErrors(async ({ password }) => {
      const { vaultKey } = await vault.unlock(password);
      await wallet.unlock(vaultKey);
      return walletState();
    }),

    ui_lock: withVaultErrors(async () => {
      await wallet.lock();
      return walletState();
    }),

    ui_restoreCopy: withVaultErrors(async () => {
      await wallet.restoreCopy();
      return walletState();
    }),

    ui_changePassword: withVaultErrors(async ({ current, next }, { requestId }) => {
      await wallet.requireVaultKey();
      const key = uiRequestKey(requestId);
      // Once per request: re-sent after it went through, the old password would be refused.
      return writeOnce(db, key, async () => {
        await vault.changePassword(current, next, { stores: ['requestResults'], write: (tx) => putRequestResult(tx, key, true, now()) });
        return true as const;
      });
    }),

    ui_setAutoLock: withVaultErrors(async ({ minutes }) => {
      await wallet.requireVaultKey();
      await putSetting(db, 'autoLock', minutes);
      await wallet.applyAutoLockSetting();
      wallet.announce();
      return walletState();
    }),

    ui_setResolverUrl: withVaultErrors(async ({ url }) => {
      await wallet.requireVaultKey();
      const normalized = normalizeResolverUrl(url);
      const problem = resolverUrlProblem(normalized);
      if (problem) throw invalidParams(problem);
      const changed = (await getSetting(db, 'resolverUrl')) !== normalized;
      await putSetting(db, 'resolverUrl', normalized);
      wallet.announce();
      // Documents signed for no resolver, or for another one, go to the new one.
      if (changed) await identities.resolverChanged();
      return walletState();
    }),

    ui_seeds: withVaultErrors(async () => {
      const secrets = await vault.read(await wallet.requireVaultKey());
      return {
        seeds: secrets.seeds.map(seedView),
        importedKeys: secrets.importedKeys.map((k) => importedKeyView(summarizeImportedKey(k))),
        customKeyNames: secrets.entities.filter((e) => keyNameOriginOf(e) === 'custom').map((e) => e.entityId),
      };
    }),

    ui_addSeed: withVaultErrors(async ({ seed, label }, { requestId }) => {
      const key = uiRequestKey(requestId);
      const added = await writeOnce(db, key, async () => {
        await wallet.requireVaultKey();
        const input = await seedInputOf(seed);
        return wallet.writeSecrets((secrets) => {
          const next = addSeed(secrets, { ...input, label: labelOrDefault(label), now: now() });
          const view = seedView(next.seed);
          return {
            secrets: next.secrets,
            result: view,
            publicWrites: { stores: ['requestResults'], write: (tx) => putRequestResult(tx, key, view, now()) },
          };
        });
      });
      if (seed.source === 'draft') await wallet.drafts.discard();
      wallet.announce();
      return added;
    }),

    ui_importIdsec: withVaultErrors(async ({ idsec, label }, { requestId }) => {
      const key = uiRequestKey(requestId);
      const imported = await writeOnce(db, key, async () => {
        await wallet.requireVaultKey();
        const secret = decodeIdsecInput(idsec);
        try {
          return await wallet.writeSecrets((secrets) => {
            const next = addImportedKey(secrets, { secret, label: labelOrDefault(label), now: now() });
            const view = importedKeyView(summarizeImportedKey(next.key));
            return {
              secrets: next.secrets,
              result: view,
              publicWrites: { stores: ['requestResults'], write: (tx) => putRequestResult(tx, key, view, now()) },
            };
          });
        } finally {
          secret.fill(0);
        }
      });
      wallet.announce();
      return imported;
    }),

    ui_revealMnemonic: withVaultErrors(async ({ seedId, password }) => {
      await wallet.requireVaultKey();
      const revealed = await new SeedManager(vault).reveal(password, seedId);
      return { words: revealed.mnemonic ? revealed.mnemonic.split(' ') : [], hex: revealed.hex };
    }),

    ui_exportBackup: withVaultErrors(async ({ password }) => {
      await wallet.requireVaultKey();
      const contents = await exportBackup(vault, password);
      return { fileName: backupFileName(new Date(now())), contents };
    }),

    ui_importBackup: withVaultErrors(async ({ contents, password, replaceExisting }, { requestId }) => {
      const key = uiRequestKey(requestId);
      // Once per request: re-sent after it went through, it must not replace the wallet a second time.
      await writeOnce(db, key, async () => {
        const before = (await listEntities(db)).map((e) => e.did);
        const { vaultKey } = await importBackup(vault, contents, password, {
          replaceExisting: replaceExisting === true,
          publicWrites: { stores: ['requestResults'], write: (tx) => putRequestResult(tx, key, true, now()) },
        });
        // The wallet that was open (if any) is gone: lock it for everyone holding its keys, then open the new one.
        await wallet.lock();
        await wallet.applyAutoLockSetting();
        await wallet.unlock(vaultKey);
        const after = (await listEntities(db)).map((e) => e.did);
        wallet.announceReplaced([...new Set([...before, ...after])]);
        return true;
      });
      return walletState();
    }),
  };
}
