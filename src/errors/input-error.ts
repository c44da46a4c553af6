/**
 * Bad input to a page or an endpoint: an HTTP status, the parameter at fault, and a reason code with
 * its values. The domain and the query parsers say *what* is wrong by code; the HTTP layer turns the
 * code into a sentence in the reader's language (catalog key `errors.<reason>`), so no Swedish or
 * English text is built below it.
 */
import { UserError } from './user-error.js';

/** Every reason; the catalogs have `errors.<reason>` for each (the compiler checks it, see http/errors). */
export type InputReason =
  | 'textOnly'
  | 'personRestricted'
  | 'giveOnce'
  | 'tooLong'
  | 'required'
  | 'invalidId'
  | 'invalidYear'
  | 'invalidPeriod'
  | 'invalidGender'
  | 'invalidKommunCode'
  | 'invalidRef'
  | 'invalidSort'
  | 'invalidSortDirection'
  | 'invalidWeight'
  | 'invalidTransform'
  | 'invalidCount'
  | 'invalidFilterOperator'
  | 'notANumber'
  | 'filterIncomplete'
  | 'tooManyKpis'
  | 'tooManyPredictors'
  | 'tooManyFilters'
  | 'countOutOfRange'
  | 'noKpiChosen'
  | 'noPredictorChosen'
  | 'kpiListedTwice'
  | 'outcomeExplainsItself'
  | 'sameKpiTwice'
  | 'modelCannotBeFitted'
  | 'similarityImpossible'
  | 'unknownKpi'
  | 'unknownKommun'
  | 'unknownPreset'
  | 'unknownGroup'
  | 'noValuesForKommuner'
  | 'noValuesByYear'
  | 'noValuesInYear'
  | 'noValuesForKpi'
  | 'noValuesInGroup'
  | 'notFound'
  | 'noData'
  // Process: people and the inventory
  | 'invalidInventory'
  | 'unknownField'
  | 'tooManyItems'
  | 'invalidConceptId'
  | 'invalidChoice'
  | 'unknownConcept'
  | 'wrongConceptType'
  | 'unknownUser'
  | 'informationNotAcknowledged'
  // The database went away during a write: nothing was saved (503, see store/connection-lost.ts)
  | 'storeUnavailable'
  | 'healthQuestionOff'
  | 'invalidAccessCode'
  // Process: the individual plan and the incentive ladder
  | 'planChanged'
  | 'invalidRule'
  | 'noProposal';

export type ReasonValues = Record<string, string | number>;

/**
 * 503 is not bad input, but it takes the same path on purpose: a page shows the sentence beside the
 * answers the person typed (kept in the form), and the API says it in the reader's language.
 */
export type InputStatus = 400 | 404 | 409 | 413 | 422 | 503;

export class InputError extends UserError {
  override name = 'InputError';
  readonly status: InputStatus;
  readonly parameter: string | undefined;
  readonly values: ReasonValues;

  constructor(
    readonly reason: InputReason,
    {
      status = 400,
      parameter,
      values = {},
    }: { status?: InputStatus; parameter?: string; values?: ReasonValues } = {},
  ) {
    // The code and its values, for logs and tests; readers get the translated sentence.
    super(`${reason}${parameter ? ` (${parameter})` : ''}: ${JSON.stringify(values)}`);
    this.status = status;
    this.parameter = parameter;
    this.values = values;
  }
}
