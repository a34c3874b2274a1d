import { useEffect, useState } from 'preact/hooks';
import type { WalletState } from '../../shared/ui-api';
import { callBackground } from '../background-client';

export function Popup() {
  const [status, setStatus] = useState<WalletState | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    callBackground('ui_state', undefined).then(setStatus, (e: Error) => setError(e.message));
  }, []);

  return (
    <main>
      <h1>Sigil</h1>
      <p class="muted">Your decentralised identity keys.</p>
      {status && (
        <p data-testid="wallet-status" data-started-at={status.backgroundStartedAt}>
          Sigil {status.version} is running in {status.browser === 'firefox' ? 'Firefox' : 'Chrome'}.
        </p>
      )}
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
    </main>
  );
}
