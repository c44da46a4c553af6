import { UsageError } from "./usage-error.js";
function idList(name, pattern) {
  return (text) => {
    const ids = text.split(",").map((s) => s.trim()).filter(Boolean);
    const bad = ids.find((id) => !pattern.test(id));
    if (bad !== void 0) throw new UsageError(`${name}: "${bad}" is not a valid id`);
    return ids;
  };
}
function yearList(text) {
  const years = [];
  for (const part of text.split(",").map((s) => s.trim()).filter(Boolean)) {
    const range = /^(\d{4})-(\d{4})$/.exec(part);
    if (range) {
      const from = Number(range[1]);
      const to = Number(range[2]);
      if (to < from) throw new UsageError(`--years: range "${part}" runs backwards`);
      for (let y = from; y <= to; y++) years.push(y);
    } else if (/^\d{4}$/.test(part)) years.push(Number(part));
    else throw new UsageError(`--years: "${part}" is not a year (2022) or a range (2010-2022)`);
  }
  return years;
}
export {
  idList,
  yearList
};
//# sourceMappingURL=list-options.js.map
