// Products: list (search, needs-review filter), read, create, change, delete, supplier terms, and the review of products created from a store's unknown SKU.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { z } from "zod";
import { ZCreateProductRequest, ZUpdateProductRequest, ZUpsertProductSupplierRequest, ZReviewProductRequest, type TCreateProductRequest, type TProduct, type TProductSupplier, type TReviewProductRequest, type TUpdateProductRequest, type TUpsertProductSupplierRequest, type ZReviewProductResponse } from "@bod/contracts/products";
import { api, checked } from "../../../lib/api.ts";
import { usePagedList, type Page } from "../../../lib/list-query.ts";

export const productKeys = {
  all: ["products"] as const,
  list: ["products", "list"] as const,
  detail: (id: string) => ["products", "detail", id] as const,
  suppliers: (id: string) => ["products", "suppliers", id] as const,
};

export type TReviewProductResponse = z.infer<typeof ZReviewProductResponse>;

export function useProducts(q: string, needsReview = false) {
  return usePagedList<TProduct>(productKeys.list, "/products", { q: q || undefined, needsReview: needsReview ? "true" : undefined, limit: 50 });
}

export function useProduct(id: string | undefined) {
  return useQuery({
    queryKey: productKeys.detail(id ?? ""),
    queryFn: ({ signal }) => api.get<TProduct>(`/products/${id}`, undefined, signal),
    enabled: !!id,
  });
}

export function useCreateProduct() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: TCreateProductRequest) => api.post<TProduct>("/products", checked(ZCreateProductRequest, body)),
    onSuccess: (p) => {
      qc.setQueryData(productKeys.detail(p.id), p);
      return qc.invalidateQueries({ queryKey: productKeys.list });
    },
  });
}

export function useUpdateProduct(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: TUpdateProductRequest) => api.patch<TProduct>(`/products/${id}`, checked(ZUpdateProductRequest, body)),
    onSuccess: (p) => {
      qc.setQueryData(productKeys.detail(id), p);
      return Promise.all([qc.invalidateQueries({ queryKey: productKeys.list }), qc.invalidateQueries({ queryKey: ["stock"] })]);
    },
  });
}

export function useDeleteProduct() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete(`/products/${id}`),
    onSuccess: () => qc.invalidateQueries({ queryKey: productKeys.all }),
  });
}

export function useProductSuppliers(productId: string) {
  return useQuery({
    queryKey: productKeys.suppliers(productId),
    queryFn: ({ signal }) => api.get<Page<TProductSupplier>>(`/products/${productId}/suppliers`, undefined, signal).then((p) => p.items),
  });
}

export function useUpsertProductSupplier(productId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ supplierId, body }: { supplierId: string; body: TUpsertProductSupplierRequest }) => api.put<TProductSupplier>(`/products/${productId}/suppliers/${supplierId}`, checked(ZUpsertProductSupplierRequest, body)),
    onSuccess: () => qc.invalidateQueries({ queryKey: productKeys.suppliers(productId) }),
  });
}

export function useRemoveProductSupplier(productId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (supplierId: string) => api.delete(`/products/${productId}/suppliers/${supplierId}`),
    onSuccess: () => qc.invalidateQueries({ queryKey: productKeys.suppliers(productId) }),
  });
}


/** Confirm a store-created product, or map it to an existing one (its order lines move there and it is removed). */
export function useReviewProduct(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: TReviewProductRequest) => api.post<TReviewProductResponse>(`/products/${id}/review`, checked(ZReviewProductRequest, body)),
    onSuccess: (r) => {
      qc.setQueryData(productKeys.detail(r.product.id), r.product);
      if (r.product.id !== id) qc.removeQueries({ queryKey: productKeys.detail(id) });
      return Promise.all([
        qc.invalidateQueries({ queryKey: productKeys.list }),
        qc.invalidateQueries({ queryKey: ["orders"] }),
        qc.invalidateQueries({ queryKey: ["stock"] }),
        qc.invalidateQueries({ queryKey: ["reports"] }),
      ]);
    },
  });
}
