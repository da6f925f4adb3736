'use client';
import { useEffect, useRef, type ReactNode } from 'react';

/**
 * A group of top-navigation links behind one entry (the admin pages under "Quản trị"): a native
 * <details> disclosure, so it is rendered on the server with its links, opens with Enter or Space
 * on its summary and works before (or without) the script. The script only adds what <details>
 * lacks for a menu: Escape closes it (focus back on the summary), and so do a click elsewhere and
 * focus leaving it (Tab past the last link).
 */
export function NavMenu({
  label,
  current,
  testId,
  children,
}: {
  label: string;
  current: boolean;
  testId: string;
  children: ReactNode;
}) {
  const ref = useRef<HTMLDetailsElement>(null);
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape' || !d.open) return;
      d.open = false;
      d.querySelector('summary')?.focus();
    };
    const onPointer = (e: PointerEvent) => {
      if (d.open && e.target instanceof Node && !d.contains(e.target)) d.open = false;
    };
    const onFocusOut = (e: FocusEvent) => {
      if (d.open && !(e.relatedTarget instanceof Node && d.contains(e.relatedTarget))) d.open = false;
    };
    d.addEventListener('keydown', onKey);
    d.addEventListener('focusout', onFocusOut);
    document.addEventListener('pointerdown', onPointer);
    return () => {
      d.removeEventListener('keydown', onKey);
      d.removeEventListener('focusout', onFocusOut);
      document.removeEventListener('pointerdown', onPointer);
    };
  }, []);
  return (
    <details ref={ref} className={`nav-menu${current ? ' is-current' : ''}`} data-testid={testId}>
      <summary data-testid={`${testId}-toggle`}>{label}</summary>
      <div className="nav-menu-items">{children}</div>
    </details>
  );
}
