/**
 * The UI path as Sigil's popup uses it: a `sigil/ui` Port (faked) into the UI router, with the whole
 * background behind it. The popup's client re-sends a request with the same id when its Port drops;
 * every write must then happen once.
 */
import { describe, expect, it } from 'vitest';
import { UiPorts } from '../../src/background/ui-port';
import { FakePort, OTHER_SEED_HEX, PASSWORD, settle, startBackground, walletWithUserAndAgent, type TestBackground } from './helpers';

function openUiPort(bg: TestBackground, ownPage = true) {
  const ports = new UiPorts((type, payload, id) => bg.uiRouter.route(type, payload, id), () => ownPage);
  const port = new FakePort('sigil/ui', { id: 'sigil', url: 'chrome-extension://sigil/popup.html' });
  ports.serve(port.asPort());
  return {
    ports,
    port,
    async call(type: string, payload: unknown, id: string) {
      port.send({ id, type, payload });
      return port.replyTo(id);
    },
  };
}

describe('UI router', () => {
  it('serves only Sigil’s own pages', async () => {
    const bg = await startBackground();
    expect(openUiPort(bg, false).port.disconnected).toBe(true);
  });

  it('answers ui_state, and refuses an unknown message and a bad payload', async () => {
    const bg = await startBackground();
    const ui = openUiPort(bg);
    expect((await ui.call('ui_state', undefined, 'a')).result).toMatchObject({ vault: 'empty', pendingCount: 0, version: '1.0.0' });
    expect((await ui.call('ui_nothing', undefined, 'b')).error).toMatchObject({ code: 4200 });
    expect((await ui.call('ui_unlock', { password: 5 }, 'c')).error).toMatchObject({ code: -32602 });
  });

  it('tells open pages that something changed, with no data', async () => {
    const bg = await startBackground();
    const ui = openUiPort(bg);
    ui.ports.notify('stateChanged');
    expect(ui.port.posted).toEqual([{ event: 'stateChanged' }]);
  });

  it('replaces a key once when ui_replaceKey is re-sent with the same id', async () => {
    const { bg, user } = await walletWithUserAndAgent();
    const ui = openUiPort(bg);
    const key1 = (await bg.ui('ui_entity', { did: user.did })).keys.find((k) => k.priority === 1 && k.active)!;
    const first = await ui.call('ui_replaceKey', { did: user.did, oldKey: key1.idpub, password: PASSWORD }, 'replace-1');
    expect(first.result).toMatchObject({ entry_hash: expect.stringMatching(/^[0-9a-f]{64}$/) });
    // The Port dropped before the answer arrived; the client re-sends on a new Port, to a restarted worker.
    const restarted = await startBackground(bg.platform);
    const again = await openUiPort(restarted).call('ui_replaceKey', { did: user.did, oldKey: key1.idpub, password: PASSWORD }, 'replace-1');
    expect(again.result).toEqual(first.result);
    const view = await restarted.ui('ui_entity', { did: user.did });
    expect(view.history.filter((h) => h.kind === 'replaced')).toHaveLength(1);
    expect(view.keys.filter((k) => k.priority === 1)).toHaveLength(2);
  });

  it('runs a request re-sent while its first run is still going only once', async () => {
    const { bg } = await walletWithUserAndAgent();
    const ui = openUiPort(bg);
    const payload = { seed: { source: 'hex', hex: OTHER_SEED_HEX }, label: 'Second' };
    ui.port.send({ id: 'seed-1', type: 'ui_addSeed', payload });
    ui.port.send({ id: 'seed-1', type: 'ui_addSeed', payload });
    await settle();
    const replies = await ui.port.replyTo('seed-1');
    expect(replies.result).toMatchObject({ label: 'Second', words: 24 });
    await settle(100);
    expect(ui.port.posted.filter((m) => (m as { id?: string }).id === 'seed-1')).toEqual([replies, replies]);
    expect((await bg.ui('ui_seeds', undefined)).seeds.map((s) => s.label)).toEqual(['Vectors', 'Second']);
  });

  it('adds a seed and imports a key once when re-sent after a worker restart', async () => {
    const { bg } = await walletWithUserAndAgent();
    const seed = await bg.ui('ui_addSeed', { seed: { source: 'hex', hex: OTHER_SEED_HEX } }, 'seed-2');
    const restarted = await startBackground(bg.platform);
    expect(await restarted.ui('ui_addSeed', { seed: { source: 'hex', hex: OTHER_SEED_HEX } }, 'seed-2')).toEqual(seed);
    expect((await restarted.ui('ui_seeds', undefined)).seeds).toHaveLength(2);
    // A different request for the same seed is a second add, which the wallet refuses.
    const error = await restarted.ui('ui_addSeed', { seed: { source: 'hex', hex: OTHER_SEED_HEX } }, 'seed-3').catch((e: Error) => e);
    expect(error).toMatchObject({ message: 'This seed is already in the wallet.' });
  });

  it('changes the password once when re-sent: the answer stays a success', async () => {
    const { bg } = await walletWithUserAndAgent();
    const request = { current: PASSWORD, next: 'a new long password' };
    expect(await bg.ui('ui_changePassword', request, 'password-1')).toBe(true);
    const restarted = await startBackground(bg.platform);
    expect(await restarted.ui('ui_changePassword', request, 'password-1')).toBe(true);
    await restarted.ui('ui_lock', undefined);
    expect((await restarted.ui('ui_unlock', { password: 'a new long password' })).vault).toBe('unlocked');
  });

  it('sets up the wallet once when re-sent: the answer is its state, not "already set up"', async () => {
    const bg = await startBackground();
    const request = { password: PASSWORD, seed: { source: 'hex', hex: OTHER_SEED_HEX } } as const;
    expect((await bg.ui('ui_createWallet', request, 'setup-1')).vault).toBe('unlocked');
    const restarted = await startBackground(bg.platform);
    expect((await restarted.ui('ui_createWallet', request, 'setup-1')).vault).toBe('unlocked');
    expect((await restarted.ui('ui_seeds', undefined)).seeds).toHaveLength(1);
    expect(await restarted.ui('ui_createWallet', request, 'setup-2').catch((e: Error) => e.message)).toBe('The wallet is already set up.');
  });

  it('restores a backup once: re-sent later, it does not wipe what was done since', async () => {
    const { bg } = await walletWithUserAndAgent();
    const { contents } = await bg.ui('ui_exportBackup', { password: PASSWORD });
    const other = await startBackground();
    const request = { contents, password: PASSWORD, replaceExisting: true };
    expect((await other.ui('ui_importBackup', request, 'import-1')).vault).toBe('unlocked');
    await other.ui('ui_createEntity', { kind: 'user', label: 'Bob', keyName: 'bob' });
    expect((await other.ui('ui_importBackup', request, 'import-1')).vault).toBe('unlocked');
    expect((await other.ui('ui_entities', undefined)).entities.map((e) => e.label)).toContain('Bob');
  });

  it('creates entities once when re-sent', async () => {
    const { bg, agent } = await walletWithUserAndAgent();
    const request = { label: 'Pump', keyName: 'pump', agent: agent.did };
    const twin = await bg.ui('ui_createTwin', request, 'twin-1');
    expect(await bg.ui('ui_createTwin', request, 'twin-1')).toEqual(twin);
    expect((await bg.ui('ui_entities', undefined)).entities).toHaveLength(3);
  });

  it('keeps the wallet unlocked while the person acts, but not for the popup polling its state', async () => {
    const { bg } = await walletWithUserAndAgent();
    const before = await bg.wallet.times();
    bg.platform.clock.now += 60_000;
    await bg.ui('ui_state', undefined);
    expect((await bg.wallet.times())?.lastActivityAt).toBe(before?.lastActivityAt);
    await bg.ui('ui_entities', undefined);
    expect((await bg.wallet.times())?.lastActivityAt).toBe(bg.platform.clock.now);
  });
});
