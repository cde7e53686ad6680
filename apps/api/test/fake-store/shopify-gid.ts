// Shopify global ids: gid://shopify/<Type>/<numeric id>.

export const gid = (type: string, id: number) => `gid://shopify/${type}/${id}`;

/** The numeric id of a gid of this type; null when it is not one. */
export function parseGid(value: unknown, type: string): number | null {
  if (typeof value !== "string") return null;
  const m = /^gid:\/\/shopify\/([A-Za-z]+)\/(\d+)(\?.*)?$/.exec(value);
  return m && m[1] === type ? Number(m[2]) : null;
}

/** The type and numeric id of any well-formed Shopify gid. */
export function splitGid(value: string): { type: string; id: number } | null {
  const m = /^gid:\/\/shopify\/([A-Za-z]+)\/(\d+)(\?.*)?$/.exec(value);
  return m ? { type: m[1]!, id: Number(m[2]) } : null;
}
