import cliProgress from "cli-progress";
function createProgressBar(label, unit) {
  const bar = new cliProgress.SingleBar(
    {
      format: `${label} |{bar}| {percentage}% | {rate} ${unit}/s | ETA {eta_formatted} | {detail}`,
      stream: process.stderr,
      noTTYOutput: true,
      notTTYSchedule: 5e3,
      hideCursor: true,
      etaBuffer: 50
    },
    cliProgress.Presets.shades_classic
  );
  return bar;
}
export {
  createProgressBar
};
//# sourceMappingURL=progress-bar.js.map
