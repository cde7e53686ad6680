import { Link } from "react-router";
import { PageHeader } from "../components/ui/page-header.tsx";

export function NotFoundPage() {
  return (
    <div className="page">
      <PageHeader title="Page not found" description="There is no page at this address." />
      <p>
        <Link to="/">Go to the start page</Link>
      </p>
    </div>
  );
}
