import { useState } from 'preact/hooks';
import { MIN_PASSWORD_LENGTH } from '../../components/password-strength';
import { PasswordField } from '../../components/PasswordField';
import { PasswordStrengthHint } from '../../components/PasswordStrengthHint';
import { Screen } from '../../components/Screen';

/** Choosing the wallet password: strength hint, typed twice. */
export function ChoosePassword({ onChosen, back }: { onChosen: (password: string) => void; back: () => void }) {
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [errors, setErrors] = useState<{ password?: string; confirm?: string }>({});

  const submit = (event: Event) => {
    event.preventDefault();
    const next: typeof errors = {};
    if ([...password].length < MIN_PASSWORD_LENGTH) next.password = `Use at least ${MIN_PASSWORD_LENGTH} characters.`;
    if (confirm !== password) next.confirm = 'The two passwords are not the same.';
    setErrors(next);
    if (!next.password && !next.confirm) onChosen(password);
  };

  return (
    <Screen name="choose-password" title="Choose a password" focusTitle={false}>
      <p class="muted">It unlocks Sigil on this device. It cannot be recovered: if you forget it, you restore from your recovery phrase or a backup.</p>
      <form onSubmit={submit} noValidate>
        <PasswordField label="New password" value={password} onInput={setPassword} autoComplete="new-password" autoFocus error={errors.password} hint={<PasswordStrengthHint password={password} />} />
        <PasswordField label="Confirm password" value={confirm} onInput={setConfirm} autoComplete="new-password" error={errors.confirm} />
        <div class="actions">
          <button type="button" onClick={back}>
            Back
          </button>
          <button type="submit" class="primary">
            Continue
          </button>
        </div>
      </form>
    </Screen>
  );
}
