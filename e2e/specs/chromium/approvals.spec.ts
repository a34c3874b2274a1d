import { base64Decode, base58Decode, ed25519, encodeIdpub, randomBytes, utf8Encode } from '../../../src/core';
import { startDappServer, type DappServer } from '../../dapp/server';
import { approvalWindow, badgeText, openApprovalWindows } from '../../support/approval-window-chromium';
import { expect, test } from '../../support/chromium';
import { waitOutCooldown } from '../../support/security-flood';
import { concurrentRequests, requestOutcome, sigilRequest, startRequest } from '../../support/page-requests';
import { connect, connectedSite } from '../../support/connected-site-chromium';
import { setUpWallet, TEST_PASSWORD } from '../../support/test-wallet';
import { answerCounts, countAnswers, documentsSeenBy, verifyToken } from '../../support/token-checks';
import { captureChromium } from '../../support/popup';
import { readDatabase, readExtensionStorage } from '../../support/ui-messages';

let otherSite: DappServer;
test.beforeAll(async () => {
  otherSite = await startDappServer();
});
test.afterAll(async () => {
  await otherSite?.close();
});

type Token = { token: string; expiresAt: number };

/** The IOTICS-format DID of seed 000102…1f and key name alice: in no test wallet. */
const NOT_IN_WALLET = 'did:iotics:iotFK49UxBAb951emroHxLwjQtqki1FciMPQ';

test.describe('sigil_authToken approvals and standing grants (Chromium)', () => {
  test('the first token is shown with its claims; a standing grant then issues tokens without asking', async ({
    context,
    openExtensionPage,
    dapp,
  }) => {
    const site = await connectedSite(context, openExtensionPage, dapp.origin);
    const documents = await documentsSeenBy(site.page, [site.user.did, site.agent.did]);

    let pending = await startRequest(site.page, 'sigil_authToken', { user: site.user.did, durationSeconds: 600 });
    let approval = await approvalWindow(context);
    await expect(approval.getByTestId('request-origin')).toHaveText(site.origin);
    await expect(approval.getByText('asks for a sign-in token')).toBeVisible();
    await expect(approval.getByText(site.user.did, { exact: true }).first()).toBeVisible();
    await expect(approval.getByText(new RegExp(`^${site.agent.did}#agent-2-0$`))).toBeVisible();
    await expect(approval.getByText('10 minutes after signing', { exact: false })).toBeVisible();
    await approval.getByRole('button', { name: 'Sign token' }).click();
    const first = await requestOutcome<Token>(site.page, pending);
    expect(first.ok).toBe(true);
    const verified = await verifyToken((first as { result: Token }).result.token, site.origin, documents);
    expect(verified.claims).toMatchObject({ sub: site.user.did, aud: site.origin, iss: `${site.agent.did}#agent-2-0` });

    // No grant was given: the next token asks again, and this time the person rejects it.
    pending = await startRequest(site.page, 'sigil_authToken', { user: site.user.did });
    approval = await approvalWindow(context);
    await approval.getByRole('button', { name: 'Reject' }).click();
    expect(await requestOutcome(site.page, pending)).toEqual({ ok: false, code: 4001, message: 'The person rejected the request.' });
    // The person turned the site down a moment ago: its next request waits out the cooldown (issue 12 item 4).
    await waitOutCooldown();

    // Approve with "don't ask again for 1 hour".
    pending = await startRequest(site.page, 'sigil_authToken', { user: site.user.did });
    approval = await approvalWindow(context);
    await approval.getByRole('checkbox', { name: /without asking me/ }).check();
    await approval.getByLabel('for the next').selectOption({ label: '1 hour' });
    await approval.getByRole('button', { name: 'Sign token' }).click();
    expect(await requestOutcome(site.page, pending)).toMatchObject({ ok: true });
    await expect.poll(() => openApprovalWindows(context).length).toBe(0);

    // Granted: tokens come without a window.
    const granted = await sigilRequest<Token>(site.page, 'sigil_authToken', { user: site.user.did, durationSeconds: 60 });
    expect(granted.ok).toBe(true);
    await verifyToken((granted as { result: Token }).result.token, site.origin, documents);
    expect(openApprovalWindows(context)).toHaveLength(0);
    const { sites } = await site.ui.call('ui_sites', undefined);
    expect(sites[0]!.grants).toEqual([{ user: site.user.did, agent: site.agent.did, until: expect.any(Number) }]);
    expect(sites[0]!.grants[0]!.until - Date.now()).toBeGreaterThan(55 * 60_000);

    // The grant is this origin's only: another site with the same identities shared is asked.
    const other = await context.newPage();
    await other.goto(otherSite.origin);
    await other.waitForFunction(() => 'sigil' in window);
    await connect(context, other);
    const elsewhere = await startRequest(other, 'sigil_authToken', { user: site.user.did });
    approval = await approvalWindow(context);
    await expect(approval.getByTestId('request-origin')).toHaveText(otherSite.origin);
    await approval.getByRole('button', { name: 'Reject' }).click();
    expect(await requestOutcome(other, elsewhere)).toMatchObject({ ok: false, code: 4001 });

    // Revoking the site ends the grant with the connection.
    await site.ui.call('ui_revokeSite', { origin: site.origin });
    expect(await sigilRequest(site.page, 'sigil_authToken', { user: site.user.did })).toMatchObject({ ok: false, code: 4100 });
  });

  test('a token for another audience carries a warning and cannot be granted standing', async ({
    context,
    openExtensionPage,
    dapp,
  }) => {
    const site = await connectedSite(context, openExtensionPage, dapp.origin);
    const audience = 'https://api.example.org';
    const pending = await startRequest(site.page, 'sigil_authToken', { user: site.user.did, audience });
    const approval = await approvalWindow(context);
    await expect(approval.getByRole('alert')).toContainText(`This token is for ${audience}, not for ${site.origin}.`);
    await expect(approval.getByRole('checkbox', { name: /without asking me/ })).toHaveCount(0);
    await approval.getByRole('button', { name: 'Sign token' }).click();
    const answer = await requestOutcome<Token>(site.page, pending);
    const documents = await documentsSeenBy(site.page, [site.user.did, site.agent.did]);
    expect((await verifyToken((answer as { result: Token }).result.token, audience, documents)).claims.aud).toBe(audience);
  });

  test('a token for an identity that is not shared is refused with 4100, and bad params with -32602', async ({
    context,
    openExtensionPage,
    dapp,
  }) => {
    const host = await openExtensionPage('popup.html');
    const wallet = await setUpWallet(host);
    const page = await context.newPage();
    await page.goto(dapp.origin);
    await page.waitForFunction(() => 'sigil' in window);
    const pending = await startRequest(page, 'sigil_connect', { kinds: ['twin'] });
    await (await approvalWindow(context)).getByRole('button', { name: 'Connect' }).click();
    await requestOutcome(page, pending);
    expect(await sigilRequest(page, 'sigil_authToken', { user: wallet.user.did })).toEqual({
      ok: false,
      code: 4100,
      message: 'This identity is not shared with this site.',
    });
    expect(await sigilRequest(page, 'sigil_authToken', { user: wallet.user.did, durationSeconds: 0 })).toEqual({
      ok: false,
      code: -32602,
      message: 'durationSeconds must be an integer from 1 to 86400.',
    });
    expect(openApprovalWindows(context)).toHaveLength(0);
  });

  test('naming an agent cannot probe which DIDs the wallet holds: one answer, no window', async ({ context, openExtensionPage, dapp }) => {
    const site = await connectedSite(context, openExtensionPage, dapp.origin);
    // A DID the wallet holds (the User itself, not an Agent) and one it does not hold get the same answer.
    const held = await sigilRequest(site.page, 'sigil_authToken', { user: site.user.did, agent: site.user.did });
    const notHeld = await sigilRequest(site.page, 'sigil_authToken', { user: site.user.did, agent: NOT_IN_WALLET });
    const expected = { ok: false, code: -32602, message: `params.agent must be an Agent in Sigil that ${site.user.did} delegates authentication to.` };
    expect(held).toEqual(expected);
    expect(notHeld).toEqual(expected);
    expect(openApprovalWindows(context)).toHaveLength(0);
  });

  test('1000 concurrent token requests from a granted origin are all answered, once each, each token valid', async ({
    context,
    openExtensionPage,
    dapp,
  }) => {
    test.setTimeout(240_000);
    const site = await connectedSite(context, openExtensionPage, dapp.origin);
    const pending = await startRequest(site.page, 'sigil_authToken', { user: site.user.did });
    const approval = await approvalWindow(context);
    await approval.getByRole('checkbox', { name: /without asking me/ }).check();
    await approval.getByRole('button', { name: 'Sign token' }).click();
    expect(await requestOutcome(site.page, pending)).toMatchObject({ ok: true });

    await countAnswers(site.page);
    const outcomes = await concurrentRequests<Token>(site.page, 1000, 'sigil_authToken', { user: site.user.did, durationSeconds: 300 });
    expect(outcomes).toHaveLength(1000);
    expect(outcomes.filter((o) => !o.ok)).toEqual([]);
    expect(await answerCounts(site.page)).toEqual({ requests: 1000, answers: 1000, maxPerRequest: 1 });
    const documents = await documentsSeenBy(site.page, [site.user.did, site.agent.did]);
    for (const outcome of outcomes) {
      const { token, expiresAt } = (outcome as { result: Token }).result;
      const verified = await verifyToken(token, site.origin, documents);
      expect(verified.claims.exp).toBe(expiresAt);
      expect(verified.claims.sub).toBe(site.user.did);
    }
    expect(openApprovalWindows(context)).toHaveLength(0);
  });
});

test.describe('proofs, new identities, key replacement (Chromium)', () => {
  test('a delegation proof is signed by the agent after approval', async ({ context, openExtensionPage, dapp }) => {
    const site = await connectedSite(context, openExtensionPage, dapp.origin);
    const delegator = site.twin.did;
    const pending = await startRequest(site.page, 'sigil_delegationProof', { agent: site.agent.did, delegator });
    const approval = await approvalWindow(context);
    await expect(approval.getByText('asks for a delegation proof')).toBeVisible();
    await expect(approval.getByText(delegator, { exact: true })).toBeVisible();
    await approval.getByRole('button', { name: 'Sign proof' }).click();
    const answer = await requestOutcome<{ controller: string; proof: string; proofType: string }>(site.page, pending);
    expect(answer).toMatchObject({ ok: true, result: { controller: `${site.agent.did}#agent-2-0`, proofType: 'did' } });
    // The proof verifies with the agent's signing key, over the delegator's DID.
    const documents = await documentsSeenBy(site.page, [site.agent.did]);
    const agentDocument = documents.get(site.agent.did) as { publicKey: { id: string; publicKeyBase58: string }[] };
    const signingKey = agentDocument.publicKey.find((k) => k.id === '#agent-2-0')!;
    const { proof } = (answer as { result: { proof: string } }).result;
    expect(await ed25519.verify(base64Decode(proof), utf8Encode(delegator), base58Decode(signingKey.publicKeyBase58))).toBe(true);
  });

  test('sigil_createIdentity asks, then the new identity is shared with the site', async ({ context, openExtensionPage, dapp }) => {
    const site = await connectedSite(context, openExtensionPage, dapp.origin);
    let pending = await startRequest(site.page, 'sigil_createIdentity', {
      kind: 'twin',
      label: 'Boiler 2',
      names: ['boiler-2'],
      delegateTo: site.agent.did,
    });
    let approval = await approvalWindow(context);
    await expect(approval.getByText('asks to create a new identity')).toBeVisible();
    await expect(approval.getByTestId('request-summary')).toContainText('Boiler 2');
    await expect(approval.getByText(/anyone can read them/)).toBeVisible();
    await approval.getByRole('button', { name: 'Reject' }).click();
    expect(await requestOutcome(site.page, pending)).toMatchObject({ ok: false, code: 4001 });
    // The person turned the site down a moment ago: its next request waits out the cooldown (issue 12 item 4).
    await waitOutCooldown();

    pending = await startRequest(site.page, 'sigil_createIdentity', { kind: 'twin', label: 'Boiler 2', delegateTo: site.agent.did });
    approval = await approvalWindow(context);
    await approval.getByRole('button', { name: 'Create identity' }).click();
    const created = await requestOutcome<{ did: string; chain_id: string; entry_hash: string; stage: string }>(site.page, pending);
    expect(created).toMatchObject({ ok: true, result: { did: expect.stringMatching(/^did:iotics:iot/), stage: 'local' } });
    const { did } = (created as { result: { did: string } }).result;
    const entities = await sigilRequest<{ entities: { did: string; label: string }[] }>(site.page, 'sigil_entities');
    expect(entities.ok && entities.result.entities.map((e) => e.label)).toEqual(['Alice', "Alice's agent", 'Pump 7', 'Boiler 2']);
    expect(entities.ok && entities.result.entities.at(-1)!.did).toBe(did);
  });

  test('replacing a key signed by the master key needs the password, checked before anything is signed', async ({
    context,
    openExtensionPage,
    dapp,
  }) => {
    const site = await connectedSite(context, openExtensionPage, dapp.origin);
    const identity = await sigilRequest<{ data: { active_keys: { key: string; priority: number }[] } }>(site.page, 'sigil_identity', {
      did: site.user.did,
    });
    const keyAt = (priority: number) => (identity as { result: { data: { active_keys: { key: string; priority: number }[] } } }).result.data.active_keys.find((k) => k.priority === priority)!.key;

    // Priority 1 is replaced with the master key's signature: the password is asked again.
    const pending = await startRequest(site.page, 'sigil_replaceKey', { did: site.user.did, oldPublicKey: keyAt(1) });
    const approval = await approvalWindow(context);
    await expect(approval.getByText('asks to replace a key')).toBeVisible();
    await expect(approval.getByText(keyAt(1))).toBeVisible();
    await expect(approval.getByText('(priority 0, the master key)', { exact: true })).toBeVisible();
    await approval.getByRole('button', { name: 'Replace key' }).click();
    await expect(approval.getByText('Type your password to approve this key replacement.')).toBeVisible();
    await approval.getByLabel('Password', { exact: true }).fill('wrong password');
    await approval.getByRole('button', { name: 'Replace key' }).click();
    await expect(approval.getByText('Wrong password.')).toBeVisible();
    await expect(approval.getByLabel('Password', { exact: true })).toHaveAttribute('aria-invalid', 'true');
    // Nothing was signed while the password was wrong.
    expect((await site.ui.call('ui_pending', undefined)).requests).toHaveLength(1);
    await approval.getByLabel('Password', { exact: true }).fill(TEST_PASSWORD);
    await approval.getByRole('button', { name: 'Replace key' }).click();
    const replaced = await requestOutcome<{ entry_hash: string; stage: string }>(site.page, pending);
    expect(replaced).toMatchObject({ ok: true, result: { entry_hash: expect.stringMatching(/^[0-9a-f]{64}$/) } });
    const after = await sigilRequest<{ data: { active_keys: { key: string; priority: number }[] } }>(site.page, 'sigil_identity', { did: site.user.did });
    expect(after.ok && after.result.data.active_keys.map((k) => k.key)).not.toContain(keyAt(1));

    // The password was never stored: not in IndexedDB, not in storage.session.
    expect(JSON.stringify(await readDatabase(site.host))).not.toContain(TEST_PASSWORD);
    expect(await readExtensionStorage(site.host, 'session')).not.toContain(TEST_PASSWORD);

    // Priority 2 is replaced with priority 1's signature: no password. The site supplies the new key
    // itself, so the card warns in plain words that the site will hold that key.
    const siteKey = encodeIdpub(await ed25519.getPublicKey(randomBytes(32)));
    const second = await startRequest(site.page, 'sigil_replaceKey', { did: site.user.did, oldPublicKey: keyAt(2), newPublicKey: siteKey });
    const again = await approvalWindow(context);
    await expect(again.getByText(keyAt(2))).toBeVisible();
    await expect(again.getByTestId('site-supplied-key')).toContainText('This site chose the new key');
    await expect(again.getByLabel('Password', { exact: true })).toHaveCount(0);
    await again.getByRole('button', { name: 'Replace key' }).click();
    expect(await requestOutcome(site.page, second)).toMatchObject({ ok: true });
  });
});

test.describe('the approval window (Chromium)', () => {
  test('each kind of request shows what it is about, with its own approve button (light and dark screens saved)', async ({
    context,
    openExtensionPage,
    dapp,
  }) => {
    const site = await connectedSite(context, openExtensionPage, dapp.origin);
    const identity = await sigilRequest<{ data: { active_keys: { key: string; priority: number }[] } }>(site.page, 'sigil_identity', {
      did: site.user.did,
    });
    const p1 = identity.ok ? identity.result.data.active_keys.find((k) => k.priority === 1)!.key : '';
    const handles = [
      await startRequest(site.page, 'sigil_authToken', { user: site.user.did, audience: 'https://api.example.org', durationSeconds: 3600 }),
      await startRequest(site.page, 'sigil_delegationProof', { agent: site.agent.did, delegator: site.twin.did, proofType: 'generic' }),
      await startRequest(site.page, 'sigil_createIdentity', { kind: 'twin', label: 'Boiler 2', names: ['boiler-2'] }),
      await startRequest(site.page, 'sigil_replaceKey', { did: site.user.did, oldPublicKey: p1 }),
    ];
    const approval = await approvalWindow(context);
    await approval.setViewportSize({ width: 440, height: 700 });
    await expect(approval.getByTestId('queue-position')).toHaveText('Request 1 of 4');
    const kinds = [
      { list: 'Token', asks: 'asks for a sign-in token', approve: 'Sign token', screen: 'approval-token-other-audience' },
      { list: 'Delegation proof', asks: 'asks for a delegation proof', approve: 'Sign proof', screen: 'approval-delegation-proof' },
      { list: 'New identity', asks: 'asks to create a new identity', approve: 'Create identity', screen: 'approval-create-identity' },
      { list: 'Key replacement', asks: 'asks to replace a key', approve: 'Replace key', screen: 'approval-replace-key' },
    ];
    for (const kind of kinds) {
      await approval.getByRole('button', { name: `${kind.list} · ${site.origin}` }).click();
      await expect(approval.getByTestId('request-origin')).toHaveText(site.origin);
      await expect(approval.getByText(kind.asks)).toBeVisible();
      await expect(approval.getByRole('button', { name: kind.approve, exact: true })).toBeEnabled();
      await expect(approval.getByRole('button', { name: 'Reject', exact: true })).toBeEnabled();
      await captureChromium(approval, kind.screen);
    }
    await approval.close();
    for (const handle of handles) expect(await requestOutcome(site.page, handle)).toMatchObject({ ok: false, code: 4001 });
  });

  test('the approval window works from the keyboard alone, with a visible focus', async ({ context, openExtensionPage, dapp }) => {
    const host = await openExtensionPage('popup.html');
    const wallet = await setUpWallet(host);
    const page = await context.newPage();
    await page.goto(dapp.origin);
    await page.waitForFunction(() => 'sigil' in window);
    const pending = await startRequest(page, 'sigil_connect');
    const approval = await approvalWindow(context);
    await captureChromium(approval, 'approval-connect');
    // Focus starts on the requesting origin, then follows the reading order.
    await expect(approval.getByTestId('request-origin')).toBeFocused();
    await approval.keyboard.press('Tab');
    await expect(approval.getByRole('checkbox', { name: /Alice\s*User/ })).toBeFocused();
    expect(await approval.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle)).not.toBe('none');
    await approval.keyboard.press('Tab');
    await expect(approval.getByRole('checkbox', { name: /Alice's agent/ })).toBeFocused();
    // The agent that signs for the ticked user comes ticked with it.
    await expect(approval.getByRole('checkbox', { name: /Alice's agent/ })).toBeChecked();
    await approval.keyboard.press('Tab');
    // The safe choices come before the approve button, which takes focus only once it is armed.
    await approval.keyboard.press('Tab');
    await expect(approval.getByRole('button', { name: 'Not now' })).toBeFocused();
    await expect(approval.getByTestId('approve')).toHaveAttribute('data-armed', 'true');
    await approval.keyboard.press('Tab');
    await approval.keyboard.press('Tab');
    await expect(approval.getByRole('button', { name: 'Connect' })).toBeFocused();
    expect(await approval.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle)).not.toBe('none');
    // Approving the last request closes the window, possibly before the key press reports back.
    await Promise.all([approval.waitForEvent('close'), approval.keyboard.press('Enter').catch(() => undefined)]);
    expect(await requestOutcome(page, pending)).toMatchObject({
      ok: true,
      result: { entities: [expect.objectContaining({ did: wallet.user.did }), expect.objectContaining({ did: wallet.agent.did })] },
    });
  });
});

test.describe('the queue (Chromium)', () => {
  test('a site may keep 10 requests waiting; the 11th gets a clear error; the badge counts them', async ({
    context,
    openExtensionPage,
    dapp,
  }) => {
    const site = await connectedSite(context, openExtensionPage, dapp.origin);
    const handles: string[] = [];
    for (let i = 0; i < 10; i++)
      handles.push(await startRequest(site.page, 'sigil_delegationProof', { agent: site.agent.did, delegator: site.user.did }));
    const approval = await approvalWindow(context);
    await expect(approval.getByTestId('queue-position')).toHaveText('Request 1 of 10');
    await expect.poll(() => badgeText(site.host)).toBe('10');
    expect(await sigilRequest(site.page, 'sigil_delegationProof', { agent: site.agent.did, delegator: site.user.did })).toEqual({
      ok: false,
      code: 4100,
      message: 'This site already has 10 requests waiting for the person. Wait until they are answered.',
    });
    // Another site is not held back by this one.
    const other = await context.newPage();
    await other.goto(otherSite.origin);
    await other.waitForFunction(() => 'sigil' in window);
    const otherConnect = await startRequest(other, 'sigil_connect');
    await expect.poll(() => badgeText(site.host)).toBe('11');

    await approval.getByRole('button', { name: 'Sign proof' }).click();
    expect(await requestOutcome(site.page, handles[0]!)).toMatchObject({ ok: true });
    await expect.poll(() => badgeText(site.host)).toBe('10');
    await approval.close();
    for (const handle of [...handles.slice(1)]) expect(await requestOutcome(site.page, handle)).toMatchObject({ ok: false, code: 4001 });
    expect(await requestOutcome(other, otherConnect)).toMatchObject({ ok: false, code: 4001 });
    await expect.poll(() => badgeText(site.host)).toBe('');
  });

  test('while locked, a granted token waits for the unlock and is then issued without a prompt', async ({
    context,
    openExtensionPage,
    dapp,
  }) => {
    const site = await connectedSite(context, openExtensionPage, dapp.origin);
    const pending = await startRequest(site.page, 'sigil_authToken', { user: site.user.did });
    const approval = await approvalWindow(context);
    await approval.getByRole('checkbox', { name: /without asking me/ }).check();
    await approval.getByRole('button', { name: 'Sign token' }).click();
    await requestOutcome(site.page, pending);
    await expect.poll(() => openApprovalWindows(context).length).toBe(0);

    await site.ui.call('ui_lock', undefined);
    const waiting = await startRequest(site.page, 'sigil_authToken', { user: site.user.did });
    const unlock = await approvalWindow(context);
    await expect(unlock.getByTestId('approval-unlock')).toBeVisible();
    await expect(unlock.getByTestId('waiting-origins')).toHaveText(site.origin);
    await expect.poll(() => badgeText(site.host)).toBe('1');
    await captureChromium(unlock, 'approval-unlock');
    await unlock.getByLabel('Password', { exact: true }).fill(TEST_PASSWORD);
    await unlock.getByRole('button', { name: 'Unlock' }).click();
    expect(await requestOutcome(site.page, waiting)).toMatchObject({ ok: true, result: { token: expect.any(String) } });
    await expect.poll(() => openApprovalWindows(context).length).toBe(0);
  });

  test("disconnecting a site turns down its waiting requests; other sites' stay", async ({ context, openExtensionPage, dapp }) => {
    const site = await connectedSite(context, openExtensionPage, dapp.origin);
    const other = await context.newPage();
    await other.goto(otherSite.origin);
    await other.waitForFunction(() => 'sigil' in window);
    const proof = await startRequest(site.page, 'sigil_delegationProof', { agent: site.agent.did, delegator: site.user.did });
    const approval = await approvalWindow(context);
    const otherConnect = await startRequest(other, 'sigil_connect');
    await expect(approval.getByTestId('queue-position')).toHaveText('Request 1 of 2');
    await site.ui.call('ui_revokeSite', { origin: site.origin });
    expect(await requestOutcome(site.page, proof)).toEqual({ ok: false, code: 4001, message: 'The site was disconnected from Sigil.' });
    await expect(approval.getByTestId('request-origin')).toHaveText(otherSite.origin);
    await approval.getByRole('button', { name: 'Connect' }).click();
    expect(await requestOutcome(other, otherConnect)).toMatchObject({ ok: true });
  });

  test('closing the unlock prompt turns the waiting request down', async ({ context, openExtensionPage, dapp }) => {
    const site = await connectedSite(context, openExtensionPage, dapp.origin);
    await site.ui.call('ui_lock', undefined);
    const waiting = await startRequest(site.page, 'sigil_delegationProof', { agent: site.agent.did, delegator: site.user.did });
    const unlock = await approvalWindow(context);
    await expect(unlock.getByTestId('approval-unlock')).toBeVisible();
    await unlock.close();
    expect(await requestOutcome(site.page, waiting)).toEqual({ ok: false, code: 4001, message: 'Sigil was closed without being unlocked.' });
  });
});
