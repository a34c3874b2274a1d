import { expect, test } from '../../support/chromium';
import { createUserAndAgentByMessages, createWalletByMessages, PASSWORD, uiCall } from '../../support/popup';
import { damageVaultSlot } from '../../support/ui-messages';
import { capture, openPopup } from '../../support/popup-chromium';

test.describe('popup: locked, damaged and restored wallets (Chromium)', () => {
  test('Lock shows the unlock screen; a wrong password is refused next to the field; the right one returns to the same screen', async ({ context, extensionId }) => {
    const popup = await openPopup(context, extensionId);
    await createWalletByMessages(popup);
    const { user } = await createUserAndAgentByMessages(popup);
    await popup.goto(`chrome-extension://${extensionId}/popup.html#/entity/${encodeURIComponent(user.did)}`);
    await popup.reload(); // a fresh load: the wallet set up by messages must not re-route this screen
    await popup.getByRole('button', { name: 'Lock' }).click();
    await expect(popup.getByRole('heading', { name: 'Welcome back' })).toBeVisible();
    expect((await uiCall(popup, 'ui_state')).vault).toBe('locked');
    const password = popup.getByLabel('Password', { exact: true });
    await expect(password).toBeFocused();
    await popup.getByRole('button', { name: 'Unlock' }).click();
    await expect(popup.getByText('Enter your password.')).toBeVisible();
    await password.fill('not my password');
    await popup.getByRole('button', { name: 'Unlock' }).click();
    await expect(password).toHaveAttribute('aria-invalid', 'true');
    const error = await password.getAttribute('aria-describedby');
    await expect(popup.locator(`[id="${error!.split(' ').pop()}"]`)).not.toBeEmpty();
    await capture(popup, 'unlock-error');
    expect((await uiCall(popup, 'ui_state')).vault).toBe('locked');
    await password.fill(PASSWORD);
    await password.press('Enter');
    await expect(popup.getByRole('heading', { name: 'Alice', level: 1 })).toBeVisible();
  });

  test('a damaged primary record with an intact copy: the recovery screen restores the copy', async ({ context, extensionId }) => {
    const popup = await openPopup(context, extensionId);
    await createWalletByMessages(popup);
    await createUserAndAgentByMessages(popup);
    await uiCall(popup, 'ui_lock');
    await damageVaultSlot(popup, 'primary', 'truncate');
    await popup.reload();
    await expect(popup.getByRole('heading', { name: 'Sigil needs repair' })).toBeVisible();
    await expect(popup.getByRole('alert').first()).not.toBeEmpty();
    await capture(popup, 'recovery');
    await popup.getByRole('button', { name: 'Restore the saved copy' }).click();
    await expect(popup.getByRole('heading', { name: 'Welcome back' })).toBeVisible();
    await popup.getByLabel('Password', { exact: true }).fill(PASSWORD);
    await popup.getByRole('button', { name: 'Unlock' }).click();
    await expect(popup.getByRole('region', { name: /Users/ })).toContainText('Alice');
  });

  test('both records damaged: no copy to restore, a backup file brings the wallet back', async ({ context, extensionId }) => {
    const popup = await openPopup(context, extensionId, '#/settings/backup');
    await createWalletByMessages(popup);
    await createUserAndAgentByMessages(popup, 'Ivy', 'Ivy agent');
    await popup.reload();
    await popup.getByRole('form', { name: 'Export a backup' }).getByLabel('Password', { exact: true }).fill(PASSWORD);
    const [download] = await Promise.all([popup.waitForEvent('download'), popup.getByRole('button', { name: 'Download backup' }).click()]);
    const file = await download.path();

    await uiCall(popup, 'ui_lock');
    await damageVaultSlot(popup, 'primary', 'truncate');
    await damageVaultSlot(popup, 'copy', 'truncate');
    await popup.goto(`chrome-extension://${extensionId}/popup.html#/`);
    await popup.reload();
    await expect(popup.getByRole('heading', { name: 'Sigil needs repair' })).toBeVisible();
    await expect(popup.getByRole('button', { name: 'Restore the saved copy' })).toHaveCount(0);
    await capture(popup, 'recovery-damaged');
    await popup.getByLabel('Backup file', { exact: true }).setInputFiles(file);
    await popup.getByLabel('Backup password', { exact: true }).fill(PASSWORD);
    await popup.getByRole('button', { name: 'Restore backup' }).click();
    await expect(popup.getByRole('region', { name: /Agents/ })).toContainText('Ivy agent');
  });

  test('forgot the password: the unlock screen restores a backup instead', async ({ context, extensionId }) => {
    const popup = await openPopup(context, extensionId, '#/settings/backup');
    await createWalletByMessages(popup);
    await createUserAndAgentByMessages(popup, 'Jo', 'Jo agent');
    await popup.reload();
    await popup.getByRole('form', { name: 'Export a backup' }).getByLabel('Password', { exact: true }).fill(PASSWORD);
    const [download] = await Promise.all([popup.waitForEvent('download'), popup.getByRole('button', { name: 'Download backup' }).click()]);
    const file = await download.path();
    await uiCall(popup, 'ui_createEntity', { kind: 'twin', label: 'Not in the backup', keyName: 'later' });
    await popup.getByRole('button', { name: 'Lock' }).click();

    await popup.getByRole('button', { name: 'Forgot your password? Restore a backup' }).click();
    await expect(popup.getByText('Restoring replaces everything in this wallet')).toBeVisible();
    await capture(popup, 'unlock-restore');
    await popup.getByLabel('Backup file', { exact: true }).setInputFiles(file);
    await popup.getByLabel('Backup password', { exact: true }).fill(PASSWORD);
    await popup.getByRole('button', { name: 'Restore backup' }).click();
    await expect(popup.getByRole('heading', { name: 'Backup', exact: true })).toBeVisible();
    const labels = (await uiCall(popup, 'ui_entities')).entities.map((e) => e.label).sort();
    expect(labels).toEqual(['Jo', 'Jo agent']);
  });
});
