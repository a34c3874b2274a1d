import { passwordStrength } from './password-strength';

/** The strength hint shown under a new password: a four-step bar and a short advice. */
export function PasswordStrengthHint({ password }: { password: string }) {
  const strength = passwordStrength(password);
  return (
    <span class="strength" data-score={strength.score} data-testid="password-strength">
      <span class="strength-bar" aria-hidden="true">
        <i />
        <i />
        <i />
        <i />
      </span>
      <span aria-live="polite">
        {strength.label ? <strong>{strength.label}. </strong> : null}
        {strength.advice}
      </span>
    </span>
  );
}
