class UsageError extends Error {
}
export {
  UsageError
};
//# sourceMappingURL=usage-error.js.map
