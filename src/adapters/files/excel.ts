/**
 * ExcelJS, loaded when first needed so that the tab's first screen does not carry it (the
 * browser build resolves to ExcelJS's own bundle through its `browser` field).
 */
import type * as ExcelJsModule from "exceljs";

type ExcelJs = typeof ExcelJsModule;

let loading: Promise<ExcelJs> | null = null;

export function loadExcelJs(): Promise<ExcelJs> {
  loading ??= import("exceljs").then((m) => {
    // CommonJS seen from ESM: Node puts module.exports on `default`, bundlers may not.
    const withDefault = m as ExcelJs & { default?: ExcelJs };
    return withDefault.default ?? withDefault;
  });
  return loading;
}
