import { z } from "zod";
import { ZId } from "@bod/contracts/common";
import {
  ZContainer,
  ZContainerListQuery,
  ZContainerPage,
  ZCreateContainerRequest,
  ZCreateLocationRequest,
  ZCreateWarehouseRequest,
  ZLocation,
  ZLocationListQuery,
  ZLocationPage,
  ZUpdateLocationRequest,
  ZUpdateWarehouseRequest,
  ZWarehouse,
  ZWarehouseListQuery,
  ZWarehousePage,
} from "@bod/contracts/warehouses";
import { ApiRouter } from "../../http/endpoint.ts";
import { ROLES } from "../../http/auth.ts";
import { createWarehouse, deleteWarehouse, getWarehouse, listWarehouses, updateWarehouse } from "./service.ts";
import { createContainer, createLocation, deleteContainer, deleteLocation, listContainers, listLocations, updateLocation } from "./locations.ts";

export const warehouseRoutes = new ApiRouter("/api/v1/warehouses");
const r = warehouseRoutes;
const ZWarehouseParams = z.object({ id: ZId });
const ZLocationsParams = z.object({ warehouseId: ZId });
const ZLocationParams = z.object({ warehouseId: ZId, locationId: ZId });

r.get("/", { summary: "List warehouses", query: ZWarehouseListQuery, response: ZWarehousePage }, ({ ctx, query }) => listWarehouses(ctx, query));
r.post("/", { summary: "Create a warehouse", roles: ROLES.admin, body: ZCreateWarehouseRequest, response: ZWarehouse, status: 201 }, ({ ctx, body }) => createWarehouse(ctx, body));
r.get("/:id", { summary: "Get a warehouse", params: ZWarehouseParams, response: ZWarehouse }, ({ ctx, params }) => getWarehouse(ctx, params.id));
r.patch("/:id", { summary: "Rename a warehouse", roles: ROLES.admin, params: ZWarehouseParams, body: ZUpdateWarehouseRequest, response: ZWarehouse }, ({ ctx, params, body }) =>
  updateWarehouse(ctx, params.id, body),
);
r.delete("/:id", { summary: "Delete an unused warehouse (409 while stock, orders, POs or channels use it)", roles: ROLES.admin, params: ZWarehouseParams }, ({ ctx, params }) => deleteWarehouse(ctx, params.id));

r.get("/:warehouseId/locations", { summary: "List the locations of a warehouse", params: ZLocationsParams, query: ZLocationListQuery, response: ZLocationPage }, ({ ctx, params, query }) =>
  listLocations(ctx, params.warehouseId, query),
);
r.post("/:warehouseId/locations", { summary: "Create a location", roles: ROLES.managers, params: ZLocationsParams, body: ZCreateLocationRequest, response: ZLocation, status: 201 }, ({ ctx, params, body }) =>
  createLocation(ctx, params.warehouseId, body),
);
r.patch("/:warehouseId/locations/:locationId", { summary: "Update a location", roles: ROLES.managers, params: ZLocationParams, body: ZUpdateLocationRequest, response: ZLocation }, ({ ctx, params, body }) =>
  updateLocation(ctx, params.warehouseId, params.locationId, body),
);
r.delete("/:warehouseId/locations/:locationId", { summary: "Delete an empty location", roles: ROLES.managers, params: ZLocationParams }, ({ ctx, params }) =>
  deleteLocation(ctx, params.warehouseId, params.locationId),
);

export const containerRoutes = new ApiRouter("/api/v1/locations");
const ZContainersParams = z.object({ locationId: ZId });
const ZContainerParams = z.object({ locationId: ZId, containerId: ZId });

containerRoutes.get("/:locationId/containers", { summary: "List the containers on a staging location", params: ZContainersParams, query: ZContainerListQuery, response: ZContainerPage }, ({ ctx, params, query }) =>
  listContainers(ctx, params.locationId, query),
);
containerRoutes.post(
  "/:locationId/containers",
  { summary: "Put a container on a staging location (422 on other kinds)", roles: ROLES.stock, params: ZContainersParams, body: ZCreateContainerRequest, response: ZContainer, status: 201 },
  ({ ctx, params, body }) => createContainer(ctx, params.locationId, body),
);
containerRoutes.delete("/:locationId/containers/:containerId", { summary: "Remove an empty container", roles: ROLES.stock, params: ZContainerParams }, ({ ctx, params }) =>
  deleteContainer(ctx, params.locationId, params.containerId),
);
