/**
 * The progress line while a sync runs: polls GET /api/status and shows phase and progress. When
 * the endpoint does not exist (or fails) the line stays hidden and polling stops.
 */
interface StatusReply {
  sync?: { state?: string; phase?: string; done?: number; total?: number; message?: string };
}

const RUNNING_MS = 3000;
const IDLE_MS = 60000;

export function initSyncStatus(): void {
  const line = document.getElementById('sync-status');
  if (!line) return;
  const label = line.dataset.label ?? '';
  let wasRunning = !line.hidden;

  async function poll(): Promise<void> {
    let reply: StatusReply;
    try {
      const res = await fetch('/api/status', { headers: { accept: 'application/json' } });
      if (!res.ok) {
        line!.hidden = true;
        return;
      }
      reply = (await res.json()) as StatusReply;
    } catch {
      line!.hidden = true;
      return;
    }
    const sync = reply.sync;
    const running = sync?.state === 'running';
    if (running) {
      line!.replaceChildren();
      const text = [label, sync?.phase, sync?.message].filter(Boolean).join(' – ');
      line!.append(document.createTextNode(text));
      if (typeof sync?.done === 'number' && typeof sync?.total === 'number' && sync.total > 0) {
        const progress = document.createElement('progress');
        progress.max = sync.total;
        progress.value = sync.done;
        progress.textContent = `${Math.round((100 * sync.done) / sync.total)} %`;
        progress.setAttribute('aria-label', label);
        line!.append(' ', progress, ` ${sync.done} / ${sync.total}`);
      }
      line!.hidden = false;
    } else if (wasRunning) {
      line!.textContent = sync?.state === 'failed' ? (sync.message ?? sync.state) : '✓';
      line!.hidden = sync?.state !== 'failed';
    }
    wasRunning = running;
    window.setTimeout(poll, running ? RUNNING_MS : IDLE_MS);
  }
  void poll();
}
