/**
 * Step 1: the file. A labelled file input (CSV or .xlsx), read through the files port; what
 * was read is said (format, encoding and separator, or worksheet, with another worksheet to
 * choose); a file that cannot be read shows the adapter's Danish message.
 */
import {
  Button,
  Dropdown,
  Field,
  Label,
  makeStyles,
  Option,
  Spinner,
  Text,
  tokens,
} from "@fluentui/react-components";
import { type ChangeEvent, type Ref, useId, useState } from "react";
import { useTranslation } from "react-i18next";

import type { ReadTable } from "../../ports/files.js";
import { StoreErrorMessage } from "../components/StoreErrorMessage.js";
import { useReadImportFile } from "../queries/import.js";

export interface LoadedFile {
  name: string;
  bytes: ArrayBuffer;
  table: ReadTable;
}

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM },
  heading: { margin: 0 },
  picker: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXS },
  input: {
    maxWidth: "40rem",
    ":focus-visible": {
      outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}`,
      outlineOffset: "2px",
    },
  },
  sheet: { maxWidth: "24rem" },
  actions: { display: "flex", gap: tokens.spacingHorizontalM },
});

const DELIMITER_NAMES: Readonly<Record<string, string>> = {
  ";": "semicolon",
  ",": "comma",
  "\t": "tab",
  "|": "pipe",
};

/** The bytes of a picked file (FileReader where Blob.arrayBuffer is missing). */
function bytesOf(file: File): Promise<ArrayBuffer> {
  if (typeof file.arrayBuffer === "function") return file.arrayBuffer();
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(reader.result as ArrayBuffer);
    reader.onerror = () => reject(reader.error ?? new Error("FileReader failed"));
    reader.readAsArrayBuffer(file);
  });
}

export interface FileStepProps {
  headingRef: Ref<HTMLHeadingElement>;
  file: LoadedFile | null;
  onLoaded: (file: LoadedFile) => void;
  onNext: () => void;
}

export function FileStep({ headingRef, file, onLoaded, onNext }: FileStepProps) {
  const { t } = useTranslation();
  const styles = useStyles();
  const files = useReadImportFile();
  const inputId = useId();
  const hintId = useId();
  const [reading, setReading] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const read = async (name: string, bytes: ArrayBuffer, sheet?: string) => {
    setReading(true);
    setError(null);
    try {
      const table = await files.read(bytes.slice(0), name, sheet);
      onLoaded({ name, bytes, table });
    } catch (e) {
      setError(e);
    } finally {
      setReading(false);
    }
  };

  const onPick = async (e: ChangeEvent<HTMLInputElement>) => {
    const picked = e.target.files?.[0];
    if (!picked) return;
    await read(picked.name, await bytesOf(picked));
  };

  const table = file?.table;
  return (
    <section className={styles.root} aria-labelledby="import-file-heading" aria-busy={reading}>
      <h2 id="import-file-heading" className={styles.heading} ref={headingRef} tabIndex={-1}>
        <Text as="span" size={500} weight="semibold">
          {t("import.file.heading")}
        </Text>
      </h2>
      <div className={styles.picker}>
        <Label htmlFor={inputId} weight="semibold">
          {t("import.file.label")}
        </Label>
        <Text id={hintId} size={200}>
          {t("import.file.hint")}
        </Text>
        <input
          id={inputId}
          className={styles.input}
          type="file"
          accept={files.accept}
          aria-describedby={hintId}
          onChange={(e) => void onPick(e)}
          disabled={reading}
        />
      </div>
      {reading ? <Spinner size="small" label={t("import.file.reading")} /> : null}
      {error ? <StoreErrorMessage error={error} title={t("import.file.readError")} /> : null}
      {file && table && !reading ? (
        <div role="status">
          <Text as="p">
            {table.format === "csv"
              ? t("import.file.csv", {
                  name: file.name,
                  encoding: table.encoding,
                  delimiter: t(
                    `import.file.delimiters.${DELIMITER_NAMES[table.delimiter] ?? "semicolon"}`,
                  ),
                })
              : t("import.file.xlsx", { name: file.name, sheet: table.sheet })}{" "}
            {t("import.file.size", { count: table.rows.length, columns: table.headers.length })}
          </Text>
        </div>
      ) : null}
      {file && table?.format === "xlsx" && table.sheetNames.length > 1 ? (
        <Field label={t("import.file.sheet")} className={styles.sheet}>
          <Dropdown
            value={table.sheet}
            selectedOptions={[table.sheet]}
            disabled={reading}
            onOptionSelect={(_, d) => {
              if (d.optionValue && d.optionValue !== table.sheet) {
                void read(file.name, file.bytes, d.optionValue);
              }
            }}
          >
            {table.sheetNames.map((s) => (
              <Option key={s} value={s}>
                {s}
              </Option>
            ))}
          </Dropdown>
        </Field>
      ) : null}
      <div className={styles.actions}>
        <Button appearance="primary" disabled={!file || reading} onClick={onNext}>
          {t("import.file.next")}
        </Button>
      </div>
    </section>
  );
}
