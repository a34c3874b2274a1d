import { useEffect, useState } from 'preact/hooks';
import type { RegistrationStatus as Status } from '../../../shared/ui-api';
import { callBackground } from '../../background-client';
import { useAction } from '../../components/use-action';
import { useBackgroundData } from '../../components/use-background-data';
import { href } from '../route';

const loadStatus = (): Promise<Status> => callBackground('ui_registrationStatus', undefined);

const identities = (count: number): string => (count === 1 ? '1 identity' : `${count} identities`);

function waitFor(ms: number): string {
  const seconds = Math.max(0, Math.ceil(ms / 1000));
  if (seconds < 60) return `${seconds}\u00a0s`;
  return `${Math.ceil(seconds / 60)}\u00a0min`;
}

/** The clock, ticking each second while `ticking` (for "next try in 30 s"). */
function useNow(ticking: boolean): number {
  const [now, setNow] = useState(Date.now);
  useEffect(() => {
    if (!ticking) return undefined;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [ticking]);
  return now;
}

/** What waits to be registered with the resolver, why, and "Retry now". Nothing when all is registered. */
export function RegistrationStatus() {
  const status = useBackgroundData(loadStatus, ['entitiesChanged', 'stateChanged'], []);
  const retry = useAction(async () => status.replace(await callBackground('ui_retryRegistration', undefined)));
  const s = status.data;
  const now = useNow(s?.nextTryAt != null);
  if (!s || s.waiting === 0) return null;

  if (!s.resolverUrl)
    return (
      <div class="notice warning" aria-live="polite" data-testid="registration-status">
        <p style={{ margin: 0 }}>
          <strong>{identities(s.waiting)} only in this wallet</strong> (“Local”): no resolver is set, so nothing is registered. Sites cannot
          look up these identities, so they cannot verify the tokens you give them.
        </p>
        <div class="row" style={{ marginTop: '6px' }}>
          <a class="button-link small" href={href({ screen: 'settings', section: 'resolver' })}>
            Set a resolver
          </a>
        </div>
      </div>
    );

  return (
    <div class={`notice ${s.refused.length > 0 ? 'danger' : 'warning'}`} style={{ overflowWrap: 'anywhere' }} data-testid="registration-status">
      <p aria-live="polite" style={{ margin: 0 }}>
        <strong>{identities(s.waiting)} waiting to register</strong>
        {s.unavailable && (
          <>
            {' '}
            — {s.unavailable}
            {s.nextTryAt !== null && ` Next try in ${waitFor(s.nextTryAt - now)}.`}
          </>
        )}
        {!s.unavailable && s.refused.length === 0 && ` with ${s.resolverUrl}…`}
      </p>
      {s.refused.length > 0 && (
        <ul style={{ margin: '6px 0 0', paddingLeft: '18px' }}>
          {s.refused.map((refusal) => (
            <li key={refusal.did}>
              The resolver refused <strong>{refusal.label}</strong>: {refusal.message}
            </li>
          ))}
        </ul>
      )}
      {s.access === 'missing' && (
        <p style={{ margin: '6px 0 0' }}>
          Sigil has no access to this resolver’s address. <a href={href({ screen: 'settings', section: 'resolver' })}>Allow it in Settings</a>
        </p>
      )}
      <div class="row" style={{ marginTop: '6px' }}>
        <button type="button" class="small" disabled={retry.busy} onClick={() => void retry.run()}>
          Retry now
        </button>
      </div>
      {retry.error && (
        <p class="error" role="alert">
          {retry.error}
        </p>
      )}
    </div>
  );
}
