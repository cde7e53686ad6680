// Races on a real PostgreSQL server through real HTTP: an edit and a shipment made on the same
// version of an order, in parallel. Both lock the order row; the one that comes second sees a
// newer version and gets 409 with nothing applied. Repeated to give the race room to happen
// in either order.
import { describe, expect, it } from "vitest";
import { buildShop } from "./order-builders.ts";
import { dbRows } from "./guards.ts";

describe("an edit racing a shipment on the same order", () => {
  it("exactly one wins, the other gets 409 stale_version, and the stored state is consistent", async () => {
    const shop = await buildShop(40, { kind: "amazon", supportsOrderEdits: false });
    const winners: Record<string, number> = { edit: 0, ship: 0 };
    for (let round = 0; round < 8; round++) {
      const order = await shop.order([{ productId: shop.product.id, quantity: 4 }]);
      const lineId = order.lines[0]!.id;
      const [edit, ship] = await Promise.all([
        shop.manager.patch(`/api/v1/orders/${order.id}`, { version: order.version, lines: [{ lineId, quantity: 2 }] }),
        shop.staff.post(`/api/v1/orders/${order.id}/shipments`, { version: order.version, lines: [{ lineId, quantity: 3 }] }),
      ]);
      const statuses = [edit.status, ship.status].sort();
      expect([[200, 409], [201, 409]], JSON.stringify([edit.status, ship.status, edit.body?.error, ship.body?.error])).toContainEqual(statuses);
      const loser = edit.status === 409 ? edit : ship;
      expect(loser.body.error.code).toBe("stale_version");

      const [line] = await dbRows(`SELECT quantity_ordered, quantity_shipped FROM sales_order_lines WHERE id = $1`, [lineId]);
      const [o] = await dbRows(`SELECT version, status::text FROM sales_orders WHERE id = $1`, [order.id]);
      const shipments = await dbRows(`SELECT id FROM shipments WHERE order_id = $1`, [order.id]);
      if (edit.status === 200) {
        winners.edit!++;
        expect(line).toEqual({ quantity_ordered: 2, quantity_shipped: 0 });
        expect(shipments).toHaveLength(0);
        expect(o).toEqual({ version: order.version + 1, status: "open" });
      } else {
        winners.ship!++;
        expect(line).toEqual({ quantity_ordered: 4, quantity_shipped: 3 });
        expect(shipments).toHaveLength(1);
        expect(o).toEqual({ version: order.version + 1, status: "partially_shipped" });
      }
    }
    expect(winners.edit! + winners.ship!).toBe(8);
    // Stock left only for shipments that exist, and every promise still holds.
    const [ledger] = await dbRows(
      `SELECT (SELECT coalesce(-sum(quantity), 0)::int FROM stock_movements WHERE tenant_id = $1 AND kind = 'shipment') AS out,
              (SELECT coalesce(sum(quantity), 0)::int FROM shipment_lines WHERE tenant_id = $1) AS shipped`,
      [shop.admin.tenantId],
    );
    expect(ledger!.out).toBe(ledger!.shipped);
    expect((await shop.admin.get("/api/v1/admin/allocations/check")).body.ok).toBe(true);
  });
});
