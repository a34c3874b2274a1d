/** What the UI and pages are shown of an entity: summaries, the full view with keys, history, delegations. */
import {
  base64Decode,
  checkDelegationWithState,
  keyId,
  parseDidUrl,
  utf8Decode,
  type ChainKey,
  type Delegation,
  type DidDocument,
  type EntityKind,
} from '../../core';
import type { SharedEntity } from '../../shared/page-api';
import type { DelegationView, EntitySummary, EntityView, HistoryView, KeyView } from '../../shared/ui-api';
import type { EntityRecord } from '../storage';
import type { EntityStore, LoadedEntity } from './entity-store';

export const summaryOf = (record: EntityRecord): EntitySummary => ({
  did: record.did,
  kind: record.kind,
  label: record.label,
  stage: record.stage,
  createdAt: record.createdAt,
});

export const sharedEntityOf = (record: EntityRecord): SharedEntity => ({ did: record.did, kind: record.kind, label: record.label });

export const keyViewOf = (kind: EntityKind, key: ChainKey): KeyView => ({
  id: keyId(kind, key.priority, key.generation),
  idpub: key.idpub,
  priority: key.priority,
  active: key.retiredHeight === null,
  activatedHeight: key.activatedHeight,
  retiredHeight: key.retiredHeight,
  entryHash: key.entryHash,
});

function keysOf(entity: LoadedEntity): KeyView[] {
  return entity.state.keys
    .map((key) => keyViewOf(entity.record.kind, key))
    .sort((a, b) => a.priority - b.priority || Number(b.active) - Number(a.active) || b.activatedHeight - a.activatedHeight);
}

function historyOf(entity: LoadedEntity, keys: KeyView[]): HistoryView[] {
  const idOf = (idpub: string) => keys.find((k) => k.idpub === idpub)?.id;
  return entity.state.entryHashes.map((entryHash, height) => {
    const stage = entity.record.entries[height]?.stage ?? entity.record.stage;
    if (height === 0) return { height, entryHash, kind: 'created' as const, stage };
    const extIds = entity.document.identityChain.entries[height]!.extIds.map((e) => base64Decode(e));
    const [, oldKey, newKey, , signer] = extIds.map((bytes, i) => (i === 3 ? '' : utf8Decode(bytes)));
    const view: HistoryView = { height, entryHash, kind: 'replaced', stage };
    const oldKeyId = oldKey && idOf(oldKey);
    const newKeyId = newKey && idOf(newKey);
    const signerKeyId = signer && idOf(signer);
    if (oldKeyId) view.oldKeyId = oldKeyId;
    if (newKeyId) view.newKeyId = newKeyId;
    if (signerKeyId) view.signerKeyId = signerKeyId;
    return view;
  });
}

const controllerDid = (delegation: Delegation): string => parseDidUrl(delegation.controller).did;

async function statusOf(delegation: Delegation, delegatingDid: string, controller: LoadedEntity | null): Promise<DelegationView['status']> {
  if (delegation.revoked) return 'invalid';
  if (!controller) return 'unknown';
  const check = await checkDelegationWithState(delegation, delegatingDid, controller);
  if (check.valid) return 'valid';
  const fragment = parseDidUrl(delegation.controller).fragment;
  const key = controller.document.publicKey.find((k) => k.id === fragment);
  return key?.revoked ? 'needs-renewal' : 'invalid';
}

async function delegationView(
  direction: DelegationView['direction'],
  delegating: DidDocument,
  delegation: Delegation,
  other: LoadedEntity | null,
  controller: LoadedEntity | null,
  otherDid: string,
): Promise<DelegationView> {
  return {
    direction,
    type: delegating.ioticsDIDType === 'twin' ? 'control' : 'authentication',
    id: delegation.id,
    otherDid,
    otherLabel: other?.record.label ?? null,
    controller: delegation.controller,
    proofType: delegation.proofType,
    revoked: delegation.revoked,
    status: await statusOf(delegation, delegating.id, controller),
  };
}

async function delegationsOf(entities: EntityStore, entity: LoadedEntity): Promise<DelegationView[]> {
  const views: DelegationView[] = [];
  for (const delegation of [...entity.document.delegateAuthentication, ...entity.document.delegateControl]) {
    let agent: LoadedEntity | null = null;
    try {
      agent = await entities.find(controllerDid(delegation));
    } catch {
      agent = null;
    }
    views.push(await delegationView('given', entity.document, delegation, agent, agent, controllerDid(delegation)));
  }
  if (entity.record.kind === 'agent') {
    for (const record of await entities.all()) {
      if (record.did === entity.record.did || record.kind === 'agent' || !record.document) continue;
      const delegator = await entities.load(record);
      for (const delegation of [...delegator.document.delegateAuthentication, ...delegator.document.delegateControl]) {
        if (controllerDid(delegation) !== entity.record.did) continue;
        views.push(await delegationView('received', delegator.document, delegation, delegator, entity, record.did));
      }
    }
  }
  return views;
}

export async function entityViewOf(entities: EntityStore, entity: LoadedEntity): Promise<EntityView> {
  const keys = keysOf(entity);
  return {
    ...summaryOf(entity.record),
    names: [...entity.record.names],
    chainId: entity.record.chainId,
    keys,
    history: historyOf(entity, keys),
    delegations: await delegationsOf(entities, entity),
  };
}
