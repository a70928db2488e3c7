/**
 * Kriterier og vægte with fake ports (in-memory repositories): the secretary keeps the criteria
 * (an eighth active one refused in Danish), a member compares pairs with radio groups and
 * labelled selects naming both criteria (one Comparison per pair), an inconsistent member is
 * warned with the most deviating comparison and can take the suggested value, who sees whose
 * weights, and the chair approves the committee's weights at a meeting.
 */
import v8 from "node:v8";

import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import axe from "axe-core";

import type { Person } from "../../src/domain/common.js";
import { StoreError } from "../../src/domain/errors.js";
import { type CriterionId, idOf, type PersonId, type WeightSetId } from "../../src/domain/ids.js";
import { comparisonKey } from "../../src/domain/prioritization.js";
import type { Me } from "../../src/domain/roles.js";
import type { Repositories } from "../../src/ports/repositories.js";
import CriteriaView from "../../src/ui/prioritization/criteria/CriteriaView.js";
import type { AppServices } from "../../src/ui/services.js";
import { aCriterion, aMeeting, aRef } from "../support/builders.js";
import { judgementsFromMatrix } from "../support/builders-ahp.js";
import { chair, me, member, secretary } from "../support/builders-lifecycle.js";
import { memoryRepositories } from "../support/memory-repositories.js";
import { renderWithProviders, withLayout } from "./support.js";

// jsdom has no layout: the tables (virtualised) need a size to render their rows.
withLayout({ width: 1600, height: 800 });

// jsdom's window has no structuredClone (Node has); the in-memory repositories copy with it.
globalThis.structuredClone ??= <T,>(value: T): T => {
  const copy: unknown = v8.deserialize(v8.serialize(value));
  return copy as T;
};

const NOW = new Date("2026-03-10T09:30:00Z");
const NAMES = ["Borgernytte", "Økonomi", "Risiko", "Strategi"];
/** Wikipedia's leader example: weights .547, .127, .270, .056 and CR .044. */
const LEADER = [
  [1, 4, 3, 7],
  [1 / 4, 1, 1 / 3, 3],
  [1 / 3, 3, 1, 5],
  [1 / 7, 1 / 3, 1 / 5, 1],
];
/** Consistent with 8:4:2:1 but for Borgernytte–Strategi, judged 1/8 instead of 8. */
const ONE_OFF = [
  [1, 2, 4, 1 / 8],
  [1 / 2, 1, 2, 4],
  [1 / 4, 1 / 2, 1, 2],
  [8, 1 / 4, 1 / 2, 1],
];
const lise: Person = { id: idOf<PersonId>(5), name: "Lise Bech", email: "lise@x.dk" };

function renderView(who: Me, repositories: Repositories) {
  const unused = new Proxy(
    {},
    {
      get: (_t, prop) => {
        throw new Error(`not faked: ${String(prop)}`);
      },
    },
  );
  const services = {
    currentUser: { me: () => Promise.resolve(who) },
    repositories,
    clock: { now: () => NOW },
    mailer: unused,
    // The site groups: a comparison counts when its author is in Medlemmer or Formand.
    people: {
      ensure: () => Promise.reject(new StoreError("NotFound", "unused")),
      groupMembers: (title: string) =>
        Promise.resolve(
          title === "Medlemmer" ? [member, lise] : title === "Formand" ? [chair] : [],
        ),
    },
    calendar: unused,
    channel: unused,
    directory: unused,
    files: unused,
  } as unknown as AppServices;
  return renderWithProviders(<CriteriaView id={null} />, { services });
}

/** Criteria 1..n, an open weight set (id 1), and members' judgements as stored Comparisons. */
function data(who: Me, n: number, judged: { voter: Person; rows: number[][] }[] = []) {
  const { memory, repositories } = memoryRepositories(() => who.person);
  memory.criteria.seed(
    ...NAMES.slice(0, n).map((title, i) => ({
      ...aCriterion({ title, description: `${title} for kommunen`, sortOrder: i + 1 }),
    })),
  );
  memory.weightSets.seed({
    title: "Vægte 2027",
    weights: [],
    consistencyRatio: null,
    state: "Til sammenligning",
    approvedAt: null,
    meeting: null,
  });
  for (const { voter, rows } of judged) {
    memory.comparisons.seed(
      ...judgementsFromMatrix(rows).map((j) => ({
        title: `${j.a} / ${j.b}`,
        weightSet: aRef<WeightSetId>(1),
        criterionA: aRef<CriterionId>(j.a, NAMES[j.a - 1]),
        criterionB: aRef<CriterionId>(j.b, NAMES[j.b - 1]),
        value: j.value,
        comparisonKey: comparisonKey(idOf(1), j.a, j.b, voter.id),
        createdBy: voter,
        modifiedBy: voter,
      })),
    );
  }
  return { memory, repositories };
}

function pairGroup(a: string, b: string) {
  return within(screen.getByRole("radiogroup", { name: `Hvad er vigtigst: ${a} eller ${b}?` }));
}

function judge(a: string, b: string, side: string, intensity?: number) {
  fireEvent.click(pairGroup(a, b).getByRole("radio", { name: side }));
  if (intensity !== undefined) {
    const more = side === a ? a : b;
    const less = side === a ? b : a;
    fireEvent.change(
      screen.getByRole("combobox", { name: `Hvor meget vigtigere er ${more} end ${less}?` }),
      { target: { value: String(intensity) } },
    );
  }
}

function weightsTable() {
  return within(screen.getByRole("table", { name: /Vægte pr. kriterium/ }));
}

describe("criteria", () => {
  test("the secretary adds a criterion with level definitions; an eighth active one is refused in Danish", async () => {
    const { memory, repositories } = data(me(secretary, "secretary"), 0);
    memory.criteria.seed(
      ...Array.from({ length: 7 }, (_, i) => aCriterion({ title: `K${i + 1}`, sortOrder: i })),
    );
    renderView(me(secretary, "secretary"), repositories);
    expect(await screen.findByText("7 aktive kriterier af højst 7.")).toBeTruthy();

    fireEvent.click(screen.getByRole("button", { name: "Tilføj kriterium" }));
    const form = within(screen.getByRole("form", { name: "Nyt kriterium" }));
    fireEvent.change(form.getByRole("textbox", { name: /^Kriterium/ }), {
      target: { value: "Klima" },
    });
    fireEvent.change(form.getByRole("textbox", { name: "Hvad betyder niveauet »Ekstrem«?" }), {
      target: { value: "Halverer udledningen" },
    });
    fireEvent.click(form.getByRole("button", { name: "Gem kriterium" }));
    expect(
      await screen.findByText(
        "Der må højst være 7 aktive kriterier. Gør et andet kriterium inaktivt først.",
      ),
    ).toBeTruthy();
    expect(memory.criteria.all()).toHaveLength(7);

    // Saved inactive instead, it is listed with its level definition.
    fireEvent.click(form.getByRole("checkbox", { name: /Aktivt/ }));
    fireEvent.click(form.getByRole("button", { name: "Gem kriterium" }));
    const heading = await screen.findByRole("heading", { name: "Klima", level: 3 });
    const item = within(heading.closest("li")!);
    expect(item.getByText("Inaktivt")).toBeTruthy();
    expect(item.getByText("Halverer udledningen")).toBeTruthy();
    expect(memory.criteria.all().find((c) => c.title === "Klima")).toEqual(
      expect.objectContaining({
        active: false,
        levels: expect.objectContaining({ extreme: "Halverer udledningen" }) as unknown,
      }),
    );
  });

  test("a member sees the criteria but cannot edit them", async () => {
    const { repositories } = data(me(member, "member"), 3);
    renderView(me(member, "member"), repositories);
    expect(await screen.findByRole("heading", { name: "Risiko", level: 3 })).toBeTruthy();
    expect(screen.queryByRole("button", { name: /Redigér/ })).toBeNull();
    expect(screen.queryByRole("button", { name: "Tilføj kriterium" })).toBeNull();
  });
});

describe("opening a comparison and editing criteria", () => {
  test("the secretary deactivates a criterion and opens a comparison; the page has no axe violations", async () => {
    const who = me(secretary, "secretary");
    const { memory, repositories } = memoryRepositories(() => who.person);
    memory.criteria.seed(
      aCriterion({
        title: "Borgernytte",
        levels: { none: "Ingen", low: "Få", moderate: "Nogle", strong: "Mange", extreme: "Alle" },
        sortOrder: 1,
      }),
      aCriterion({ title: "Økonomi", sortOrder: 2 }),
    );
    const { container } = renderView(who, repositories);
    expect(await screen.findByText(/Der er ingen åben sammenligning/)).toBeTruthy();
    expect(screen.queryByRole("radiogroup")).toBeNull();

    const result = await axe.run(container, { rules: { "color-contrast": { enabled: false } } });
    expect(
      result.violations
        .filter((v) => v.impact === "serious" || v.impact === "critical")
        .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`),
    ).toEqual([]);

    fireEvent.click(screen.getByRole("button", { name: "Redigér Økonomi" }));
    const form = within(screen.getByRole("form", { name: "Redigér kriterium" }));
    fireEvent.click(form.getByRole("checkbox", { name: /Aktivt/ }));
    fireEvent.click(form.getByRole("button", { name: "Gem kriterium" }));
    expect(await screen.findByText("1 aktivt kriterium af højst 7.")).toBeTruthy();
    expect(memory.criteria.all().find((c) => c.title === "Økonomi")?.active).toBe(false);

    fireEvent.change(screen.getByRole("textbox", { name: /Navn på vægtsættet/ }), {
      target: { value: "Vægte 2027" },
    });
    fireEvent.click(screen.getByRole("button", { name: "Åbn sammenligning" }));
    expect(await screen.findByRole("heading", { name: "Sammenligning: Vægte 2027" })).toBeTruthy();
    // The secretary keeps the process but does not judge.
    expect(screen.getByText(/Kun udvalgets medlemmer og formanden sammenligner/)).toBeTruthy();
    expect(memory.weightSets.all()).toEqual([
      expect.objectContaining({ title: "Vægte 2027", state: "Til sammenligning" }),
    ]);
  });
});

describe("a member's comparisons", () => {
  test("judging every pair stores one Comparison each and shows the member's weights and CR", async () => {
    const who = me(member, "member");
    const { memory, repositories } = data(who, 3);
    renderView(who, repositories);
    await screen.findByRole("heading", { name: "Mine sammenligninger: Vægte 2027" });
    expect(screen.getByText("0 af 3 par vurderet")).toBeTruthy();
    // The intensity is disabled until a side is chosen.
    expect(
      (
        screen.getAllByRole("combobox", {
          name: /vælg først det vigtigste af Borgernytte og Økonomi/,
        })[0] as HTMLSelectElement
      ).disabled,
    ).toBe(true);

    judge("Borgernytte", "Økonomi", "Borgernytte", 3);
    judge("Borgernytte", "Risiko", "Borgernytte", 6);
    judge("Økonomi", "Risiko", "Økonomi", 2);
    expect(screen.getByText("3 af 3 par vurderet")).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: "Gem mine sammenligninger" }));
    expect(await screen.findByText("3 sammenligninger er gemt.")).toBeTruthy();

    expect(
      memory.comparisons
        .all()
        .map((c) => [c.criterionA?.id, c.criterionB?.id, c.value, c.comparisonKey]),
    ).toEqual([
      [1, 2, 3, `1:1:2:${member.id}`],
      [1, 3, 6, `1:1:3:${member.id}`],
      [2, 3, 2, `1:2:3:${member.id}`],
    ]);
    // 6:2:1 is consistent: weights 66.7 %, 22.2 %, 11.1 %, CR 0.
    const table = weightsTable();
    await waitFor(() => expect(table.getAllByText("66,7 %")).toHaveLength(2));
    expect(table.getByRole("columnheader", { name: "Dig (Jonas Lind)" })).toBeTruthy();
    expect(table.getAllByText("0 (accepteret)")).toHaveLength(2);
    expect(
      screen.getByText("Udvalgets vægte er beregnet ud fra 1 medlem, der har vurderet alle par."),
    ).toBeTruthy();

    // Changing one judgement updates that Comparison rather than adding one.
    judge("Borgernytte", "Økonomi", "Lige vigtige");
    fireEvent.click(screen.getByRole("button", { name: "Gem mine sammenligninger" }));
    expect(await screen.findByText("1 sammenligning er gemt.")).toBeTruthy();
    expect(memory.comparisons.all()).toHaveLength(3);
    expect(memory.comparisons.all()[0]?.value).toBe(1);
  });

  test("a refused save is shown with the store's reason and can be saved again", async () => {
    const who = me(member, "member");
    const { memory, repositories } = data(who, 2);
    memory.comparisons.failNext("add", new StoreError("Throttled", "429", { retryAfter: 0 }));
    renderView(who, repositories);
    await screen.findByRole("heading", { name: "Mine sammenligninger: Vægte 2027" });
    judge("Borgernytte", "Økonomi", "Økonomi", 7);
    fireEvent.click(screen.getByRole("button", { name: "Gem mine sammenligninger" }));
    expect(await screen.findByText("Sammenligningerne kunne ikke gemmes")).toBeTruthy();
    expect(memory.comparisons.all()).toEqual([]);
    // The judgement is kept in the form; saving again stores it.
    fireEvent.click(screen.getByRole("button", { name: "Gem mine sammenligninger" }));
    expect(await screen.findByText("1 sammenligning er gemt.")).toBeTruthy();
    expect(memory.comparisons.all().map((c) => c.value)).toEqual([-7]);
  });

  test("an inconsistent member is warned with the most deviating comparison and can use the suggestion", async () => {
    const who = me(member, "member");
    const { memory, repositories } = data(who, 4, [{ voter: member, rows: ONE_OFF }]);
    renderView(who, repositories);
    const warning = await screen.findByTestId("cr-warning");
    expect(warning.textContent).toContain(
      "Dine vurderinger hænger ikke godt sammen (konsistensforhold 1,013, over 0,10)",
    );
    expect(warning.textContent).toContain(
      "du har vurderet, at Strategi er meget stærkt til ekstremt vigtigere end Borgernytte (8)",
    );
    expect(warning.textContent).toContain(
      "Det ville passe bedre, at Strategi er lidt vigtigere end Borgernytte (2)",
    );
    expect(weightsTable().getAllByText("1,013 (for højt, over 0,10)")).toHaveLength(2);

    fireEvent.click(within(warning).getByRole("button", { name: "Brug forslaget" }));
    const select = screen.getByRole<HTMLSelectElement>("combobox", {
      name: "Hvor meget vigtigere er Strategi end Borgernytte?",
    });
    expect(select.value).toBe("2");
    expect(
      pairGroup("Borgernytte", "Strategi").getByRole<HTMLInputElement>("radio", {
        name: "Strategi",
      }).checked,
    ).toBe(true);
    fireEvent.click(screen.getByRole("button", { name: "Gem mine sammenligninger" }));
    expect(await screen.findByText("1 sammenligning er gemt.")).toBeTruthy();
    const stored = memory.comparisons
      .all()
      .find((c) => c.criterionA?.id === 1 && c.criterionB?.id === 4);
    expect(stored?.value).toBe(-2);
  });

  test("a member sees their own weights and the committee's, not another member's", async () => {
    const who = me(member, "member");
    const { repositories } = data(who, 4, [
      { voter: member, rows: LEADER },
      { voter: lise, rows: ONE_OFF },
    ]);
    renderView(who, repositories);
    const table = await screen.findByRole("table", { name: /Vægte pr. kriterium/ });
    const headers = within(table)
      .getAllByRole("columnheader")
      .map((h) => h.textContent);
    expect(headers).toEqual(["Kriterium", "Udvalget", "Dig (Jonas Lind)"]);
    expect(screen.getByText(/beregnet ud fra 2 medlemmer/)).toBeTruthy();
    expect(within(table).getByText("54,8 %")).toBeTruthy();
  });
});

describe("the chair", () => {
  test("sees every member's weights and approves the committee's at a meeting", async () => {
    const who = me(chair, "chair");
    const { memory, repositories } = data(who, 4, [
      { voter: member, rows: LEADER },
      { voter: lise, rows: LEADER },
    ]);
    memory.meetings.seed(
      { ...aMeeting({ title: "Styregruppemøde marts", start: "2026-03-10T08:00:00Z" }) },
      { ...aMeeting({ title: "Styregruppemøde april", start: "2026-04-14T08:00:00Z" }) },
    );
    const { container } = renderView(who, repositories);
    const table = await screen.findByRole("table", { name: /Vægte pr. kriterium/ });
    expect(
      within(table)
        .getAllByRole("columnheader")
        .map((h) => h.textContent),
    ).toEqual(["Kriterium", "Udvalget", "Jonas Lind", "Lise Bech"]);
    // The chair judges too (no judgements of their own yet).
    expect(screen.getByText("0 af 6 par vurderet")).toBeTruthy();

    const result = await axe.run(container, { rules: { "color-contrast": { enabled: false } } });
    expect(
      result.violations
        .filter((v) => v.impact === "serious" || v.impact === "critical")
        .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`),
    ).toEqual([]);

    const approve = screen.getByRole("button", { name: "Godkend udvalgets vægte" });
    expect((approve as HTMLButtonElement).disabled).toBe(true);
    fireEvent.change(screen.getByRole("combobox", { name: /Møde, hvor vægtene godkendes/ }), {
      target: { value: "1" },
    });
    fireEvent.click(approve);
    expect(await screen.findByText("Vægtene er godkendt.")).toBeTruthy();
    const heading = await screen.findByRole("heading", { name: "Godkendte vægte: Vægte 2027" });
    const section = within(heading.closest("section")!);
    expect(
      section.getByText(/Godkendt 10\. marts 2026 på mødet Styregruppemøde marts/),
    ).toBeTruthy();
    expect(section.getByText("Borgernytte: 54,8 %")).toBeTruthy();

    const stored = memory.weightSets.all()[0]!;
    expect(stored).toEqual(
      expect.objectContaining({
        state: "Godkendt",
        approvedAt: "2026-03-10T09:30:00.000Z",
        meeting: { id: 1, title: "Styregruppemøde marts" },
      }),
    );
    expect(stored.consistencyRatio).toBeCloseTo(0.044, 2);
    expect(stored.weights.map((w) => w.criterion)).toEqual([1, 2, 3, 4]);
  });
});

describe("comparisons that are not counted", () => {
  /** Lise's judgements written under Jonas' id: hers, not his, and not counted. */
  function underJonasId(who: Me) {
    const { memory, repositories } = data(who, 4, [{ voter: member, rows: LEADER }]);
    const forged = judgementsFromMatrix(ONE_OFF).map((j) => ({
      title: `${j.a} / ${j.b}`,
      weightSet: aRef<WeightSetId>(1),
      criterionA: aRef<CriterionId>(j.a, NAMES[j.a - 1]),
      criterionB: aRef<CriterionId>(j.b, NAMES[j.b - 1]),
      value: j.value,
      comparisonKey: comparisonKey(idOf(1), j.a, j.b, member.id),
      createdBy: lise,
      modifiedBy: lise,
    }));
    memory.comparisons.seed(...forged);
    return { repositories };
  }

  test("the secretary sees each one, who wrote it and whose id it was written under", async () => {
    const who = me(secretary, "secretary");
    renderView(who, underJonasId(who).repositories);
    const list = await screen.findByRole("list", { name: "Sammenligninger, der ikke tælles med" });
    const items = within(list).getAllByRole("listitem");
    expect(items).toHaveLength(6);
    expect(items[0]!.textContent).toMatch(
      /^Sammenligning \d+ fra Lise Bech er skrevet under en anden stemmeafgivers id \(Jonas Lind\)/,
    );
    // Only Jonas' own judgements make the committee's weights.
    expect(screen.getByText(/beregnet ud fra 1 medlem/)).toBeTruthy();
  });

  test("a member does not see the list, and their own judgements stand", async () => {
    const who = me(member, "member");
    renderView(who, underJonasId(who).repositories);
    await screen.findByRole("table", { name: /Vægte pr. kriterium/ });
    expect(screen.queryByRole("list", { name: "Sammenligninger, der ikke tælles med" })).toBeNull();
    expect(screen.getByText("6 af 6 par vurderet")).toBeTruthy();
  });
});
