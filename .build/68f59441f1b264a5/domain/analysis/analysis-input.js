class AnalysisInputError extends Error {
  constructor(message, statusCode = 400) {
    super(message);
    this.statusCode = statusCode;
    this.name = "AnalysisInputError";
  }
  statusCode;
}
const KOMMUNER = "K";
const SOURCE_NOTE = "Etableras egen ber\xE4kning p\xE5 data fr\xE5n Kolada. K\xE4lla: Kolada.";
async function requireKpis(repository, ids) {
  const found = new Map((await repository.kpis(ids)).map((k) => [k.id, k]));
  const unknown = ids.filter((id) => !found.has(id));
  if (unknown.length > 0)
    throw new AnalysisInputError(`ok\xE4nt nyckeltal / unknown KPI: ${unknown.join(", ")}`, 404);
  return ids.map((id) => found.get(id));
}
async function choosePeriods(repository, kpis, gender, year, yearFrom = kpis) {
  let chosen = year;
  if (chosen === void 0) {
    const latest = await repository.latestPeriods(yearFrom, KOMMUNER, gender);
    if (latest.size === 0)
      throw new AnalysisInputError(
        `inga v\xE4rden f\xF6r kommuner / no values for kommuner: ${yearFrom.join(", ")}`,
        404
      );
    chosen = Math.max(...latest.values());
  }
  const periods = await repository.latestPeriods(kpis, KOMMUNER, gender, chosen);
  return { year: chosen, periods, noData: kpis.filter((k) => !periods.has(k)) };
}
async function requirePeriods(repository, kpis, gender, year, yearFrom = kpis) {
  const { noData, ...choice } = await choosePeriods(repository, kpis, gender, year, yearFrom);
  if (noData.length > 0)
    throw new AnalysisInputError(
      `inga v\xE4rden ${choice.year} eller tidigare / no values in or before ${choice.year}: ${noData.join(", ")}`,
      404
    );
  return choice;
}
export {
  AnalysisInputError,
  KOMMUNER,
  SOURCE_NOTE,
  choosePeriods,
  requireKpis,
  requirePeriods
};
//# sourceMappingURL=analysis-input.js.map
