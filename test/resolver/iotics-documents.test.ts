/**
 * Real IOTICS document tokens (made by the IOTICS Python library, /work/shared/vectors/iotics.json)
 * through Sigil's resolver: accepted in their registration order, the refused ones refused.
 */
import { readFileSync } from 'node:fs';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { startResolver, type ResolverServer } from '../../src/resolver/server';
import { backends } from './backends';

interface Vectors {
  documents: Record<string, { token: string }>;
  documentHistory: { did: string; updateTime: number; token: string }[];
  negativeDocuments: { name: string; token: string; currentToken?: string; reason: string }[];
}
const vectors = JSON.parse(readFileSync('/work/shared/vectors/iotics.json', 'utf8')) as Vectors;

const post = (url: string, token: string) => fetch(`${url}/1.0/register`, { method: 'POST', body: token });

describe.each(backends())('IOTICS documents on $name', (backend) => {
  let resolver: ResolverServer | null = null;
  afterAll(() => backend.tearDown());
  afterEach(async () => {
    await resolver?.close();
    resolver = null;
  });
  const start = async () => (resolver = await startResolver({ ...(await backend.fresh()).options, rateLimit: null }));

  it('accepts the library\'s documents and updates in order and serves the latest of each DID', async () => {
    const { url } = await start();
    for (const entry of vectors.documentHistory) {
      const response = await post(url, entry.token);
      expect(response.status, `${entry.did} @ ${entry.updateTime}: ${await response.clone().text()}`).toBe(200);
    }
    for (const [did, { token }] of Object.entries(vectors.documents)) {
      expect(await fetch(`${url}/1.0/discover/${did}`).then((r) => r.json())).toEqual({ token });
      const { versions } = (await fetch(`${url}/1.0/history/${encodeURIComponent(did)}`).then((r) => r.json())) as { versions: { token: string }[] };
      expect(versions.map((v) => v.token)).toEqual(vectors.documentHistory.filter((e) => e.did === did).map((e) => e.token));
    }
  });

  it('refuses every negative document with a 4xx and a reason, storing nothing', async () => {
    const { url } = await start();
    expect(vectors.negativeDocuments.length).toBeGreaterThan(0);
    for (const negative of vectors.negativeDocuments) {
      if (negative.currentToken) expect((await post(url, negative.currentToken)).status).toBe(200);
      const response = await post(url, negative.token);
      expect([400, 409], `${negative.name}: ${negative.reason}`).toContain(response.status);
      expect(((await response.json()) as { error: string }).error.length).toBeGreaterThan(0);
      const did = (JSON.parse(Buffer.from(negative.token.split('.')[1]!, 'base64url').toString()) as { doc: { id: string } }).doc.id;
      const found = await fetch(`${url}/1.0/discover/${did}`);
      if (negative.currentToken) expect(await found.json()).toEqual({ token: negative.currentToken });
      else expect(found.status, negative.name).toBe(404);
    }
  });
}, 60_000); // the first PostgreSQL test also starts the server
