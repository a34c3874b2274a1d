import { describe, expect, it } from 'vitest';
import { APPROVE_LABEL, ASKS, isInsecureOrigin, SHORT } from '../../../src/ui/approval/describe';

describe('isInsecureOrigin', () => {
  it('warns about plain http to another computer', () => {
    for (const origin of ['http://example.com', 'http://192.168.1.20:8080', 'http://localhost.example.com', 'http://10.0.0.1']) expect(isInsecureOrigin(origin)).toBe(true);
  });

  it('does not warn about https', () => {
    for (const origin of ['https://example.com', 'https://localhost:8443', 'https://[2001:db8::1]']) expect(isInsecureOrigin(origin)).toBe(false);
  });

  it('does not warn about plain http to this computer, on any port', () => {
    for (const origin of ['http://localhost', 'http://localhost:8700', 'http://127.0.0.1:8700', 'http://[::1]:3000', 'http://LOCALHOST:80'])
      expect(isInsecureOrigin(origin)).toBe(false);
  });

  it('warns when the origin cannot be read at all', () => {
    for (const origin of ['', 'null', 'example.com', 'http//example.com']) expect(isInsecureOrigin(origin)).toBe(true);
  });
});

describe('request wording', () => {
  const methods = ['sigil_connect', 'sigil_authToken', 'sigil_delegationProof', 'sigil_createIdentity', 'sigil_replaceKey'] as const;

  it('gives each kind of request its own approve button and its own short name', () => {
    expect(new Set(methods.map((m) => APPROVE_LABEL[m])).size).toBe(methods.length);
    expect(new Set(methods.map((m) => SHORT[m])).size).toBe(methods.length);
    expect(new Set(methods.map((m) => ASKS[m])).size).toBe(methods.length);
  });

  it('words what a site asks so that it reads on after the origin', () => {
    for (const m of methods) expect(ASKS[m]).toMatch(/^(wants|asks) /);
  });
});
