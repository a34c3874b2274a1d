/**
 * The page path as a site sees it: a content script's Port (faked) into the page router, with the
 * whole background behind it.
 */
import { describe, expect, it } from 'vitest';
import type { PageHandlers } from '../../src/background/page-handlers';
import { servePagePort } from '../../src/background/page-port';
import type { UiHandlers } from '../../src/background/ui-handlers';
import type { PageContext } from '../../src/background/sender';
import { getEntity, putEntity } from '../../src/background/storage';
import {
  connectSite,
  FakePort,
  PASSWORD,
  settle,
  SITE,
  SITE_CTX,
  startBackground,
  until,
  walletWithUserAndAgent,
  type TestBackground,
} from './helpers';

/** Opens a page Port into `bg` from SITE (or the sender `ctx`). */
function openPagePort(bg: TestBackground, ctx: PageContext | null = SITE_CTX) {
  const port = new FakePort('sigil/page', { id: 'sigil', url: `${SITE}/` });
  servePagePort(port.asPort(), {
    route: (c, id, method, params) => bg.pageRouter.route(c, id, method, params),
    contextOf: () => ctx,
    rememberFrame: async () => undefined,
    onPageGone: (c, _portId, ids) => bg.approvals.onPageGone(c, ids),
    newPortId: () => 'port-1',
  });
  let next = 0;
  return {
    port,
    /** Sends a request and waits for its answer. */
    async request(method: string, params?: unknown, id = `page-${++next}`) {
      port.send({ id, method, params });
      return port.replyTo(id);
    },
  };
}

async function approveNext(bg: TestBackground, choices = {}) {
  let id = '';
  await until(async () => {
    const { requests } = await bg.ui('ui_pending', undefined);
    id = requests[0]?.id ?? '';
    return id !== '';
  });
  await bg.ui('ui_decide', { id, decision: 'approve', choices });
}

const noWindowOpened = (bg: TestBackground) => {
  expect(bg.platform.windows.created).toBe(0);
  expect(bg.platform.badge.text).toBe('');
};

describe('page router', () => {
  it('answers sigil_ping with the origin the browser reported', async () => {
    const bg = await startBackground();
    const page = openPagePort(bg);
    expect((await page.request('sigil_ping')).result).toEqual({ origin: SITE, version: '1.0.0' });
  });

  it('disconnects a Port whose sender is not a web page it serves', async () => {
    const bg = await startBackground();
    const page = openPagePort(bg, null);
    expect(page.port.disconnected).toBe(true);
  });

  it('refuses an unknown method and bad params with clear errors, and drops a malformed envelope', async () => {
    const bg = await startBackground();
    const page = openPagePort(bg);
    expect((await page.request('sigil_mine')).error).toMatchObject({ code: 4200, message: expect.stringContaining('sigil_mine') });
    expect((await page.request('sigil_authToken', { user: 'nobody' })).error).toMatchObject({ code: -32602 });
    page.port.send({ method: 'sigil_ping' });
    await settle();
    expect(page.port.posted).toHaveLength(2);
  });

  it('answers a site that is not connected with 4100 and shows it nothing', async () => {
    const { bg, user } = await walletWithUserAndAgent();
    const page = openPagePort(bg);
    expect((await page.request('sigil_entities')).error?.code).toBe(4100);
    expect((await page.request('sigil_document', { did: user.did })).error?.code).toBe(4100);
  });

  it('connects a site with the identities the person picked', async () => {
    const { bg, user } = await walletWithUserAndAgent();
    const page = openPagePort(bg);
    const answer = page.request('sigil_connect');
    await approveNext(bg, { entities: [user.did] });
    expect((await answer).result).toEqual({ entities: [{ did: user.did, kind: 'user', label: 'Alice' }] });
    expect((await page.request('sigil_entities')).result).toEqual({ entities: [{ did: user.did, kind: 'user', label: 'Alice' }] });
  });

  it('refuses sigil_delegationProof naming a User as agent before any window opens', async () => {
    const { bg, user, agent } = await walletWithUserAndAgent();
    await connectSite(bg, [user.did, agent.did]);
    const page = openPagePort(bg);
    const answer = await page.request('sigil_delegationProof', { agent: user.did, delegator: agent.did });
    expect(answer.error).toMatchObject({ code: -32602, message: expect.stringContaining('is not an Agent') });
    noWindowOpened(bg);
  });

  it('gives a site that names an agent one answer, whatever the wallet holds (no probing which DIDs it has)', async () => {
    const { bg, user, agent } = await walletWithUserAndAgent();
    const { did: twin } = await bg.ui('ui_createEntity', { kind: 'twin', label: 'Thermostat', keyName: 'thermostat' });
    const { agent: otherAgent } = await bg.ui('ui_createUserAndAgent', {
      user: { label: 'Bob', keyName: 'bob' },
      agent: { label: "Bob's agent", keyName: 'bob-agent' },
    });
    await connectSite(bg, [user.did]);
    const page = openPagePort(bg);
    const notHeld = 'did:iotics:iotFK49UxBAb951emroHxLwjQtqki1FciMPQ'; // the IOTICS-format alice: not in this wallet
    // Held but not an Agent; held Agent the user does not delegate to; a DID the wallet does not hold.
    const messages = new Set<string>();
    for (const named of [twin, otherAgent.did, notHeld]) {
      const answer = await page.request('sigil_authToken', { user: user.did, agent: named });
      expect(answer.error?.code).toBe(-32602);
      messages.add(answer.error!.message.replace(named, '<agent>'));
    }
    expect([...messages]).toHaveLength(1);
    noWindowOpened(bg);
    // The user's own delegate is still accepted.
    const asked = page.request('sigil_authToken', { user: user.did, agent: agent.did });
    await approveNext(bg);
    expect(((await asked).result as { token: string }).token).toBeTruthy();
  });

  it('refuses sigil_createIdentity delegating to a User, or an Agent that would delegate, before any window opens', async () => {
    const { bg, user, agent } = await walletWithUserAndAgent();
    await connectSite(bg, [user.did, agent.did]);
    const page = openPagePort(bg);
    expect((await page.request('sigil_createIdentity', { kind: 'twin', delegateTo: user.did })).error).toMatchObject({
      code: -32602,
      message: 'delegateTo must be an Agent.',
    });
    expect((await page.request('sigil_createIdentity', { kind: 'agent', delegateTo: agent.did })).error?.code).toBe(-32602);
    noWindowOpened(bg);
  });

  it('refuses sigil_replaceKey with a key the identity already used, before any window opens', async () => {
    const { bg, user } = await walletWithUserAndAgent();
    await connectSite(bg, [user.did]);
    const keys = (await bg.ui('ui_entity', { did: user.did })).keys;
    const page = openPagePort(bg);
    const answer = await page.request('sigil_replaceKey', { did: user.did, oldPublicKey: keys[2]!.idpub, newPublicKey: keys[1]!.idpub });
    expect(answer.error).toMatchObject({ code: -32602, message: expect.stringContaining('already used') });
    noWindowOpened(bg);
  });

  it('refuses sigil_authToken when the wallet lacks the agent signing key, before any window opens', async () => {
    const { bg, user, agent } = await walletWithUserAndAgent();
    await connectSite(bg, [user.did]);
    // The agent's row stays but the wallet forgets its secret reference (as after restoring a partial backup).
    await bg.wallet.writeSecrets((secrets) => ({
      secrets: { ...secrets, entities: secrets.entities.filter((e) => e.entityId !== agent.did) },
      result: undefined,
    }));
    const page = openPagePort(bg);
    const answer = await page.request('sigil_authToken', { user: user.did });
    expect(answer.error).toMatchObject({ code: -32602, message: expect.stringContaining('does not hold the signing key') });
    noWindowOpened(bg);
  });

  it('issues a token after approval, and under the standing grant the person gave, without asking again', async () => {
    const { bg, user, agent } = await walletWithUserAndAgent();
    await connectSite(bg, [user.did]);
    const page = openPagePort(bg);
    const first = page.request('sigil_authToken', { user: user.did });
    await approveNext(bg, { grantMinutes: 5 });
    const { result } = await first;
    expect((result as { token: string }).token.split('.')).toHaveLength(3);
    expect(bg.platform.windows.open.size).toBe(0);
    const created = bg.platform.windows.created;
    const second = await page.request('sigil_authToken', { user: user.did });
    expect((second.result as { token: string }).token.split('.')).toHaveLength(3);
    expect(bg.platform.windows.created).toBe(created);
    // The grant and the answer were one write: the first request re-sent to a restarted worker gets its token back.
    const restarted = await startBackground(bg.platform);
    expect((await openPagePort(restarted).request('sigil_authToken', { user: user.did }, 'page-1')).result).toEqual(result);
    expect((await bg.ui('ui_sites', undefined)).sites[0]?.grants).toEqual([
      expect.objectContaining({ user: user.did, agent: agent.did }),
    ]);
  });

  it('creates an identity once: the request re-sent to a restarted worker gets the same answer', async () => {
    const { bg, user } = await walletWithUserAndAgent();
    await connectSite(bg, [user.did]);
    const page = openPagePort(bg);
    const answer = page.request('sigil_createIdentity', { kind: 'user', label: 'Web user' }, 'create-1');
    await approveNext(bg);
    const { result } = await answer;
    expect(result).toMatchObject({ did: expect.stringMatching(/^did:iotics:/), stage: 'local' });
    // The worker stops before the reply reached the page; the content script re-sends on a new Port.
    const restarted = await startBackground(bg.platform);
    const again = await openPagePort(restarted).request('sigil_createIdentity', { kind: 'user', label: 'Web user' }, 'create-1');
    expect(again.result).toEqual(result);
    expect((await restarted.ui('ui_entities', undefined)).entities).toHaveLength(3);
    expect(restarted.platform.windows.created).toBe(bg.platform.windows.created);
    // The new identity was shared with the site in the same write.
    expect((await openPagePort(restarted).request('sigil_entities')).result).toMatchObject({
      entities: [{ did: user.did }, { did: (result as { did: string }).did }],
    });
  });

  it('gives a document with a real token, never an empty one', async () => {
    const { bg, user } = await walletWithUserAndAgent();
    await connectSite(bg, [user.did]);
    const row = (await getEntity(bg.platform.db, user.did))!;
    await putEntity(bg.platform.db, { ...row, documentToken: null });
    const page = openPagePort(bg);
    const answer = await page.request('sigil_document', { did: user.did });
    expect((answer.result as { token: string }).token.split('.')).toHaveLength(3);
  });

  it('drops the requests of a page that went away from the queue', async () => {
    const { bg, user } = await walletWithUserAndAgent();
    await connectSite(bg, [user.did]);
    const page = openPagePort(bg);
    page.port.send({ id: 'token-1', method: 'sigil_authToken', params: { user: user.did } });
    await until(() => bg.platform.badge.text === '1' && bg.platform.windows.open.size === 1);
    page.port.close();
    await until(() => bg.platform.badge.text === '');
    expect((await bg.ui('ui_pending', undefined)).requests).toEqual([]);
    expect(bg.platform.windows.open.size).toBe(0);
  });

  it('waits for the unlock before asking, then asks', async () => {
    const { bg, user } = await walletWithUserAndAgent();
    await connectSite(bg, [user.did]);
    await bg.ui('ui_lock', undefined);
    const page = openPagePort(bg);
    const answer = page.request('sigil_authToken', { user: user.did });
    await until(async () => (await bg.ui('ui_pending', undefined)).waitingForUnlock.length === 1);
    expect(bg.platform.badge.text).toBe('1');
    await bg.ui('ui_unlock', { password: PASSWORD });
    await approveNext(bg);
    expect(((await answer).result as { token: string }).token).toBeTruthy();
  });
});

describe('handler maps', () => {
  it('must name a handler for every method (checked by the compiler)', () => {
    const ping: PageHandlers['sigil_ping'] = async ({ ctx }) => ({ origin: ctx.origin, version: '1' });
    // @ts-expect-error a map without the other methods' handlers does not compile
    const partial: PageHandlers = { sigil_ping: ping };
    // @ts-expect-error nor does one for the UI without ui_state and the rest
    const partialUi: UiHandlers = {};
    expect(Object.keys(partial)).toEqual(['sigil_ping']);
    expect(partialUi).toEqual({});
  });
});
