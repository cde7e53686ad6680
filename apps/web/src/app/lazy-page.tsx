// Pages loaded on demand (a named export of a chunk), and the Suspense boundary the
// shell's routes render in (a failed chunk load throws to the route's errorElement).
// The page a visit opens on is fetched at boot (preloadRoute), while the session is checked.
import { isValidElement, Suspense, use, useEffect, useState, type ComponentType, type ReactNode } from "react";
import { matchRoutes, Outlet, type RouteObject } from "react-router";

type Preloadable = { preload?: () => Promise<void> };

export function lazyPage<M extends Record<string, unknown>, K extends keyof M & string>(load: () => Promise<M>, name: K) {
  let loaded: ComponentType | undefined;
  let loading: Promise<void> | undefined;
  const get = () =>
    (loading ??= load().then((m) => {
      loaded = m[name] as ComponentType;
    }));
  // Not React.lazy: a page whose code is already here (preloaded) renders at once, without
  // suspending — a suspended boundary is revealed no sooner than React's throttle allows
  // (about 300 ms), which would delay the page's own requests. Code not here yet suspends (use).
  function Page() {
    if (!loaded) use(get());
    const Loaded = loaded!;
    return <Loaded />;
  }
  return Object.assign(Page, { preload: () => get().catch(() => undefined) });
}

/** The lazy page inside a route's element (also when wrapped, e.g. in RequireRole). */
function preloadOf(node: ReactNode): (() => Promise<void>) | undefined {
  if (!isValidElement(node)) return undefined;
  const preload = (node.type as Preloadable).preload;
  return preload ?? preloadOf((node.props as { children?: ReactNode }).children);
}

/** The page the app opened on: settled once its code is here (or failed to come). */
let bootPage: Promise<void> | undefined;
let bootPageReady = true;

/** Starts fetching the code of the page `pathname` opens, if it is a lazy one. */
export function preloadRoute(routes: RouteObject[], pathname: string) {
  const leaf = matchRoutes(routes, pathname)?.at(-1)?.route;
  const preload = preloadOf(leaf?.element);
  if (!preload) return;
  bootPageReady = false;
  bootPage = preload().finally(() => {
    bootPageReady = true;
  });
}

/**
 * False until the opening page's code is here. The auth guard waits for it with the session,
 * so that page renders at once instead of suspending (and waiting out the reveal throttle).
 */
export function useBootPageReady(): boolean {
  const [ready, setReady] = useState(bootPageReady);
  useEffect(() => {
    if (!ready) void bootPage?.then(() => setReady(true));
  }, [ready]);
  return ready;
}

export function PageSuspense() {
  return (
    <Suspense fallback={<p className="muted" role="status">Loading…</p>}>
      <Outlet />
    </Suspense>
  );
}
