/**
 * The local SharePoint's `$filter` / `$orderby` / `$select` parser and evaluator. Operators and
 * functions are the ones SharePoint REST supports
 * (https://learn.microsoft.com/sharepoint/dev/sp-add-ins/use-odata-query-operations-in-sharepoint-rest-requests);
 * text compares case-insensitively and multi-valued columns match on any value, as CAML does.
 */
import {
  compareValues,
  evaluateFilter,
  firstClauseField,
  MAX_FILTER_CLAUSES,
  MAX_FILTER_NESTING,
  ODataQueryError,
  parseFilter,
  parseOrderBy,
  parsePathList,
} from "../../src/emulator/sharepoint/odata-query.js";

/** A row as the evaluator sees it: column paths joined with "/". */
const row: Record<string, unknown> = {
  Title: "O'Brien Portal",
  Status: "Active",
  Budget: 1500,
  Done: false,
  Due: "2026-03-01T00:00:00Z",
  Empty: null,
  AreaId: 3,
  "Area/Id": 3,
  "Area/Title": "Skole",
  "Owner/EMail": "jonas.lind@demokommune.onmicrosoft.com",
  TagsId: [4, 7],
  Tags: ["it", "jura"],
};
const resolve = (path: string[]): unknown => row[path.join("/")];
const matches = (filter: string): boolean => evaluateFilter(parseFilter(filter), resolve);

describe("$filter evaluation", () => {
  test.each([
    ["Status eq 'Active'", true],
    ["Status eq 'active'", true],
    ["Status ne 'Active'", false],
    ["Budget gt 1000", true],
    ["Budget ge 1500", true],
    ["Budget lt 1500", false],
    ["Budget le 1500.0", true],
    ["Status eq 'Active' and Budget gt 1000", true],
    ["Status eq 'Closed' or Budget gt 1000", true],
    ["not (Status eq 'Active')", false],
    ["not Done", true],
    ["Done eq false", true],
    ["(Status eq 'Closed' or Budget lt 10) and Done eq false", false],
    ["Title eq 'O''Brien Portal'", true],
    ["substringof('brien',Title)", true],
    ["substringof('xyz',Title)", false],
    ["startswith(Title,'O''B')", true],
    ["startswith(Title,'Portal')", false],
    ["Due gt datetime'2026-01-01T00:00:00Z'", true],
    ["Due lt datetime'2026-01-01T00:00:00Z'", false],
    ["Empty eq null", true],
    ["Status ne null", true],
    ["AreaId eq 3", true],
    ["Area/Id eq 3", true],
    ["Area/Title eq 'Skole'", true],
    ["Owner/EMail eq 'jonas.lind@demokommune.onmicrosoft.com'", true],
    ["TagsId eq 7", true],
    ["TagsId eq 5", false],
    ["TagsId ne 5", true],
    ["Tags eq 'jura'", true],
    ["Budget eq -3", false],
    ["1000 lt Budget", true],
  ])("%s → %s", (filter, expected) => {
    expect(matches(filter)).toBe(expected);
  });

  test.each([
    ["Status eq"],
    ["Status eq 'unterminated"],
    ["Status === 'x'"],
    ["(Status eq 'x'"],
    ["Status eq 'x' and"],
    ["substringof('x')"],
    ["Due gt datetime'not a date'"],
    [""],
  ])("refuses the malformed filter %p", (filter) => {
    expect(() => parseFilter(filter)).toThrow(ODataQueryError);
  });

  test.each([
    ["parentheses nested past the limit", `${"(".repeat(20_000)}ID eq 1${")".repeat(20_000)}`],
    ["`not` nested past the limit", `${"not ".repeat(20_000)}ID eq 1`],
    ["more and/or clauses than the limit", Array(20_000).fill("ID eq 1").join(" or ")],
  ])("refuses %s with a query error, never a stack overflow", (_name, filter) => {
    expect(() => parseFilter(filter)).toThrow(ODataQueryError);
  });

  test("a filter at the nesting and clause limits still parses and evaluates", () => {
    const nested = `${"(".repeat(MAX_FILTER_NESTING)}Budget gt 1${")".repeat(MAX_FILTER_NESTING)}`;
    expect(matches(nested)).toBe(true);
    const chain = [...Array<string>(MAX_FILTER_CLAUSES - 1).fill("Budget eq 1"), "Budget eq 1500"];
    expect(matches(chain.join(" or "))).toBe(true);
  });

  test.each([
    ["Key eq 'x' and Phase eq 'y'", ["Key"]],
    ["(Phase eq 'y' or Key eq 'x') and Budget gt 1", ["Phase"]],
    ["not (Owner/EMail eq 'a')", ["Owner", "EMail"]],
    ["substringof('x',Title)", ["Title"]],
  ])("the first clause of %p reads %p (what the list view threshold checks)", (filter, path) => {
    expect(firstClauseField(parseFilter(filter))).toEqual(path);
  });
});

describe("$orderby, $select and $expand", () => {
  test.each([
    ["Modified desc", [{ path: ["Modified"], descending: true }]],
    [
      "Priority desc,Title",
      [
        { path: ["Priority"], descending: true },
        { path: ["Title"], descending: false },
      ],
    ],
    ["Area/Title asc", [{ path: ["Area", "Title"], descending: false }]],
  ])("parses $orderby %p", (src, keys) => {
    expect(parseOrderBy(src)).toEqual(keys);
  });

  test("refuses a malformed $orderby", () => {
    expect(() => parseOrderBy("Title sideways")).toThrow(ODataQueryError);
  });

  test("parses $select paths with projections and *", () => {
    expect(parsePathList("Id,Title,Owner/Title,Owner/EMail,*")).toEqual([
      ["Id"],
      ["Title"],
      ["Owner", "Title"],
      ["Owner", "EMail"],
      ["*"],
    ]);
  });

  test.each([
    [[null, 1], -1],
    [[2, 10], -1],
    [["apple", "Banana"], -1],
    [["b", "B"], 0],
    [[true, false], 1],
  ] as [[unknown, unknown], number][])(
    "orders %p with empty values first and text case-insensitively",
    ([a, b], sign) => {
      expect(Math.sign(compareValues(a, b))).toBe(sign);
    },
  );
});
