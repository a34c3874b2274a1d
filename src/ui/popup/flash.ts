/** A one-time message for the next screen (e.g. "Key replaced" after returning to the entity). */
let pending: string | null = null;

export function setFlash(message: string): void {
  pending = message;
}

export function takeFlash(): string | null {
  const message = pending;
  pending = null;
  return message;
}
