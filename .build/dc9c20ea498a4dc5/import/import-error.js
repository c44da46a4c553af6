class ImportError extends Error {
  constructor(location, problem) {
    super(`${location}: ${problem}`);
    this.location = location;
    this.problem = problem;
    this.name = "ImportError";
  }
  location;
  problem;
}
export {
  ImportError
};
//# sourceMappingURL=import-error.js.map
