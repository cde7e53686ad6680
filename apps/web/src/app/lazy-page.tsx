// Pages loaded on demand: React.lazy over a named export, and the Suspense boundary the
// shell's routes render in (a failed chunk load throws to the route's errorElement).
import { lazy, Suspense, type ComponentType } from "react";
import { Outlet } from "react-router";

export function lazyPage<M extends Record<string, unknown>, K extends keyof M & string>(load: () => Promise<M>, name: K) {
  return lazy(async () => ({ default: (await load())[name] as ComponentType }));
}

export function PageSuspense() {
  return (
    <Suspense fallback={<p className="muted" role="status">Loading…</p>}>
      <Outlet />
    </Suspense>
  );
}
