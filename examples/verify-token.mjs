#!/usr/bin/env node
/**
 * A dApp's server checking a Sigil sign-in token (from `sigil_authToken` in the page) against the
 * resolver, with Sigil's core library (`npm run prepare` builds it; import it as `sigil-wallet/core`).
 *
 *   node examples/verify-token.mjs --resolver http://127.0.0.1:8701 --audience https://shop.example < token.txt
 *
 * Prints one JSON line: {"valid":true,"user":…,"agent":…,"format":…,"expiresAt":…} (exit 0) or
 * {"valid":false,"reason":…} (exit 1). Exit 2: the command was used wrongly.
 */
import { pathToFileURL } from 'node:url';
import { httpResolver, isCoreError, verifyAuthToken } from 'sigil-wallet/core';

/**
 * Verifies `token` for this server (`audience`, the origin the page runs on) and returns who signed
 * in: the User the token acts for and the Agent that signed it. Throws when the token is not valid.
 */
export async function verifySignIn(token, { audience, resolverUrl }) {
  // The resolver's documents say which keys the Agent has and that the User delegates to it;
  // verifyAuthToken checks the signature, the times, the audience and that delegation.
  const verified = await verifyAuthToken(token, { audience, resolve: httpResolver(resolverUrl) });
  return { user: verified.subject.did, agent: verified.issuer.did, format: verified.format, expiresAt: verified.claims.exp };
}

function option(args, name) {
  const index = args.indexOf(name);
  return index >= 0 ? args[index + 1] : undefined;
}

async function readStdin(maxBytes) {
  let text = '';
  for await (const chunk of process.stdin) {
    text += chunk;
    if (text.length > maxBytes) throw new Error('the token is too long');
  }
  return text.trim();
}

async function main(args) {
  const resolverUrl = option(args, '--resolver');
  const audience = option(args, '--audience');
  if (!resolverUrl || !audience) {
    process.stderr.write('usage: node examples/verify-token.mjs --resolver <url> --audience <origin> < token\n');
    return 2;
  }
  try {
    const signedIn = await verifySignIn(await readStdin(16_384), { audience, resolverUrl });
    process.stdout.write(`${JSON.stringify({ valid: true, ...signedIn })}\n`);
    return 0;
  } catch (error) {
    // Core errors say what is wrong with the token; anything else is not shown to the caller.
    const reason = isCoreError(error) ? error.message : 'the token could not be verified';
    process.stdout.write(`${JSON.stringify({ valid: false, reason })}\n`);
    return 1;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) process.exitCode = await main(process.argv.slice(2));
