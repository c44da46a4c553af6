const RUNNING_MS = 3e3;
const IDLE_MS = 6e4;
function initSyncStatus() {
  const line = document.getElementById("sync-status");
  if (!line) return;
  const label = line.dataset.label ?? "";
  let wasRunning = !line.hidden;
  async function poll() {
    let reply;
    try {
      const res = await fetch("/api/status", { headers: { accept: "application/json" } });
      if (!res.ok) {
        line.hidden = true;
        return;
      }
      reply = await res.json();
    } catch {
      line.hidden = true;
      return;
    }
    const sync = reply.sync;
    const running = sync?.state === "running";
    if (running) {
      line.replaceChildren();
      const text = [label, sync?.phase, sync?.message].filter(Boolean).join(" \u2013 ");
      line.append(document.createTextNode(text));
      if (typeof sync?.done === "number" && typeof sync?.total === "number" && sync.total > 0) {
        const progress = document.createElement("progress");
        progress.max = sync.total;
        progress.value = sync.done;
        progress.textContent = `${Math.round(100 * sync.done / sync.total)} %`;
        progress.setAttribute("aria-label", label);
        line.append(" ", progress, ` ${sync.done} / ${sync.total}`);
      }
      line.hidden = false;
    } else if (wasRunning) {
      line.textContent = sync?.state === "failed" ? sync.message ?? sync.state : "\u2713";
      line.hidden = sync?.state !== "failed";
    }
    wasRunning = running;
    window.setTimeout(poll, running ? RUNNING_MS : IDLE_MS);
  }
  void poll();
}
export {
  initSyncStatus
};
//# sourceMappingURL=status.js.map
