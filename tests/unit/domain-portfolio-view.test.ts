import { PORTFOLIO_COLUMNS } from "../../src/domain/export-columns.js";
import { type AreaId, idOf } from "../../src/domain/ids.js";
import {
  applyFilters,
  BOARD_PHASES,
  boardColumns,
  COLUMN_CATALOGUE,
  COLUMN_KEYS,
  DEFAULT_COLUMNS,
  DEFAULT_SORT,
  DEFAULT_VIEW_STATE,
  EMPTY_FILTERS,
  exportColumnsFor,
  exportFileName,
  exportRowsFor,
  fieldsFor,
  governanceSummary,
  hasFilters,
  moveTargets,
  neighbourTarget,
  parseViewState,
  type PortfolioFilters,
  type PortfolioRow,
  portfolioRows,
  savedViewItem,
  serializeViewState,
  serverWhere,
  sortRows,
  splitMissing,
  toggleSort,
  whyNotMove,
} from "../../src/domain/portfolio-view.js";
import { aRef } from "../support/builders.js";
import {
  aClock,
  aStoredInitiative,
  chair,
  me,
  member,
  owner,
  secretary,
} from "../support/builders-lifecycle.js";

const f = (o: Partial<PortfolioFilters>): PortfolioFilters => ({ ...EMPTY_FILTERS, ...o });
const titles = (rows: readonly PortfolioRow[]) => rows.map((r) => r.title);

const rows = [
  aStoredInitiative({
    id: 1,
    title: "Øget selvbetjening",
    phase: "Idé",
    area: aRef(1, "Økonomi"),
    source: "KL/KOMBIT",
    latestStatus: null,
    governance: null,
    mandatory: true,
    priority: 3,
  }),
  aStoredInitiative({
    id: 2,
    title: "Ansøgning om plads",
    phase: "Gennemførelse",
    area: aRef(2, "Børn"),
    source: "Staten",
    latestStatus: "Rød",
    governance: "Styregruppe",
    mandatory: false,
    priority: null,
  }),
  aStoredInitiative({
    id: 3,
    title: "Zoneplan digital",
    phase: "Behovsanalyse",
    area: aRef(1, "Økonomi"),
    source: "KL/KOMBIT",
    latestStatus: "Grøn",
    governance: "Selvstændig styregruppe",
    mandatory: false,
    priority: 1,
  }),
  aStoredInitiative({
    id: 4,
    title: "Åben data",
    phase: "Parkeret",
    area: aRef(2, "Børn"),
    source: "Lederforum",
    latestStatus: "Grøn",
    governance: null,
    mandatory: false,
    priority: 2,
  }),
];

describe("filters", () => {
  it("an empty filter keeps everything and is not 'set'", () => {
    expect(applyFilters(rows, EMPTY_FILTERS)).toHaveLength(4);
    expect(hasFilters(EMPTY_FILTERS)).toBe(false);
    expect(hasFilters(f({ text: "  " }))).toBe(false);
    expect(hasFilters(f({ mandatory: false }))).toBe(true);
  });

  it("filters by phase, area, source (any of the chosen)", () => {
    expect(titles(applyFilters(rows, f({ phases: ["Idé", "Parkeret"] })))).toEqual([
      "Øget selvbetjening",
      "Åben data",
    ]);
    expect(titles(applyFilters(rows, f({ areas: [idOf<AreaId>(2)] })))).toEqual([
      "Ansøgning om plads",
      "Åben data",
    ]);
    expect(titles(applyFilters(rows, f({ sources: ["Staten", "Lederforum"] })))).toEqual([
      "Ansøgning om plads",
      "Åben data",
    ]);
  });

  it("filters by latest status including 'no status', and by governance including none", () => {
    expect(titles(applyFilters(rows, f({ statuses: ["none"] })))).toEqual(["Øget selvbetjening"]);
    expect(titles(applyFilters(rows, f({ statuses: ["none", "Rød"] })))).toEqual([
      "Øget selvbetjening",
      "Ansøgning om plads",
    ]);
    expect(titles(applyFilters(rows, f({ governances: ["Selvstændig styregruppe"] })))).toEqual([
      "Zoneplan digital",
    ]);
    expect(titles(applyFilters(rows, f({ governances: ["none"] })))).toEqual([
      "Øget selvbetjening",
      "Åben data",
    ]);
  });

  it("filters by mandatory yes and no", () => {
    expect(titles(applyFilters(rows, f({ mandatory: true })))).toEqual(["Øget selvbetjening"]);
    expect(applyFilters(rows, f({ mandatory: false }))).toHaveLength(3);
  });

  it("searches every word in the title, ignoring case, and combines filters with AND", () => {
    expect(titles(applyFilters(rows, f({ text: "DIGITAL zone" })))).toEqual(["Zoneplan digital"]);
    expect(titles(applyFilters(rows, f({ text: "digital ansøgning" })))).toEqual([]);
    expect(titles(applyFilters(rows, f({ text: "ø", sources: ["Staten"] })))).toEqual([
      "Ansøgning om plads",
    ]);
    // Only the title is searched, not the summary every builder initiative shares.
    expect(applyFilters(rows, f({ text: "Forældre" }))).toEqual([]);
  });
});

describe("serverWhere: the filters the store applies on indexed columns", () => {
  it("maps value filters to where lists, in a stable order", () => {
    expect(
      serverWhere(
        f({
          phases: ["Prioriteret", "Idé"],
          areas: [idOf<AreaId>(5), idOf<AreaId>(2)],
          sources: ["Staten"],
          statuses: ["Rød", "Grøn"],
          governances: ["Referencegruppe"],
          mandatory: false,
        }),
      ),
    ).toEqual({
      phase: ["Idé", "Prioriteret"],
      area: [2, 5],
      source: ["Staten"],
      latestStatus: ["Grøn", "Rød"],
      governance: ["Referencegruppe"],
      mandatory: false,
    });
  });

  it("leaves text and 'none' choices to the in-memory filter", () => {
    expect(
      serverWhere(f({ text: "data", statuses: ["none", "Rød"], governances: ["none"] })),
    ).toEqual({});
    expect(serverWhere(EMPTY_FILTERS)).toEqual({});
  });

  it("never keeps less than the full filter: store + memory equals memory alone", () => {
    const filters = f({ phases: ["Idé", "Parkeret"], statuses: ["none", "Grøn"], text: "å" });
    const where = serverWhere(filters);
    const fromStore = rows.filter((r) => !where.phase || where.phase.includes(r.phase));
    expect(applyFilters(fromStore, filters)).toEqual(applyFilters(rows, filters));
  });
});

describe("sorting", () => {
  it("sorts phases in lifecycle order, not alphabetically", () => {
    expect(titles(sortRows(rows, [{ column: "phase", descending: false }]))).toEqual([
      "Øget selvbetjening",
      "Zoneplan digital",
      "Ansøgning om plads",
      "Åben data",
    ]);
  });

  it("sorts text with Danish collation: Z before Æ, Ø, Å", () => {
    expect(titles(sortRows(rows, [{ column: "title", descending: false }]))).toEqual([
      "Ansøgning om plads",
      "Zoneplan digital",
      "Øget selvbetjening",
      "Åben data",
    ]);
    expect(titles(sortRows(rows, [{ column: "title", descending: true }]))[0]).toBe("Åben data");
  });

  it("puts empty values last in both directions", () => {
    const up = sortRows(rows, [{ column: "priority", descending: false }]);
    const down = sortRows(rows, [{ column: "priority", descending: true }]);
    expect(up.map((r) => r.priority)).toEqual([1, 2, 3, null]);
    expect(down.map((r) => r.priority)).toEqual([3, 2, 1, null]);
    const status = sortRows(rows, [{ column: "latestStatus", descending: true }]);
    expect(status.at(-1)!.latestStatus).toBeNull();
  });

  it("sorts by several keys, then by id", () => {
    const sorted = sortRows(rows, [
      { column: "area", descending: false },
      { column: "title", descending: true },
    ]);
    expect(titles(sorted)).toEqual([
      "Åben data",
      "Ansøgning om plads",
      "Øget selvbetjening",
      "Zoneplan digital",
    ]);
    const same = [
      aStoredInitiative({ id: 9, title: "B" }),
      aStoredInitiative({ id: 8, title: "B" }),
    ];
    expect(sortRows(same, [{ column: "title", descending: false }]).map((r) => r.id)).toEqual([
      8, 9,
    ]);
  });

  it("sorts yes/no and dates by value", () => {
    expect(titles(sortRows(rows, [{ column: "mandatory", descending: true }]))[0]).toBe(
      "Øget selvbetjening",
    );
    const dated = [
      aStoredInitiative({ id: 1, title: "senere", legalDeadline: "2027-01-01T00:00:00Z" }),
      aStoredInitiative({ id: 2, title: "ingen", legalDeadline: null }),
      aStoredInitiative({ id: 3, title: "først", legalDeadline: "2026-06-01T00:00:00Z" }),
    ];
    expect(titles(sortRows(dated, [{ column: "legalDeadline", descending: false }]))).toEqual([
      "først",
      "senere",
      "ingen",
    ]);
  });

  it("a click sorts by one column and toggles it; shift-click adds or toggles a key", () => {
    const one = toggleSort(DEFAULT_SORT, "title", false);
    expect(one).toEqual([{ column: "title", descending: false }]);
    expect(toggleSort(one, "title", false)).toEqual([{ column: "title", descending: true }]);
    const two = toggleSort(one, "priority", true);
    expect(two).toEqual([
      { column: "title", descending: false },
      { column: "priority", descending: false },
    ]);
    expect(toggleSort(two, "priority", true)[1]).toEqual({ column: "priority", descending: true });
    expect(toggleSort(two, "priority", false)).toEqual([{ column: "priority", descending: false }]);
  });

  it("portfolioRows filters then sorts", () => {
    expect(titles(portfolioRows(rows, f({ areas: [idOf<AreaId>(1)] }), DEFAULT_SORT))).toEqual([
      "Øget selvbetjening",
      "Zoneplan digital",
    ]);
  });
});

describe("columns and fields", () => {
  it("has one catalogue column per PORTFOLIO_COLUMNS key", () => {
    expect(Object.keys(COLUMN_CATALOGUE).sort()).toEqual(Object.keys(PORTFOLIO_COLUMNS).sort());
    expect(COLUMN_KEYS).toEqual(Object.keys(PORTFOLIO_COLUMNS));
    for (const k of DEFAULT_COLUMNS) expect(COLUMN_KEYS).toContain(k);
  });

  it("asks the load only for the filters' fields and the visible columns' fields", () => {
    expect(fieldsFor(["title", "phase"], "table")).toEqual(
      ["area", "governance", "latestStatus", "mandatory", "phase", "source", "title"].sort(),
    );
    const withOwner = fieldsFor(["title", "owner", "priority", "id"], "table");
    expect(withOwner).toContain("owner");
    expect(withOwner).toContain("priority");
    expect(withOwner).not.toContain("summary");
    expect(withOwner).not.toContain("id");
    // The board needs the card's owner (who may move it) even if no column shows it.
    expect(fieldsFor(["title"], "board")).toContain("owner");
    // A sort on a hidden column still reads its field.
    expect(fieldsFor(["title"], "table", [{ column: "modified", descending: false }])).toContain(
      "modified",
    );
  });

  it("exports the chosen columns in order, and rows whose values the columns read", () => {
    const cols = exportColumnsFor(["title", "phase", "mandatory"]);
    expect(cols.map((c) => c.key)).toEqual(["title", "phase", "mandatory"]);
    const out = exportRowsFor([rows[0]!]);
    expect(cols.map((c) => c.value(out[0]!))).toEqual(["Øget selvbetjening", "Idé", true]);
  });

  it("names the export file by the date in Copenhagen", () => {
    expect(exportFileName(aClock("2026-11-30T10:00:00Z"))).toBe("portefolje-2026-11-30.xlsx");
    // 23:30 UTC on 30 November is already 1 December in Denmark.
    expect(exportFileName(aClock("2026-11-30T23:30:00Z"))).toBe("portefolje-2026-12-01.xlsx");
  });
});

describe("saved views", () => {
  const state = {
    filters: f({ phases: ["Idé"], statuses: ["none"], text: "data", mandatory: true }),
    sort: [{ column: "priority" as const, descending: true }],
    columns: ["title" as const, "priority" as const],
    mode: "board" as const,
  };

  it("round-trips through the stored JSON and the PersonalItem", () => {
    const parsed = parseViewState(serializeViewState(state));
    expect(parsed).toEqual({ ok: true, state, dropped: [] });
    const item = savedViewItem({ name: "  Mine idéer ", ...state });
    expect(item.title).toBe("Mine idéer");
    expect(item.kind).toBe("Visning");
    expect(parseViewState(item.payload)).toMatchObject({ ok: true, state });
  });

  it("refuses broken JSON, another version and a non-object without throwing", () => {
    expect(parseViewState("{nope")).toEqual({ ok: false, reason: "json" });
    expect(parseViewState("[]")).toEqual({ ok: false, reason: "shape" });
    expect(parseViewState("null")).toEqual({ ok: false, reason: "shape" });
    expect(parseViewState(JSON.stringify({ filters: {} }))).toEqual({
      ok: false,
      reason: "version",
    });
    expect(parseViewState(JSON.stringify({ v: 2 }))).toEqual({ ok: false, reason: "version" });
  });

  it("drops unknown values and names them, defaulting what is missing", () => {
    const parsed = parseViewState(
      JSON.stringify({
        v: 1,
        filters: {
          phases: ["Idé", "Fase der ikke findes"],
          areas: [3, "x", -1],
          statuses: ["Grøn", "none", "Lilla"],
          mandatory: "ja",
          text: 42,
        },
        sort: [{ column: "nope" }, { column: "title", descending: true }, "x"],
        columns: ["title", "fjernet"],
        mode: "kanban",
      }),
    );
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.state).toEqual({
      filters: f({ phases: ["Idé"], areas: [idOf<AreaId>(3)], statuses: ["Grøn", "none"] }),
      sort: [{ column: "title", descending: true }],
      columns: ["title"],
      mode: "table",
    });
    expect(parsed.dropped.sort()).toEqual(
      ["areas", "columns", "mandatory", "mode", "phases", "sort", "statuses", "text"].sort(),
    );
  });

  it("a minimal payload gets the default view", () => {
    expect(parseViewState(JSON.stringify({ v: 1 }))).toEqual({
      ok: true,
      state: DEFAULT_VIEW_STATE,
      dropped: [],
    });
  });
});

describe("the board", () => {
  const sec = me(secretary, "secretary");
  const ch = me(chair, "chair");
  const mem = me(member, "member");
  const own = me(owner, "contributor");

  it("has the 9 phases of the main chain, then Parkeret and Afvist, and groups rows", () => {
    expect(BOARD_PHASES).toEqual([
      "Idé",
      "Behovsanalyse",
      "Klar til prioritering",
      "Prioriteret",
      "Planlægning",
      "Gennemførelse",
      "I drift",
      "Gevinstopfølgning",
      "Afsluttet",
      "Parkeret",
      "Afvist",
    ]);
    const cols = boardColumns(rows);
    expect(cols).toHaveLength(11);
    expect(titles(cols.find((c) => c.phase === "Idé")!.rows)).toEqual(["Øget selvbetjening"]);
    expect(cols.find((c) => c.phase === "Afvist")!.rows).toEqual([]);
  });

  it("offers the secretary and the chair every allowed target", () => {
    const card = { phase: "Idé" as const, owner: null };
    expect(moveTargets(card, sec)).toEqual(["Behovsanalyse", "Parkeret", "Afvist"]);
    expect(moveTargets(card, ch)).toEqual(["Behovsanalyse", "Parkeret", "Afvist"]);
    expect(moveTargets({ phase: "Afsluttet", owner: null }, sec)).toEqual([]);
  });

  it("offers an owner only Idé → Behovsanalyse of their own, and a member nothing", () => {
    expect(moveTargets({ phase: "Idé", owner }, own)).toEqual(["Behovsanalyse"]);
    expect(moveTargets({ phase: "Idé", owner: null }, own)).toEqual([]);
    expect(moveTargets({ phase: "Behovsanalyse", owner }, own)).toEqual([]);
    expect(moveTargets({ phase: "Idé", owner: null }, mem)).toEqual([]);
  });

  it("narrows a parked card's targets when it is known where it was parked from", () => {
    const parked = { phase: "Parkeret" as const, owner: null };
    expect(moveTargets(parked, sec, "Behovsanalyse")).toEqual(["Idé", "Behovsanalyse", "Afvist"]);
    expect(moveTargets(parked, sec)).toContain("Gennemførelse");
  });

  it("says why a card cannot go somewhere", () => {
    expect(whyNotMove({ phase: "Idé", owner: null }, "Idé", sec)).toBe("samePhase");
    expect(whyNotMove({ phase: "Idé", owner: null }, "I drift", sec)).toBe("notAllowed");
    expect(whyNotMove({ phase: "Idé", owner: null }, "Behovsanalyse", mem)).toBe("notPermitted");
    expect(whyNotMove({ phase: "Idé", owner: null }, "Behovsanalyse", sec)).toBeNull();
  });

  it("finds the neighbouring column for Ctrl+arrow when it is an allowed move", () => {
    expect(neighbourTarget({ phase: "Idé", owner: null }, 1, sec)).toBe("Behovsanalyse");
    expect(neighbourTarget({ phase: "Idé", owner: null }, -1, sec)).toBeNull();
    expect(neighbourTarget({ phase: "Behovsanalyse", owner: null }, -1, sec)).toBe("Idé");
    // Afsluttet → Parkeret is the next column but not a move.
    expect(neighbourTarget({ phase: "Afsluttet", owner: null }, 1, sec)).toBeNull();
    expect(neighbourTarget({ phase: "Idé", owner: null }, 1, mem)).toBeNull();
  });

  it("splits a gate refusal into what the move dialog asks for and what blocks", () => {
    const split = splitMissing([
      { field: "decision", code: "validation.gate.decision" },
      { field: "reason", code: "validation.gate.reason" },
      { field: "budgetLines", code: "validation.gate.costEstimate" },
    ]);
    expect(split).toEqual({
      needsReason: true,
      needsDecision: true,
      blocking: [{ field: "budgetLines", code: "validation.gate.costEstimate" }],
    });
    expect(splitMissing([{ field: "reason", code: "validation.gate.reason" }])).toEqual({
      needsReason: true,
      needsDecision: false,
      blocking: [],
    });
  });
});

describe("governance summary", () => {
  it("counts governed initiatives, the committee's share, standing groups and lifetimes", () => {
    const gov = [
      aStoredInitiative({ id: 1, phase: "Gennemførelse", governance: "Styregruppe" }),
      aStoredInitiative({ id: 2, phase: "Planlægning", governance: "Referencegruppe" }),
      aStoredInitiative({
        id: 3,
        phase: "Gennemførelse",
        governance: "Selvstændig styregruppe",
        standaloneGroupFrom: "2026-01-01T00:00:00Z",
      }),
      aStoredInitiative({
        id: 4,
        phase: "I drift",
        governance: "Styregruppe indtil selvstændig styregruppe",
        standaloneGroupFrom: "2026-02-01T00:00:00Z",
        standaloneGroupTo: "2026-05-02T00:00:00Z",
      }),
      aStoredInitiative({ id: 5, phase: "Idé", governance: "Styregruppe" }),
    ];
    const s = governanceSummary(gov, aClock("2026-11-30T12:00:00Z"));
    expect(s.period).toEqual({ from: "2025-11-30T12:00:00.000Z", to: "2026-11-30T12:00:00.000Z" });
    expect(s.governed).toBe(4);
    // 1, 2 and the interim one whose group was dissolved again.
    expect(s.governedByCommittee).toBe(3);
    expect(s.committeeShare).toBe(0.75);
    expect(s.standing).toBe(1);
    expect(s.setUp).toBe(2);
    expect(s.dissolved).toBe(1);
    expect(s.meanLifetimeDays).toBe(90);
  });
});
