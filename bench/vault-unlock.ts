/**
 * Vault password operations with the default Argon2id parameters (64 MiB, t = 3, p = 1), on
 * fake-indexeddb in Node (the same code runs in the browsers: see vault-unlock-chromium.ts).
 */
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { openSigilDatabase } from '../src/background/storage';
import { exportBackup, importBackup, SeedManager, Vault } from '../src/background/vault';
import type { BenchGroup } from './types';

const PASSWORD = 'correct horse battery';
const SECOND = 1000;

const newVault = async (): Promise<Vault> => new Vault(await openSigilDatabase(new IDBFactory()));

let vault: Vault;
let vaultKey: Uint8Array;
let backup: string;

const group: BenchGroup = {
  name: 'vault',
  description: 'Argon2id m = 64 MiB, t = 3, p = 1 (one derivation per unlock)',
  async setup() {
    vault = await newVault();
    vaultKey = await vault.create(PASSWORD);
    await new SeedManager(vault).create(vaultKey, 'Main');
    backup = await exportBackup(vault, PASSWORD);
  },
  cases: [
    { name: 'unlock', run: () => vault.unlock(PASSWORD), runs: 5, warmup: 1, target: { stat: 'median', ms: 2 * SECOND } },
    {
      name: 'wrong password',
      run: () => vault.unlock('wrong password').catch(() => undefined),
      runs: 3,
      warmup: 0,
    },
    { name: 'write (seed import, no KDF)', run: () => new SeedManager(vault).create(vaultKey), runs: 20 },
    { name: 'import backup (2 derivations)', run: async () => importBackup(await newVault(), backup, PASSWORD), runs: 3, warmup: 0 },
  ],
};

export default group;
