import type { KeyView } from '../../../shared/ui-api';
import { href } from '../route';

const byPriority = (a: KeyView, b: KeyView): number =>
  a.priority - b.priority || Number(b.active) - Number(a.active) || a.activatedHeight - b.activatedHeight;

const priorityRole = (priority: number, maxPriority: number): string =>
  priority === 0 ? 'master' : priority === maxPriority ? 'signing' : '';

/** Every key the identity ever had, by priority; active keys can be replaced from here. */
export function KeysTable({ did, keys }: { did: string; keys: readonly KeyView[] }) {
  const sorted = [...keys].sort(byPriority);
  const maxPriority = Math.max(...keys.map((key) => key.priority));
  return (
    <div class="keys-table-frame">
      <table class="keys-table" data-testid="keys-table" aria-labelledby="keys-title">
        <thead>
          <tr>
            <th scope="col">Key</th>
            <th scope="col">Priority</th>
            <th scope="col">Status</th>
            <th scope="col">Public key (idpub)</th>
            <th scope="col">Activated</th>
            <th scope="col">Retired</th>
            <th scope="col">Entry hash</th>
            <th scope="col">
              <span class="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {sorted.map((key) => {
            const role = priorityRole(key.priority, maxPriority);
            return (
              <tr key={key.id} class={key.active ? 'active' : 'retired'} data-key-id={key.id}>
                <th scope="row" class="mono">
                  {key.id}
                </th>
                <td data-label="Priority">
                  <span>
                    {key.priority}
                    {role && <span class="muted"> ({role})</span>}
                  </span>
                </td>
                <td data-label="Status">
                  <span>{key.active ? <span class="badge ok">Active</span> : <span class="badge">Retired</span>}</span>
                </td>
                <td data-label="idpub" class="mono">
                  {key.idpub}
                </td>
                <td data-label="Activated">height {key.activatedHeight}</td>
                <td data-label="Retired">{key.retiredHeight === null ? '—' : `height ${key.retiredHeight}`}</td>
                <td data-label="Entry" class="mono">
                  {key.entryHash}
                </td>
                <td class="key-actions">
                  {key.active && (
                    <a class="button-link small" href={href({ screen: 'replace', did, key: key.idpub })}>
                      Replace<span class="visually-hidden"> key {key.id}</span>
                    </a>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
