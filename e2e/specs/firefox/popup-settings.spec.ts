import { expect, test } from '@playwright/test';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'puppeteer-core';
import { startDappServer, type DappServer } from '../../dapp/server';
import { launchFirefox, type FirefoxSession } from '../../support/firefox';
import { createUserAndAgentByMessages, createWalletByMessages, PASSWORD, REFERENCE, uiCall } from '../../support/popup';
import {
  capture,
  click,
  downloads,
  field,
  fill,
  go,
  openPopup,
  pickFile,
  recordDownloads,
  reload,
  textOf,
  waitForCount,
  waitForHeading,
  waitForText,
} from '../../support/popup-firefox';
import { scriptable } from '../../support/ui-messages';

// One browser and one wallet for the file; the test that changes the password runs last.
let firefox: FirefoxSession;
let popup: Page;
let dapp: DappServer;
let files: string;
let words: string[];

test.beforeAll(async () => {
  files = mkdtempSync(join(tmpdir(), 'sigil-firefox-settings-'));
  dapp = await startDappServer();
  firefox = await launchFirefox();
  popup = await openPopup(firefox);
  words = await createWalletByMessages(scriptable(popup));
});
test.afterAll(async () => {
  await firefox?.close();
  await dapp?.close();
  rmSync(files, { recursive: true, force: true });
});

const state = () => uiCall(scriptable(popup), 'ui_state');
/** Opens a settings screen in a fresh load, so no earlier set-up message re-routes it. */
async function openSettings(hash: string): Promise<void> {
  await go(popup, hash);
  await reload(popup);
}
const selectedLabel = (label: string) => field(popup, label).then((select) => select.evaluate((s) => (s as HTMLSelectElement).selectedOptions[0]!.textContent));

test.describe('popup: settings (Firefox)', () => {
  test('auto-lock and resolver address are saved, and a bad address is refused next to the field', async () => {
    await openSettings('#/');
    await click(popup, 'Settings');
    await waitForHeading(popup, 'Settings');
    await waitForText(popup, 'After 15 minutes');
    await click(popup, 'Auto-lock', true);
    const lockAfter = await field(popup, 'Lock Sigil after');
    const fiveMinutes = await lockAfter.evaluate((s) => [...(s as HTMLSelectElement).options].find((o) => o.textContent === '5 minutes')!.value);
    await lockAfter.select(fiveMinutes);
    await click(popup, 'Save');
    await waitForText(popup, 'Saved.', '[role="status"]');
    await capture(popup, 'settings-auto-lock');
    expect((await state()).autoLockMinutes).toBe(5);
    await lockAfter.select(await lockAfter.evaluate((s) => [...(s as HTMLSelectElement).options].find((o) => o.textContent === 'Never')!.value));
    await click(popup, 'Save');
    await expect.poll(async () => (await state()).autoLockMinutes).toBe('never');
    expect(await selectedLabel('Lock Sigil after')).toBe('Never');
    await click(popup, '‹ Back');
    await waitForHeading(popup, 'Settings');
    await waitForText(popup, 'Never');

    await click(popup, 'Resolver', true);
    await fill(popup, 'Resolver address', 'ftp://resolver.example');
    await click(popup, 'Save');
    await waitForText(popup, 'The address must start with https:// or http://.');
    await capture(popup, 'settings-resolver-error');
    expect((await state()).resolverUrl).toBe('http://127.0.0.1:8701');
    await fill(popup, 'Resolver address', 'http://127.0.0.1:9/resolver');
    await click(popup, 'Save');
    await waitForText(popup, 'Saved.', '[role="status"]');
    expect((await state()).resolverUrl).toContain('http://127.0.0.1:9/resolver');
    await click(popup, '‹ Back');
    await waitForText(popup, 'http://127.0.0.1:9/resolver');
    await uiCall(scriptable(popup), 'ui_setResolverUrl', { url: 'http://127.0.0.1:8701' });
  });

  test('a backup downloads as a file and restoring it brings the wallet back as it was', async () => {
    await createUserAndAgentByMessages(scriptable(popup), 'Gail', 'Gail agent');
    await openSettings('#/settings/backup');
    await recordDownloads(popup);
    await click(popup, 'Download backup');
    await waitForText(popup, 'Enter your password to export.');
    await fill(popup, 'Password', PASSWORD);
    await click(popup, 'Download backup');
    await waitForText(popup, 'Saved as ', '[role="status"]');
    const [saved] = await downloads(popup);
    expect(await textOf(popup, '[role="status"]')).toContain(`Saved as ${saved!.fileName}`);
    expect(saved!.contents).not.toContain('Gail');
    expect(saved!.contents).not.toContain(PASSWORD);
    await capture(popup, 'settings-backup');
    const file = join(files, saved!.fileName);
    writeFileSync(file, saved!.contents);

    // Something made after the backup disappears when the backup is restored.
    await uiCall(scriptable(popup), 'ui_createEntity', { kind: 'twin', label: 'After backup', keyName: 'after-backup' });
    await pickFile(popup, 'Backup file', file);
    await fill(popup, 'Backup password', 'not it');
    await click(popup, 'Restore backup');
    await popup.waitForSelector('form[aria-label="Restore a backup file"] .form-error');
    expect((await uiCall(scriptable(popup), 'ui_entities')).entities.map((e) => e.label)).toContain('After backup');
    await fill(popup, 'Backup password', PASSWORD);
    await click(popup, 'Restore backup');
    await waitForText(popup, 'Backup restored.');
    await waitForHeading(popup, 'Identities');
    const labels = (await uiCall(scriptable(popup), 'ui_entities')).entities.map((e) => e.label).sort();
    expect(labels).toEqual(['Gail', 'Gail agent']);
  });

  test('connected sites are listed with what they see, and disconnecting one cuts it off', async () => {
    const { user } = await createUserAndAgentByMessages(scriptable(popup), 'Hana', 'Hana agent');
    const site = await firefox.openDapp(dapp.origin);
    const connected = site.evaluate(() => window.sigil.request({ method: 'sigil_connect' }));
    await expect.poll(async () => (await uiCall(scriptable(popup), 'ui_pending')).requests.length).toBe(1);
    const [request] = (await uiCall(scriptable(popup), 'ui_pending')).requests;
    await uiCall(scriptable(popup), 'ui_decide', { id: request!.id, decision: 'approve', choices: { entities: [user.did] } });
    expect(await connected).toEqual({ entities: [{ did: user.did, kind: 'user', label: 'Hana' }] });

    await openSettings('#/settings/sites');
    const item = `[data-testid="sites"] [data-origin="${dapp.origin}"]`;
    await waitForText(popup, 'Sees: Hana', item);
    await capture(popup, 'settings-sites');
    await (await popup.waitForSelector(`${item} button[aria-label="Disconnect ${dapp.origin}"]`))!.click();
    await waitForText(popup, 'No site is connected.');
    const refused = await site.evaluate(() => window.sigil.request({ method: 'sigil_entities' }).then(() => null, (e: { code: number }) => e.code));
    expect(refused).toBe(4100);
    await site.close();
  });

  test('revealing the recovery phrase needs the password and shows the wallet’s words', async () => {
    await openSettings('#/settings/mnemonic');
    await click(popup, 'Reveal recovery phrase');
    await waitForText(popup, 'Enter your password to reveal the phrase.');
    await fill(popup, 'Password', 'wrong password');
    await click(popup, 'Reveal recovery phrase');
    await popup.waitForSelector('.form-error');
    expect(await popup.$('[data-testid="recovery-words"]')).toBeNull();
    await capture(popup, 'settings-mnemonic-error');
    await fill(popup, 'Password', PASSWORD);
    await click(popup, 'Reveal recovery phrase');
    // The words stay covered until the person reveals them.
    await popup.waitForSelector('[data-testid="words-hidden"]');
    await click(popup, 'Reveal the words');
    await popup.waitForSelector('[data-testid="recovery-words"]');
    expect(await popup.$$eval('[data-testid="recovery-words"] li', (items) => items.map((li) => li.lastChild!.textContent!.trim()))).toEqual(words);
  });

  test('seeds and imported keys: a second seed, then an identity made from it', async () => {
    await openSettings('#/settings/seeds');
    await waitForCount(popup, '[data-testid="seed-list"] li', 1);
    const addForm = 'form[aria-label="Add a seed"]';
    await fill(popup, 'Recovery phrase', 'abandon abandon');
    await click(popup, 'Add seed');
    await waitForText(popup, 'A recovery phrase has 12 or 24 words; this one has 2.', addForm);
    await fill(popup, 'Recovery phrase', REFERENCE.mnemonic);
    await fill(popup, 'Seed label (optional)', 'Reference');
    await click(popup, 'Add seed');
    await waitForCount(popup, '[data-testid="seed-list"] li', 2);
    await waitForText(popup, 'Reference', '[data-testid="seed-list"]');
    // The added seed's identities are looked for on the resolver, then the form is back.
    await popup.waitForSelector('[data-testid="restore-summary"]');
    await (await popup.waitForSelector('[data-testid="identity-search"] button.primary:not([disabled])'))!.click();
    await popup.waitForSelector(addForm);
    await capture(popup, 'settings-seeds');

    await go(popup, '#/create/entity');
    const seedChoice = await field(popup, 'Seed');
    const seeds = await seedChoice.evaluate((select) => [...(select as HTMLSelectElement).options].map((option) => ({ text: option.textContent ?? '', value: option.value })));
    expect(seeds).toHaveLength(2);
    const reference = seeds.find((seed) => seed.text === 'Reference (24 words)');
    expect(reference, 'the added seed is offered under Seed').toBeDefined();
    await seedChoice.select(reference!.value);
    await fill(popup, 'Label', 'Alice');
    // DESIGN §6's reference DID is for the key name "alice", chosen by hand.
    await click(popup, 'Choose a key name');
    await fill(popup, 'Key name', 'alice');
    await click(popup, 'Create User');
    await waitForText(popup, 'Created User Alice.', '[data-testid="created"]');
    await (await popup.waitForSelector('[data-testid="created"] a'))!.click();
    await popup.waitForFunction((did: string) => document.querySelector('[data-testid="entity-did"]')?.textContent === did, { timeout: 10_000 }, REFERENCE.aliceDid);
  });

  test('changing the password: checked fields, wrong current password refused, the new one unlocks', async () => {
    await openSettings('#/settings/password');
    const next = 'a brand new passphrase';
    await fill(popup, 'Current password', 'wrong password');
    await fill(popup, 'New password', next);
    await fill(popup, 'Confirm new password', 'something else');
    await click(popup, 'Change password');
    await waitForText(popup, 'The two new passwords are not the same.');
    await fill(popup, 'Confirm new password', next);
    await click(popup, 'Change password');
    await popup.waitForSelector('.form-error');
    await capture(popup, 'settings-password-error');

    await fill(popup, 'Current password', PASSWORD);
    await click(popup, 'Change password');
    await waitForText(popup, 'Password changed.', '[role="status"]');
    await click(popup, 'Lock');
    await waitForHeading(popup, 'Welcome back');
    await expect(uiCall(scriptable(popup), 'ui_unlock', { password: PASSWORD })).rejects.toThrow();
    await fill(popup, 'Password', next);
    await click(popup, 'Unlock');
    await waitForHeading(popup, 'Change password');
  });
});
