// Moved to lib/beep.ts (shared by scan-to-ship and picking).
export { beepError } from "../../../lib/beep.ts";
