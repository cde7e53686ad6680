// Shared pieces of the printable documents (packing slip, staging slip, purchase order): the
// on-screen toolbar that paper drops, and the company and warehouse every document names.
import type { ReactNode } from "react";
import { Link } from "react-router";
import type { TWarehouseAddress } from "@bod/contracts/warehouses";
import { useSession } from "../../lib/session.ts";
import { Button } from "./button.tsx";
import "./print.css";

/** Print button and the way back; hidden on paper. */
export function PrintToolbar({ backTo, backLabel, children }: { backTo: string; backLabel: string; children?: ReactNode }) {
  return (
    <div className="print-toolbar">
      <Button variant="primary" onClick={() => window.print()}>
        Print
      </Button>
      <Link to={backTo}>{backLabel}</Link>
      {children}
    </div>
  );
}

/** The signed-in company's name, as the document's letterhead. */
export function CompanyName() {
  const me = useSession();
  return <div className="print-company">{me.tenant.name}</div>;
}

/** The company and one of its warehouses: a slip's ship-from, a purchase order's deliver-to. */
export function WarehouseParty({ heading, warehouse }: { heading: string; warehouse: TWarehouseAddress }) {
  const me = useSession();
  return (
    <section aria-label={heading}>
      <h2>{heading}</h2>
      <address>
        <strong>{me.tenant.name}</strong>
        <br />
        {warehouse.name} <span className="mono">({warehouse.code})</span>
        {warehouse.address && <div className="print-address">{warehouse.address}</div>}
      </address>
    </section>
  );
}
