/**
 * Indstillinger's rules: each value checked by its key's rule with a code naming the setting,
 * team and channel set together, values stored normalized, only changed values written (each
 * at the version read), and only owners and the secretariat may edit.
 */
import type { Role } from "../../src/domain/roles.js";
import {
  checkSettings,
  checkSettingValue,
  type EditedSetting,
  encodeSynonyms,
  mayEditSettings,
  normalizeSetting,
  parseSynonyms,
  settingValues,
  settingWrites,
  synonymsFromText,
} from "../../src/domain/settings.js";
import { aStoredSetting, someSettingValues } from "../support/builders-strategy.js";

describe("a setting's value", () => {
  const cases: [string, EditedSetting, string, string | null][] = [
    ["a plain address is accepted", "direktoerforumAddress", "df@kommune.dk", null],
    [
      "an address without @ is refused",
      "direktoerforumAddress",
      "df.kommune.dk",
      "settings.problem.badAddress",
    ],
    ["no address is allowed", "direktoerforumAddress", "", null],
    ["4 meetings a year is accepted", "minMeetingsPerYear", "4", null],
    ["0 meetings a year is refused", "minMeetingsPerYear", "0", "settings.problem.outOfRange"],
    ["53 meetings a year is refused", "minMeetingsPerYear", "53", "settings.problem.outOfRange"],
    [
      "a fraction of a meeting is refused",
      "minMeetingsPerYear",
      "2.5x",
      "settings.problem.outOfRange",
    ],
    ["a threshold with thousands dots is accepted", "largerProjectThreshold", "1.000.000", null],
    [
      "a negative threshold is refused",
      "largerProjectThreshold",
      "-5",
      "settings.problem.badAmount",
    ],
    [
      "a threshold over a billion is refused",
      "largerProjectThreshold",
      "99999999999999",
      "settings.problem.badAmount",
    ],
    ["consecutive budget years are accepted", "budgetYears", "2027, 2026 2028", null],
    ["no budget years are refused", "budgetYears", "", "settings.problem.noBudgetYears"],
    ["a two-digit year is refused", "budgetYears", "2026,27", "settings.problem.badYear"],
    ["a year given twice is refused", "budgetYears", "2026,2026", "settings.problem.yearTwice"],
    ["years with a gap are refused", "budgetYears", "2026,2028", "settings.problem.yearsGap"],
    [
      "eleven years are refused",
      "budgetYears",
      "2026,2027,2028,2029,2030,2031,2032,2033,2034,2035,2036",
      "settings.problem.tooManyYears",
    ],
    [
      "a channel id with spaces is refused",
      "chefforumChannelId",
      "19:a b",
      "settings.problem.badId",
    ],
    [
      "synonyms of known sources are accepted",
      "sourceSynonyms",
      '{"Nye lovkrav":["Lovkrav"]}',
      null,
    ],
    [
      "synonyms that are not JSON are refused",
      "sourceSynonyms",
      "Lovkrav",
      "settings.problem.synonymsUnreadable",
    ],
    [
      "synonyms of an unknown source are refused",
      "sourceSynonyms",
      '{"Vejret":["Regn"]}',
      "settings.problem.unknownChoice",
    ],
    [
      "one synonym for two sources is refused",
      "sourceSynonyms",
      '{"Staten":["Stat"],"KL/KOMBIT":["stat"]}',
      "settings.problem.synonymTwice",
    ],
    [
      "a synonym equal to another source is refused",
      "sourceSynonyms",
      '{"Staten":["Lederforum"]}',
      "settings.problem.synonymIsValue",
    ],
    [
      "a synonym over 100 characters is refused",
      "competenceSynonyms",
      JSON.stringify({ Test: ["x".repeat(101)] }),
      "settings.problem.synonymTooLong",
    ],
  ];
  it.each(cases)("%s", (_name, setting, value, code) => {
    const problems = checkSettingValue(setting, value);
    if (code === null) {
      expect(problems).toEqual([]);
    } else {
      expect(problems).toEqual([expect.objectContaining({ code, field: setting })]);
    }
  });
});

describe("team and channel", () => {
  it.each([
    [
      "a team without a channel names the channel",
      { chefforumChannelId: "" },
      "settings.problem.needChannel",
      "chefforumChannelId",
    ],
    [
      "a channel without a team names the team",
      { committeeTeamId: "" },
      "settings.problem.needTeam",
      "committeeTeamId",
    ],
  ] as const)("%s", (_name, values, code, field) => {
    expect(checkSettings(someSettingValues(values))).toEqual([
      expect.objectContaining({ code, field }),
    ]);
  });

  it("accepts complete values", () => {
    expect(checkSettings(someSettingValues())).toEqual([]);
  });
});

describe("normalizing", () => {
  it.each([
    ["budgetYears", " 2028, 2026;2027 ", "2026,2027,2028"],
    ["largerProjectThreshold", "1.500.000", "1500000"],
    ["minMeetingsPerYear", " 6 ", "6"],
    ["direktoerforumAddress", " df@k.dk ", "df@k.dk"],
    ["sourceSynonyms", '{"Staten":[" Stat ",""]}', '{"Staten":["Stat"]}'],
  ] as const)("%s %j is stored as %j", (name, value, stored) => {
    expect(normalizeSetting(name, value)).toBe(stored);
  });

  it("reads synonyms back as they were encoded, typed as a comma list", () => {
    const encoded = encodeSynonyms({ Staten: synonymsFromText("Stat, Ministeriet;  ") });
    expect(parseSynonyms(encoded)).toEqual({ Staten: ["Stat", "Ministeriet"] });
  });

  it("reads unreadable synonyms as none", () => {
    expect(parseSynonyms("{not json")).toEqual({});
  });
});

describe("the writes of a save", () => {
  const stored = [
    aStoredSetting("chefforumChannelId", "19:old@thread.tacv2", { id: 4, version: '"7"' }),
    aStoredSetting("minMeetingsPerYear", "4", { id: 5 }),
  ];

  it("updates a changed value at the version it was read at", () => {
    const writes = settingWrites(settingValues(stored), {
      chefforumChannelId: "19:new@thread.tacv2",
    });
    expect(writes).toEqual([
      expect.objectContaining({
        kind: "update",
        name: "chefforumChannelId",
        setting: expect.objectContaining({
          id: 4,
          version: '"7"',
          value: "19:new@thread.tacv2",
        }) as unknown,
      }),
    ]);
  });

  it("writes nothing for a value that only differs before normalizing", () => {
    expect(settingWrites(settingValues(stored), { minMeetingsPerYear: " 4 " })).toEqual([]);
  });

  it("adds a key not stored yet, under its key", () => {
    const writes = settingWrites(settingValues(stored), { largerProjectThreshold: "2.000.000" });
    expect(writes).toEqual([
      expect.objectContaining({
        kind: "add",
        draft: expect.objectContaining({
          key: "chefforum.largerProjectThreshold",
          value: "2000000",
        }) as unknown,
      }),
    ]);
  });
});

describe("who may edit settings", () => {
  it.each([
    [["owner"], true],
    [["secretary"], true],
    [["chair"], false],
    [["member"], false],
    [["contributor"], false],
    [[], false],
  ] as [Role[], boolean][])("roles %j: %s", (roles, allowed) => {
    expect(mayEditSettings({ roles })).toBe(allowed);
  });
});
