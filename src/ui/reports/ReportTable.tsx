/**
 * A report's table: the kit's DataTable on screen, and every row in a plain table when printed
 * (the DataTable renders only the rows in view, so a printed page would miss the others).
 */
import { makeStyles, tokens } from "@fluentui/react-components";

import { type DataColumn, DataTable } from "../components/index.js";

const useStyles = makeStyles({
  screen: { "@media print": { display: "none" } },
  print: {
    display: "none",
    width: "100%",
    borderCollapse: "collapse",
    fontSize: tokens.fontSizeBase200,
    "@media print": { display: "table" },
    "& th, & td": {
      border: `1px solid ${tokens.colorNeutralStroke1}`,
      padding: "2px 4px",
      textAlign: "start",
      verticalAlign: "top",
    },
  },
});

export interface ReportTableProps<T> {
  label: string;
  rows: readonly T[];
  columns: readonly DataColumn<T>[];
  rowKey: (row: T) => string | number;
  empty?: string;
}

export function ReportTable<T>({ label, rows, columns, rowKey, empty }: ReportTableProps<T>) {
  const styles = useStyles();
  return (
    <>
      <div className={styles.screen}>
        <DataTable
          label={label}
          rows={rows}
          columns={columns}
          rowKey={rowKey}
          empty={empty}
          height="min(60vh, 36rem)"
        />
      </div>
      <table className={styles.print} aria-hidden="true">
        <thead>
          <tr>
            {columns.map((c) => (
              <th key={c.key}>{c.header}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={rowKey(r)}>
              {columns.map((c) => (
                <td key={c.key}>{c.cell(r)}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
