import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fails, ok, run } from './run-sigil';
import {
  checkDocumentSuccession,
  createIoticsAuthToken,
  createIoticsDelegationProof,
  createIoticsDocument,
  createIoticsDocumentToken,
  deriveIoticsKey,
  hexToBytes,
  rotateIoticsKey,
  signIoticsJwt,
  validateIoticsDelegation,
  verifyAnyDocumentToken,
  type IoticsDocument,
  type VerifiedAnyDocument,
} from '../../src/core/index';

const V = JSON.parse(readFileSync(new URL('../../../shared/vectors/iotics.json', import.meta.url), 'utf8'));


/** A resolver as DESIGN §5 describes it: every token verified, every update a valid successor. */
class TestResolver {
  readonly registered = new Map<string, VerifiedAnyDocument>();
  registrations = 0;
  private server!: Server;
  url = '';

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      const reply = (status: number, body: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(body));
      };
      const discover = /^\/1\.0\/discover\/(.+)$/.exec(req.url ?? '');
      if (req.method === 'GET' && discover) {
        const hit = this.registered.get(decodeURIComponent(discover[1]!));
        return hit ? reply(200, { token: hit.token }) : reply(404, { error: 'not found' });
      }
      let body = '';
      req.on('data', (chunk) => (body += chunk));
      req.on('end', async () => {
        try {
          const next = await verifyAnyDocumentToken(body.trim());
          checkDocumentSuccession(this.registered.get(next.did) ?? null, next);
          this.registered.set(next.did, next);
          this.registrations++;
          reply(200, { did: next.did });
        } catch (error) {
          reply(400, { error: (error as Error).message });
        }
      });
    });
    await new Promise<void>((done) => this.server.listen(0, '127.0.0.1', done));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  document(did: string): IoticsDocument {
    return this.registered.get(did)!.document as IoticsDocument;
  }

  close(): Promise<void> {
    return new Promise((done) => this.server.close(() => done()));
  }
}

const { user, agent, twin } = V.identities;

describe('sigil iotics derive', () => {
  it('gives the IOTICS library DIDs for both seed methods', async () => {
    for (const d of V.derivations.filter((_: unknown, i: number) => i % 5 === 0)) {
      const args = ['iotics', 'derive', '--seed-hex', d.seedHex, '--kind', d.kind, '--key-name', d.keyName, '--seed-method', d.seedMethod];
      expect(await ok(args)).toEqual({ path: d.path, publicKeyBase58: d.publicKeyBase58, did: d.did });
    }
  });

  it('reads secrets from stdin, one per line, and applies the seed password', async () => {
    const d = V.derivations.find((x: any) => x.keyName === 'alice' && x.seedMethod === 'bip39');
    expect((await ok(['iotics', 'derive', '--seed-hex', '-', '--kind', 'user', '--key-name', '-'], `${d.seedHex}\nalice\n`)).did).toBe(d.did);
    const withPassword = await ok(['iotics', 'derive', '--seed-hex', d.seedHex, '--kind', 'user', '--key-name', 'alice', '--seed-password', 'p']);
    const core = await deriveIoticsKey({ seed: hexToBytes(d.seedHex), kind: 'user', keyName: 'alice', password: 'p' });
    expect(withPassword.did).toBe(core.did);
    expect(withPassword.did).not.toBe(d.did);
  });

  it('fails on one line without echoing the secrets', async () => {
    const seed = 'ab'.repeat(17);
    const error = await fails(['iotics', 'derive', '--seed-hex', seed, '--kind', 'user', '--key-name', 'secret-name']);
    expect(error).toBe('sigil: --seed-hex: a bip39 seed must be 16, 20, 24, 28 or 32 bytes');
    expect(await fails(['iotics', 'derive', '--seed-hex', 'zz', '--kind', 'user', '--key-name', 'k'])).toBe(
      'sigil: --seed-hex must be an even number of hexadecimal digits',
    );
    expect(await fails(['iotics', 'derive', '--seed-hex', seed, '--kind', 'user', '--key-name', 'k', '--seed-method', 'x'])).toBe(
      'sigil: --seed-method must be bip39 or none',
    );
    expect((await ok(['iotics', 'derive', '--seed-hex', seed, '--kind', 'user', '--key-name', 'k', '--seed-method', 'none'])).did).toMatch(/^did:iotics:iot/);
    expect(await fails(['iotics', 'derive', '--seed-hex', '-', '--kind', 'user', '--key-name', '-'], `${seed}\n`)).toBe(
      'sigil: a secret given as - was not found on standard input (one secret per line)',
    );
    expect(await fails(['iotics', 'frob'])).toBe('sigil: unknown command: iotics frob');
    expect((await run(['--help'])).stdout).toContain('sigil iotics create-user-and-agent --user-seed <hex>');
  });
});

describe('sigil iotics create-user-and-agent / create-twin / token / twin-token against a resolver', () => {
  const resolver = new TestResolver();
  let dir: string;
  beforeAll(async () => {
    await resolver.start();
    dir = mkdtempSync(join(tmpdir(), 'sigil-iotics-cli-'));
  });
  afterAll(async () => {
    await resolver.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const userArgs = () => [
    'iotics', 'create-user-and-agent', '--user-seed', user.seedHex, '--user-key-name', user.keyName,
    '--agent-seed', agent.seedHex, '--agent-key-name', agent.keyName, '--resolver', resolver.url,
  ];

  it('registers user and agent, extending an existing user document instead of overwriting it', async () => {
    // The user already has a registered document with a label: it must survive.
    const userKey = await deriveIoticsKey({ seed: hexToBytes(user.seedHex), kind: 'user', keyName: user.keyName });
    const existing = createIoticsDocument({ kind: 'user', secretKey: userKey.secretKey, metadata: { label: 'Alice' }, updateTime: Date.now() - 5000 });
    const first = await verifyAnyDocumentToken(createIoticsDocumentToken(existing, { keyId: '#user-0', secretKey: userKey.secretKey }));
    resolver.registered.set(user.did, first);

    expect(await ok([...userArgs(), '--delegation-name', '#AuthDeleg'])).toEqual({ userDid: user.did, agentDid: agent.did });
    const userDoc = resolver.document(user.did);
    expect(userDoc.metadata).toEqual({ label: 'Alice' });
    expect(userDoc.delegateAuthentication).toMatchObject([{ id: '#AuthDeleg', controller: agent.issuer, proofType: 'did', revoked: false }]);
    expect(validateIoticsDelegation(userDoc.delegateAuthentication[0]!, user.did, resolver.document(agent.did))).toEqual({ valid: true });
    expect(resolver.document(agent.did).publicKey.map((k) => k.publicKeyBase58)).toEqual([agent.publicKeyBase58]);

    const count = resolver.registrations;
    expect(await ok(userArgs())).toEqual({ userDid: user.did, agentDid: agent.did });
    expect(resolver.registrations, 'running it again changes nothing').toBe(count);
  });

  it('issues an agent token for the user that `sigil token verify` accepts as iotics', async () => {
    const { token } = await ok([
      'iotics', 'token', '--agent-seed', '-', '--agent-key-name', agent.keyName, '--user', user.did,
      '--audience', 'https://app.example', '--duration', '60',
    ], `${agent.seedHex}\n`);
    const verified = await ok(['token', 'verify', token, '--audience', 'https://app.example', '--resolver', resolver.url]);
    expect(verified).toMatchObject({ valid: true, format: 'iotics', iss: agent.issuer, sub: user.did, aud: 'https://app.example' });
    expect(verified.exp - verified.iat).toBe(90);
    const wrong = await fails(['token', 'verify', token, '--audience', 'https://other.example', '--resolver', resolver.url]);
    expect(wrong).toBe('sigil: token audience is https://app.example, expected https://other.example');
    expect(await fails(['iotics', 'token', '--agent-seed', agent.seedHex, '--agent-key-name', 'x', '--user', user.did, '--audience', 'a', '--duration', '86401'])).toBe(
      'sigil: --duration must be whole seconds from 1 to 86400',
    );
  });

  it('creates a twin with control delegation; the twin and the agent both get tokens for it', async () => {
    const args = [
      'iotics', 'create-twin', '--twin-seed', twin.seedHex, '--twin-key-name', twin.keyName,
      '--agent-seed', agent.seedHex, '--agent-key-name', agent.keyName, '--resolver', resolver.url,
    ];
    expect(await ok(args)).toEqual({ twinDid: twin.did });
    expect(resolver.document(twin.did).delegateControl).toMatchObject([{ controller: agent.issuer, proofType: 'did' }]);
    const own = await ok(['iotics', 'twin-token', '--twin-seed', twin.seedHex, '--twin-key-name', twin.keyName, '--audience', 'a', '--duration', '30']);
    expect(await ok(['token', 'verify', own.token, '--audience', 'a', '--resolver', resolver.url])).toMatchObject({
      valid: true, format: 'iotics', iss: twin.issuer, sub: twin.did,
    });
    const forTwin = await ok(['iotics', 'token', '--agent-seed', agent.seedHex, '--agent-key-name', agent.keyName, '--user', twin.did, '--audience', 'a', '--duration', '30']);
    expect(await ok(['token', 'verify', forTwin.token, '--audience', 'a', '--resolver', resolver.url])).toMatchObject({ valid: true, sub: twin.did });
  });

  it('refuses an unreachable resolver', async () => {
    const args = [...userArgs()];
    args[args.indexOf('--resolver') + 1] = 'http://127.0.0.1:1';
    expect(await fails(args)).toMatch(/^sigil: resolver at http:\/\/127\.0\.0\.1:1 is not reachable$/);
  });

  it('refuses to use a registered document that no longer lists the key (rotated out)', async () => {
    const agentKey = await deriveIoticsKey({ seed: hexToBytes(agent.seedHex), kind: 'agent', keyName: agent.keyName });
    const nextKey = await deriveIoticsKey({ seed: hexToBytes(agent.seedHex), kind: 'agent', keyName: agent.secondKey.keyName });
    const rotation = rotateIoticsKey(resolver.document(agent.did), { oldKeyId: '#agent-0', oldSecretKey: agentKey.secretKey, newSecretKey: nextKey.secretKey });
    for (const update of rotation.updates) {
      const next = await verifyAnyDocumentToken(update.token);
      checkDocumentSuccession(resolver.registered.get(agent.did)!, next);
      resolver.registered.set(agent.did, next);
    }
    expect(await fails(userArgs())).toBe(`sigil: the registered document of ${agent.did} does not list this key as an owner key`);
  });

  it('verifies IOTICS tokens against --documents holding document tokens, and refuses a forged delegation', async () => {
    const tokens = Object.fromEntries(Object.entries<any>(V.documents).map(([did, e]) => [did, e.token]));
    writeFileSync(join(dir, 'iotics.json'), JSON.stringify(tokens));
    const t = V.tokens.find((x: any) => x.name === 'agent-for-user');
    const args = (file: string) => ['token', 'verify', t.token, '--audience', t.audience, '--documents', join(dir, file), '--now', String(t.verifyAt)];
    expect(await ok(args('iotics.json'))).toEqual({ valid: true, format: 'iotics', ...t.claims });
    // Mallory holds the agent's key and writes a delegation to it into Carol's document (Carol never
    // delegated). Her proof is genuine; she cannot sign Carol's document token with Carol's key.
    const negative = V.negative.find((x: any) => x.name === 'no-delegation-from-user');
    const [carolDid, carolToken] = Object.entries<any>(negative.extraDocuments)[0]!;
    const agentKey = await deriveIoticsKey({ seed: hexToBytes(agent.seedHex), kind: 'agent', keyName: agent.keyName });
    const carol = (await verifyAnyDocumentToken(carolToken)).document as IoticsDocument;
    expect(carol.delegateAuthentication).toEqual([]);
    const forged = {
      ...carol,
      delegateAuthentication: [
        { id: '#x', controller: agent.issuer, proof: createIoticsDelegationProof({ secretKey: agentKey.secretKey, delegatingDid: carolDid }), proofType: 'did', revoked: false },
      ],
    };
    const forgedToken = signIoticsJwt({ iss: `${carolDid}#user-0`, aud: '', doc: forged }, agentKey.secretKey);
    writeFileSync(join(dir, 'forged.json'), JSON.stringify({ ...tokens, [carolDid]: forgedToken }));
    const { token } = createIoticsAuthToken({ issuer: agent.issuer, subject: carolDid, audience: 'a', durationSeconds: 60, secretKey: agentKey.secretKey });
    const forgedArgs = ['token', 'verify', token, '--audience', 'a', '--documents', join(dir, 'forged.json')];
    expect(await fails(forgedArgs)).toBe(`sigil: subject document ${carolDid}: document token signature does not verify with #user-0`);
    writeFileSync(join(dir, 'carol-plain.json'), JSON.stringify([V.documents[agent.did].doc, forged]));
    expect(await fails([...forgedArgs.slice(0, 5), '--documents', join(dir, 'carol-plain.json')])).toBe(
      'sigil: every document must be given as a document token (a string)',
    );
    writeFileSync(join(dir, 'plain.json'), JSON.stringify(Object.values<any>(V.documents).map((e) => e.doc)));
    expect(await fails(args('plain.json'))).toBe('sigil: every document must be given as a document token (a string)');
  });
});
