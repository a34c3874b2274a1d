import { useEffect, useRef, useState } from 'preact/hooks';
import { SigilError } from '../../shared/errors';
import type { ApprovalChoices, PendingView } from '../../shared/ui-api';
import { callBackground } from '../background-client';
import { FormError } from '../components/FormError';
import { formatDate } from '../components/format';
import { useAction } from '../components/use-action';
import type { ChoiceProps } from './choice-state';
import { APPROVE_LABEL, ASKS, isInsecureOrigin } from './describe';
import { ConnectDetails } from './details/ConnectDetails';
import { CreateIdentityDetails } from './details/CreateIdentityDetails';
import { DelegationDetails } from './details/DelegationDetails';
import { ReplaceKeyDetails } from './details/ReplaceKeyDetails';
import { TokenDetails } from './details/TokenDetails';

type Decision = 'approve' | 'reject' | 'cancel';
type FieldErrors = ChoiceProps['fieldErrors'];

/** A connect prompt starts with the first identity ticked; other requests start with no choice. */
function initialChoices(request: PendingView): ApprovalChoices {
  const { details } = request;
  if (details.method === 'sigil_connect') return { entities: details.choices.slice(0, 1).map((e) => e.did) };
  return {};
}

/** The error's field when the background named one (it then shows next to that control). */
function fieldOf(error: unknown): keyof ApprovalChoices | null {
  const field = error instanceof SigilError ? (error.data as { field?: unknown } | undefined)?.field : undefined;
  return field === 'entities' || field === 'grantMinutes' || field === 'password' ? field : null;
}

function Details({ request, ...choiceProps }: { request: PendingView } & ChoiceProps) {
  const { details } = request;
  switch (details.method) {
    case 'sigil_connect':
      return <ConnectDetails details={details} {...choiceProps} />;
    case 'sigil_authToken':
      return <TokenDetails details={details} origin={request.origin} {...choiceProps} />;
    case 'sigil_delegationProof':
      return <DelegationDetails details={details} />;
    case 'sigil_createIdentity':
      return <CreateIdentityDetails details={details} />;
    case 'sigil_replaceKey':
      return <ReplaceKeyDetails details={details} {...choiceProps} />;
  }
}

/** One request: who asks (the origin, prominently), what exactly, and the decision buttons. */
export function RequestCard({ request, canApprove }: { request: PendingView; canApprove: boolean }) {
  const [choices, setChoices] = useState<ApprovalChoices>(() => initialChoices(request));
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus({ preventScroll: true }), [request.id]);

  const decide = useAction(async (decision: Decision) => {
    setFieldErrors({});
    try {
      await callBackground('ui_decide', decision === 'approve' ? { id: request.id, decision, choices } : { id: request.id, decision });
    } catch (error) {
      const field = fieldOf(error);
      if (!field) throw error;
      setFieldErrors({ [field]: (error as Error).message });
    }
  });

  const { method } = request.details;
  const isConnect = method === 'sigil_connect';
  return (
    <article class="request card" data-testid="approval-request" data-method={method} aria-labelledby={`request-${request.id}`}>
      <header class="request-header">
        <h1 id={`request-${request.id}`} class="origin" tabIndex={-1} ref={heading} data-testid="request-origin">
          {request.origin}
        </h1>
        <p class="asks">{ASKS[method]}</p>
        <p class="muted small">Asked {formatDate(request.createdAt)}</p>
      </header>
      {isInsecureOrigin(request.origin) && (
        <p class="notice warning">This site does not use a secure connection (https): what it receives can be read on the way.</p>
      )}
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void decide.run('approve');
        }}
      >
        <Details request={request} choices={choices} onChoices={setChoices} fieldErrors={fieldErrors} />
        <FormError message={decide.error} />
        <div class="actions">
          <button type="submit" class="primary" disabled={decide.busy || !canApprove}>
            {APPROVE_LABEL[method]}
          </button>
          {isConnect ? (
            <>
              <button type="button" disabled={decide.busy} onClick={() => void decide.run('cancel')}>
                Not now
              </button>
              <button type="button" class="danger" disabled={decide.busy} onClick={() => void decide.run('reject')}>
                Block this site
              </button>
            </>
          ) : (
            <button type="button" disabled={decide.busy} onClick={() => void decide.run('reject')}>
              Reject
            </button>
          )}
        </div>
        {isConnect && (
          <p class="muted small">
            “Not now” refuses this time only. “Block this site” refuses its connection requests until you allow it again in
            Sigil's connected sites.
          </p>
        )}
      </form>
    </article>
  );
}
