// The page's Content-Security-Policy allows no eval: zod must not try to compile its parsers
// with \`new Function\` (it would fall back, but the browser reports the attempt as a violation).
// Imported first by main.tsx, because zod looks when a schema is defined, at import time.
import { z } from "zod";

z.config({ jitless: true });
