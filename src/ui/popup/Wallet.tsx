import type { WalletState } from '../../shared/ui-api';
import { callBackground } from '../background-client';
import { useAction } from '../components/use-action';
import { CreateScreen } from './create/CreateScreen';
import { EntityScreen } from './entity/EntityScreen';
import { Home } from './home/Home';
import { ReplaceKey } from './replace/ReplaceKey';
import { RotateIoticsKey } from './rotate/RotateIoticsKey';
import { useRoute } from './route';
import { Settings } from './settings/Settings';
import { TopBar } from './TopBar';

/** The unlocked wallet: the top bar and the screen the hash names. */
export function Wallet({ state, onState }: { state: WalletState; onState: (state: WalletState) => void }) {
  const route = useRoute();
  const lock = useAction(async () => onState(await callBackground('ui_lock', undefined)));
  return (
    <div class="app">
      <TopBar>
        <a class="icon-button" href="#/settings" aria-current={route.screen === 'settings' ? 'page' : undefined}>
          <svg viewBox="0 0 24 24" aria-hidden="true" fill="none" stroke="currentColor" stroke-width="2">
            <circle cx="12" cy="12" r="3" />
            <path d="M19.4 15a1.7 1.7 0 0 0 .3 1.8l.1.1a2 2 0 1 1-2.8 2.8l-.1-.1a1.7 1.7 0 0 0-1.8-.3 1.7 1.7 0 0 0-1 1.5V21a2 2 0 1 1-4 0v-.1a1.7 1.7 0 0 0-1.1-1.5 1.7 1.7 0 0 0-1.8.3l-.1.1a2 2 0 1 1-2.8-2.8l.1-.1a1.7 1.7 0 0 0 .3-1.8 1.7 1.7 0 0 0-1.5-1H3a2 2 0 1 1 0-4h.1a1.7 1.7 0 0 0 1.5-1.1 1.7 1.7 0 0 0-.3-1.8l-.1-.1a2 2 0 1 1 2.8-2.8l.1.1a1.7 1.7 0 0 0 1.8.3H9a1.7 1.7 0 0 0 1-1.5V3a2 2 0 1 1 4 0v.1a1.7 1.7 0 0 0 1 1.5 1.7 1.7 0 0 0 1.8-.3l.1-.1a2 2 0 1 1 2.8 2.8l-.1.1a1.7 1.7 0 0 0-.3 1.8V9a1.7 1.7 0 0 0 1.5 1H21a2 2 0 1 1 0 4h-.1a1.7 1.7 0 0 0-1.5 1z" />
          </svg>
          Settings
        </a>
        <button type="button" class="icon-button" onClick={() => void lock.run()} disabled={lock.busy}>
          <svg viewBox="0 0 24 24" aria-hidden="true" fill="none" stroke="currentColor" stroke-width="2">
            <rect x="4" y="11" width="16" height="10" rx="2" />
            <path d="M8 11V7a4 4 0 0 1 8 0v4" />
          </svg>
          Lock
        </button>
      </TopBar>
      {lock.error && (
        <p class="form-error" role="alert" style={{ margin: '8px 16px 0' }}>
          {lock.error}
        </p>
      )}
      {screenFor()}
    </div>
  );

  function screenFor() {
    switch (route.screen) {
      case 'home':
        return <Home pendingCount={state.pendingCount} />;
      case 'create':
        return <CreateScreen flow={route.flow} />;
      case 'entity':
        return <EntityScreen did={route.did} />;
      case 'replace':
        return <ReplaceKey did={route.did} keyIdpub={route.key} />;
      case 'rotate':
        return <RotateIoticsKey did={route.did} keyId={route.keyId} />;
      case 'settings':
        return <Settings section={route.section} state={state} onState={onState} />;
    }
  }
}
