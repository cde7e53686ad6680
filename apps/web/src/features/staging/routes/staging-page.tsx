import { ComingNext } from "../../../components/ui/coming-next.tsx";

export function StagingPage() {
  return <ComingNext title="Staging" description="Containers (totes) on staging locations holding partially picked orders until the rest arrives." />;
}
