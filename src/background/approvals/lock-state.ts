import { session, vault } from '../services';

/** Whether the wallet is unlocked right now (the session holds a vault key). Reads no secret out. */
export async function isUnlocked(): Promise<boolean> {
  return (await (await session()).times()) !== null;
}

export async function hasWallet(): Promise<boolean> {
  return (await (await vault()).health()).state !== 'empty';
}
