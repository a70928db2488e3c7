/**
 * Indstillinger's form state: values kept as typed, a new team clears the old team's channel,
 * and synonyms typed per choice become the stored JSON only when saved.
 */
import { parseSynonyms } from "../../src/domain/settings.js";
import { formStateOf, settingsFormReducer, valuesOf } from "../../src/ui/settings/form-state.js";
import { someSettingValues } from "../support/builders-strategy.js";

describe("the settings form", () => {
  const start = formStateOf(
    someSettingValues({ sourceSynonyms: JSON.stringify({ Staten: ["Stat", "Ministerie"] }) }),
  );

  it("shows stored synonyms as a comma list per choice", () => {
    expect(start.synonyms.sourceSynonyms.Staten).toBe("Stat, Ministerie");
    expect(start.synonyms.sourceSynonyms["Nye lovkrav"]).toBe("");
  });

  it.each([
    ["a new team clears its channel", "team-9", ""],
    ["the same team keeps its channel", "team-2", "19:def@thread.tacv2"],
  ])("%s", (_name, team, channel) => {
    const next = settingsFormReducer(start, { kind: "team", name: "chefforumTeamId", value: team });
    expect(next.values.chefforumChannelId).toBe(channel);
  });

  it("keeps a synonym text as typed and saves it as JSON", () => {
    const typed = settingsFormReducer(start, {
      kind: "synonyms",
      vocabulary: "sourceSynonyms",
      choice: "Nye lovkrav",
      text: "Lovkrav, ",
    });
    expect(typed.synonyms.sourceSynonyms["Nye lovkrav"]).toBe("Lovkrav, ");
    expect(parseSynonyms(valuesOf(typed).sourceSynonyms)).toEqual({
      Staten: ["Stat", "Ministerie"],
      "Nye lovkrav": ["Lovkrav"],
    });
  });

  it("hands back the typed values unchanged", () => {
    const next = settingsFormReducer(start, {
      kind: "set",
      name: "minMeetingsPerYear",
      value: "6",
    });
    expect(valuesOf(next)).toEqual(
      expect.objectContaining({ minMeetingsPerYear: "6", budgetYears: "2026,2027,2028" }),
    );
  });
});
