import type { SiteView } from '../../../shared/ui-api';
import { callBackground } from '../../background-client';
import { FormError } from '../../components/FormError';
import { formatDate, shortDid } from '../../components/format';
import { SkeletonRows } from '../../components/Skeleton';
import { useAction } from '../../components/use-action';
import { useBackgroundData } from '../../components/use-background-data';

function SiteItem({ site, onRevoked }: { site: SiteView; onRevoked: () => void }) {
  const rejected = site.status === 'rejected';
  const revoke = useAction(async () => {
    await callBackground('ui_revokeSite', { origin: site.origin });
    onRevoked();
  });
  return (
    <li class="card" data-origin={site.origin}>
      <div class="spread">
        <strong class="mono">{site.origin}</strong>
        <button type="button" class="small" onClick={() => void revoke.run()} disabled={revoke.busy} aria-label={`${rejected ? 'Forget' : 'Disconnect'} ${site.origin}`}>
          {revoke.busy ? 'Working…' : rejected ? 'Forget' : 'Disconnect'}
        </button>
      </div>
      {rejected ? (
        <div class="muted">You refused it on {formatDate(site.connectedAt)}: its requests to connect are declined without asking. Forget it to be asked again.</div>
      ) : (
        <>
          <div class="muted">Connected {formatDate(site.connectedAt)}</div>
          <div>Sees: {site.entities.length === 0 ? 'no identities' : site.entities.map((entity) => entity.label).join(', ')}</div>
        </>
      )}
      {site.grants.length > 0 && (
        <ul class="muted">
          {site.grants.map((grant) => (
            <li key={`${grant.user}${grant.agent}`}>
              Tokens without asking for {shortDid(grant.user)} via {shortDid(grant.agent)}, until {formatDate(grant.until)}
            </li>
          ))}
        </ul>
      )}
      <FormError message={revoke.error} />
    </li>
  );
}

/** Sites that were allowed to see identities, and the way to cut them off. */
export function ConnectedSites() {
  const sites = useBackgroundData(() => callBackground('ui_sites', undefined), ['stateChanged', 'entitiesChanged'], []);
  if (!sites.data) return sites.error ? <FormError message={sites.error} /> : <SkeletonRows rows={2} />;
  const connected = sites.data.sites.filter((site) => site.status === 'connected');
  const rejected = sites.data.sites.filter((site) => site.status === 'rejected');
  return (
    <>
      {connected.length === 0 ? (
        <p class="muted">No site is connected.</p>
      ) : (
        <>
          <p class="muted">Disconnecting a site forgets what it was allowed: it must ask again.</p>
          <ul class="stack" style={{ listStyle: 'none', padding: 0, margin: 0 }} data-testid="sites">
            {connected.map((site) => (
              <SiteItem key={site.origin} site={site} onRevoked={sites.reload} />
            ))}
          </ul>
        </>
      )}
      {rejected.length > 0 && (
        <>
          <h2>Refused sites</h2>
          <ul class="stack" style={{ listStyle: 'none', padding: 0, margin: 0 }} data-testid="rejected-sites">
            {rejected.map((site) => (
              <SiteItem key={site.origin} site={site} onRevoked={sites.reload} />
            ))}
          </ul>
        </>
      )}
    </>
  );
}
