import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { errorMessage, isLockedError } from './error-message';
import { signalMaybeLocked } from './locked-signal';

export interface Action<Args extends unknown[], Result> {
  /** Runs the action; resolves with its result, or undefined when it failed (the error is kept). */
  run: (...args: Args) => Promise<Result | undefined>;
  busy: boolean;
  error: string | null;
  setError: (message: string | null) => void;
}

/** Wraps one async operation a person starts (a button): busy flag, plain-words error, no double runs. */
export function useAction<Args extends unknown[], Result>(operation: (...args: Args) => Promise<Result>): Action<Args, Result> {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const running = useRef(false);
  const mounted = useRef(true);
  const latest = useRef(operation);
  latest.current = operation;
  useEffect(() => () => void (mounted.current = false), []);

  const run = useCallback(async (...args: Args): Promise<Result | undefined> => {
    if (running.current) return undefined;
    running.current = true;
    setBusy(true);
    setError(null);
    try {
      return await latest.current(...args);
    } catch (caught) {
      if (isLockedError(caught)) signalMaybeLocked();
      if (mounted.current) setError(errorMessage(caught));
      return undefined;
    } finally {
      running.current = false;
      if (mounted.current) setBusy(false);
    }
  }, []);

  return { run, busy, error, setError };
}
