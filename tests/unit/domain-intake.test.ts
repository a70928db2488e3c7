/**
 * The intake form (issue 4 §1): what a saved draft and a submission need, with Danish messages
 * naming the field, dependency rules across the portfolio, and what a valid proposal writes.
 */
import {
  draftName,
  emptyIntake,
  findRequiresCycle,
  formatCompetenceNeeds,
  type IntakeContext,
  type IntakeDraft,
  intakePayload,
  parseBudgetYears,
  parseCompetenceNeeds,
  readIntakePayload,
  toIntakeWrite,
  validateIntake,
} from "../../src/domain/intake.js";
import { aRef } from "../support/builders.js";
import { anEmptyIntake, anIntake, anIntakeContext, iid } from "../support/builders-intake.js";
import { inDanish } from "../support/problem-words.js";

const check = (d: IntakeDraft, ctx: Partial<IntakeContext> = {}) =>
  validateIntake(d, anIntakeContext(ctx)).map((p) => `${p.field}: ${inDanish(p)}`);

describe("what the form needs", () => {
  test("a complete proposal can be handed in", () => {
    expect(check(anIntake())).toEqual([]);
  });

  test("a draft can be saved with only a title", () => {
    expect(check(anEmptyIntake({ title: "Idé om chatbot" }), { mode: "draft" })).toEqual([]);
  });

  test("even a draft needs a title", () => {
    expect(check(anEmptyIntake(), { mode: "draft" })).toEqual(["title: Titel skal udfyldes."]);
  });

  test("handing in needs title, summary, need, source, area and owner", () => {
    expect(check(anEmptyIntake())).toEqual([
      "title: Titel skal udfyldes.",
      "summary: Resumé skal udfyldes.",
      "need: Behov skal udfyldes.",
      "source: Kilde skal udfyldes.",
      "area: Område skal udfyldes.",
      "owner: Ejer skal udfyldes.",
    ]);
  });

  const cases: [string, Partial<IntakeDraft>, IntakeContext["mode"], string[]][] = [
    [
      "a mandatory proposal needs its legal deadline when handed in",
      { mandatory: true },
      "submit",
      ["legalDeadline: Lovkravsfrist skal udfyldes, når tiltaget er lovpligtigt."],
    ],
    ["…but not to be saved as a draft", { mandatory: true }, "draft", []],
    [
      "a mandatory proposal with its deadline",
      { mandatory: true, legalDeadline: "2027-01-01T00:00:00Z" },
      "submit",
      [],
    ],
    [
      "a deadline must be a date",
      { legalDeadline: "1. januar" },
      "draft",
      ["legalDeadline: Lovkravsfrist skal være en dato (UTC)."],
    ],
    [
      "a title over 255 characters",
      { title: "x".repeat(256) },
      "draft",
      ["title: Titel må højst være 255 tegn (er 256)."],
    ],
    [
      "an unknown source",
      { source: "Naboen" as IntakeDraft["source"] },
      "draft",
      [
        "source: Kilde skal være en af: KL/KOMBIT, Staten, Anden offentlig myndighed, Nye lovkrav, Modnet teknologi, Fagområdets behov, Borgernes forventninger, Lederforum.",
      ],
    ],
    [
      "a year outside the budget years",
      { money: [{ year: 2031, kind: "Anlæg", amount: 1 }] },
      "draft",
      ["money: Budget 2031 (Anlæg): året skal være et af budgetårene 2026–2029."],
    ],
    [
      "a negative amount",
      { money: [{ year: 2026, kind: "Drift", amount: -5 }] },
      "draft",
      ["money: Budget 2026 (Drift): beløbet må ikke være negativt."],
    ],
    [
      "øre instead of whole kroner",
      { money: [{ year: 2026, kind: "Gevinst", amount: 100.5 }] },
      "draft",
      ["money: Budget 2026 (Gevinst): beløbet skal være et helt antal kroner."],
    ],
    [
      "the same year and kind twice",
      {
        money: [
          { year: 2026, kind: "Drift", amount: 1 },
          { year: 2026, kind: "Drift", amount: 2 },
        ],
      },
      "draft",
      ["money: Budget 2026 (Drift) står mere end én gang."],
    ],
    [
      "an amount not yet filled in",
      { money: [{ year: 2026, kind: "Drift", amount: null }] },
      "submit",
      [],
    ],
    [
      "a competence without hours, when handed in",
      { competences: [{ competence: "Test", hours: null }] },
      "submit",
      ["competences: Kompetence Test: timer skal udfyldes."],
    ],
    ["…which a draft allows", { competences: [{ competence: null, hours: null }] }, "draft", []],
    [
      "zero hours",
      { competences: [{ competence: "Test", hours: 0 }] },
      "draft",
      ["competences: Kompetence Test: timer skal være over 0 og højst 100000."],
    ],
    [
      "the same competence twice",
      {
        competences: [
          { competence: "Test", hours: 10 },
          { competence: "Test", hours: 20 },
        ],
      },
      "draft",
      ["competences: Kompetence »Test« står mere end én gang."],
    ],
    [
      "an initiative both required and excluded",
      { requires: [aRef(5, "ESDH")], excludes: [aRef(5, "ESDH")] },
      "draft",
      ["excludes: Et tiltag kan ikke både være forudsat og udelukket: »ESDH«."],
    ],
  ];
  test.each(cases)("%s", (_name, o, mode, expected) => {
    expect(check(anIntake(o), { mode })).toEqual(expected);
  });

  test("without configured budget years no year is accepted, and the message says why", () => {
    expect(
      check(anIntake({ money: [{ year: 2026, kind: "Anlæg", amount: 1 }] }), { budgetYears: [] }),
    ).toEqual(["money: Budget 2026 (Anlæg): der er ikke sat budgetår op i indstillingerne."]);
  });
});

describe("dependencies across the portfolio", () => {
  const portfolio = [
    { id: iid(2), title: "Fælles login", requires: [iid(3)] },
    { id: iid(3), title: "Ny ESDH", requires: [iid(1)] },
    { id: iid(4), title: "Datavarehus", requires: [] },
  ];

  test("an initiative cannot require or exclude itself", () => {
    const d = anIntake({ requires: [aRef(1, "Mig")], excludes: [aRef(1, "Mig")] });
    expect(check(d, { self: iid(1) }).slice(0, 2)).toEqual([
      "requires: Forudsætter: et tiltag kan ikke forudsætte sig selv.",
      "excludes: Udelukker: et tiltag kan ikke udelukke sig selv.",
    ]);
  });

  test("a ring of requires through other initiatives is found and named", () => {
    const d = anIntake({ title: "Pladsanvisning", requires: [aRef(2, "Fælles login")] });
    expect(check(d, { self: iid(1), portfolio })).toEqual([
      "requires: Forudsætter: afhængighederne danner en ring (»Pladsanvisning« → »Fælles login« → »Ny ESDH« → »Pladsanvisning«).",
    ]);
  });

  test.each([
    ["no ring when the chain ends elsewhere", iid(1), [iid(4)], null],
    ["a new proposal cannot close a ring", null, [iid(2)], null],
    ["a two-step ring", iid(3), [iid(2)], ["Mig", "Fælles login", "Mig"]],
  ] as const)("%s", (_n, self, requires, expected) => {
    const me = self === null ? null : { id: self, title: "Mig" };
    expect(findRequiresCycle(me, requires, portfolio)).toEqual(expected);
  });

  test("a ring in the rest of the portfolio that does not pass through the draft is not its problem", () => {
    const ring = [
      { id: iid(8), title: "A", requires: [iid(9)] },
      { id: iid(9), title: "B", requires: [iid(8)] },
    ];
    expect(findRequiresCycle({ id: iid(1), title: "Mig" }, [iid(8)], ring)).toBeNull();
  });
});

describe("what a valid proposal writes", () => {
  test("the initiative in phase Idé, budget lines per year and kind, and the competences", () => {
    const result = toIntakeWrite(
      anIntake({
        title: "  Digital pladsanvisning ",
        money: [
          { year: 2026, kind: "Anlæg", amount: 400_000 },
          { year: 2027, kind: "Drift", amount: 0 },
          { year: 2028, kind: "Drift", amount: null },
          { year: 2027, kind: "Gevinst", amount: 300_000 },
        ],
        competences: [
          { competence: "It-arkitektur", hours: 120 },
          { competence: "Test", hours: 40 },
        ],
        externalRef: " KOMBIT-17 ",
      }),
      anIntakeContext(),
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const { initiative, budgetLines, competences } = result.value;
    expect(initiative).toMatchObject({
      title: "Digital pladsanvisning",
      phase: "Idé",
      source: "Fagområdets behov",
      externalRef: "KOMBIT-17",
      resourceNeeds: "It-arkitektur: 120 timer\nTest: 40 timer",
      governance: null,
      priority: null,
    });
    expect(budgetLines).toEqual([
      { title: "Anlæg 2026", initiative: null, year: 2026, kind: "Anlæg", amount: 400_000 },
      { title: "Gevinst 2027", initiative: null, year: 2027, kind: "Gevinst", amount: 300_000 },
    ]);
    expect(competences).toHaveLength(2);
  });

  test("an invalid proposal writes nothing and says why", () => {
    const result = toIntakeWrite(anIntake({ need: "" }), anIntakeContext());
    expect(result).toEqual({
      ok: false,
      error: [
        {
          code: "validation.required",
          field: "need",
          params: { label: { code: "fields.initiative.need" } },
        },
      ],
    });
  });

  test("a draft that could be saved is still checked as a submission before it is written", () => {
    const result = toIntakeWrite(
      anEmptyIntake({ title: "Kun en titel" }),
      anIntakeContext({ mode: "draft" }),
    );
    expect(result.ok).toBe(false);
  });

  test("the competences round-trip through the list's text", () => {
    const needs = [
      { competence: "Jura og GDPR" as const, hours: 30 },
      { competence: "Test" as const, hours: 12 },
    ];
    expect(parseCompetenceNeeds(formatCompetenceNeeds(needs))).toEqual(needs);
    expect(parseCompetenceNeeds("ESDH-kendskab og en arkitekt")).toEqual([]);
  });

  test.each([
    ["2026,2027,2028,2029", [2026, 2027, 2028, 2029]],
    ["2028; 2026 2027", [2026, 2027, 2028]],
    ["", []],
    ["1999,abc,2030", [2030]],
  ])("budget years from the setting %j", (value, years) => {
    expect(parseBudgetYears(value)).toEqual(years);
  });
});

describe("saved drafts", () => {
  test("a new proposal starts empty, owned by who proposes it", () => {
    const me = anIntake().owner;
    expect(emptyIntake(me)).toEqual(anEmptyIntake({ owner: me }));
  });

  test("a draft round-trips through its payload", () => {
    const d = anIntake({
      mandatory: true,
      legalDeadline: "2027-01-01T00:00:00Z",
      money: [{ year: 2026, kind: "Anlæg", amount: null }],
      competences: [{ competence: null, hours: 10 }],
      requires: [aRef(4, "Fælles data")],
      externalRef: "KOMBIT-7",
    });
    expect(readIntakePayload(intakePayload(d))).toEqual(d);
  });

  test("an older or hand-edited payload gives what can be read, never a guess", () => {
    const payload = JSON.stringify({
      title: "Gammel kladde",
      source: "Ukendt kilde",
      area: { id: "1", title: "x" },
      owner: "Sara",
      mandatory: "ja",
      money: [{ year: 2026, kind: "Anlæg", amount: "100" }, { year: 2027, kind: "Andet" }, 7],
      competences: [
        { competence: "Test", hours: 5 },
        { competence: "Heksekunst", hours: 1 },
      ],
      requires: [{ id: 3, title: "Tre" }, { id: -1 }, null],
      extra: true,
    });
    expect(readIntakePayload(payload)).toEqual(
      anEmptyIntake({
        title: "Gammel kladde",
        money: [{ year: 2026, kind: "Anlæg", amount: null }],
        competences: [
          { competence: "Test", hours: 5 },
          { competence: null, hours: 1 },
        ],
        requires: [aRef(3, "Tre")],
      }),
    );
  });

  test.each(["", "[1", "[]", "null", '"tekst"'])("%j is not a draft", (payload) => {
    expect(readIntakePayload(payload)).toBeNull();
  });

  test("a draft is listed under its working title, or Uden titel", () => {
    expect(draftName(anIntake({ title: "  Chatbot  " }))).toBe("Chatbot");
    expect(draftName(anEmptyIntake())).toBe("Uden titel");
    expect(draftName(anIntake({ title: "x".repeat(300) }))).toHaveLength(255);
  });
});
