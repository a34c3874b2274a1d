import { useState } from 'preact/hooks';
import { callBackground } from '../../background-client';
import { KindBadge, StageBadge } from '../../components/Badge';
import { CopyButton } from '../../components/CopyButton';
import { FormError } from '../../components/FormError';
import { Screen } from '../../components/Screen';
import { SkeletonLines } from '../../components/Skeleton';
import { useAction } from '../../components/use-action';
import { useBackgroundData } from '../../components/use-background-data';
import { takeFlash } from '../flash';
import { DelegationList } from './DelegationList';
import { HistoryList } from './HistoryList';
import { KeysTable } from './KeysTable';

/** Everything about one entity: identifiers, keys, history and delegations. */
export function EntityScreen({ did }: { did: string }) {
  const entity = useBackgroundData(() => callBackground('ui_entity', { did }), ['entitiesChanged'], [did]);
  const [flash] = useState(takeFlash);
  const register = useAction(async () => {
    await callBackground('ui_registerEntity', { did });
    entity.reload();
  });
  const view = entity.data;

  return (
    <Screen name="entity" title={view?.label ?? 'Identity'} back="#/">
      {flash && (
        <p class="notice success" role="status">
          {flash}
        </p>
      )}
      {!view && entity.error && <FormError message={entity.error} />}
      {!view && !entity.error && (
        <div aria-busy="true" aria-label="Loading identity">
          <SkeletonLines lines={8} />
        </div>
      )}
      {view && (
        <>
          <dl class="details">
            <dt>Kind</dt>
            <dd>
              <KindBadge kind={view.kind} />
            </dd>
            <dt>Stage</dt>
            <dd>
              <div class="row">
                <StageBadge stage={view.stage} />
                {view.stage === 'local' && (
                  <button type="button" class="small" onClick={() => void register.run()} disabled={register.busy}>
                    {register.busy ? 'Registering…' : 'Register with resolver'}
                  </button>
                )}
              </div>
              <FormError message={register.error} />
            </dd>
            <dt>DID</dt>
            <dd class="value-with-copy">
              <span class="mono" data-testid="entity-did">
                {view.did}
              </span>
              <CopyButton value={view.did} what="DID" />
            </dd>
            <dt>Chain id</dt>
            <dd class="value-with-copy">
              <span class="mono" data-testid="chain-id">
                {view.chainId}
              </span>
              <CopyButton value={view.chainId} what="chain id" />
            </dd>
            <dt>Names</dt>
            <dd>
              <ul class="mono" style={{ margin: 0, paddingLeft: '16px' }} aria-label="Public names">
                {view.names.map((name, index) => (
                  <li key={index}>{name}</li>
                ))}
              </ul>
              <span class="muted">Public: written in the identity chain.</span>
            </dd>
          </dl>
          <h2 id="keys-title">Keys</h2>
          <p class="muted">Priority 0 is the master key; it may replace any key. A key is replaced by a key of the same or a higher priority (a lower number).</p>
          <KeysTable did={view.did} keys={view.keys} />
          <h2>History</h2>
          <HistoryList history={view.history} keys={view.keys} />
          <h2>Delegations</h2>
          <DelegationList did={view.did} delegations={view.delegations} onRenewed={entity.reload} />
        </>
      )}
    </Screen>
  );
}
