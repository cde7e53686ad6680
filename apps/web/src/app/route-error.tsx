import { Link, useRouteError } from "react-router";
import { ErrorAlert } from "../components/ui/alert.tsx";

/** Last resort for a render error: a readable message instead of a blank page. */
export function RouteError() {
  const error = useRouteError();
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
