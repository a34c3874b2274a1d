import { useId, useState } from 'preact/hooks';
import type { WalletState } from '../../../shared/ui-api';
import { callBackground } from '../../background-client';
import { FormError } from '../../components/FormError';
import { useAction } from '../../components/use-action';

const CHOICES: { value: WalletState['autoLockMinutes']; text: string }[] = [
  { value: 1, text: '1 minute' },
  { value: 5, text: '5 minutes' },
  { value: 15, text: '15 minutes' },
  { value: 30, text: '30 minutes' },
  { value: 60, text: '1 hour' },
  { value: 240, text: '4 hours' },
  { value: 1440, text: '24 hours' },
  { value: 'never', text: 'Never' },
];

/** How long Sigil stays unlocked without use. */
export function AutoLockSettings({ state, onState }: { state: WalletState; onState: (state: WalletState) => void }) {
  const id = useId();
  const [value, setValue] = useState(String(state.autoLockMinutes));
  const [saved, setSaved] = useState(false);
  const choices = CHOICES.some((choice) => String(choice.value) === String(state.autoLockMinutes))
    ? CHOICES
    : [...CHOICES, { value: state.autoLockMinutes, text: `${state.autoLockMinutes} minutes` }];
  const save = useAction(async () => {
    const minutes = value === 'never' ? 'never' : Number(value);
    onState(await callBackground('ui_setAutoLock', { minutes }));
    setSaved(true);
  });
  const submit = (event: Event) => {
    event.preventDefault();
    setSaved(false);
    void save.run();
  };
  return (
    <form onSubmit={submit} noValidate>
      <div class="field">
        <label for={id}>Lock Sigil after</label>
        <select id={id} value={value} onChange={(event) => setValue((event.currentTarget as HTMLSelectElement).value)} aria-describedby={`${id}-hint`}>
          {choices.map((choice) => (
            <option key={String(choice.value)} value={String(choice.value)}>
              {choice.text}
            </option>
          ))}
        </select>
        <div class="hint" id={`${id}-hint`}>
          Without use for this long, Sigil locks and asks for the password again.
        </div>
      </div>
      <div class="actions">
        <button type="submit" class="primary" disabled={save.busy}>
          Save
        </button>
      </div>
      <FormError message={save.error} />
      {saved && (
        <p class="notice success" role="status">
          Saved.
        </p>
      )}
    </form>
  );
}
