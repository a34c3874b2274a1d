import { afterEach, describe, expect, it, vi } from 'vitest';
import { href, parseRoute, watchRoute, type Route } from '../../../src/ui/popup/route';
import { DID_A } from '../../shared/support';

const IDPUB = 'idpub2EDrNudZUKBfKfppPXeeTZJVU4nzMCXQf9vicDeApafbzV3iXa';

describe('parseRoute', () => {
  it('opens the home screen for an empty or unknown hash', () => {
    for (const hash of ['', '#', '#/', '#/nowhere', '#/home', '#//', '#/ENTITY/x', '#/replace/x']) expect(parseRoute(hash)).toEqual({ screen: 'home' });
  });

  it('reads the screens a link can open directly', () => {
    expect(parseRoute('#/settings/backup')).toEqual({ screen: 'settings', section: 'backup' });
    expect(parseRoute('#/settings')).toEqual({ screen: 'settings', section: null });
    expect(parseRoute('#/create/user-agent')).toEqual({ screen: 'create', flow: 'user-agent' });
    expect(parseRoute('#/create')).toEqual({ screen: 'create', flow: null });
    expect(parseRoute(`#/entity/${DID_A}`)).toEqual({ screen: 'entity', did: DID_A });
    expect(parseRoute(`#/entity/${DID_A}/replace/${IDPUB}`)).toEqual({ screen: 'replace', did: DID_A, key: IDPUB });
    expect(parseRoute(`#/entity/${DID_A}/rotate/%23agent-0`)).toEqual({ screen: 'rotate', did: DID_A, keyId: '#agent-0' });
  });

  it('reads a hash with or without the leading slash, and ignores a trailing one', () => {
    expect(parseRoute('#settings/sites')).toEqual({ screen: 'settings', section: 'sites' });
    expect(parseRoute('#/settings/sites/')).toEqual({ screen: 'settings', section: 'sites' });
  });

  it('opens the section list for an unknown settings section, and the flow list for an unknown flow', () => {
    expect(parseRoute('#/settings/secret-keys')).toEqual({ screen: 'settings', section: null });
    expect(parseRoute('#/create/robot')).toEqual({ screen: 'create', flow: null });
  });

  it('shows the entity when the replace link has no key', () => {
    expect(parseRoute(`#/entity/${DID_A}/replace`)).toEqual({ screen: 'entity', did: DID_A });
    expect(parseRoute(`#/entity/${DID_A}/something/${IDPUB}`)).toEqual({ screen: 'entity', did: DID_A });
  });

  it('decodes what href encoded', () => {
    expect(parseRoute(`#/entity/${encodeURIComponent(DID_A)}`)).toEqual({ screen: 'entity', did: DID_A });
  });

  // A hash that someone typed or a broken link can hold a "%" that is not an escape. parseRoute runs while the
  // popup renders (useRoute), so it must answer with some screen, as it does for any other unreadable hash,
  // rather than throw a URIError.
  it('answers with a screen, instead of throwing, for a hash with a malformed escape', () => {
    for (const hash of ['#/entity/%', '#/entity/did%3Aiotics%3Aiot%ZZ', '#/settings/%E0%A4%A'])
      expect(() => parseRoute(hash), hash).not.toThrow();
  });
});

describe('href', () => {
  it('writes the hash of each screen', () => {
    expect(href({ screen: 'home' })).toBe('#/');
    expect(href({ screen: 'settings', section: null })).toBe('#/settings');
    expect(href({ screen: 'settings', section: 'auto-lock' })).toBe('#/settings/auto-lock');
    expect(href({ screen: 'create', flow: null })).toBe('#/create');
    expect(href({ screen: 'create', flow: 'twin' })).toBe('#/create/twin');
  });

  it('round-trips through parseRoute for every screen, whatever characters the DID or key holds', () => {
    const routes: Route[] = [
      { screen: 'home' },
      { screen: 'create', flow: null },
      ...(['user-agent', 'twin', 'entity'] as const).map((flow) => ({ screen: 'create' as const, flow })),
      { screen: 'settings', section: null },
      ...(['auto-lock', 'resolver', 'password', 'backup', 'mnemonic', 'sites', 'seeds'] as const).map((section) => ({ screen: 'settings' as const, section })),
      { screen: 'entity', did: DID_A },
      { screen: 'replace', did: DID_A, key: IDPUB },
      { screen: 'entity', did: 'a/b#c?d%e f' },
      { screen: 'replace', did: 'x/replace/y', key: 'k/e#y%' },
      { screen: 'rotate', did: DID_A, keyId: '#agent-0' },
      { screen: 'rotate', did: 'x/rotate/y', keyId: '#a/b%' },
      { screen: 'entity', did: 'Zoë 🦊' },
    ];
    for (const route of routes) expect(parseRoute(href(route))).toEqual(route);
  });

  it('keeps "/" inside a DID or key from splitting the hash', () => {
    expect(href({ screen: 'replace', did: 'a/b', key: 'c/d' })).toBe('#/entity/a%2Fb/replace/c%2Fd');
    expect(href({ screen: 'rotate', did: 'a/b', keyId: '#agent-0' })).toBe('#/entity/a%2Fb/rotate/%23agent-0');
  });
});

describe('watchRoute', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('a hash set after the first render but before the watch starts is not lost (the popup opens that screen)', () => {
    const page = new EventTarget();
    const location = { hash: '#/' };
    vi.stubGlobal('location', location);
    vi.stubGlobal('addEventListener', page.addEventListener.bind(page));
    vi.stubGlobal('removeEventListener', page.removeEventListener.bind(page));
    const seen: Route[] = [];
    // First render: home. Then, before the effect subscribes, something moves to another screen.
    seen.push(parseRoute(location.hash));
    location.hash = '#/create/user-agent';
    const stop = watchRoute((route) => seen.push(route));
    expect(seen.at(-1)).toEqual({ screen: 'create', flow: 'user-agent' });
    location.hash = '#/settings';
    page.dispatchEvent(new Event('hashchange'));
    expect(seen.at(-1)).toEqual({ screen: 'settings', section: null });
    stop();
    location.hash = '#/';
    page.dispatchEvent(new Event('hashchange'));
    expect(seen.at(-1)).toEqual({ screen: 'settings', section: null });
  });
});
