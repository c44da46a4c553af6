import { valueKey } from "../store/repositories/sync-state.repository.js";
function diffValues(kpi, current, fetched, complete) {
  const diff = { changes: [], added: 0, changed: 0, deleted: 0 };
  for (const [key, row] of fetched) {
    const old = current.get(key);
    if (row.isDeleted) {
      if (old && !old.isDeleted) {
        diff.changes.push({ ...row, value: null, count: 0, status: "" });
        diff.deleted++;
      }
      continue;
    }
    if (!old || old.isDeleted) {
      diff.changes.push(row);
      diff.added++;
    } else if (old.value !== row.value || old.count !== row.count || old.status !== row.status) {
      diff.changes.push(row);
      diff.changed++;
    }
  }
  if (complete) {
    for (const [key, old] of current) {
      if (old.isDeleted || fetched.has(key)) continue;
      const [unit = "", period = "0", gender = "T"] = key.split("|");
      diff.changes.push({
        kpi,
        unit,
        period: Number(period),
        gender,
        value: null,
        count: 0,
        status: "",
        isDeleted: true
      });
      diff.deleted++;
    }
  }
  return diff;
}
export {
  diffValues,
  valueKey
};
//# sourceMappingURL=value-diff.js.map
