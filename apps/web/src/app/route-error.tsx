import { Link, useRouteError } from "react-router";
import { Alert, ErrorAlert } from "../components/ui/alert.tsx";
import { Button } from "../components/ui/button.tsx";

/** A page's code that could not be fetched: offline, or the app was updated and the old file is gone. */
export function isChunkLoadError(error: unknown): boolean {
  const message = error instanceof Error ? error.message : String(error ?? "");
  return /Failed to fetch dynamically imported module|error loading dynamically imported module|Importing a module script failed|Unable to preload CSS/i.test(message);
}

/** Last resort for a render error: a readable message instead of a blank page. */
export function RouteError() {
  const error = useRouteError();
  if (isChunkLoadError(error)) {
    const offline = typeof navigator !== "undefined" && navigator.onLine === false;
    return (
      <div className="page">
        <h1>This page could not be opened</h1>
        <Alert tone="error">
          <div className="alert-row">
            <strong>{offline ? "You're offline — the page's code could not be fetched. Reconnect, then try again." : "The app could not fetch this page's code — the connection dropped or a new version was installed. Reload to continue."}</strong>
            <Button onClick={() => window.location.reload()}>{offline ? "Try again" : "Reload"}</Button>
          </div>
        </Alert>
      </div>
    );
  }
  return (
    <div className="page">
      <h1>Something went wrong on this page</h1>
      <ErrorAlert error={error} />
      <p>
        <Link to="/" reloadDocument>
          Reload the app
        </Link>
      </p>
    </div>
  );
}
