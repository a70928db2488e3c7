/**
 * The import page's data, one hook per use-case: what the import is checked against (the
 * areas, people, existing initiatives and budget years, read afresh), reading the chosen file,
 * the preview, and the run, after which everything the import may have changed is read again.
 */
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useCallback } from "react";

import type { ColumnMapping, ImportPreview, ImportTable, ValueMap } from "../../domain/import.js";
import type { ReadTable } from "../../ports/files.js";
import {
  type ImportBasis,
  type ImportOptions,
  loadImportBasis,
  prepareImport,
  type PreviewOptions,
  readImportFile,
  rememberValueMap,
  runImport,
} from "../../use-cases/import.js";
import { useServices } from "../services.js";
import { queryKeys } from "./keys.js";

/** The basis of a preview; never reused from an earlier read. */
export function useImportBasis() {
  const { repositories } = useServices();
  return useQuery<ImportBasis>({
    queryKey: queryKeys.importBasis(),
    queryFn: () => loadImportBasis(repositories),
    staleTime: 0,
  });
}

/** The basis read again now (before a retry: a row that was written is now an update). */
export function useFreshImportBasis(): () => Promise<ImportBasis> {
  const { repositories } = useServices();
  const client = useQueryClient();
  return useCallback(
    () =>
      client.fetchQuery({
        queryKey: queryKeys.importBasis(),
        queryFn: () => loadImportBasis(repositories),
        staleTime: 0,
      }),
    [client, repositories],
  );
}

/** Reads a chosen file as a table; `accept` is the file input's list of types. */
export function useReadImportFile(): {
  read: (bytes: ArrayBuffer, name: string, sheet?: string) => Promise<ReadTable>;
  accept: string;
} {
  const { files } = useServices();
  const read = useCallback(
    (bytes: ArrayBuffer, name: string, sheet?: string) => readImportFile(files, bytes, name, sheet),
    [files],
  );
  return { read, accept: files.importAccept };
}

/** The preview of a file with a mapping: what each row will do. */
export function usePrepareImport(): (
  basis: ImportBasis,
  table: ImportTable,
  mapping: ColumnMapping,
  options: PreviewOptions,
) => Promise<ImportPreview> {
  const { repositories, people } = useServices();
  return useCallback(
    (basis, table, mapping, options) =>
      prepareImport({ repositories, people }, basis, table, mapping, options),
    [repositories, people],
  );
}

/** Runs the import of the rows; afterwards every query is read again. */
export function useRunImport(): (
  rows: ImportPreview["rows"],
  options: ImportOptions,
) => ReturnType<typeof runImport> {
  const { repositories } = useServices();
  const client = useQueryClient();
  return useCallback(
    async (rows, options) => {
      try {
        return await runImport(repositories, rows, options);
      } finally {
        await client.invalidateQueries();
      }
    },
    [client, repositories],
  );
}

/** Remembers the values chosen for a file in Settings, for the next file. */
export function useRememberValueMap(): (chosen: ValueMap) => ReturnType<typeof rememberValueMap> {
  const { repositories } = useServices();
  return useCallback((chosen) => rememberValueMap(repositories, chosen), [repositories]);
}
