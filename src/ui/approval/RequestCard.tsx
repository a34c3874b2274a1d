import { useEffect, useRef, useState } from 'preact/hooks';
import { SigilError } from '../../shared/errors';
import type { ApprovalChoices, PendingView } from '../../shared/ui-api';
import { callBackground } from '../background-client';
import { FormError } from '../components/FormError';
import { formatDate } from '../components/format';
import { useAction } from '../components/use-action';
import { useArmed } from './arming';
import type { ChoiceProps } from './choice-state';
import { connectChoices } from './connect-choices';
import { APPROVE_LABEL, ASKS, isInsecureOrigin } from './describe';
import { ConnectDetails } from './details/ConnectDetails';
import { CreateIdentityDetails } from './details/CreateIdentityDetails';
import { DelegationDetails } from './details/DelegationDetails';
import { ReplaceKeyDetails } from './details/ReplaceKeyDetails';
import { TokenDetails } from './details/TokenDetails';

type Decision = 'approve' | 'reject' | 'cancel' | 'block';
type FieldErrors = ChoiceProps['fieldErrors'];

/** A connect prompt starts with the first identity ticked (with the Agents that sign for it); other requests with no choice. */
function initialChoices(request: PendingView): ApprovalChoices {
  const { details } = request;
  if (details.method === 'sigil_connect') return { entities: connectChoices(details).initial };
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
      return <ConnectDetails details={details} origin={request.origin} {...choiceProps} />;
    case 'sigil_authToken':
      return <TokenDetails details={details} origin={request.origin} {...choiceProps} />;
    case 'sigil_delegationProof':
      return <DelegationDetails details={details} origin={request.origin} />;
    case 'sigil_createIdentity':
      return <CreateIdentityDetails details={details} origin={request.origin} />;
    case 'sigil_replaceKey':
      return <ReplaceKeyDetails details={details} {...choiceProps} />;
  }
}

/**
 * One request: who asks (the origin, prominently), what exactly, and the decision buttons.
 * The approve button is not focused, comes after the safe buttons in tab order, and stays disabled
 * until the card has been shown unchanged for a moment (arming): the card shown is the card approved.
 */
export function RequestCard({
  request,
  canApprove,
  replacedNotice,
  onDeciding,
}: {
  request: PendingView;
  canApprove: boolean;
  /** Set when this card took the place of one the site withdrew: the person is told, plainly. */
  replacedNotice: boolean;
  /** Called before the decision is sent, so the next card is known to follow the person's own action. */
  onDeciding: (id: string) => void;
}) {
  const [choices, setChoices] = useState<ApprovalChoices>(() => initialChoices(request));
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus({ preventScroll: true }), [request.id]);
  const armed = useArmed(request.id);

  const decide = useAction(async (decision: Decision) => {
    setFieldErrors({});
    onDeciding(request.id);
    try {
      // The id is the one of the request this card shows (the card is keyed by it): never "the first waiting".
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
    <article
      class={replacedNotice ? 'request card replaced' : 'request card'}
      data-testid="approval-request"
      data-method={method}
      data-request-id={request.id}
      aria-labelledby={`request-${request.id}`}
    >
      {replacedNotice && (
        <p class="notice warning" role="alert" data-testid="request-changed">
          Request changed: the site withdrew the request you were looking at. This is a different request; read it before
          you decide.
        </p>
      )}
      <header class="request-header">
        <h1 id={`request-${request.id}`} class="origin" tabIndex={-1} ref={heading} data-testid="request-origin">
          {request.origin}
        </h1>
        <p class="asks">{ASKS[method]}</p>
        {request.embeddedIn !== undefined && (
          <p class="notice warning" data-testid="embedded-in">
            {request.embeddedIn === null
              ? 'Asked from a frame inside another page; the browser did not say which.'
              : `Asked from inside ${request.embeddedIn}: that page embeds this site.`}
          </p>
        )}
        <p class="muted small">Asked {formatDate(request.createdAt)}</p>
      </header>
      {isInsecureOrigin(request.origin) && (
        <p class="notice warning">This site does not use a secure connection (https): what it receives can be read on the way.</p>
      )}
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          // Enter in a field submits the form: it approves only what has been on screen long enough.
          if (armed && canApprove) void decide.run('approve');
        }}
      >
        <Details request={request} choices={choices} onChoices={setChoices} fieldErrors={fieldErrors} />
        <FormError message={decide.error} />
        <div class="actions">
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
            <>
              <button type="button" disabled={decide.busy} onClick={() => void decide.run('reject')}>
                Reject
              </button>
              <button type="button" class="danger" disabled={decide.busy} onClick={() => void decide.run('block')}>
                Block this site
              </button>
            </>
          )}
          <button type="submit" class="primary" data-testid="approve" data-armed={armed} disabled={decide.busy || !canApprove || !armed}>
            {APPROVE_LABEL[method]}
          </button>
        </div>
        <p class="muted small">
          {isConnect ? '“Not now” refuses this time only. ' : '“Reject” refuses this request only. '}
          “Block this site” disconnects it and refuses all its requests until you allow it again in Sigil's connected sites.
        </p>
      </form>
    </article>
  );
}
