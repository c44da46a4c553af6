import cliProgress from 'cli-progress';

/** A progress bar on stderr with rate and ETA; silent when stderr is not a terminal unless forced. */
export function createProgressBar(label: string, unit: string) {
  const bar = new cliProgress.SingleBar(
    {
      format: `${label} |{bar}| {percentage}% | {rate} ${unit}/s | ETA {eta_formatted} | {detail}`,
      stream: process.stderr,
      noTTYOutput: true,
      notTTYSchedule: 5000,
      hideCursor: true,
      etaBuffer: 50,
    },
    cliProgress.Presets.shades_classic,
  );
  return bar;
}
