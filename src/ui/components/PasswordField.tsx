import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { TextField } from './TextField';

export interface PasswordFieldProps {
  label: string;
  value: string;
  onInput: (value: string) => void;
  /**
   * 'new-password' for a password being chosen, 'current-password' for one being checked, 'off' for
   * a secret no password manager should offer or keep (a seed password).
   */
  autoComplete: 'new-password' | 'current-password' | 'off';
  hint?: ComponentChildren;
  error?: string | null;
  autoFocus?: boolean;
}

/** A password input with a Show/Hide toggle, so a person can check what they typed. */
export function PasswordField(props: PasswordFieldProps) {
  const [visible, setVisible] = useState(false);
  return (
    <TextField
      {...props}
      type={visible ? 'text' : 'password'}
      trailing={
        <button type="button" class="small" aria-pressed={visible} aria-label={`Show ${props.label.toLowerCase()}`} onClick={() => setVisible(!visible)}>
          {visible ? 'Hide' : 'Show'}
        </button>
      }
    />
  );
}
