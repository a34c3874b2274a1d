import { PasswordField } from '../../components/PasswordField';
import { TextField } from '../../components/TextField';
import { hexDigitsTyped, type HexSeedOptions } from '../onboarding/seed-input';

export interface HexSeedFieldsProps {
  hex: string;
  onHex: (hex: string) => void;
  options: HexSeedOptions;
  onOptions: (options: HexSeedOptions) => void;
  hexError: string | null;
  passwordError: string | null;
  /** Keeps the method radios of two forms apart. */
  name: string;
}

/**
 * An IOTICS seed as hex: the seed itself in a masked field (never shown back, only its length), the
 * seed method the IOTICS libraries derive with, and the optional seed password.
 */
export function HexSeedFields({ hex, onHex, options, onOptions, hexError, passwordError, name }: HexSeedFieldsProps) {
  const typed = hexDigitsTyped(hex);
  return (
    <>
      <TextField
        label="Hex seed"
        type="password"
        autoComplete="off"
        mono
        value={hex}
        onInput={onHex}
        error={hexError}
        maxLength={200}
        hint={`Hidden as you type: 32 or 64 hexadecimal digits (16 or 32 bytes)${typed > 0 ? `; ${typed} typed` : ''}.`}
      />
      <fieldset>
        <legend>Seed method</legend>
        <label class="choice">
          <input type="radio" name={`${name}-method`} checked={options.method === 'bip39'} onChange={() => onOptions({ ...options, method: 'bip39' })} />
          <span>
            BIP39 <span class="muted">— the IOTICS libraries’ default.</span>
          </span>
        </label>
        <label class="choice">
          <input type="radio" name={`${name}-method`} checked={options.method === 'none'} onChange={() => onOptions({ ...options, method: 'none' })} />
          <span>
            Legacy “none” <span class="muted">— for seeds made with the older method.</span>
          </span>
        </label>
        <div class="hint">Each method gives different keys from the same seed: pick the one the seed was made with.</div>
      </fieldset>
      <PasswordField
        label="Seed password (optional)"
        value={options.password}
        onInput={(password) => onOptions({ ...options, password })}
        autoComplete="off"
        error={passwordError}
        hint="Only if the seed was used with a password in IOTICS: a different password gives different keys."
      />
    </>
  );
}
