let ctx: AudioContext | undefined;

/** A short, low, loud-ish beep for a wrong scan (WebAudio; silent where audio is unavailable). */
export function beepError() {
  try {
    ctx ??= new AudioContext();
    const osc = ctx.createOscillator();
    const gain = ctx.createGain();
    osc.type = "square";
    osc.frequency.value = 220;
    gain.gain.value = 0.2;
    osc.connect(gain).connect(ctx.destination);
    osc.start();
    osc.stop(ctx.currentTime + 0.25);
  } catch {
    /* no audio: the red alert still says what went wrong */
  }
}
