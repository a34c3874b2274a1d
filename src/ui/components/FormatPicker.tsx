import { IDENTITY_FORMATS, type IdentityFormat } from '../../core/types';
import { FORMAT_EXPLANATIONS, FORMAT_NAMES } from './identity-format';

/** The choice of identity format for new entities, each option explained in one line. */
export function FormatPicker({ value, onChange, name = 'format' }: { value: IdentityFormat; onChange: (format: IdentityFormat) => void; name?: string }) {
  return (
    <fieldset data-testid="format-picker">
      <legend>Format</legend>
      {IDENTITY_FORMATS.map((format) => (
        <label class="choice" key={format}>
          <input type="radio" name={name} value={format} checked={value === format} onChange={() => onChange(format)} />
          <span>
            <strong>{FORMAT_NAMES[format]}</strong> <span class="muted">— {FORMAT_EXPLANATIONS[format]}</span>
          </span>
        </label>
      ))}
    </fieldset>
  );
}
