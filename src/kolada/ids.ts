/**
 * What a valid Kolada id looks like, said once for the API, the pages and the CLI. Real ids:
 * N01951 (KPI), 1280 (kommun), G33621 and G2KPI84105 (groups), V15E128000101 (OU; a few carry dots).
 */

/** Any Kolada id: a KPI, municipality, group or OU. */
export const KOLADA_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

/** A KPI: one letter and five digits. */
export const KPI_ID = /^[A-Z]\d{5}$/;

/** A KPI group or municipality group: G followed by letters and digits. */
export const GROUP_ID = /^G\w{1,40}$/;
