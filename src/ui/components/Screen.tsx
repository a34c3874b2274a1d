import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';

export interface ScreenProps {
  title: string;
  /** Where "Back" leads (a hash route); no back link when absent. */
  back?: string;
  /** Moves keyboard focus to the title when the screen opens (off when a field takes focus itself). */
  focusTitle?: boolean;
  /** Names the screen for tests and styles. */
  name: string;
  children: ComponentChildren;
}

/** One screen: an optional back link, its title, its content. */
export function Screen({ title, back, focusTitle = true, name, children }: ScreenProps) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (focusTitle) heading.current?.focus({ preventScroll: true });
  }, [title]);
  return (
    <section class="screen" data-screen={name} aria-labelledby={`${name}-title`}>
      <div class="screen-header">
        {back !== undefined && (
          <a class="back-link" href={back}>
            <span aria-hidden="true">‹ </span>Back
          </a>
        )}
        <h1 id={`${name}-title`} tabIndex={-1} ref={heading}>
          {title}
        </h1>
      </div>
      {children}
    </section>
  );
}
