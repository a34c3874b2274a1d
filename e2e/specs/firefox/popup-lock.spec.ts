import { expect, test } from '@playwright/test';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'puppeteer-core';
import { launchFirefox, type FirefoxSession } from '../../support/firefox';
import { createUserAndAgentByMessages, createWalletByMessages, PASSWORD, uiCall } from '../../support/popup';
import { capture, click, fill, go, openPopup, pickFile, reload, waitForHeading, waitForText } from '../../support/popup-firefox';
import { damageVaultSlot, scriptable } from '../../support/ui-messages';

// One browser for the file: each test leaves a wallet that opens with PASSWORD.
let firefox: FirefoxSession;
let popup: Page;
let files: string;

test.beforeAll(async () => {
  files = mkdtempSync(join(tmpdir(), 'sigil-firefox-lock-'));
  firefox = await launchFirefox();
  popup = await openPopup(firefox);
  await createWalletByMessages(scriptable(popup));
});
test.afterAll(async () => {
  await firefox?.close();
  rmSync(files, { recursive: true, force: true });
});

/** The wallet as it is now, saved as a backup file the way Settings › Backup exports it. */
async function backupFile(name: string): Promise<string> {
  const { contents } = await uiCall(scriptable(popup), 'ui_exportBackup', { password: PASSWORD });
  const file = join(files, name);
  writeFileSync(file, contents);
  return file;
}
const labels = async () => (await uiCall(scriptable(popup), 'ui_entities')).entities.map((e) => e.label).sort();

test.describe('popup: locked, damaged and restored wallets (Firefox)', () => {
  test('Lock shows the unlock screen; a wrong password is refused next to the field; the right one returns to the same screen', async () => {
    const { user } = await createUserAndAgentByMessages(scriptable(popup));
    await go(popup, `#/entity/${encodeURIComponent(user.did)}`);
    await reload(popup); // a fresh load: the wallet set up by messages must not re-route this screen
    await waitForHeading(popup, 'Alice');
    await click(popup, 'Lock');
    await waitForHeading(popup, 'Welcome back');
    expect((await uiCall(scriptable(popup), 'ui_state')).vault).toBe('locked');
    expect(await popup.evaluate(() => document.activeElement?.getAttribute('type'))).toBe('password');
    await click(popup, 'Unlock');
    await waitForText(popup, 'Enter your password.');
    await fill(popup, 'Password', 'not my password');
    await click(popup, 'Unlock');
    await popup.waitForSelector('input[type="password"][aria-invalid="true"]');
    const errorText = await popup.$eval('input[type="password"]', (input) => {
      const id = input.getAttribute('aria-describedby')!.split(' ').pop()!;
      return document.getElementById(id)?.textContent?.trim() ?? '';
    });
    expect(errorText).not.toBe('');
    await capture(popup, 'unlock-error');
    expect((await uiCall(scriptable(popup), 'ui_state')).vault).toBe('locked');
    await fill(popup, 'Password', PASSWORD);
    await popup.keyboard.press('Enter');
    await waitForHeading(popup, 'Alice');
  });

  test('both records damaged: no copy to restore, a backup file brings the wallet back', async () => {
    await createUserAndAgentByMessages(scriptable(popup), 'Ivy', 'Ivy agent');
    const file = await backupFile('ivy.json');
    await uiCall(scriptable(popup), 'ui_lock');
    await damageVaultSlot(scriptable(popup), 'primary', 'truncate');
    await damageVaultSlot(scriptable(popup), 'copy', 'truncate');
    await go(popup, '#/');
    await reload(popup);
    await waitForHeading(popup, 'Sigil needs repair');
    expect(await popup.$$eval('button', (buttons) => buttons.some((b) => b.textContent?.trim() === 'Restore the saved copy'))).toBe(false);
    await capture(popup, 'recovery-damaged');
    await pickFile(popup, 'Backup file', file);
    await fill(popup, 'Backup password', PASSWORD);
    await click(popup, 'Restore backup');
    await waitForText(popup, 'Ivy agent', '[data-testid="entity-groups"]');
    expect(await labels()).toEqual(['Alice', 'Alice agent', 'Ivy', 'Ivy agent']);
  });

  test('forgot the password: the unlock screen restores a backup instead', async () => {
    await createUserAndAgentByMessages(scriptable(popup), 'Jo', 'Jo agent');
    const file = await backupFile('jo.json');
    await uiCall(scriptable(popup), 'ui_createEntity', { kind: 'twin', label: 'Not in the backup', keyName: 'later' });
    await go(popup, '#/settings/backup');
    await reload(popup);
    await click(popup, 'Lock');
    await click(popup, 'Forgot your password? Restore a backup');
    await waitForText(popup, 'Restoring replaces everything in this wallet');
    await capture(popup, 'unlock-restore');
    await pickFile(popup, 'Backup file', file);
    await fill(popup, 'Backup password', PASSWORD);
    await click(popup, 'Restore backup');
    await waitForHeading(popup, 'Backup');
    expect(await labels()).toEqual(['Alice', 'Alice agent', 'Ivy', 'Ivy agent', 'Jo', 'Jo agent']);
  });
});
