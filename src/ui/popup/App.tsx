import { useEffect, useState } from 'preact/hooks';
import type { WalletState } from '../../shared/ui-api';
import { callBackground } from '../background-client';
import { onMaybeLocked } from '../components/locked-signal';
import { useBackgroundData } from '../components/use-background-data';
import { LoadingScreen } from './LoadingScreen';
import { Onboarding } from './onboarding/Onboarding';
import { Recovery } from './Recovery';
import { TopBar } from './TopBar';
import { Unlock } from './Unlock';
import { VersionLine } from './VersionLine';
import { Wallet } from './Wallet';

/** The popup: whatever the wallet's state calls for, re-read whenever the background says it changed. */
export function App() {
  const wallet = useBackgroundData(() => callBackground('ui_state', undefined), ['stateChanged', 'pendingChanged'], []);
  // Set-up keeps its last screen open after the wallet exists, until the person moves on.
  const [setupFinishing, setSetupFinishing] = useState(false);
  useEffect(() => onMaybeLocked(wallet.reload), []);

  const state = wallet.data;
  if (!state)
    return (
      <div class="app">
        <TopBar />
        <LoadingScreen error={wallet.error} retry={wallet.reload} />
      </div>
    );

  if (state.vault === 'unlocked' && !setupFinishing) return <Wallet state={state} onState={wallet.replace} />;

  return (
    <div class="app">
      <TopBar />
      {screenFor(state)}
      <VersionLine state={state} />
    </div>
  );

  function screenFor(current: WalletState) {
    if (current.vault === 'empty' || (setupFinishing && current.vault === 'unlocked'))
      return (
        <Onboarding
          finished={setupFinishing}
          onCreated={(next) => {
            setSetupFinishing(true);
            wallet.replace(next);
          }}
          onRestored={wallet.replace}
          onStateChanged={wallet.replace}
          onFinished={() => {
            setSetupFinishing(false);
            location.hash = '#/';
          }}
        />
      );
    if (current.vault === 'locked') return <Unlock onState={wallet.replace} />;
    return <Recovery state={current} onState={wallet.replace} />;
  }
}
