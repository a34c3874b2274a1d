/** Building the stored (public) row of an entity from its document. */
import { createDocumentToken, type DidDocument } from '../../core';
import type { Stage } from '../../shared/page-api';
import type { EntityRecord } from '../storage';

/** The audience of document tokens Sigil signs: the resolver that stores them, or a local marker. */
export const documentAudience = (resolverUrl: string): string => resolverUrl || 'sigil:local';

/**
 * A row for `document`, signed as a document token with the active master key. Entries already
 * registered keep their stage; new ones are local until the resolver accepts the document.
 */
export async function entityRecordFor(params: {
  document: DidDocument;
  masterSecret: Uint8Array;
  resolverUrl: string;
  previous?: EntityRecord;
  now: number;
}): Promise<EntityRecord> {
  const { document, previous, now } = params;
  const token = await createDocumentToken(document, { secretKey: params.masterSecret, audience: documentAudience(params.resolverUrl) });
  const entries = document.identityChain.entries.map((entry, height) => ({
    extIds: [...entry.extIds],
    content: entry.content,
    stage: (previous?.entries[height]?.stage ?? 'local') as Stage,
  }));
  return {
    did: document.id,
    kind: document.ioticsDIDType,
    format: 'sigil',
    label: document.metadata.label ?? previous?.label ?? '',
    stage: 'local',
    chainId: document.identityChain.chainId,
    names: [...document.identityChain.names],
    entries,
    document: document as unknown as Record<string, unknown>,
    documentToken: token,
    createdAt: previous?.createdAt ?? now,
    updatedAt: now,
  };
}

/** updateTime for the next version of a document: now, but always after the current one. */
export const nextUpdateTime = (document: DidDocument, now: number): number => Math.max(now, document.updateTime + 1);
