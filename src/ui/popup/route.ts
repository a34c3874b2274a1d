/**
 * Where the popup is, kept in the URL hash so that a full tab has working Back/Forward and a screen
 * can be opened directly (e.g. popup.html#/settings/backup).
 */
import { useEffect, useState } from 'preact/hooks';

export type CreateFlow = 'user-agent' | 'twin' | 'entity';
export type SettingsSection = 'auto-lock' | 'resolver' | 'password' | 'backup' | 'mnemonic' | 'sites' | 'seeds' | 'new-seed';

export type Route =
  | { screen: 'home' }
  | { screen: 'create'; flow: CreateFlow | null }
  | { screen: 'entity'; did: string }
  | { screen: 'replace'; did: string; key: string }
  /** Rotating an owner key of an IOTICS entity, named by its id (e.g. `#agent-0`). */
  | { screen: 'rotate'; did: string; keyId: string }
  | { screen: 'settings'; section: SettingsSection | null };

const CREATE_FLOWS: readonly CreateFlow[] = ['user-agent', 'twin', 'entity'];
const SETTINGS_SECTIONS: readonly SettingsSection[] = ['auto-lock', 'resolver', 'password', 'backup', 'mnemonic', 'sites', 'seeds', 'new-seed'];

export function parseRoute(hash: string): Route {
  let parts: string[];
  try {
    parts = hash.replace(/^#\/?/, '').split('/').filter(Boolean).map(decodeURIComponent);
  } catch {
    return { screen: 'home' }; // A malformed escape: an unreadable hash opens the home screen, like any other.
  }
  const [screen, a, b, c] = parts;
  if (screen === 'create') return { screen: 'create', flow: CREATE_FLOWS.find((flow) => flow === a) ?? null };
  if (screen === 'entity' && a && b === 'replace' && c) return { screen: 'replace', did: a, key: c };
  if (screen === 'entity' && a && b === 'rotate' && c) return { screen: 'rotate', did: a, keyId: c };
  if (screen === 'entity' && a) return { screen: 'entity', did: a };
  if (screen === 'settings') return { screen: 'settings', section: SETTINGS_SECTIONS.find((section) => section === a) ?? null };
  return { screen: 'home' };
}

export function href(route: Route): string {
  switch (route.screen) {
    case 'home':
      return '#/';
    case 'create':
      return route.flow ? `#/create/${route.flow}` : '#/create';
    case 'entity':
      return `#/entity/${encodeURIComponent(route.did)}`;
    case 'replace':
      return `#/entity/${encodeURIComponent(route.did)}/replace/${encodeURIComponent(route.key)}`;
    case 'rotate':
      return `#/entity/${encodeURIComponent(route.did)}/rotate/${encodeURIComponent(route.keyId)}`;
    case 'settings':
      return route.section ? `#/settings/${route.section}` : '#/settings';
  }
}

export function navigate(route: Route): void {
  location.hash = href(route);
}

/**
 * Reports the route now and on every hash change; returns the unsubscribe. Reporting at once matters:
 * a hash set between a component's first render and its effect would otherwise be lost.
 */
export function watchRoute(onRoute: (route: Route) => void): () => void {
  const update = () => onRoute(parseRoute(location.hash));
  addEventListener('hashchange', update);
  update();
  return () => removeEventListener('hashchange', update);
}

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(location.hash));
  useEffect(() => watchRoute(setRoute), []);
  return route;
}
