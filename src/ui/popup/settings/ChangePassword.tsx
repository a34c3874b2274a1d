import { useState } from 'preact/hooks';
import { callBackground } from '../../background-client';
import { FormError } from '../../components/FormError';
import { MIN_PASSWORD_LENGTH } from '../../components/password-strength';
import { PasswordField } from '../../components/PasswordField';
import { PasswordStrengthHint } from '../../components/PasswordStrengthHint';
import { useAction } from '../../components/use-action';

/** A new password for the vault (the background re-wraps the vault key; nothing else changes). */
export function ChangePassword() {
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [confirm, setConfirm] = useState('');
  const [errors, setErrors] = useState<{ current?: string; next?: string; confirm?: string }>({});
  const [done, setDone] = useState(false);
  const change = useAction(async () => {
    await callBackground('ui_changePassword', { current, next });
    setCurrent('');
    setNext('');
    setConfirm('');
    setDone(true);
  });
  const submit = (event: Event) => {
    event.preventDefault();
    setDone(false);
    const found: typeof errors = {};
    if (!current) found.current = 'Enter your current password.';
    if ([...next].length < MIN_PASSWORD_LENGTH) found.next = `Use at least ${MIN_PASSWORD_LENGTH} characters.`;
    else if (next === current) found.next = 'The new password is the same as the current one.';
    if (confirm !== next) found.confirm = 'The two new passwords are not the same.';
    setErrors(found);
    if (Object.keys(found).length === 0) void change.run();
  };
  return (
    <form onSubmit={submit} noValidate>
      <PasswordField label="Current password" value={current} onInput={setCurrent} autoComplete="current-password" error={errors.current} />
      <PasswordField label="New password" value={next} onInput={setNext} autoComplete="new-password" error={errors.next} hint={<PasswordStrengthHint password={next} />} />
      <PasswordField label="Confirm new password" value={confirm} onInput={setConfirm} autoComplete="new-password" error={errors.confirm} />
      <div class="actions">
        <button type="submit" class="primary" disabled={change.busy}>
          {change.busy ? 'Changing…' : 'Change password'}
        </button>
      </div>
      <FormError message={change.error} />
      {done && (
        <p class="notice success" role="status">
          Password changed. Use the new one from now on.
        </p>
      )}
    </form>
  );
}
