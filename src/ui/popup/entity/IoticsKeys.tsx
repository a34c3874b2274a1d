import type { IoticsKeyView, IoticsRemovedKeyView } from '../../../shared/ui-api';
import { CopyButton } from '../../components/CopyButton';
import { formatDate, shortKey } from '../../components/format';
import { href } from '../route';

/** One key: its id, its public key shortened (the whole one is copied), and whether it is revoked. */
function KeyLine({ keyView }: { keyView: Pick<IoticsKeyView, 'id' | 'publicKeyBase58'> }) {
  return (
    <div class="spread">
      <strong class="mono">{keyView.id}</strong>
      <span class="value-with-copy">
        <span class="mono muted" title={keyView.publicKeyBase58} data-testid="public-key">
          {shortKey(keyView.publicKeyBase58)}
        </span>
        <CopyButton value={keyView.publicKeyBase58} what={`public key ${keyView.id}`} />
      </span>
    </div>
  );
}

const statusBadge = (revoked: boolean) => (revoked ? <span class="badge bad">Revoked</span> : <span class="badge ok">Active</span>);

/**
 * The document's owner keys (`publicKey`). An active one can be rotated from here once the document
 * is registered: a resolver takes a rotated document only as an update of the one it holds.
 */
export function OwnerKeys({ did, keys, registered }: { did: string; keys: readonly IoticsKeyView[]; registered: boolean }) {
  return (
    <>
      {!registered && <p class="muted">Register this identity with the resolver to rotate its keys.</p>}
      <ul class="stack plain-list" data-testid="owner-keys" aria-labelledby="owner-keys-title">
        {keys.map((key) => (
          <li key={key.id} class="card" data-key-id={key.id}>
            <KeyLine keyView={key} />
            <div class="spread">
              {statusBadge(key.revoked)}
              {!key.revoked && registered && (
                <a class="button-link small" href={href({ screen: 'rotate', did, keyId: key.id })}>
                  Rotate<span class="visually-hidden"> key {key.id}</span>
                </a>
              )}
            </div>
          </li>
        ))}
      </ul>
    </>
  );
}

/** The document's authentication keys: keys that may sign in as this entity but not change its document. */
export function AuthenticationKeys({ keys }: { keys: readonly IoticsKeyView[] }) {
  if (keys.length === 0) return <p class="muted" data-testid="authentication-keys">None: only the owner keys sign for this identity.</p>;
  return (
    <ul class="stack plain-list" data-testid="authentication-keys">
      {keys.map((key) => (
        <li key={key.id} class="card" data-key-id={key.id}>
          <KeyLine keyView={key} />
          {statusBadge(key.revoked)}
        </li>
      ))}
    </ul>
  );
}

/** Owner keys that rotations removed from the document, oldest first: the history the document itself no longer shows. */
export function RemovedKeys({ keys }: { keys: readonly IoticsRemovedKeyView[] }) {
  if (keys.length === 0) return <p class="muted" data-testid="removed-keys">No key was removed yet.</p>;
  return (
    <ol class="timeline" data-testid="removed-keys">
      {keys.map((key) => (
        <li key={`${key.id}${key.removedAt}`} data-key-id={key.id}>
          <KeyLine keyView={key} />
          <div>
            Removed {formatDate(key.removedAt)}
            {key.replacedBy ? (
              <>
                , replaced by <span class="mono">{key.replacedBy}</span>
              </>
            ) : null}
            .
          </div>
        </li>
      ))}
    </ol>
  );
}
