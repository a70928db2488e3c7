/**
 * What the file accept attribute of an import picker should list. A module of its own so the
 * composition root can hand it to the UI without loading the readers and writers.
 */
export const IMPORT_ACCEPT =
  ".csv,.txt,.tsv,.xlsx,.xlsm,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
