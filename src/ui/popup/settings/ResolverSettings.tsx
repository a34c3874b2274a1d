import { useState } from 'preact/hooks';
import type { WalletState } from '../../../shared/ui-api';
import { callBackground } from '../../background-client';
import { FormError } from '../../components/FormError';
import { TextField } from '../../components/TextField';
import { useAction } from '../../components/use-action';

function urlProblem(url: string): string | null {
  if (url === '') return null;
  try {
    const parsed = new URL(url);
    if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return 'The address must start with https:// or http://.';
    return null;
  } catch {
    return 'This is not a web address, e.g. https://resolver.example.com.';
  }
}

/** The IOTICS resolver that identities are registered with; empty keeps them local. */
export function ResolverSettings({ state, onState }: { state: WalletState; onState: (state: WalletState) => void }) {
  const [url, setUrl] = useState(state.resolverUrl);
  const [fieldError, setFieldError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const save = useAction(async (value: string) => {
    onState(await callBackground('ui_setResolverUrl', { url: value }));
    setSaved(true);
  });
  const submit = (event: Event) => {
    event.preventDefault();
    setSaved(false);
    const value = url.trim();
    const problem = urlProblem(value);
    setFieldError(problem);
    if (!problem) void save.run(value);
  };
  return (
    <form onSubmit={submit} noValidate>
      <TextField
        label="Resolver address"
        type="url"
        value={url}
        onInput={setUrl}
        error={fieldError}
        placeholder="https://resolver.example.com"
        hint="Where documents are registered and looked up. Leave empty to keep identities local; they can be registered later."
      />
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
