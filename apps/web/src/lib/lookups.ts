// Short reference lists used as pickers across features (warehouses, suppliers, channels). Keys start with the
// resource name, so the owning feature's invalidations refresh them too.
import { useQuery } from "@tanstack/react-query";
import type { TWarehouse } from "@bod/contracts/warehouses";
import type { TSupplier } from "@bod/contracts/suppliers";
import type { TChannel } from "@bod/contracts/channels";
import { fetchAll } from "./list-query.ts";

export function useWarehouseOptions() {
  return useQuery({ queryKey: ["warehouses", "options"], queryFn: ({ signal }) => fetchAll<TWarehouse>("/warehouses", {}, signal), staleTime: 60_000 });
}

export function useSupplierOptions() {
  return useQuery({ queryKey: ["suppliers", "options"], queryFn: ({ signal }) => fetchAll<TSupplier>("/suppliers", {}, signal), staleTime: 60_000 });
}

/** Every channel with its settings and connection state (a short list: a company has a handful of stores). */
export function useChannelOptions() {
  return useQuery({ queryKey: ["channels", "options"], queryFn: ({ signal }) => fetchAll<TChannel>("/channels", {}, signal), staleTime: 60_000 });
}
