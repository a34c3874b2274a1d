// What end-to-end page scripts can see of Sigil.
interface SigilProvider {
  isSigil: true;
  request(args: { method: string; params?: unknown }): Promise<unknown>;
  on(event: string, listener: (data: unknown) => void): void;
  removeListener(event: string, listener: (data: unknown) => void): void;
}
interface Window {
  sigil: SigilProvider;
}
