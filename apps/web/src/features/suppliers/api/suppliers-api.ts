import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { ZCreateSupplierRequest, ZUpdateSupplierRequest, type TCreateSupplierRequest, type TSupplier, type TUpdateSupplierRequest } from "@bod/contracts/suppliers";
import { api, checked } from "../../../lib/api.ts";
import { usePagedList } from "../../../lib/list-query.ts";

export const supplierKeys = {
  all: ["suppliers"] as const,
  list: ["suppliers", "list"] as const,
  detail: (id: string) => ["suppliers", "detail", id] as const,
};

export function useSuppliers(q: string) {
  return usePagedList<TSupplier>(supplierKeys.list, "/suppliers", { q: q || undefined, limit: 50 });
}

export function useSupplier(id: string) {
  return useQuery({ queryKey: supplierKeys.detail(id), queryFn: ({ signal }) => api.get<TSupplier>(`/suppliers/${id}`, undefined, signal) });
}

export function useCreateSupplier() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: TCreateSupplierRequest) => api.post<TSupplier>("/suppliers", checked(ZCreateSupplierRequest, body)),
    onSuccess: () => qc.invalidateQueries({ queryKey: supplierKeys.all }),
  });
}

export function useUpdateSupplier(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: TUpdateSupplierRequest) => api.patch<TSupplier>(`/suppliers/${id}`, checked(ZUpdateSupplierRequest, body)),
    onSuccess: (s) => {
      qc.setQueryData(supplierKeys.detail(id), s);
      return Promise.all([qc.invalidateQueries({ queryKey: supplierKeys.all }), qc.invalidateQueries({ queryKey: ["products", "suppliers"] })]);
    },
  });
}

export function useDeleteSupplier() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete(`/suppliers/${id}`),
    onSuccess: () => qc.invalidateQueries({ queryKey: supplierKeys.all }),
  });
}
