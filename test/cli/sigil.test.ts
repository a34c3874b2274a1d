import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fails, ok, root, run } from './run-sigil';

const vector = (name: string) => JSON.parse(readFileSync(new URL(`../../../shared/vectors/${name}`, import.meta.url), 'utf8'));
const sigil = vector('sigil.json');
const factom = vector('factom.json');
const docs = vector('documents.json');
const derivation = sigil.derivation;


beforeAll(async () => {
  await promisify(execFile)(process.execPath, [join(root, 'scripts/build-node.mjs')], { cwd: root });
}, 120_000);

describe('sigil derive', () => {
  it('reproduces every key of the derivation vector from the mnemonic', async () => {
    await Promise.all(
      derivation.keys.map(async (k: any) => {
        const out = await ok([
          'derive',
          '--mnemonic',
          derivation.mnemonic,
          '--kind',
          k.kind,
          '--key-name',
          k.keyName,
          '--priority',
          String(k.priority),
          '--generation',
          String(k.generation),
        ]);
        expect(out).toEqual({
          path: k.path,
          idpub: k.idpub,
          publicKeyBase58: k.publicKeyBase58,
          ...(k.did ? { did: k.did } : {}),
        });
      }),
    );
  });

  it('accepts a hex seed, and a secret on stdin', async () => {
    const expected = derivation.keys[0];
    const fromHex = await ok(['derive', '--seed-hex', derivation.entropy_hex, '--kind', 'user', '--key-name', 'alice']);
    expect(fromHex).toEqual({ path: expected.path, idpub: expected.idpub, publicKeyBase58: expected.publicKeyBase58, did: expected.did });
    const fromStdin = await ok(['derive', '--mnemonic', '-', '--kind', 'user', '--key-name', 'alice'], `${derivation.mnemonic}\n`);
    expect(fromStdin).toEqual(fromHex);
  });

  it('fails clearly on bad input without printing the secret', async () => {
    const words = derivation.mnemonic.split(' ');
    words[0] = 'zoo';
    const badChecksum = words.join(' ');
    const message = await fails(['derive', '--mnemonic', badChecksum, '--kind', 'user', '--key-name', 'alice']);
    expect(message).toBe('sigil: mnemonic checksum does not match: check the words and their order');
    expect(await fails(['derive', '--mnemonic', derivation.mnemonic, '--kind', 'user', '--key-name', 'al/ice'])).toBe(
      'sigil: key name must not contain "/"',
    );
    expect(await fails(['derive', '--mnemonic', derivation.mnemonic, '--kind', 'robot', '--key-name', 'a'])).toBe(
      'sigil: --kind must be user, agent or twin',
    );
    expect(await fails(['derive', '--seed-hex', 'abcd', '--kind', 'user', '--key-name', 'a'])).toBe(
      'sigil: seed hex must be 32 or 64 hexadecimal digits (16 or 32 bytes)',
    );
    expect(await fails(['derive', '--kind', 'user', '--key-name', 'a'])).toBe('sigil: give exactly one of --mnemonic or --seed-hex');
    // An unquoted mnemonic: the stray words are not repeated.
    const unquoted = await fails(['derive', '--mnemonic', ...words, '--kind', 'user', '--key-name', 'a']);
    expect(unquoted).toBe('sigil: unexpected extra argument (quote values that contain spaces, such as a mnemonic)');
    expect(
      await fails(['derive', '--mnemonic', derivation.mnemonic, '--kind', 'user', '--key-name', 'a', '--priority', '-1']),
    ).toMatch(/^sigil: /);
    expect(await fails(['derive', '--mnemonic', derivation.mnemonic, '--kind', 'user', '--key-name', 'a', '--priority', 'x'])).toBe(
      'sigil: --priority must be a non-negative integer',
    );
  });
});

describe('sigil key inspect / did check', () => {
  it('inspects idsec and idpub keys', async () => {
    const v = factom.vectors[0];
    const publicKeyBase58 = derivation.keys[0].publicKeyBase58;
    expect(await ok(['key', 'inspect', v.inputs.idsec])).toMatchObject({ kind: 'idsec', idpub: v.expected_outputs.idpub });
    expect(await ok(['key', 'inspect', '-'], v.inputs.idsec)).toMatchObject({ kind: 'idsec', idpub: v.expected_outputs.idpub });
    expect(await ok(['key', 'inspect', derivation.keys[0].idpub])).toEqual({
      kind: 'idpub',
      publicKeyBase58,
      idpub: derivation.keys[0].idpub,
    });
    const bad = factom.vectors.find((x: any) => x.expected_outputs.checksum_valid === false).inputs.key;
    expect(await fails(['key', 'inspect', bad])).toBe('sigil: idpub key checksum does not match');
  });

  it('does not print an idsec it cannot decode', async () => {
    const secret = factom.vectors[1].inputs.idsec;
    const broken = `${secret.slice(0, -1)}${secret.endsWith('x') ? 'y' : 'x'}`;
    const message = await fails(['key', 'inspect', broken]);
    expect(message).not.toContain(broken);
  });

  it('checks DIDs', async () => {
    for (const { did, valid } of sigil.iotics_did_checksum) {
      if (valid) expect(await ok(['did', 'check', did])).toEqual({ did, valid: true });
      else expect(await fails(['did', 'check', did])).toBe('sigil: invalid DID: DID checksum does not match');
    }
  });
});

describe('sigil chain', () => {
  const firstEntry = factom.vectors.find((v: any) => v.description.startsWith('identity chain first entry hash'));
  const replace = factom.vectors.find((v: any) => v.description.startsWith('key replacement entry hash'));

  it('computes chain ids', async () => {
    expect(await ok(['chain', 'id', 'NotarySimulation', '2019-03-15T04:17:36.684136'])).toEqual({
      chain_id: '107c8e488e95b63ca6fe1c409aa22c380b5c7be387d139c1cd0afaf608d1ae42',
    });
    expect(await ok(['chain', 'id', derivation.keys[0].did])).toEqual({ chain_id: derivation.user_alice_identity_chain.chain_id });
  });

  it('builds the first entry of the seed document', async () => {
    const keys = JSON.parse(firstEntry.inputs.content).keys as string[];
    const args = ['chain', 'first-entry', ...firstEntry.inputs.external_ids.slice(1).flatMap((n: string) => ['--name', n])];
    expect(await ok([...args, ...keys.flatMap((k) => ['--key', k])])).toEqual({
      chain_id: firstEntry.inputs.chain_id,
      entry_hash: firstEntry.expected_outputs.entry_hash,
      content: firstEntry.inputs.content,
    });
    expect(await fails(['chain', 'first-entry', '--name', 'x'.repeat(10100), ...keys.flatMap((k) => ['--key', k])])).toBe(
      'sigil: calculated bytes of names and keys is 10313. It must be less than 10240, use less/shorter names or less keys.',
    );
    expect(await fails(['chain', 'first-entry', '--name', 'a'])).toBe('sigil: at least 1 key is required.');
  });

  it('signs the replacement entry of the seed document', async () => {
    const base = ['chain', 'replace', '--chain-id', replace.inputs.identity_chain_id, '--old', replace.inputs.old_key, '--new', replace.inputs.new_key];
    const expected = {
      entry_hash: replace.expected_outputs.entry_hash,
      signature_base64: replace.expected_outputs.signature_base64,
      signer_key: replace.expected_outputs.signer_key,
    };
    expect(await ok([...base, '--signer', replace.inputs.signer_private_key])).toEqual(expected);
    expect(await ok([...base, '--signer', '-'], replace.inputs.signer_private_key)).toEqual(expected);
    expect(await fails([...base, '--signer', replace.inputs.old_key])).toBe('sigil: --signer: expected an idsec key, got an idpub key');
    expect(await fails([...base.slice(0, 3), 'xyz', ...base.slice(4), '--signer', replace.inputs.signer_private_key])).toBe(
      'sigil: --chain-id must be 64 hex digits',
    );
  });
});

describe('sigil token verify', () => {
  let dir: string;
  let server: Server;
  let url: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sigil-cli-'));
    // Document tokens signed by each entity's master key, built with the core through the built package.
    const core = await import(join(root, 'dist/node/core.js'));
    const master = await core.entropyToMaster(core.hexToBytes(derivation.entropy_hex));
    const masterKeys = new Map<string, Uint8Array>();
    for (const [kind, keyName] of [
      ['user', 'alice'],
      ['agent', 'alice-agent'],
      ['twin', 'thermostat-1'],
    ]) {
      const key = await core.deriveKey(master, { kind, keyName, priority: 0, generation: 0 });
      masterKeys.set(core.didFromPublicKey(key.publicKey), key.secretKey);
    }
    const sign = (doc: any): Promise<string> => core.createDocumentToken(doc, { secretKey: masterKeys.get(doc.id), audience: 'resolver' });
    const signAll = (list: any[]) => Promise.all(list.map(sign));
    const before = Object.values(docs.documents_before);
    writeFileSync(join(dir, 'before.json'), JSON.stringify(Object.fromEntries(await Promise.all(before.map(async (doc: any) => [doc.id, await sign(doc)])))));
    writeFileSync(join(dir, 'after.json'), JSON.stringify(await signAll([docs.agent_document_after_replacing_key_2, docs.documents_before[docs.user]])));
    writeFileSync(join(dir, 'renewed.json'), JSON.stringify(await signAll([docs.agent_document_after_replacing_key_2, docs.user_document_after_renewal])));
    writeFileSync(join(dir, 'documents.json'), JSON.stringify(docs.documents_before));
    writeFileSync(join(dir, 'broken.json'), '{not json');
    const tokens = new Map<string, string>();
    for (const did of [docs.user, docs.agent]) tokens.set(did, await sign(docs.documents_before[did]));
    server = createServer((req, res) => {
      const match = /^\/1\.0\/discover\/(.+)$/.exec(req.url ?? '');
      const token = match ? tokens.get(decodeURIComponent(match[1]!)) : undefined;
      res.writeHead(token ? 200 : 404, { 'content-type': 'application/json' });
      res.end(JSON.stringify(token ? { token } : {}));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    rmSync(dir, { recursive: true, force: true });
  });

  const verifyArgs = (token: string, file: string, now = docs.now) => [
    'token', 'verify', token, '--audience', docs.audience, '--documents', join(dir, file), '--now', String(now),
  ];

  it('prints the verified claims and the format (document tokens as a map or a list)', async () => {
    expect(await ok(verifyArgs(docs.token, 'before.json'))).toEqual({ valid: true, format: 'sigil', ...docs.token_claims });
    expect(await ok(verifyArgs(docs.token_after_replacement, 'renewed.json'))).toMatchObject({ valid: true, iss: `${docs.agent}#agent-2-1` });
  });

  it('refuses unsigned documents: --documents takes document tokens', async () => {
    expect(await fails(verifyArgs(docs.token, 'documents.json'))).toBe('sigil: every document must be given as a document token (a string)');
  });

  it('verifies through a resolver', async () => {
    const args = ['token', 'verify', docs.token, '--audience', docs.audience, '--resolver', url, '--now', String(docs.now)];
    expect(await ok(args)).toEqual({ valid: true, format: 'sigil', ...docs.token_claims });
  });

  it('fails with the reason on one line', async () => {
    expect(await fails(verifyArgs(docs.token, 'after.json'))).toBe(`sigil: ${docs.expect.token_valid_after_replacement_reason}`);
    expect(await fails(verifyArgs(docs.token_after_replacement, 'after.json'))).toBe(
      `sigil: ${docs.user} has no delegation to ${docs.agent}#agent-2-1`,
    );
    expect(await fails(verifyArgs(docs.token, 'before.json', docs.token_claims.exp + 1))).toMatch(/^sigil: token expired at /);
    expect(await fails([...verifyArgs(docs.token, 'before.json').slice(0, 3), '--audience', 'https://other.example', '--documents', join(dir, 'before.json'), '--now', String(docs.now)])).toBe(
      `sigil: token audience is ${docs.audience}, expected https://other.example`,
    );
    expect(await fails(verifyArgs(docs.token, 'missing.json'))).toMatch(/^sigil: --documents file .* does not exist$/);
    expect(await fails(verifyArgs(docs.token, 'broken.json'))).toMatch(/is not readable JSON$/);
    expect(await fails(['token', 'verify', docs.token, '--audience', docs.audience])).toBe('sigil: give exactly one of --resolver or --documents');
    expect(await fails(['token', 'verify', docs.token, '--audience', docs.audience, '--resolver', 'http://127.0.0.1:1', '--now', String(docs.now)])).toMatch(
      /^sigil: resolver at .* is not reachable$/,
    );
  });
});

describe('sigil usage', () => {
  it('explains itself and refuses unknown commands', async () => {
    const help = await run(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('sigil derive');
    expect(await fails(['frobnicate'])).toBe('sigil: unknown command: frobnicate');
    expect(await fails(['chain', 'id', '--bogus'])).toMatch(/^sigil: Unknown option '--bogus'/);
    const none = await run([]);
    expect(none.code).toBe(1);
    expect(none.stderr).toContain('usage:');
  });
});
