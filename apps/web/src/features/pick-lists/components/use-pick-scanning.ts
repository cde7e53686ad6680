// The scan state of the pick-list screen: a bin's code sets where the picker stands, a product's
// barcode or SKU records one unit on the server (its own scan id, so a resend counts once).
import { useState } from "react";
import type { TPickList } from "@bod/contracts/pick-lists";
import { errorMessage } from "../../../lib/api.ts";
import { beepError } from "../../../lib/beep.ts";
import { usePickScan } from "../api/pick-lists-api.ts";

export function usePickScanning(list: TPickList) {
  const scan = usePickScan(list.id);
  const [bin, setBin] = useState<string>();
  const [error, setError] = useState<string>();
  const [ok, setOk] = useState<string>();

  function fail(message: string) {
    setError(message);
    setOk(undefined);
    beepError();
  }

  async function onScan(value: string) {
    const code = value.trim();
    if (!code) return;
    const lower = code.toLowerCase();
    const isProduct = list.groups.some((g) => g.barcode === code || g.sku.toLowerCase() === lower);
    const binGroup = isProduct ? undefined : list.groups.find((g) => g.location?.code.toLowerCase() === lower);
    if (binGroup) {
      setBin(binGroup.location!.code);
      setError(undefined);
      setOk(`At bin ${binGroup.location!.code}: scan its items`);
      return;
    }
    try {
      const res = await scan.mutateAsync({ scanId: crypto.randomUUID(), code, ...(bin ? { locationCode: bin } : {}) });
      const group = res.pickList.groups.find((g) => g.drops.some((d) => d.lineId === res.scan.lineId));
      setError(undefined);
      setOk(`${res.scan.sku} → ${res.scan.orderNumber}${group ? ` (${group.picked} of ${group.quantity} picked)` : ""}`);
    } catch (err) {
      fail(errorMessage(err));
    }
  }

  return { onScan, bin, clearBin: () => setBin(undefined), error, ok };
}
