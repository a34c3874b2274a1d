import type { WalletState } from '../../shared/ui-api';

/** Which Sigil runs where; also tells a restarted background apart (data-started-at). */
export function VersionLine({ state }: { state: WalletState }) {
  return (
    <p class="footer-line muted" data-testid="wallet-status" data-started-at={state.backgroundStartedAt}>
      Sigil {state.version} is running in {state.browser === 'firefox' ? 'Firefox' : 'Chrome'}.
    </p>
  );
}
