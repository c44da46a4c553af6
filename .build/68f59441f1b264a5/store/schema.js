//# sourceMappingURL=schema.js.map
