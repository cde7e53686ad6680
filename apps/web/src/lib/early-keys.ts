// Keys a scanner types while no field has focus — the page is still loading, or a scan field is
// being replaced by the next screen's — land on <body>. This keeps them (characters and Enter as
// "\n") for a few seconds, until the screen's focused scan field or search box takes them.
const MAX_AGE_MS = 4000;
let buffer = "";
let lastAt = 0;
let installed = false;

function isOnNothing(target: EventTarget | null) {
  return target === null || target === document.body || target === document.documentElement;
}

function onKeyDown(e: KeyboardEvent) {
  if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey || e.isComposing || !isOnNothing(e.target)) return;
  if (e.key === "Enter") keep("\n");
  else if (e.key.length === 1) keep(e.key);
}

function keep(text: string) {
  if (Date.now() - lastAt > MAX_AGE_MS) buffer = "";
  buffer += text;
  lastAt = Date.now();
}

/** Listens on the window (after the page's own shortcuts, which prevent the default). Once, at start. */
export function installEarlyKeyBuffer() {
  if (installed) return;
  installed = true;
  window.addEventListener("keydown", onKeyDown);
}

/** Everything kept and not yet stale, emptied: complete scans end in "\n", the rest is being typed. */
export function takeEarlyKeys(): string {
  const text = Date.now() - lastAt > MAX_AGE_MS ? "" : buffer;
  buffer = "";
  return text;
}

/** A scan field that goes away hands back what it had not handled yet, for the next one to take. */
export function giveBackEarlyKeys(text: string) {
  if (!text) return;
  buffer = text + (Date.now() - lastAt > MAX_AGE_MS ? "" : buffer);
  lastAt = Date.now();
}

/** "A\nB\npar" → scans ["A", "B"] and the text still being typed, "par". */
export function splitScans(text: string): { scans: string[]; rest: string } {
  const parts = text.split("\n");
  const rest = parts.pop() ?? "";
  return { scans: parts.map((p) => p.trim()).filter(Boolean), rest };
}
