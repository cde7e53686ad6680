// The GraphQL Admin API operations Backorder Desk sends to Shopify (API version in graphql.ts).
// Field names follow Shopify's reference for that version; the test store
// (apps/api/test/fake-store/shopify*) serves them from a schema written from the same reference.
// Each stays under Shopify's single-query cost limit of 1,000 (a connection costs
// 2 + first × its node): long lists are paged (…_MORE_LINE_ITEMS) rather than asked for at once.

/** What the store has of an order: its fulfillment orders (with holds) and what was fulfilled. */
export const ORDER_FULFILLMENT_STATE = /* GraphQL */ `
  query OrderFulfillmentState($id: ID!) {
    order(id: $id) {
      id
      cancelledAt
      fulfillmentOrders(first: 8) {
        pageInfo { hasNextPage endCursor }
        nodes {
          id
          status
          assignedLocation { location { id } }
          fulfillmentHolds { id handle reason }
          lineItems(first: 40) {
            pageInfo { hasNextPage endCursor }
            nodes { id remainingQuantity totalQuantity lineItem { id sku } }
          }
        }
      }
      fulfillments(first: 50) {
        id
        status
        fulfillmentLineItems(first: 40) {
          pageInfo { hasNextPage endCursor }
          nodes { quantity lineItem { id } }
        }
      }
    }
  }
`;

/** An order's further fulfillment orders (more than the first page above). */
export const ORDER_MORE_FULFILLMENT_ORDERS = /* GraphQL */ `
  query OrderMoreFulfillmentOrders($id: ID!, $after: String) {
    order(id: $id) {
      fulfillmentOrders(first: 8, after: $after) {
        pageInfo { hasNextPage endCursor }
        nodes {
          id
          status
          assignedLocation { location { id } }
          fulfillmentHolds { id handle reason }
          lineItems(first: 40) {
            pageInfo { hasNextPage endCursor }
            nodes { id remainingQuantity totalQuantity lineItem { id sku } }
          }
        }
      }
    }
  }
`;

/** The rest of a fulfillment order's line items (more than the first page above). */
export const FULFILLMENT_ORDER_MORE_LINE_ITEMS = /* GraphQL */ `
  query FulfillmentOrderMoreLineItems($id: ID!, $after: String) {
    fulfillmentOrder(id: $id) {
      lineItems(first: 100, after: $after) {
        pageInfo { hasNextPage endCursor }
        nodes { id remainingQuantity totalQuantity lineItem { id sku } }
      }
    }
  }
`;

/** The rest of a fulfillment's line items. */
export const FULFILLMENT_MORE_LINE_ITEMS = /* GraphQL */ `
  query FulfillmentMoreLineItems($id: ID!, $after: String) {
    fulfillment(id: $id) {
      fulfillmentLineItems(first: 100, after: $after) {
        pageInfo { hasNextPage endCursor }
        nodes { quantity lineItem { id } }
      }
    }
  }
`;

export const FULFILLMENT_CREATE = /* GraphQL */ `
  mutation FulfillmentCreate($fulfillment: FulfillmentInput!, $message: String) {
    fulfillmentCreate(fulfillment: $fulfillment, message: $message) {
      fulfillment { id status }
      userErrors { field message }
    }
  }
`;

export const FULFILLMENT_ORDER_HOLD = /* GraphQL */ `
  mutation FulfillmentOrderHold($id: ID!, $fulfillmentHold: FulfillmentOrderHoldInput!) {
    fulfillmentOrderHold(id: $id, fulfillmentHold: $fulfillmentHold) {
      fulfillmentHold { id handle }
      fulfillmentOrder { id status }
      remainingFulfillmentOrder { id status }
      userErrors { field message code }
    }
  }
`;

export const FULFILLMENT_ORDER_RELEASE_HOLD = /* GraphQL */ `
  mutation FulfillmentOrderReleaseHold($id: ID!, $holdIds: [ID!]) {
    fulfillmentOrderReleaseHold(id: $id, holdIds: $holdIds) {
      fulfillmentOrder { id status }
      userErrors { field message code }
    }
  }
`;

/** The order's payments, to refund against (the parent transaction). */
export const ORDER_TRANSACTIONS = /* GraphQL */ `
  query OrderTransactions($id: ID!) {
    order(id: $id) {
      id
      transactions(first: 50) { id kind status gateway amountSet { shopMoney { amount currencyCode } } }
    }
  }
`;

/** Shopify dedupes by the @idempotent key: a retry returns the refund the first call made. */
export const REFUND_CREATE = /* GraphQL */ `
  mutation RefundCreate($input: RefundInput!, $idempotencyKey: String!) {
    refundCreate(input: $input) @idempotent(key: $idempotencyKey) {
      refund { id totalRefundedSet { shopMoney { amount } } }
      userErrors { field message }
    }
  }
`;

export const ORDER_NOTE = /* GraphQL */ `
  query OrderNote($id: ID!) {
    order(id: $id) { id note }
  }
`;

export const ORDER_UPDATE_NOTE = /* GraphQL */ `
  mutation OrderUpdateNote($input: OrderInput!) {
    orderUpdate(input: $input) {
      order { id note }
      userErrors { field message }
    }
  }
`;

/** Inventory items by SKU (variants carry the SKU). */
export const VARIANTS_BY_SKU = /* GraphQL */ `
  query VariantsBySku($query: String!) {
    productVariants(first: 250, query: $query) {
      nodes { id sku inventoryItem { id } }
    }
  }
`;

export const FIRST_LOCATION = /* GraphQL */ `
  query FirstLocation {
    locations(first: 1) { nodes { id name } }
  }
`;

export const INVENTORY_SET_QUANTITIES = /* GraphQL */ `
  mutation InventorySetQuantities($input: InventorySetQuantitiesInput!, $idempotencyKey: String!) {
    inventorySetQuantities(input: $input) @idempotent(key: $idempotencyKey) {
      inventoryAdjustmentGroup { id }
      userErrors { field message code }
    }
  }
`;

/** Orders changed since a moment, oldest change first (reconciliation). */
export const ORDERS_UPDATED_SINCE = /* GraphQL */ `
  query OrdersUpdatedSince($query: String!, $after: String) {
    orders(first: 8, after: $after, query: $query, sortKey: UPDATED_AT) {
      pageInfo { hasNextPage endCursor }
      nodes {
        legacyResourceId
        name
        createdAt
        updatedAt
        cancelledAt
        displayFinancialStatus
        email
        customer { firstName lastName }
        shippingAddress { name address1 address2 city province zip country }
        totalShippingPriceSet { shopMoney { amount } }
        totalTaxSet { shopMoney { amount } }
        lineItems(first: 25) {
          pageInfo { hasNextPage endCursor }
          nodes { id sku title currentQuantity variant { legacyResourceId } originalUnitPriceSet { shopMoney { amount } } }
        }
      }
    }
  }
`;

/** The rest of an order's line items (an order with more than the first page above). */
export const ORDER_MORE_LINE_ITEMS = /* GraphQL */ `
  query OrderMoreLineItems($id: ID!, $after: String) {
    order(id: $id) {
      lineItems(first: 100, after: $after) {
        pageInfo { hasNextPage endCursor }
        nodes { id sku title currentQuantity variant { legacyResourceId } originalUnitPriceSet { shopMoney { amount } } }
      }
    }
  }
`;
