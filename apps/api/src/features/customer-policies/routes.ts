// Backorder policies per customer. Parse → call → respond. Managers change them; everyone signed
// in reads them (staff see why an order was tagged no-backorders or held for one shipment).
import {
  ZCreateCustomerPolicyRequest,
  ZCustomerPolicy,
  ZCustomerPolicyListQuery,
  ZCustomerPolicyPage,
  ZCustomerPolicyParams,
  ZUpdateCustomerPolicyRequest,
} from "@bod/contracts/customer-policies";
import { ApiRouter } from "../../http/endpoint.ts";
import { ROLES } from "../../http/auth.ts";
import { createCustomerPolicy, deleteCustomerPolicy, listCustomerPolicies, updateCustomerPolicy } from "./service.ts";

export const customerPolicyRoutes = new ApiRouter("/api/v1/customer-policies");
const r = customerPolicyRoutes;

r.get("/", { summary: "Backorder policies per customer, by e-mail address", query: ZCustomerPolicyListQuery, response: ZCustomerPolicyPage }, ({ ctx, query }) => listCustomerPolicies(ctx, query));
r.post(
  "/",
  { summary: "Give a customer (by e-mail address) a backorder policy: accept, refuse or ship complete; it applies to orders that arrive from now on", roles: ROLES.managers, body: ZCreateCustomerPolicyRequest, response: ZCustomerPolicy, status: 201 },
  ({ ctx, body }) => createCustomerPolicy(ctx, body),
);
r.patch("/:policyId", { summary: "Change a customer's policy, name or note", roles: ROLES.managers, params: ZCustomerPolicyParams, body: ZUpdateCustomerPolicyRequest, response: ZCustomerPolicy }, ({ ctx, params, body }) =>
  updateCustomerPolicy(ctx, params.policyId, body),
);
r.delete("/:policyId", { summary: "Remove a customer's policy (the channel's applies again)", roles: ROLES.managers, params: ZCustomerPolicyParams }, ({ ctx, params }) => deleteCustomerPolicy(ctx, params.policyId));
