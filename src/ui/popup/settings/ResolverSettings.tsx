import { useState } from 'preact/hooks';
import type { RegistrationStatus, WalletState } from '../../../shared/ui-api';
import { callBackground } from '../../background-client';
import { FormError } from '../../components/FormError';
import { TextField } from '../../components/TextField';
import { useAction } from '../../components/use-action';
import { useBackgroundData } from '../../components/use-background-data';
import { askHostAccess, urlProblem } from './resolver-address';

const loadStatus = (): Promise<RegistrationStatus> => callBackground('ui_registrationStatus', undefined);

function AccessLine({ status }: { status: RegistrationStatus }) {
  if (status.access === 'none') return <p class="muted">No resolver: identities stay local (“Local”) until one is set.</p>;
  return (
    <p data-testid="resolver-access" class={status.access === 'granted' ? 'notice success' : 'notice warning'}>
      {status.access === 'granted'
        ? 'Access allowed: Sigil registers with this resolver directly, whatever its CORS headers.'
        : 'Access not allowed yet: registration works only if the resolver accepts requests from any site (CORS).'}
    </p>
  );
}

/** The IOTICS resolver that identities are registered with; empty keeps them local. */
export function ResolverSettings({ state, onState }: { state: WalletState; onState: (state: WalletState) => void }) {
  const [url, setUrl] = useState(state.resolverUrl);
  const [fieldError, setFieldError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const status = useBackgroundData(loadStatus, ['stateChanged', 'entitiesChanged'], []);
  const save = useAction(async (value: string, access: Promise<boolean>) => {
    await access;
    onState(await callBackground('ui_setResolverUrl', { url: value }));
    status.reload();
    setSaved(true);
  });
  const allow = useAction(async (access: Promise<boolean>) => {
    if (await access) status.replace(await callBackground('ui_retryRegistration', undefined));
    else status.reload();
  });
  const submit = (event: Event) => {
    event.preventDefault();
    setSaved(false);
    const value = url.trim();
    const problem = urlProblem(value);
    setFieldError(problem);
    if (!problem) void save.run(value, askHostAccess(value));
  };
  return (
    <form onSubmit={submit} noValidate>
      <p>
        Current resolver: <strong data-testid="current-resolver">{state.resolverUrl || 'none'}</strong>
      </p>
      {status.data && status.data.resolverUrl === state.resolverUrl && <AccessLine status={status.data} />}
      {status.data?.access === 'missing' && (
        <div class="actions">
          <button type="button" disabled={allow.busy} onClick={() => void allow.run(askHostAccess(state.resolverUrl))}>
            Allow access
          </button>
        </div>
      )}
      <FormError message={allow.error} />
      <TextField
        label="Resolver address"
        type="url"
        value={url}
        onInput={setUrl}
        error={fieldError}
        placeholder="https://resolver.example.com"
        hint="Where documents are registered and looked up. Sigil asks the browser for access to its address. Leave empty to keep identities local; they can be registered later."
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
