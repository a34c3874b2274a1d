import type { UiEvent, UiResponse, VaultState } from '../../shared/ui-api';
import { callBackground } from '../background-client';
import { useBackgroundData } from '../components/use-background-data';
import { RequestQueue } from './RequestQueue';
import { UnlockPrompt } from './UnlockPrompt';

const ALL_EVENTS: readonly UiEvent[] = ['stateChanged', 'pendingChanged', 'entitiesChanged'];
const loadPending = () => callBackground('ui_pending', undefined);
const loadState = () => callBackground('ui_state', undefined);

/**
 * The approval window: the unlock form while the wallet is locked, then the waiting requests one by
 * one. The background closes the window once nothing waits; closing it turns everything down (4001).
 */
export function Approval() {
  // Reloaded on every background event; background-client reconnects after a background restart and
  // then reports every event, since it may have missed some.
  const state = useBackgroundData(loadState, ALL_EVENTS, []);
  const pending = useBackgroundData(loadPending, ALL_EVENTS, []);
  const error = state.error ?? pending.error;

  return (
    <div class="app approval">
      <header class="topbar">
        <span class="brand">
          <span class="brand-mark" aria-hidden="true">
            S
          </span>
          Sigil
        </span>
        {pending.data && pending.data.requests.length > 0 && (
          <span class="badge" data-testid="pending-count">
            {pending.data.requests.length} waiting
          </span>
        )}
      </header>
      <main class="screen" aria-busy={!state.data || !pending.data}>
        {error && (
          <p class="form-error" role="alert">
            {error}
          </p>
        )}
        {state.data && pending.data && <Body vault={state.data.vault} pending={pending.data} onUnlocked={state.reload} />}
      </main>
    </div>
  );
}

function Body({
  vault,
  pending,
  onUnlocked,
}: {
  vault: VaultState;
  pending: UiResponse<'ui_pending'>;
  onUnlocked: () => void;
}) {
  if (vault === 'locked') {
    const origins = [...new Set([...pending.requests.map((r) => r.origin), ...pending.waitingForUnlock])];
    return <UnlockPrompt origins={origins} onUnlocked={onUnlocked} />;
  }
  const notReady = vault !== 'unlocked';
  return (
    <>
      {notReady && (
        <p class="notice warning">
          {vault === 'empty'
            ? 'Sigil is not set up yet: open Sigil from the toolbar to create your wallet. Until then requests can only be turned down.'
            : 'Sigil needs attention: open it from the toolbar. Until then requests can only be turned down.'}
        </p>
      )}
      {pending.requests.length === 0 ? (
        <p class="muted" data-testid="nothing-waiting">
          Nothing is waiting for your approval.
        </p>
      ) : (
        <RequestQueue requests={pending.requests} canApprove={!notReady} />
      )}
    </>
  );
}
