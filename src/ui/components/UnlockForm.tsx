import { useState } from 'preact/hooks';
import type { WalletState } from '../../shared/ui-api';
import { callBackground } from '../background-client';
import { PasswordField } from './PasswordField';
import { useAction } from './use-action';

/** The password form that unlocks the wallet; the popup and the approval window both show it. */
export function UnlockForm({ onUnlocked }: { onUnlocked: (state: WalletState) => void }) {
  const [password, setPassword] = useState('');
  const [missing, setMissing] = useState(false);
  const unlock = useAction(async () => {
    const state = await callBackground('ui_unlock', { password });
    setPassword('');
    onUnlocked(state);
  });
  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        setMissing(!password);
        if (password) void unlock.run();
      }}
    >
      <PasswordField
        label="Password"
        value={password}
        onInput={setPassword}
        autoComplete="current-password"
        autoFocus
        error={missing ? 'Enter your password.' : unlock.error}
      />
      <div class="actions">
        <button type="submit" class="primary" disabled={unlock.busy}>
          {unlock.busy ? 'Unlocking…' : 'Unlock'}
        </button>
      </div>
    </form>
  );
}
