// The GraphQL Admin API operations Backorder Desk sends to Shopify (API version in graphql.ts).
// Field names follow Shopify's reference for that version; the test store
// (apps/api/test/fake-store/shopify) serves them from a schema written from the same reference.

/** What the store has of an order: its fulfillment orders (with holds) and what was fulfilled. */
export const ORDER_FULFILLMENT_STATE = /* GraphQL */ `
  query OrderFulfillmentState($id: ID!) {
    order(id: $id) {
      id
      cancelledAt
      fulfillmentOrders(first: 50) {
        nodes {
          id
          status
          fulfillmentHolds { id handle reason }
          lineItems(first: 250) { nodes { id remainingQuantity totalQuantity lineItem { id sku } } }
        }
      }
      fulfillments(first: 250) {
        id
        status
        fulfillmentLineItems(first: 250) { nodes { quantity lineItem { id } } }
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
    orders(first: 50, after: $after, query: $query, sortKey: UPDATED_AT) {
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
        lineItems(first: 250) {
          nodes { id sku title currentQuantity variant { legacyResourceId } originalUnitPriceSet { shopMoney { amount } } }
        }
      }
    }
  }
`;
