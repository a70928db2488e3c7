/**
 * DataTable, the UI's one table: sorting by header buttons (aria-sort, the UI language's
 * collation, empty values last), 10,000 rows with only a screenful in the DOM, rows that open
 * by keyboard, columns that give way on a narrow screen, the empty state and no serious axe
 * violations.
 */
import { jest } from "@jest/globals";
import { act, fireEvent, render, screen, within } from "@testing-library/react";
import axe from "axe-core";
import { I18nextProvider } from "react-i18next";

import type { Language } from "../../src/domain/language.js";
import { sortRows, visibleColumns } from "../../src/ui/components/data-table-model.js";
import {
  type DataColumn,
  DataTable,
  type DataTableProps,
} from "../../src/ui/components/DataTable.js";
import { createI18n } from "../../src/ui/i18n/index.js";
import { withLayout } from "./support.js";

withLayout();

interface Place {
  id: number;
  name: string;
  people: number | null;
}

const PLACES: Place[] = [
  { id: 1, name: "Østerbro", people: 78_000 },
  { id: 2, name: "Amager", people: null },
  { id: 3, name: "Ærø", people: 5_900 },
  { id: 4, name: "Zealand", people: 2_300_000 },
  { id: 5, name: "Åby", people: 9_000 },
];

const COLUMNS: DataColumn<Place>[] = [
  { key: "name", header: "Sted", cell: (p) => p.name, sortValue: (p) => p.name, minWidth: 12 },
  {
    key: "people",
    header: "Indbyggere",
    cell: (p) => p.people ?? "",
    sortValue: (p) => p.people,
    align: "end",
    priority: 1,
  },
  { key: "note", header: "Note", cell: () => "—", priority: 2 },
];

function renderTable(
  props: Partial<DataTableProps<Place>> = {},
  language: Language = "da",
): ReturnType<typeof render> {
  return render(
    <I18nextProvider i18n={createI18n(language)}>
      <DataTable<Place>
        label="Steder"
        rows={PLACES}
        columns={COLUMNS}
        rowKey={(p) => p.id}
        {...props}
      />
    </I18nextProvider>,
  );
}

const table = () => screen.getByRole("table", { name: "Steder" });
const bodyRows = () => within(table()).getAllByRole("row").slice(1);
const firstCells = () => bodyRows().map((r) => within(r).getAllByRole("cell")[0]!.textContent);
const header = (name: RegExp | string) => within(table()).getByRole("columnheader", { name });

async function seriousAxeViolations(container: HTMLElement) {
  const result = await axe.run(container, { rules: { "color-contrast": { enabled: false } } });
  return result.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

describe("sorting", () => {
  test("a sortable header is a button; choosing it sorts ascending in Danish order, again descending, and aria-sort says which", () => {
    renderTable();
    expect(firstCells()).toEqual(["Østerbro", "Amager", "Ærø", "Zealand", "Åby"]);
    expect(header(/Sted/).getAttribute("aria-sort")).toBeNull();

    fireEvent.click(within(header(/Sted/)).getByRole("button"));
    expect(firstCells()).toEqual(["Amager", "Zealand", "Ærø", "Østerbro", "Åby"]);
    expect(header(/Sted/).getAttribute("aria-sort")).toBe("ascending");
    expect(within(header(/Sted/)).getByRole("button").textContent).toContain("sorteret stigende");

    fireEvent.click(within(header(/Sted/)).getByRole("button"));
    expect(firstCells()).toEqual(["Åby", "Østerbro", "Ærø", "Zealand", "Amager"]);
    expect(header(/Sted/).getAttribute("aria-sort")).toBe("descending");
  });

  test("numbers sort as numbers and an empty value comes last in either direction", () => {
    renderTable();
    const button = within(header(/Indbyggere/)).getByRole("button");
    fireEvent.click(button);
    expect(firstCells()).toEqual(["Ærø", "Åby", "Østerbro", "Zealand", "Amager"]);
    fireEvent.click(button);
    expect(firstCells()).toEqual(["Zealand", "Østerbro", "Åby", "Ærø", "Amager"]);
  });

  test("a column without a sort value has a plain header, not a button", () => {
    renderTable();
    expect(within(header("Note")).queryByRole("button")).toBeNull();
  });

  test("a caller holding the sort is told the next sort and shows what it passes back", () => {
    const onSortChange = jest.fn();
    renderTable({ sort: { column: "name", descending: true }, onSortChange });
    expect(header(/Sted/).getAttribute("aria-sort")).toBe("descending");
    fireEvent.click(within(header(/Indbyggere/)).getByRole("button"));
    expect(onSortChange).toHaveBeenCalledWith({ column: "people", descending: false });
    expect(header(/Sted/).getAttribute("aria-sort")).toBe("descending");
  });

  test("English sorts in English order and says so in English", () => {
    renderTable({}, "en");
    fireEvent.click(within(header(/Sted/)).getByRole("button"));
    expect(firstCells()).toEqual(["Åby", "Ærø", "Amager", "Østerbro", "Zealand"]);
    expect(within(header(/Sted/)).getByRole("button").textContent).toContain("sorted ascending");
  });

  test("sortRows keeps equal rows in their order", () => {
    const rows = [
      { id: 1, name: "b" },
      { id: 2, name: "a" },
      { id: 3, name: "b" },
    ];
    const columns: DataColumn<(typeof rows)[number]>[] = [
      { key: "name", header: "n", cell: (r) => r.name, sortValue: (r) => r.name },
    ];
    expect(
      sortRows(rows, columns, { column: "name", descending: true }, "da").map((r) => r.id),
    ).toEqual([1, 3, 2]);
  });
});

describe("10,000 rows", () => {
  const many: Place[] = Array.from({ length: 10_000 }, (_, i) => ({
    id: i + 1,
    name: `Sted ${String(i + 1).padStart(5, "0")}`,
    people: i,
  }));

  test("only a screenful of rows is in the DOM; the table tells its full size and each row's place", () => {
    renderTable({ rows: many });
    expect(table().getAttribute("aria-rowcount")).toBe("10001");
    const rows = bodyRows();
    expect(rows.length).toBeGreaterThan(5);
    expect(rows.length).toBeLessThan(100);
    expect(rows[0]!.getAttribute("aria-rowindex")).toBe("2");
  });

  test("sorting all of them brings the last to the top", () => {
    renderTable({ rows: many });
    const button = within(header(/Indbyggere/)).getByRole("button");
    fireEvent.click(button);
    fireEvent.click(button);
    expect(firstCells()[0]).toBe("Sted 10000");
  });
});

describe("row test ids", () => {
  test("each rendered row carries the caller's data-testid; without rowTestId none", () => {
    const { unmount } = renderTable({ rowTestId: (p) => `place-row-${p.id}` });
    expect(bodyRows().map((r) => r.getAttribute("data-testid"))).toEqual([
      "place-row-1",
      "place-row-2",
      "place-row-3",
      "place-row-4",
      "place-row-5",
    ]);
    expect(within(screen.getByTestId("place-row-3")).getByText("Ærø")).toBeTruthy();
    unmount();
    renderTable();
    expect(bodyRows().some((r) => r.hasAttribute("data-testid"))).toBe(false);
  });
});

describe("rows that open something", () => {
  test("one tab stop for the rows; arrow keys move between them; Enter and a click open", () => {
    const opened: string[] = [];
    renderTable({ onRowActivate: (p) => opened.push(p.name), rowLabel: (p) => p.name });
    const rows = bodyRows();
    expect(rows.map((r) => r.getAttribute("tabindex"))).toEqual(["0", "-1", "-1", "-1", "-1"]);
    expect(table().getAttribute("tabindex")).toBe("-1");

    act(() => rows[0]!.focus());
    fireEvent.keyDown(rows[0]!, { key: "ArrowDown" });
    expect(document.activeElement).toBe(screen.getByRole("row", { name: "Amager" }));
    fireEvent.keyDown(document.activeElement!, { key: "End" });
    expect(document.activeElement).toBe(screen.getByRole("row", { name: "Åby" }));
    fireEvent.keyDown(document.activeElement!, { key: "Home" });
    expect(document.activeElement).toBe(screen.getByRole("row", { name: "Østerbro" }));
    expect(screen.getByRole("row", { name: "Østerbro" }).getAttribute("tabindex")).toBe("0");

    fireEvent.keyDown(document.activeElement!, { key: "Enter" });
    fireEvent.click(screen.getByRole("row", { name: "Ærø" }));
    expect(opened).toEqual(["Østerbro", "Ærø"]);
  });

  test("a link inside a row acts as the link, not as the row", () => {
    const onRowActivate = jest.fn();
    const withLink: DataColumn<Place>[] = [
      { key: "name", header: "Sted", cell: (p) => <a href={`#/sted/${p.id}`}>{p.name}</a> },
    ];
    renderTable({ columns: withLink, onRowActivate });
    fireEvent.click(screen.getByRole("link", { name: "Ærø" }));
    expect(onRowActivate).not.toHaveBeenCalled();
  });

  test("without onRowActivate the rows are not focusable and the table region is", () => {
    renderTable();
    expect(bodyRows().every((r) => !r.hasAttribute("tabindex"))).toBe(true);
    expect(table().getAttribute("tabindex")).toBe("0");
  });
});

describe("narrow screens", () => {
  const Original = globalThis.ResizeObserver;
  afterEach(() => {
    globalThis.ResizeObserver = Original;
  });

  /** A ResizeObserver that reports `width` for the table's scrolling region. */
  function tableWidth(width: number) {
    globalThis.ResizeObserver = class {
      constructor(private readonly callback: ResizeObserverCallback) {}
      observe(target: Element) {
        if (target.getAttribute("role") !== "table") return;
        this.callback([{ target, contentRect: { width } } as unknown as ResizeObserverEntry], this);
      }
      unobserve() {}
      disconnect() {}
    };
  }

  test("columns give way, the highest priority number first, and the table says which are hidden", () => {
    tableWidth(22 * 16);
    renderTable();
    const headers = within(table()).getAllByRole("columnheader");
    expect(headers.map((h) => h.textContent)).toEqual(["Sted", "Indbyggere"]);
    expect(table().getAttribute("aria-colcount")).toBe("2");
    expect(screen.getByText("1 kolonne er skjult på denne skærmbredde: Note.")).toBeTruthy();
  });

  test("a column without a priority stays even when nothing else fits", () => {
    expect(visibleColumns(COLUMNS, 100, 16).map((c) => c.key)).toEqual(["name"]);
    expect(visibleColumns(COLUMNS, undefined, 16)).toHaveLength(3);
    expect(visibleColumns(COLUMNS, 40 * 16, 16)).toHaveLength(3);
  });

  test("the table is never wider than its container: its region scrolls sideways instead", () => {
    renderTable();
    const rowgroups = within(table()).getAllByRole("rowgroup");
    // The grid's minimum width is carried by the row groups inside the scrolling region.
    expect(rowgroups[0]!.style.minWidth).toBe("30rem");
    expect(getComputedStyle(table()).overflowX || getComputedStyle(table()).overflow).toBe("auto");
  });

  test("the header row group sticks to the top of the table's region", () => {
    renderTable();
    const headerGroup = within(table()).getAllByRole("rowgroup")[0]!;
    expect(getComputedStyle(headerGroup).position).toBe("sticky");
    expect(getComputedStyle(headerGroup).top).toBe("0px");
  });
});

describe("empty and accessible", () => {
  test("no rows: the header stays, no empty row group, and the table says there is nothing", () => {
    renderTable({ rows: [] });
    expect(within(table()).getAllByRole("rowgroup")).toHaveLength(1);
    expect(screen.getByText("Der er intet at vise.")).toBeTruthy();
  });

  test("a caller's own empty text", () => {
    renderTable({ rows: [], empty: "Ingen steder endnu." });
    expect(screen.getByText("Ingen steder endnu.")).toBeTruthy();
  });

  test("no serious or critical axe violations, sorted and with opening rows", async () => {
    const { container } = renderTable({ onRowActivate: () => undefined, rowLabel: (p) => p.name });
    fireEvent.click(within(header(/Sted/)).getByRole("button"));
    expect(await seriousAxeViolations(container)).toEqual([]);
  });

  test("no serious or critical axe violations when empty", async () => {
    const { container } = renderTable({ rows: [] });
    expect(await seriousAxeViolations(container)).toEqual([]);
  });
});
