/** The hot-file layouts the server imports (packages/server/src/hotlists/importers), as people name them. */
export const HOTLIST_FORMATS = [
  ['ncic-fixed', 'NCIC fixed width'],
  ['tx-ncic', 'Texas NCIC (comma)'],
  ['tx-tcic', 'Texas TCIC'],
  ['mi-state', 'Michigan LEIN'],
  ['wa-ncic', 'Washington NCIC'],
  ['wa-stolen', 'Washington stolen vehicles'],
  ['mn-ncic', 'Minnesota / Kansas NCIC'],
  ['fl-fcic', 'Florida FCIC'],
  ['il-leads', 'Illinois LEADS'],
  ['ny-state', 'New York'],
  ['ca-clew', 'California CLEW'],
  ['co-ccic', 'Colorado CCIC'],
  ['plain', 'One plate per line'],
] as const;
