// Imports: upload a CSV file of products or stock counts, and the company's import history.
import { PageHeader } from "../../../components/ui/page-header.tsx";
import { ImportHistory } from "../components/import-history.tsx";
import { UploadForm } from "../components/upload-form.tsx";
import "../imports.css";

export function ImportsPage() {
  return (
    <div className="page">
      <PageHeader title="Imports" description="Bring products and stock counts in from CSV: the file is read first, you check the preview, then confirm." />
      <UploadForm />
      <h2>History</h2>
      <ImportHistory />
    </div>
  );
}
