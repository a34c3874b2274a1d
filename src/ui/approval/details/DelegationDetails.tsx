import type { ApprovalDetails } from '../../../shared/ui-api';
import { EntityLine } from '../EntityLine';
import { FormatRow } from './FormatRow';

type Delegation = Extract<ApprovalDetails, { method: 'sigil_delegationProof' }>;

export function DelegationDetails({ details }: { details: Delegation }) {
  return (
    <>
      <dl class="details">
        <FormatRow format={details.format} />
        <dt>Agent</dt>
        <dd>
          <EntityLine entity={details.agent} />
        </dd>
        <dt>For</dt>
        <dd class="mono">{details.delegator}</dd>
        <dt>Proof type</dt>
        <dd>{details.proofType === 'did' ? 'Tied to this identity (did)' : 'Generic'}</dd>
      </dl>
      <p class="muted">
        The agent's signing key signs a proof that {details.proofType === 'did' ? 'this identity' : 'an identity'} may
        delegate to it. The identity's owner then adds the delegation to its document.
      </p>
      {details.proofType === 'generic' && (
        <p class="notice warning">
          A generic proof is not tied to one identity: any identity can use it to name this agent as its delegate.
        </p>
      )}
    </>
  );
}
