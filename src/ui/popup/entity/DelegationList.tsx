import type { DelegationView } from '../../../shared/ui-api';
import { callBackground } from '../../background-client';
import { FormError } from '../../components/FormError';
import { shortDid } from '../../components/format';
import { useAction } from '../../components/use-action';

const STATUS: Record<DelegationView['status'], { text: string; class: string }> = {
  valid: { text: 'Valid', class: 'badge ok' },
  'needs-renewal': { text: 'Needs renewal', class: 'badge warn' },
  invalid: { text: 'Invalid', class: 'badge bad' },
  unknown: { text: 'Not checked', class: 'badge' },
};

function describe(delegation: DelegationView): string {
  const other = delegation.otherLabel ?? shortDid(delegation.otherDid);
  return delegation.direction === 'given' ? `Delegates ${delegation.type} to ${other}` : `${other} delegates ${delegation.type} to this Agent`;
}

interface ItemProps {
  did: string;
  delegation: DelegationView;
  onRenewed: () => void;
}

/** One delegation: who to whom, whether it is valid, and renewal when the named key was replaced. */
function DelegationItem({ did, delegation, onRenewed }: ItemProps) {
  // The delegation lives in the delegating entity's document: this one when given, the other when received.
  const holder = delegation.direction === 'given' ? did : delegation.otherDid;
  const renew = useAction(async () => {
    await callBackground('ui_renewDelegation', { did: holder, delegationId: delegation.id });
    onRenewed();
  });
  const status = delegation.revoked ? { text: 'Revoked', class: 'badge' } : STATUS[delegation.status];
  return (
    <li class="card" data-delegation={delegation.id} data-status={delegation.revoked ? 'revoked' : delegation.status}>
      <div class="spread">
        <strong>{describe(delegation)}</strong>
        <span class={status.class}>{status.text}</span>
      </div>
      <div class="mono muted">controller {delegation.controller}</div>
      <div class="muted">
        {delegation.id} · proof over {delegation.proofType === 'did' ? 'the DID' : 'empty bytes (generic)'}
      </div>
      {delegation.status === 'unknown' && !delegation.revoked && <div class="muted">The Agent is not in this wallet, so Sigil cannot check this proof.</div>}
      {delegation.status === 'needs-renewal' && !delegation.revoked && (
        <div class="actions">
          <button type="button" class="small" onClick={() => void renew.run()} disabled={renew.busy}>
            {renew.busy ? 'Renewing…' : 'Renew delegation'}
          </button>
        </div>
      )}
      <FormError message={renew.error} />
    </li>
  );
}

function Items({ did, delegations, onRenewed }: { did: string; delegations: readonly DelegationView[]; onRenewed: () => void }) {
  return (
    <ul class="stack plain-list">
      {delegations.map((delegation) => (
        <DelegationItem key={`${delegation.otherDid}${delegation.id}`} did={did} delegation={delegation} onRenewed={onRenewed} />
      ))}
    </ul>
  );
}

/**
 * Delegations this entity gives and (for an Agent) receives. Renewal revokes the old delegation and
 * adds a new one, so revoked ones are kept out of the way, as history.
 */
export function DelegationList({ did, delegations, onRenewed }: { did: string; delegations: readonly DelegationView[]; onRenewed: () => void }) {
  const current = delegations.filter((d) => !d.revoked);
  const revoked = delegations.filter((d) => d.revoked);
  const given = current.filter((d) => d.direction === 'given');
  const received = current.filter((d) => d.direction === 'received');
  return (
    <div data-testid="delegations">
      {current.length === 0 && <p class="muted">No delegations.</p>}
      {given.length > 0 && (
        <>
          <h3>Given</h3>
          <Items did={did} delegations={given} onRenewed={onRenewed} />
        </>
      )}
      {received.length > 0 && (
        <>
          <h3>Received</h3>
          <Items did={did} delegations={received} onRenewed={onRenewed} />
        </>
      )}
      {revoked.length > 0 && (
        <details class="revoked-delegations">
          <summary>Revoked delegations ({revoked.length})</summary>
          <Items did={did} delegations={revoked} onRenewed={onRenewed} />
        </details>
      )}
    </div>
  );
}
