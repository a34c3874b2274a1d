import type { Page } from '@playwright/test';
import { startResolver, type ResolverServer } from '../../resolver/server';
import { expect, test } from '../../support/chromium';
import { createIoticsWalletByMessages, IOTICS_REFERENCE, PASSWORD, uiCall } from '../../support/popup';
import { capture, openPopup } from '../../support/popup-chromium';

/** Opens a screen in a fresh load, so no state change from set-up messages re-routes it. */
const openScreen = async (page: Page, extensionId: string, hash: string) => {
  await page.goto(`chrome-extension://${extensionId}/popup.html${hash}`);
  await page.reload();
};

let resolver: ResolverServer;
test.beforeAll(async () => {
  resolver = await startResolver();
});
test.afterAll(async () => {
  await resolver.close();
});

const stages = async (page: Page) => (await uiCall(page, 'ui_entities')).entities.map((entity) => entity.stage);

test.describe('popup: IOTICS identities (Chromium)', () => {
  test('an IOTICS hex seed imported at set-up and a User "alice" in IOTICS format give the IOTICS library’s DID', async ({ context, extensionId }) => {
    const popup = await openPopup(context, extensionId);
    await popup.getByRole('button', { name: /Import a recovery phrase/ }).click();
    await popup.getByLabel('New password', { exact: true }).fill(PASSWORD);
    await popup.getByLabel('Confirm password', { exact: true }).fill(PASSWORD);
    await popup.getByRole('button', { name: 'Continue' }).click();
    await popup.getByLabel(/seed in hexadecimal/).check();

    // The seed is a secret: masked, never offered to autocomplete or spell checking, only its length shown.
    const hex = popup.getByLabel('Hex seed');
    await expect(hex).toHaveAttribute('type', 'password');
    await expect(hex).toHaveAttribute('autocomplete', 'off');
    await expect(hex).toHaveAttribute('spellcheck', 'false');
    await expect(popup.getByRole('radio', { name: /^BIP39/ })).toBeChecked();
    await expect(popup.getByLabel('Seed password (optional)', { exact: true })).toHaveValue('');
    await hex.fill(IOTICS_REFERENCE.hex.slice(0, 40));
    await popup.getByRole('button', { name: 'Import and create wallet' }).click();
    await expect(popup.getByText('A hex seed is 32 or 64 characters (16 or 32 bytes); this one has 40.')).toBeVisible();
    await hex.fill(IOTICS_REFERENCE.hex);
    await expect(popup.getByText('this one has 40')).toHaveCount(0);
    await expect(popup.getByText('64 typed')).toBeVisible();
    await expect(popup.locator('body')).not.toContainText(IOTICS_REFERENCE.hex);
    await capture(popup, 'iotics-import-seed');
    await popup.getByRole('button', { name: 'Import and create wallet' }).click();
    // A restored seed's identities are looked for on the resolver (none runs here).
    await expect(popup.getByRole('heading', { name: 'Your identities' })).toBeVisible();
    await popup.getByRole('button', { name: 'Continue' }).click();
    await expect(popup.getByRole('heading', { name: 'Your wallet is ready' })).toBeVisible();
    await popup.getByRole('button', { name: 'Open my wallet' }).click();
    const seeds = await uiCall(popup, 'ui_seeds');
    expect(seeds.seeds).toEqual([expect.objectContaining({ origin: 'hex', method: 'bip39', hasPassword: false })]);

    await popup.getByRole('link', { name: 'Other ways to create' }).click();
    await popup.getByRole('link', { name: /Single entity/ }).click();
    const format = popup.getByTestId('format-picker');
    await expect(format.getByRole('radio', { name: /^Sigil/ })).toBeChecked();
    await expect(format).toContainText('Ed25519 keys on an auditable key chain.');
    await expect(format).toContainText('Accepted by IOTICS hosts and resolvers; secp256k1.');
    await format.getByRole('radio', { name: /^IOTICS/ }).check();
    await popup.getByRole('radio', { name: /^User/ }).check();
    await popup.getByLabel('Label', { exact: true }).fill('Alice');
    // The IOTICS library's reference DID is for the key name "alice", chosen by hand.
    await popup.getByRole('button', { name: 'Choose a key name' }).click();
    await popup.getByLabel('Key name', { exact: true }).fill('alice');
    // No identity chain in IOTICS' format: nothing to write public names into.
    await expect(popup.getByRole('button', { name: /Add public names/ })).toHaveCount(0);
    await capture(popup, 'iotics-create-single');
    await popup.getByRole('button', { name: 'Create User' }).click();
    await expect(popup.getByTestId('created')).toContainText('Created User Alice.');
    await expect(popup.getByTestId('created')).toContainText('IOTICS');
    await popup.getByTestId('created').getByRole('link', { name: 'Alice' }).click();

    await expect(popup.getByTestId('entity-did')).toHaveText('did:iotics:iotFK49UxBAb951emroHxLwjQtqki1FciMPQ');
    expect(IOTICS_REFERENCE.user.did).toBe('did:iotics:iotFK49UxBAb951emroHxLwjQtqki1FciMPQ');
    await expect(popup.getByTestId('entity-format')).toContainText('IOTICS');
    const owner = popup.getByTestId('owner-keys').locator('li');
    await expect(owner).toHaveCount(1);
    await expect(owner).toContainText('#user-0');
    await expect(owner).toContainText('Active');
    await expect(owner.getByTestId('public-key')).toHaveAttribute('title', IOTICS_REFERENCE.user.publicKeyBase58);
    await expect(owner.getByTestId('public-key')).toHaveText(`${IOTICS_REFERENCE.user.publicKeyBase58.slice(0, 10)}…${IOTICS_REFERENCE.user.publicKeyBase58.slice(-6)}`);
    await expect(popup.getByTestId('removed-keys')).toContainText('No key was removed yet.');
    // Not registered (no resolver set): nothing to rotate yet, and the page says why.
    await expect(owner.getByRole('link', { name: /Rotate/ })).toHaveCount(0);
    await expect(popup.getByText('Register this identity with the resolver to rotate its keys.')).toBeVisible();
    // The Factom-only parts are not shown for an IOTICS entity.
    await expect(popup.getByTestId('chain-id')).toHaveCount(0);
    await expect(popup.getByTestId('keys-table')).toHaveCount(0);
    await expect(popup.getByTestId('history')).toHaveCount(0);
    await expect(popup.getByText(/Priority 0 is the master key/)).toHaveCount(0);
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await owner.getByRole('button', { name: 'Copy public key #user-0' }).click();
    expect(await popup.evaluate(() => navigator.clipboard.readText())).toBe(IOTICS_REFERENCE.user.publicKeyBase58);
    await capture(popup, 'iotics-entity');
  });

  test('User and Agent with authentication delegation in IOTICS format, then the Agent key rotated through its review', async ({ context, extensionId }) => {
    const popup = await openPopup(context, extensionId);
    await createIoticsWalletByMessages(popup);
    await uiCall(popup, 'ui_setResolverUrl', { url: resolver.url });
    await openScreen(popup, extensionId, '#/create/user-agent');
    await popup.getByTestId('format-picker').getByRole('radio', { name: /^IOTICS/ }).check();
    await popup.getByLabel('User label').fill('Alice');
    await popup.getByRole('button', { name: 'Choose the User key name' }).click();
    await popup.getByLabel('User key name').fill('alice');
    await popup.getByRole('button', { name: 'Choose the Agent key name' }).click();
    await popup.getByLabel('Agent key name').fill('alice-agent');
    await capture(popup, 'iotics-create-user-agent');
    await popup.getByRole('button', { name: 'Create User and Agent' }).click();
    await expect(popup.getByTestId('created')).toContainText('Alice delegates authentication to Alice agent');
    const { user, agent } = IOTICS_REFERENCE;

    await popup.getByTestId('created').getByRole('link', { name: 'Alice', exact: true }).click();
    await expect(popup.getByTestId('entity-did')).toHaveText(user.did);
    const given = popup.getByTestId('delegations').locator('[data-delegation]');
    await expect(given).toHaveCount(1);
    await expect(given).toContainText('Delegates authentication to Alice agent');
    await expect(given).toContainText(`controller ${agent.did}#agent-0`);
    await expect(given).toContainText('proof over the DID');
    await expect(given).toHaveAttribute('data-status', 'valid');
    await capture(popup, 'iotics-entity-user-delegation');

    // A resolver takes a rotated document only as an update of the registered one.
    await expect.poll(() => stages(popup)).toEqual(['registered', 'registered']);
    await openScreen(popup, extensionId, `#/entity/${encodeURIComponent(agent.did)}`);
    await expect(popup.getByTestId('entity-format')).toContainText('IOTICS');
    await expect(popup.getByTestId('delegations')).toContainText('Alice delegates authentication to this Agent');
    await popup.getByRole('link', { name: 'Rotate key #agent-0' }).click();

    await expect(popup.getByRole('heading', { name: 'Rotate key #agent-0' })).toBeVisible();
    const steps = popup.getByTestId('rotation-steps');
    const summary = popup.getByTestId('rotation-summary');
    await expect(summary).toContainText('#agent-0');
    const newKeyId = (await summary.locator('dd').nth(1).locator('.mono').textContent())!.trim();
    expect(newKeyId).toMatch(/^#agent-[1-9]/);
    await expect(steps).toContainText(`A new key, ${newKeyId}, derived from your seed, is added to the document, and #agent-0 is removed from it.`);
    await expect(steps).toContainText('Tokens signed with #agent-0 stop working at Sigil’s verifier');
    await expect(steps).toContainText(`The delegations naming #agent-0 will be renewed with ${newKeyId}: Alice.`);
    // The key changes who may sign for the identity: the password is asked again, and checked.
    await popup.getByRole('button', { name: 'Rotate key' }).click();
    await expect(popup.getByText('Enter your password: rotating a key changes who may sign for this identity.')).toBeVisible();
    await capture(popup, 'iotics-rotate-review');
    await popup.getByLabel('Password', { exact: true }).fill('not the password');
    await popup.getByRole('button', { name: 'Rotate key' }).click();
    await expect(popup.locator('.form-error')).toBeVisible();
    const unchanged = await uiCall(popup, 'ui_entity', { did: agent.did });
    expect(unchanged.format === 'iotics' && unchanged.publicKey.map((k) => k.id)).toEqual(['#agent-0']);
    await popup.getByLabel('Password', { exact: true }).fill(PASSWORD);
    await popup.getByRole('button', { name: 'Rotate key' }).click();

    await expect(popup.getByRole('heading', { name: 'Alice agent', level: 1 })).toBeVisible();
    const flash = popup.getByRole('status').first();
    await expect(flash).toContainText(`Key #agent-0 rotated: ${newKeyId} replaces it`);
    await expect(flash).toContainText('Delegations renewed for Alice.');
    const owner = popup.getByTestId('owner-keys').locator('li');
    await expect(owner).toHaveCount(1);
    await expect(owner).toContainText(newKeyId);
    const removed = popup.getByTestId('removed-keys').locator('li');
    await expect(removed).toHaveCount(1);
    await expect(removed).toContainText('#agent-0');
    await expect(removed).toContainText(`replaced by ${newKeyId}`);
    await expect(removed.getByTestId('public-key')).toHaveAttribute('title', agent.publicKeyBase58);
    const received = popup.getByTestId('delegations').locator('[data-status]:not([data-status="revoked"])');
    await expect(received).toHaveCount(1);
    await expect(received).toContainText(`${agent.did}${newKeyId}`);
    await expect(received).toHaveAttribute('data-status', 'valid');
    await capture(popup, 'iotics-entity-after-rotation');

    const userView = await uiCall(popup, 'ui_entity', { did: user.did });
    expect(userView.delegations.filter((d) => !d.revoked)).toEqual([expect.objectContaining({ controller: `${agent.did}${newKeyId}`, status: 'valid' })]);
  });

  test('a Twin with control delegation to an IOTICS Agent, and a hex seed added in Settings with the legacy method and a seed password', async ({ context, extensionId }) => {
    const popup = await openPopup(context, extensionId);
    await createIoticsWalletByMessages(popup);
    await uiCall(popup, 'ui_createUserAndAgent', { user: { label: 'Alice', keyName: 'alice' }, agent: { label: 'Alice agent', keyName: 'alice-agent' }, format: 'iotics' });
    await openScreen(popup, extensionId, '#/create/twin');
    // Sigil's format first: the wallet has no Sigil Agent to control a Twin.
    await expect(popup.getByText('A Twin delegates control to an Agent, and this wallet has no Agent yet.')).toBeVisible();
    await popup.getByTestId('format-picker').getByRole('radio', { name: /^IOTICS/ }).check();
    await expect(popup.getByLabel('Controlling Agent').locator('option')).toHaveText([/^Alice agent \(iot/]);
    await popup.getByLabel('Label', { exact: true }).fill('Thermostat 1');
    await popup.getByRole('button', { name: 'Choose a key name' }).click();
    await popup.getByLabel('Key name', { exact: true }).fill('thermostat-1');
    await capture(popup, 'iotics-create-twin');
    await popup.getByRole('button', { name: 'Create Twin' }).click();
    await expect(popup.getByTestId('created')).toContainText('Thermostat 1 delegates control to Alice agent');
    await popup.getByTestId('created').getByRole('link', { name: 'Thermostat 1' }).click();
    await expect(popup.getByTestId('entity-did')).toHaveText(IOTICS_REFERENCE.twin.did);
    await expect(popup.getByTestId('entity-format')).toContainText('IOTICS');
    const given = popup.getByTestId('delegations').locator('[data-delegation]');
    await expect(given).toContainText('Delegates control to Alice agent');
    await expect(given).toContainText(`controller ${IOTICS_REFERENCE.agent.did}#agent-0`);

    await openScreen(popup, extensionId, '#/settings/seeds');
    const add = popup.getByRole('form', { name: 'Add a seed' });
    await add.getByRole('radio', { name: /Hexadecimal/ }).check();
    await add.getByLabel('Hex seed').fill('c3'.repeat(16));
    await add.getByRole('radio', { name: /Legacy/ }).check();
    await add.getByLabel('Seed password (optional)', { exact: true }).fill('seed words of mine');
    await add.getByLabel('Seed label (optional)').fill('Legacy');
    await capture(popup, 'iotics-settings-add-seed');
    await add.getByRole('button', { name: 'Add seed' }).click();
    await expect(popup.getByTestId('seed-list').locator('li')).toHaveCount(2);
    await expect(popup.getByTestId('seed-list')).toContainText('Legacy');
    await expect(popup.getByTestId('seed-list')).toContainText('legacy method “none”, with a seed password');
    // The added seed's identities are looked for on the resolver; then a fresh form.
    await expect(popup.getByTestId('restore-summary')).toBeVisible();
    await popup.getByTestId('identity-search').getByRole('button', { name: 'Done' }).click();
    await add.getByRole('radio', { name: /Hexadecimal/ }).check();
    await expect(add.getByLabel('Hex seed')).toHaveValue('');
    await expect(add.getByLabel('Seed password (optional)', { exact: true })).toHaveValue('');
    const seeds = (await uiCall(popup, 'ui_seeds')).seeds;
    expect(seeds.find((s) => s.label === 'Legacy')).toMatchObject({ origin: 'hex', method: 'none', hasPassword: true });

    // A legacy seed has no recovery phrase: revealing it (after the password) shows its hex.
    await openScreen(popup, extensionId, '#/settings/mnemonic');
    await popup.getByRole('radio', { name: /^Legacy \(hex, legacy method, seed password\)/ }).check();
    await popup.getByLabel('Password', { exact: true }).fill(PASSWORD);
    await popup.getByRole('button', { name: 'Reveal recovery phrase' }).click();
    await expect(popup.getByTestId('revealed-hex')).toHaveText('c3'.repeat(16));
    await expect(popup.getByText('has no recovery phrase')).toBeVisible();
    await popup.getByRole('button', { name: 'Hide the seed' }).click();
    await expect(popup.getByTestId('revealed-hex')).toHaveCount(0);
  });
});
