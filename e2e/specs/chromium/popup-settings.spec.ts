import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, test } from '../../support/chromium';
import { createUserAndAgentByMessages, createWalletByMessages, PASSWORD, REFERENCE, uiCall } from '../../support/popup';
import { capture, openPopup } from '../../support/popup-chromium';

const state = (page: Page) => uiCall(page, 'ui_state');

test.describe('popup: settings (Chromium)', () => {
  test('auto-lock and resolver address are saved, and a bad address is refused next to the field', async ({ context, extensionId }) => {
    const popup = await openPopup(context, extensionId);
    await createWalletByMessages(popup);
    await popup.reload();
    await popup.getByRole('link', { name: 'Settings' }).click();
    await expect(popup.getByRole('link', { name: /Auto-lock/ })).toContainText('After 15 minutes');
    await capture(popup, 'settings');

    await popup.getByRole('link', { name: /Auto-lock/ }).click();
    await popup.getByLabel('Lock Sigil after').selectOption({ label: '5 minutes' });
    await popup.getByRole('button', { name: 'Save' }).click();
    await expect(popup.getByRole('status')).toHaveText('Saved.');
    await capture(popup, 'settings-auto-lock');
    expect((await state(popup)).autoLockMinutes).toBe(5);
    await popup.getByLabel('Lock Sigil after').selectOption({ label: 'Never' });
    await popup.getByRole('button', { name: 'Save' }).click();
    await expect(popup.getByRole('status')).toHaveText('Saved.');
    expect((await state(popup)).autoLockMinutes).toBe('never');
    await popup.getByRole('link', { name: 'Back' }).click();
    await expect(popup.getByRole('link', { name: /Auto-lock/ })).toContainText('Never');

    await popup.getByRole('link', { name: /Resolver/ }).click();
    const address = popup.getByLabel('Resolver address');
    await address.fill('ftp://resolver.example');
    await popup.getByRole('button', { name: 'Save' }).click();
    await expect(popup.getByText('The address must start with https:// or http://.')).toBeVisible();
    await capture(popup, 'settings-resolver-error');
    expect((await state(popup)).resolverUrl).toBe('http://127.0.0.1:8701');
    await address.fill('http://127.0.0.1:9/resolver');
    await popup.getByRole('button', { name: 'Save' }).click();
    await expect(popup.getByRole('status')).toHaveText('Saved.');
    expect((await state(popup)).resolverUrl).toContain('http://127.0.0.1:9/resolver');
    await popup.getByRole('link', { name: 'Back' }).click();
    await expect(popup.getByRole('link', { name: /Resolver/ })).toContainText('http://127.0.0.1:9/resolver');
  });

  test('changing the password: checked fields, wrong current password refused, the new one unlocks', async ({ context, extensionId }) => {
    const popup = await openPopup(context, extensionId, '#/settings/password');
    await createWalletByMessages(popup);
    await popup.reload();
    const next = 'a brand new passphrase';
    await popup.getByLabel('Current password', { exact: true }).fill('wrong password');
    await popup.getByLabel('New password', { exact: true }).fill(next);
    await popup.getByLabel('Confirm new password', { exact: true }).fill('something else');
    await popup.getByRole('button', { name: 'Change password' }).click();
    await expect(popup.getByText('The two new passwords are not the same.')).toBeVisible();
    await popup.getByLabel('Confirm new password', { exact: true }).fill(next);
    await popup.getByRole('button', { name: 'Change password' }).click();
    await expect(popup.locator('.form-error')).toBeVisible();
    await capture(popup, 'settings-password-error');

    await popup.getByLabel('Current password', { exact: true }).fill(PASSWORD);
    await popup.getByRole('button', { name: 'Change password' }).click();
    await expect(popup.getByRole('status')).toContainText('Password changed.');
    await popup.getByRole('button', { name: 'Lock' }).click();
    await expect(popup.getByRole('heading', { name: 'Welcome back' })).toBeVisible();
    await expect(uiCall(popup, 'ui_unlock', { password: PASSWORD })).rejects.toThrow();
    await popup.getByLabel('Password', { exact: true }).fill(next);
    await popup.getByRole('button', { name: 'Unlock' }).click();
    await expect(popup.getByRole('heading', { name: 'Change password' })).toBeVisible();
  });

  test('a backup downloads as a file and restoring it brings the wallet back as it was', async ({ context, extensionId }) => {
    const popup = await openPopup(context, extensionId, '#/settings/backup');
    await createWalletByMessages(popup);
    await createUserAndAgentByMessages(popup, 'Gail', 'Gail agent');
    await popup.reload();
    await popup.getByRole('button', { name: 'Download backup' }).click();
    await expect(popup.getByText('Enter your password to export.')).toBeVisible();
    await popup.getByRole('form', { name: 'Export a backup' }).getByLabel('Password', { exact: true }).fill(PASSWORD);
    const [download] = await Promise.all([popup.waitForEvent('download'), popup.getByRole('button', { name: 'Download backup' }).click()]);
    await expect(popup.getByRole('status')).toContainText(`Saved as ${download.suggestedFilename()}`);
    const file = await download.path();
    const contents = readFileSync(file, 'utf8');
    expect(contents).not.toContain('Gail');
    expect(contents).not.toContain(PASSWORD);
    await capture(popup, 'settings-backup');

    // Something made after the backup disappears when the backup is restored.
    await uiCall(popup, 'ui_createEntity', { kind: 'twin', label: 'After backup', keyName: 'after-backup' });
    const restore = popup.getByRole('form', { name: 'Restore a backup file' });
    await restore.getByLabel('Backup file').setInputFiles(file);
    await restore.getByLabel('Backup password', { exact: true }).fill('not it');
    await restore.getByRole('button', { name: 'Restore backup' }).click();
    await expect(restore.locator('.form-error')).toBeVisible();
    expect((await uiCall(popup, 'ui_entities')).entities).toHaveLength(3);
    await restore.getByLabel('Backup password', { exact: true }).fill(PASSWORD);
    await restore.getByRole('button', { name: 'Restore backup' }).click();
    await expect(popup.getByRole('status').filter({ hasText: 'Backup restored.' })).toBeVisible();
    await expect(popup.getByRole('heading', { name: 'Identities' })).toBeVisible();
    const labels = (await uiCall(popup, 'ui_entities')).entities.map((e) => e.label).sort();
    expect(labels).toEqual(['Gail', 'Gail agent']);
  });

  test('revealing the recovery phrase needs the password and shows the wallet’s words', async ({ context, extensionId }) => {
    const popup = await openPopup(context, extensionId, '#/settings/mnemonic');
    const words = await createWalletByMessages(popup);
    await popup.reload();
    await popup.getByRole('button', { name: 'Reveal recovery phrase' }).click();
    await expect(popup.getByText('Enter your password to reveal the phrase.')).toBeVisible();
    await popup.getByLabel('Password', { exact: true }).fill('wrong password');
    await popup.getByRole('button', { name: 'Reveal recovery phrase' }).click();
    await expect(popup.locator('.form-error')).toBeVisible();
    await expect(popup.getByTestId('recovery-words')).toHaveCount(0);
    await capture(popup, 'settings-mnemonic-error');
    await popup.getByLabel('Password', { exact: true }).fill(PASSWORD);
    await popup.getByRole('button', { name: 'Reveal recovery phrase' }).click();
    // The right password uncovers nothing yet: the words stay hidden until the person reveals them.
    await expect(popup.getByTestId('words-hidden')).toBeVisible();
    await expect(popup.getByTestId('recovery-words')).toHaveCount(0);
    await capture(popup, 'settings-mnemonic-hidden');
    await popup.getByRole('button', { name: 'Reveal the words' }).click();
    const shown = popup.getByTestId('recovery-words').locator('li');
    await expect(shown).toHaveCount(24);
    expect(await shown.evaluateAll((items) => items.map((li) => li.lastChild!.textContent!.trim()))).toEqual(words);
    await capture(popup, 'settings-mnemonic');
    await popup.getByRole('button', { name: 'Hide the words' }).click();
    await expect(popup.getByTestId('recovery-words')).toHaveCount(0);
  });

  test('seeds and imported keys: a second seed, then an identity made from it', async ({ context, extensionId }) => {
    const popup = await openPopup(context, extensionId, '#/settings/seeds');
    await createWalletByMessages(popup);
    await popup.reload();
    await expect(popup.getByTestId('seed-list').locator('li')).toHaveCount(1);
    const add = popup.getByRole('form', { name: 'Add a seed' });
    await add.getByLabel('Recovery phrase', { exact: true }).fill('abandon abandon');
    await add.getByRole('button', { name: 'Add seed' }).click();
    await expect(add.getByText('A recovery phrase has 12 or 24 words; this one has 2.')).toBeVisible();
    await add.getByLabel('Recovery phrase', { exact: true }).fill(REFERENCE.mnemonic);
    await add.getByLabel('Seed label (optional)').fill('Reference');
    await add.getByRole('button', { name: 'Add seed' }).click();
    await expect(popup.getByTestId('seed-list').locator('li')).toHaveCount(2);
    await expect(popup.getByTestId('seed-list')).toContainText('Reference');
    // The added seed's identities are looked for on the resolver, then the form is back.
    await expect(popup.getByTestId('restore-summary')).toBeVisible();
    await popup.getByTestId('identity-search').getByRole('button', { name: 'Done' }).click();
    await expect(popup.getByRole('form', { name: 'Add a seed' })).toBeVisible();
    await capture(popup, 'settings-seeds');

    await popup.goto(`chrome-extension://${extensionId}/popup.html#/create/entity`);
    const seedChoice = popup.getByLabel('Seed', { exact: true });
    await expect(seedChoice.locator('option')).toHaveCount(2);
    await seedChoice.selectOption({ label: 'Reference (24 words)' });
    await popup.getByLabel('Label', { exact: true }).fill('Alice');
    // DESIGN §6's reference DID is for the key name "alice", chosen by hand.
    await popup.getByRole('button', { name: 'Choose a key name' }).click();
    await popup.getByLabel('Key name', { exact: true }).fill('alice');
    await popup.getByRole('button', { name: 'Create User' }).click();
    await popup.getByTestId('created').getByRole('link', { name: 'Alice' }).click();
    await expect(popup.getByTestId('entity-did')).toHaveText(REFERENCE.aliceDid);
  });

  test('connected sites are listed with what they see, and disconnecting one cuts it off', async ({ context, extensionId, openDapp, dapp }) => {
    const popup = await openPopup(context, extensionId);
    await createWalletByMessages(popup);
    const { user } = await createUserAndAgentByMessages(popup, 'Hana', 'Hana agent');
    const site = await openDapp();
    const connected = site.evaluate(() => window.sigil.request({ method: 'sigil_connect' }));
    await expect.poll(async () => (await uiCall(popup, 'ui_pending')).requests.length).toBe(1);
    const [request] = (await uiCall(popup, 'ui_pending')).requests;
    await uiCall(popup, 'ui_decide', { id: request!.id, decision: 'approve', choices: { entities: [user.did] } });
    expect(await connected).toEqual({ entities: [{ did: user.did, kind: 'user', label: 'Hana' }] });

    await popup.goto(`chrome-extension://${extensionId}/popup.html#/settings/sites`);
    const item = popup.getByTestId('sites').locator(`[data-origin="${dapp.origin}"]`);
    await expect(item).toContainText('Sees: Hana');
    await capture(popup, 'settings-sites');
    await item.getByRole('button', { name: `Disconnect ${dapp.origin}` }).click();
    await expect(popup.getByText('No site is connected.')).toBeVisible();
    const refused = await site.evaluate(() => window.sigil.request({ method: 'sigil_entities' }).then(() => null, (e: { code: number }) => e.code));
    expect(refused).toBe(4100);
  });
});
