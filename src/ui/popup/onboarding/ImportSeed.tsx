import { useState } from 'preact/hooks';
import type { WalletState } from '../../../shared/ui-api';
import { callBackground } from '../../background-client';
import { FormError } from '../../components/FormError';
import { Screen } from '../../components/Screen';
import { TextField } from '../../components/TextField';
import { useAction } from '../../components/use-action';
import { parseSeedInput, type SeedFormat } from './seed-input';

/** Creates the wallet from an existing recovery phrase or hex seed. */
export function ImportSeed({ password, onCreated, back }: { password: string; onCreated: (state: WalletState) => void; back: () => void }) {
  const [format, setFormat] = useState<SeedFormat>('mnemonic');
  const [text, setText] = useState('');
  const [fieldError, setFieldError] = useState<string | null>(null);
  const action = useAction(async () => {
    const parsed = await parseSeedInput(format, text);
    if (!parsed.ok) {
      setFieldError(parsed.error);
      return;
    }
    setFieldError(null);
    const state = await callBackground('ui_createWallet', { password, seed: parsed.seed });
    setText('');
    onCreated(state);
  });

  const submit = (event: Event) => {
    event.preventDefault();
    void action.run();
  };

  return (
    <Screen name="import-seed" title="Import a seed">
      <form onSubmit={submit} noValidate>
        <fieldset>
          <legend>What do you have?</legend>
          <label class="choice">
            <input type="radio" name="seed-format" checked={format === 'mnemonic'} onChange={() => setFormat('mnemonic')} />
            <span>A recovery phrase (12 or 24 words)</span>
          </label>
          <label class="choice">
            <input type="radio" name="seed-format" checked={format === 'hex'} onChange={() => setFormat('hex')} />
            <span>A seed in hexadecimal (32 or 64 characters)</span>
          </label>
        </fieldset>
        <TextField
          label={format === 'mnemonic' ? 'Recovery phrase' : 'Hex seed'}
          value={text}
          onInput={setText}
          multiline
          rows={format === 'mnemonic' ? 4 : 2}
          mono
          error={fieldError}
          hint={format === 'mnemonic' ? 'Words separated by spaces, in order.' : 'The IOTICS way of writing a seed.'}
        />
        <div class="actions">
          <button type="button" onClick={back}>
            Back
          </button>
          <button type="submit" class="primary" disabled={action.busy}>
            {action.busy ? 'Importing…' : 'Import and create wallet'}
          </button>
        </div>
        <FormError message={action.error} />
      </form>
    </Screen>
  );
}
