import { Navigate, Outlet, useLocation } from "react-router";
import { useMe } from "../lib/session.ts";
import { useBootPageReady } from "./lazy-page.tsx";
import { Spinner } from "../components/ui/spinner.tsx";
import { ErrorAlert } from "../components/ui/alert.tsx";
import { Button } from "../components/ui/button.tsx";

export function RequireAuth() {
  const me = useMe();
  const pageReady = useBootPageReady();
  const location = useLocation();
  if (me.isPending || (me.data && !pageReady)) return <Spinner label="Loading your account…" />;
  if (me.isError)
    return (
      <main className="auth-page" id="main">
        <div className="auth-card stack">
          <ErrorAlert error={me.error} />
          <Button onClick={() => me.refetch()}>Try again</Button>
        </div>
      </main>
    );
  if (!me.data) {
    const next = location.pathname + location.search;
    return <Navigate to={next === "/" ? "/login" : `/login?next=${encodeURIComponent(next)}`} replace />;
  }
  return <Outlet />;
}
