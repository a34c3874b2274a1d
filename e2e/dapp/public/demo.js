// The demo dApp: uses Sigil only through window.sigil, and verifies every token it receives with
// Sigil's core verifier (served as /sigil-core.js), resolving documents through the resolver.
import { httpResolver, staticResolver, verifyAuthToken, verifyDocumentToken } from './sigil-core.js';

const $ = (id) => document.getElementById(id);
const output = $('output');
const show = (value) => (output.textContent = JSON.stringify(value, null, 2));
const resolverUrl = new URLSearchParams(location.search).get('resolver') ?? 'http://127.0.0.1:8701';

let shared = [];

function ready() {
  $('provider-status').textContent = 'Sigil is installed.';
  document.documentElement.dataset.sigil = 'ready';
  window.sigil.on('entitiesChanged', () => refreshEntities().catch(() => {}));
  window.sigil.on('disconnect', () => setEntities([]));
  window.sigil.on('lock', () => ($('provider-status').textContent = 'Sigil is locked.'));
  window.sigil.on('unlock', () => ($('provider-status').textContent = 'Sigil is unlocked.'));
}
if (window.sigil) ready();
else window.addEventListener('sigil#initialized', ready, { once: true });

function setEntities(entities) {
  shared = entities;
  const list = $('entity-list');
  list.replaceChildren(
    ...entities.map((e) => {
      const item = document.createElement('li');
      item.textContent = `${e.kind}: ${e.label} — ${e.did}`;
      return item;
    }),
  );
  for (const [select, kinds] of [
    [$('token-user'), ['user', 'twin', 'agent']],
    [$('identity-did'), ['user', 'agent', 'twin']],
  ]) {
    select.replaceChildren(
      ...entities
        .filter((e) => kinds.includes(e.kind))
        .map((e) => {
          const option = document.createElement('option');
          option.value = e.did;
          option.textContent = `${e.label} (${e.kind})`;
          return option;
        }),
    );
  }
}

async function refreshEntities() {
  const { entities } = await window.sigil.request({ method: 'sigil_entities' });
  setEntities(entities);
  return { entities };
}

/** Documents from the resolver; for entities the site can read, Sigil's own signed copy too (verified on use). */
async function resolverFor(dids) {
  const tokens = [];
  for (const did of dids) {
    if (!shared.some((e) => e.did === did)) continue;
    const { token } = await window.sigil.request({ method: 'sigil_document', params: { did } });
    tokens.push(token);
  }
  const local = staticResolver(tokens);
  const remote = httpResolver(resolverUrl);
  return async (did) => (await remote(did).catch(() => null)) ?? (await local(did));
}

async function act(name, work) {
  try {
    const result = await work();
    show(result);
    return result;
  } catch (error) {
    show({ error: { code: error.code, message: error.message } });
    return null;
  } finally {
    document.documentElement.dataset.last = name;
  }
}

const selected = () => $('identity-did').value;
const on = (id, work) => $(id).addEventListener('click', () => act(id, work));

on('ping', () => window.sigil.request({ method: 'sigil_ping' }));
on('connect', async () => {
  const result = await window.sigil.request({ method: 'sigil_connect' });
  setEntities(result.entities);
  return result;
});
on('entities', refreshEntities);
on('disconnect', async () => {
  const result = await window.sigil.request({ method: 'sigil_disconnect' });
  setEntities([]);
  return result;
});
on('token', async () => {
  const verdict = $('token-verdict');
  verdict.textContent = '';
  const audience = $('token-audience').value.trim() || undefined;
  const durationSeconds = Number($('token-seconds').value) || undefined;
  const { token, expiresAt } = await window.sigil.request({
    method: 'sigil_authToken',
    params: { user: $('token-user').value, ...(audience ? { audience } : {}), ...(durationSeconds ? { durationSeconds } : {}) },
  });
  // The dApp's server checks the token too, as a service that receives it would, against the resolver.
  const server = await fetch('/verify', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ token, audience: audience ?? location.origin, resolver: resolverUrl }),
  }).then((r) => r.json(), (error) => ({ valid: false, reason: String(error) }));
  try {
    const user = $('token-user').value;
    const issuerDid = JSON.parse(atob(token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/'))).iss.split('#')[0];
    const verified = await verifyAuthToken(token, { audience: audience ?? location.origin, resolve: await resolverFor([user, issuerDid]) });
    verdict.textContent = `Verified: ${verified.claims.iss} acts for ${verified.claims.sub}`;
    verdict.className = 'ok';
    return { token, expiresAt, verified: true, format: verified.format, claims: verified.claims, server };
  } catch (error) {
    verdict.textContent = `Not verified: ${error.message}`;
    verdict.className = 'bad';
    return { token, expiresAt, verified: false, reason: error.message, server };
  }
});
on('identity', () => window.sigil.request({ method: 'sigil_identity', params: { did: selected() } }));
on('keys', () => window.sigil.request({ method: 'sigil_identityKeys', params: { did: selected() } }));
on('document', async () => {
  const { document: doc, token } = await window.sigil.request({ method: 'sigil_document', params: { did: selected() } });
  const verified = await verifyDocumentToken(token, { did: selected() });
  return { verified: verified.document.id === doc.id, document: doc };
});
on('replace', async () => {
  const { document: doc } = await window.sigil.request({ method: 'sigil_document', params: { did: selected() } });
  // An IOTICS identity has no identity chain: its newest owner key is rotated.
  if (!('identityChain' in doc))
    return window.sigil.request({ method: 'sigil_replaceKey', params: { did: selected(), oldPublicKey: doc.publicKey[0].publicKeyBase58 } });
  const { data } = await window.sigil.request({ method: 'sigil_identity', params: { did: selected() } });
  const signing = data.active_keys[data.active_keys.length - 1];
  return window.sigil.request({ method: 'sigil_replaceKey', params: { did: selected(), oldPublicKey: signing.key } });
});
on('proof', () => {
  const agent = shared.find((e) => e.kind === 'agent');
  return window.sigil.request({ method: 'sigil_delegationProof', params: { agent: agent?.did, delegator: selected() } });
});
on('create-twin', async () => {
  const agent = shared.find((e) => e.kind === 'agent');
  // The twin takes its agent's format (an identity and its agent are of one format).
  const agentDoc = agent ? (await window.sigil.request({ method: 'sigil_document', params: { did: agent.did } })).document : null;
  const format = agentDoc && !('identityChain' in agentDoc) ? 'iotics' : 'sigil';
  const result = await window.sigil.request({
    method: 'sigil_createIdentity',
    params: { kind: 'twin', format, label: 'Demo twin', ...(agent ? { delegateTo: agent.did } : {}) },
  });
  await refreshEntities();
  return result;
});
