import { useState } from 'preact/hooks';
import type { IoticsEntityView, SigilEntityView } from '../../../shared/ui-api';
import { callBackground } from '../../background-client';
import { FormatBadge, KindBadge, StageBadge } from '../../components/Badge';
import { CopyButton } from '../../components/CopyButton';
import { FormError } from '../../components/FormError';
import { FORMAT_EXPLANATIONS } from '../../components/identity-format';
import { Screen } from '../../components/Screen';
import { SkeletonLines } from '../../components/Skeleton';
import { useAction } from '../../components/use-action';
import { useBackgroundData } from '../../components/use-background-data';
import { takeFlash } from '../flash';
import { DelegationList } from './DelegationList';
import { HistoryList } from './HistoryList';
import { AuthenticationKeys, OwnerKeys, RemovedKeys } from './IoticsKeys';
import { KeysTable } from './KeysTable';

/** Everything about one entity: identifiers, format, keys, history and delegations. */
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
            <dt>Format</dt>
            <dd data-testid="entity-format">
              <FormatBadge format={view.format} /> <span class="muted">{FORMAT_EXPLANATIONS[view.format]}</span>
            </dd>
            {view.keyName && (
              <>
                <dt>Key name</dt>
                <dd data-testid="entity-key-name">
                  {view.keyName === 'default'
                    ? 'Default: your recovery phrase alone brings this identity back.'
                    : 'Chosen by you: keep it written down next to your recovery phrase, which alone does not bring this identity back.'}
                </dd>
              </>
            )}
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
            {view.format === 'sigil' && <ChainFacts view={view} />}
          </dl>
          {view.format === 'sigil' ? <SigilKeys view={view} /> : <IoticsKeys view={view} />}
          <h2>Delegations</h2>
          <DelegationList did={view.did} delegations={view.delegations} onRenewed={entity.reload} />
        </>
      )}
    </Screen>
  );
}

/** A Sigil entity's identity chain: its id and the public names written in it. */
function ChainFacts({ view }: { view: SigilEntityView }) {
  return (
    <>
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
    </>
  );
}

function SigilKeys({ view }: { view: SigilEntityView }) {
  return (
    <>
      <h2 id="keys-title">Keys</h2>
      <p class="muted">Priority 0 is the master key; it may replace any key. A key is replaced by a key of the same or a higher priority (a lower number).</p>
      <KeysTable did={view.did} keys={view.keys} />
      <h2>History</h2>
      <HistoryList history={view.history} keys={view.keys} />
    </>
  );
}

/** An IOTICS document has no identity chain and no priorities: its owner keys, authentication keys, and the keys rotated out. */
function IoticsKeys({ view }: { view: IoticsEntityView }) {
  return (
    <>
      <h2 id="owner-keys-title">Owner keys</h2>
      <p class="muted">Each owner key may sign this document’s updates and tokens. Rotating one adds a new key and removes the old one.</p>
      <OwnerKeys did={view.did} keys={view.publicKey} registered={view.stage === 'registered'} />
      <h2>Authentication keys</h2>
      <AuthenticationKeys keys={view.authentication} />
      <h2>Removed keys</h2>
      <RemovedKeys keys={view.removedKeys} />
    </>
  );
}
