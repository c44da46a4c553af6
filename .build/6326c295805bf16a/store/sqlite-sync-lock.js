import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from "node:fs";
function processRuns(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === "EPERM";
  }
}
function tryAcquireSqliteSyncLock(databaseFile) {
  const path = `${databaseFile}.sync-lock`;
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(path, "wx");
      writeSync(fd, String(process.pid));
      closeSync(fd);
      let released = false;
      return {
        release() {
          if (released) return;
          released = true;
          try {
            unlinkSync(path);
          } catch {
          }
        }
      };
    } catch (error) {
      if (error.code !== "EEXIST") throw error;
      let owner = Number.NaN;
      try {
        owner = Number.parseInt(readFileSync(path, "utf8"), 10);
      } catch {
      }
      if (Number.isInteger(owner) && owner > 0 && processRuns(owner)) return null;
      try {
        unlinkSync(path);
      } catch {
      }
    }
  }
  return null;
}
export {
  tryAcquireSqliteSyncLock
};
//# sourceMappingURL=sqlite-sync-lock.js.map
