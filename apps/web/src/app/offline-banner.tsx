// A banner while the browser says it has no connection (navigator.onLine, online/offline events).
import { useSyncExternalStore } from "react";
import { Alert } from "../components/ui/alert.tsx";

function subscribe(onChange: () => void) {
  window.addEventListener("online", onChange);
  window.addEventListener("offline", onChange);
  return () => {
    window.removeEventListener("online", onChange);
    window.removeEventListener("offline", onChange);
  };
}

export function OfflineBanner() {
  const isOnline = useSyncExternalStore(subscribe, () => navigator.onLine, () => true);
  if (isOnline) return null;
  return <Alert tone="warning">You're offline — check the connection. Changes can't be saved until it is back.</Alert>;
}
