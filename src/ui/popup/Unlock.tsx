import { useState } from 'preact/hooks';
import type { WalletState } from '../../shared/ui-api';
import { Screen } from '../components/Screen';
import { UnlockForm } from '../components/UnlockForm';
import { ImportBackupForm } from './forms/ImportBackupForm';

/** The locked wallet: the password, or (forgotten password) a backup to start again from. */
export function Unlock({ onState }: { onState: (state: WalletState) => void }) {
  const [restoring, setRestoring] = useState(false);

  if (restoring)
    return (
      <Screen name="unlock-restore" title="Restore a backup">
        <ImportBackupForm replaceExisting tabRoute="#/" onImported={onState} />
        <div class="actions">
          <button type="button" onClick={() => setRestoring(false)}>
            Back to unlock
          </button>
        </div>
      </Screen>
    );

  return (
    <Screen name="unlock" title="Welcome back" focusTitle={false}>
      <p class="muted">Sigil is locked. Enter your password to use your identities.</p>
      <UnlockForm onUnlocked={onState} />
      <p style={{ marginTop: '20px' }}>
        <button type="button" class="link" onClick={() => setRestoring(true)}>
          Forgot your password? Restore a backup
        </button>
      </p>
    </Screen>
  );
}
