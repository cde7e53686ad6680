// graphile-worker's log lines through the product's logger (pino), at or above a level.
import { Logger } from "graphile-worker";
import { pino } from "pino";

const ORDER = ["debug", "info", "warning", "error"] as const;

export function queueLogger(level: string, base = pino({ level: level === "warning" ? "warn" : level })): Logger {
  const min = Math.max(0, ORDER.indexOf(level === "warn" ? "warning" : (level as any)));
  return new Logger((scope) => (logged, message, meta) => {
    // A job that succeeded is routine (every webhook, every minute's cron): debug, not info.
    const lvl = logged === "info" && (meta as { success?: boolean } | undefined)?.success === true ? "debug" : logged;
    if (ORDER.indexOf(lvl as any) < min) return;
    const method = lvl === "warning" ? "warn" : lvl === "error" ? "error" : lvl === "debug" ? "debug" : "info";
    base[method]({ queue: scope, ...(meta ?? {}) }, message);
  });
}
