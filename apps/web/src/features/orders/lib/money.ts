// Money as the order screens show it: the app's one format (lib/format.ts).
export { formatMoney, formatMoneyDifference } from "../../../lib/format.ts";
