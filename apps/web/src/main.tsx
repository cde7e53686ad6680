import "./zod-config.ts"; // first: before any module defines a schema
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./app/app.tsx";
import { installEarlyKeyBuffer } from "./lib/early-keys.ts";
import "./styles.css";
// Shared component styles, global: a lazily loaded page must not lose a style another chunk carries.
import "./components/ui/extras.css";

// Before the first render: a scanner may type while the session and the page are still loading.
installEarlyKeyBuffer();

createRoot(document.getElementById("root")!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
