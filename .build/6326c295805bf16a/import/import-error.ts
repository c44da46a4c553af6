/** A problem in an input file, located as precisely as the format allows ("file:line"). */
export class ImportError extends Error {
  constructor(
    readonly location: string,
    readonly problem: string,
  ) {
    super(`${location}: ${problem}`);
    this.name = 'ImportError';
  }
}
