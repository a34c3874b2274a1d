import type { ComponentChildren } from 'preact';

/** The bar above every screen: the name, and when unlocked the Settings link and the Lock button. */
export function TopBar({ children }: { children?: ComponentChildren }) {
  return (
    <header class="topbar">
      <a class="brand" href="#/" style={{ color: 'inherit', textDecoration: 'none' }}>
        <span class="brand-mark" aria-hidden="true">
          S
        </span>
        Sigil
      </a>
      {children && <nav class="topbar-actions" aria-label="Wallet">{children}</nav>}
    </header>
  );
}
