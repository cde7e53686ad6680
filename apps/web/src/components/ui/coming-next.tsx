import { PageHeader } from "./page-header.tsx";

/** Placeholder for an area being built: says what will be here, shows no made-up data. */
export function ComingNext({ title, description }: { title: string; description: string }) {
  return (
    <div className="page">
      <PageHeader title={title} />
      <div className="coming-next" role="status">
        <p>
          <strong>Coming next.</strong> {description}
        </p>
      </div>
    </div>
  );
}
