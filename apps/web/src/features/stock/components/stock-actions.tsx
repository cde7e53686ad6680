import { useNavigate } from "react-router";
import { Button } from "../../../components/ui/button.tsx";

/** The Stock area's actions, shown on each of its pages; the current one is marked. */
export function StockActions({ current, warehouseId }: { current?: "levels" | "adjust" | "count" | "ledger"; warehouseId?: string }) {
  const navigate = useNavigate();
  const go = (path: string) => navigate(warehouseId ? `${path}?warehouseId=${warehouseId}` : path);
  return (
    <>
      {current !== "levels" && <Button onClick={() => go("/stock")}>Levels</Button>}
      <Button variant={current === "adjust" ? "primary" : "secondary"} aria-current={current === "adjust" ? "page" : undefined} onClick={() => go("/stock/adjust")}>
        Adjust stock
      </Button>
      <Button variant={current === "count" ? "primary" : "secondary"} aria-current={current === "count" ? "page" : undefined} onClick={() => go("/stock/count")}>
        Count stock
      </Button>
      <Button variant={current === "ledger" ? "primary" : "secondary"} aria-current={current === "ledger" ? "page" : undefined} onClick={() => go("/stock/ledger")}>
        Movement history
      </Button>
    </>
  );
}
