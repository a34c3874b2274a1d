import { useCallback, useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { UiEvent } from '../../shared/ui-api';
import { onBackgroundEvent } from '../background-client';
import { errorMessage, isLockedError } from './error-message';
import { signalMaybeLocked } from './locked-signal';

export interface BackgroundData<T> {
  /** The last value loaded; kept while a refresh runs so the screen does not blank out. */
  data: T | null;
  error: string | null;
  reload: () => void;
  /** Replaces the value with a fresher one the caller already has (e.g. an action's answer). */
  replace: (value: T) => void;
}

/**
 * Loads something from the background and loads it again whenever one of `events` arrives.
 * Only the answer to the latest load is kept.
 */
export function useBackgroundData<T>(load: () => Promise<T>, events: readonly UiEvent[], deps: readonly unknown[]): BackgroundData<T> {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);
  const generation = useRef(0);
  const latestLoad = useRef(load);
  latestLoad.current = load;

  const reload = useCallback(() => {
    const mine = ++generation.current;
    latestLoad.current().then(
      (value) => {
        if (mine !== generation.current) return;
        setData(value);
        setError(null);
      },
      (caught: unknown) => {
        if (isLockedError(caught)) signalMaybeLocked();
        if (mine === generation.current) setError(errorMessage(caught));
      },
    );
  }, []);

  // A layout effect starts the load right after the first render instead of a frame later.
  useLayoutEffect(() => {
    setData(null);
    setError(null);
    reload();
    const unsubscribe = onBackgroundEvent((event) => {
      if (events.includes(event)) reload();
    });
    return () => {
      generation.current++;
      unsubscribe();
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, deps);

  const replace = useCallback((value: T) => {
    generation.current++;
    setData(value);
    setError(null);
  }, []);

  return { data, error, reload, replace };
}
