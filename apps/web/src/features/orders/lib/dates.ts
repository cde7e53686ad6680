// Dates as the order screens show them: the app's one format (lib/format.ts).
export { formatDate } from "../../../lib/format.ts";
