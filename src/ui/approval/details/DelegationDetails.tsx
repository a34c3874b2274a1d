import type { ApprovalDetails } from '../../../shared/ui-api';
import { KIND_NAMES } from '../../components/Badge';
import { DidMention } from '../DidMention';
import { EntityLine } from '../EntityLine';
import { didOf, useOwnIdentities } from '../own-identities';
import { FormatRow } from './FormatRow';

type Delegation = Extract<ApprovalDetails, { method: 'sigil_delegationProof' }>;

/** Who may name the Agent as its delegate with this proof, in words; then the proof's parties. */
export function DelegationDetails({ details, origin }: { details: Delegation; origin: string }) {
  const own = useOwnIdentities();
  const delegator = own?.get(didOf(details.delegator));
  const whom = details.proofType === 'generic'
    ? 'any identity'
    : delegator
      ? `your ${KIND_NAMES[delegator.kind]} ${delegator.label}`
      : 'an identity that is not one of yours';
  return (
    <>
      <p data-testid="request-summary">
        <strong>{origin}</strong> gets a proof, signed by your {KIND_NAMES[details.agent.kind]} <strong>{details.agent.label}</strong>, that{' '}
        <strong>{whom}</strong> may name {details.agent.label} as its delegate. With it, that identity's owner can let {details.agent.label}{' '}
        act for it. The proof does not expire: it holds until {details.agent.label}'s key is replaced.
      </p>
      <dl class="details">
        <FormatRow format={details.format} />
        <dt>Agent</dt>
        <dd>
          <EntityLine entity={details.agent} />
        </dd>
        <dt>For</dt>
        <dd>
          <DidMention reference={details.delegator} />
        </dd>
        <dt>Proof type</dt>
        <dd>{details.proofType === 'did' ? 'Tied to this identity (did)' : 'Generic'}</dd>
      </dl>
      {details.proofType === 'generic' && (
        <p class="notice warning">
          A generic proof is not tied to one identity: any identity can use it to name this agent as its delegate.
        </p>
      )}
    </>
  );
}
