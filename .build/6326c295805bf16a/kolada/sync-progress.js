class SyncProgress {
  current = {
    state: "idle",
    phase: null,
    done: 0,
    total: 0,
    message: "",
    startedAt: null
  };
  listeners = /* @__PURE__ */ new Set();
  snapshot() {
    return { ...this.current };
  }
  /** Called on every change; returns a function that stops it. */
  subscribe(listener) {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
  begin(message) {
    this.update({
      state: "running",
      phase: null,
      done: 0,
      total: 0,
      message,
      startedAt: (/* @__PURE__ */ new Date()).toISOString()
    });
  }
  phase(phase, total, message) {
    this.update({ state: "running", phase, done: 0, total, message });
  }
  advance(by = 1, message) {
    this.update({ done: this.current.done + by, ...message === void 0 ? {} : { message } });
  }
  message(message) {
    this.update({ message });
  }
  end(state, message) {
    this.update({ state, message });
  }
  update(change) {
    this.current = { ...this.current, ...change };
    const snapshot = this.snapshot();
    for (const listener of this.listeners) listener(snapshot);
  }
}
export {
  SyncProgress
};
//# sourceMappingURL=sync-progress.js.map
