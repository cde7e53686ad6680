// The fake stores' clock: real time by default, movable by tests (advance or set), and read at
// whole seconds like the stores' own timestamps, so two changes within a second share one.

export class FakeClock {
  private offsetMs = 0;

  /** Now, truncated to the second. */
  now(): Date {
    const ms = Date.now() + this.offsetMs;
    return new Date(ms - (ms % 1000));
  }

  advance(ms: number) {
    this.offsetMs += ms;
  }

  set(to: Date | string) {
    this.offsetMs = new Date(to).getTime() - Date.now();
  }
}

/** "2026-01-02T03:04:05Z" — no fraction, UTC. */
export const isoUtc = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, "Z");

/** "2026-01-01T22:04:05-05:00" — the wall clock at a fixed offset, with the offset. */
export function isoWithOffset(d: Date, offsetMinutes: number): string {
  const local = new Date(d.getTime() + offsetMinutes * 60_000).toISOString().slice(0, 19);
  const sign = offsetMinutes < 0 ? "-" : "+";
  const abs = Math.abs(offsetMinutes);
  return `${local}${sign}${String(Math.floor(abs / 60)).padStart(2, "0")}:${String(abs % 60).padStart(2, "0")}`;
}

/** "2026-01-01T22:04:05" — the wall clock at a fixed offset, without it (WordPress's local dates). */
export const wallClock = (d: Date, offsetMinutes: number) => new Date(d.getTime() + offsetMinutes * 60_000).toISOString().slice(0, 19);
