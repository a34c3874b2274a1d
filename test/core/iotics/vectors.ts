/** The IOTICS library's values (shared/vectors/iotics.json) and small helpers for tests. */
import { readFileSync } from 'node:fs';

export const ioticsVectors = JSON.parse(
  readFileSync(new URL('../../../../shared/vectors/iotics.json', import.meta.url), 'utf8'),
) as any;

/** Every document token of the vector file: current documents and the whole history. */
export const vectorDocumentTokens = (): string[] => [
  ...Object.values(ioticsVectors.documents).map((entry: any) => entry.token as string),
  ...ioticsVectors.documentHistory.map((entry: any) => entry.token as string),
];

export function decodeSegment(token: string, index: 0 | 1): any {
  return JSON.parse(Buffer.from(token.split('.')[index]!, 'base64url').toString('utf8'));
}

export const rawSegment = (token: string, index: 0 | 1): string =>
  Buffer.from(token.split('.')[index]!, 'base64url').toString('utf8');
