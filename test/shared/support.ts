/** Inputs shared by the tests of src/shared, src/ui and src/content: vector DIDs and keys, and error capture. */
import { readFileSync } from 'node:fs';
import { expect } from 'vitest';
import { decodeIdpub, didFromPublicKey, isValidDid } from '../../src/core/index';
import { ErrorCode, SigilError } from '../../src/shared/errors';

function loadVector<T = any>(name: 'factom.json' | 'sigil.json'): T {
  return JSON.parse(readFileSync(new URL(`../../../shared/vectors/${name}`, import.meta.url), 'utf8')) as T;
}

const didVectors = loadVector<{ iotics_did_checksum: { did: string; valid: boolean }[] }>('sigil.json').iotics_did_checksum;
const keyVectors = loadVector<{ vectors: { expected_outputs: { idpub?: string } }[] }>('factom.json').vectors;

/** Two DIDs of the vectors whose checksums verify, and a third made from a key here. */
export const VALID_DIDS: string[] = [
  ...didVectors.filter((v) => v.valid).map((v) => v.did),
  didFromPublicKey(new Uint8Array(32).fill(7)),
];
export const DID_A = VALID_DIDS[0]!;
export const DID_B = VALID_DIDS[1]!;

/** The vector DID whose checksum does not verify (it still has the DID's shape). */
export const BAD_CHECKSUM_DID = didVectors.find((v) => !v.valid)!.did;

/** Valid Factom public keys from the vectors. */
export const IDPUBS: string[] = [...new Set(keyVectors.map((v) => v.expected_outputs.idpub).filter((k): k is string => typeof k === 'string'))];
export const IDPUB_A = IDPUBS[0]!;
export const IDPUB_B = IDPUBS[1]!;

const BASE58 = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';

/** The same text with its last character changed to another base58 character: same shape, wrong checksum. */
export function withLastCharacterChanged(text: string): string {
  const last = text.at(-1)!;
  const replacement = BASE58[(BASE58.indexOf(last) + 1) % BASE58.length]!;
  return text.slice(0, -1) + replacement;
}

export function idpubChecksumVerifies(text: string): boolean {
  try {
    decodeIdpub(text);
    return true;
  } catch {
    return false;
  }
}

export { isValidDid };

/** The error `run` throws; fails the test when it does not throw. */
export function thrown(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  expect.fail('expected an error to be thrown');
}

/** The message of the invalid-params SigilError `run` throws (fails the test for any other outcome). */
export function invalidParamsMessage(run: () => unknown): string {
  const error = thrown(run);
  expect(error).toBeInstanceOf(SigilError);
  expect((error as SigilError).code).toBe(ErrorCode.invalidParams);
  return (error as SigilError).message;
}
