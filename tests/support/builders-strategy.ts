/** Stored strategy and settings items for the Strategi and Indstillinger tests. */
import type { Person } from "../../src/domain/common.js";
import { idOf, type SettingId, versionOf } from "../../src/domain/ids.js";
import type { SettingValues } from "../../src/domain/settings.js";
import {
  type Barrier,
  type BarrierDraft,
  type Setting,
  SETTING_KEYS,
} from "../../src/domain/strategy.js";
import { aBarrier } from "./builders.js";

const AUDIT = {
  created: "2026-01-01T00:00:00Z",
  modified: "2026-01-01T00:00:00Z",
  createdBy: null as Person | null,
  modifiedBy: null as Person | null,
};

export function aStoredSetting(
  name: keyof typeof SETTING_KEYS,
  value: string,
  o: { id?: number; version?: string } = {},
): Setting {
  return {
    title: name,
    key: SETTING_KEYS[name],
    value,
    description: "",
    id: idOf<SettingId>(o.id ?? 1),
    version: versionOf(o.version ?? '"1"'),
    ...AUDIT,
  };
}

export function aStoredBarrier(o: Partial<BarrierDraft> & { id?: number } = {}): Barrier {
  const { id = 1, ...draft } = o;
  return { ...aBarrier(draft), id: idOf(id), version: versionOf('"1"'), ...AUDIT };
}

/** Valid values for every edited setting. */
export function someSettingValues(o: Partial<SettingValues> = {}): SettingValues {
  return {
    committeeTeamId: "team-1",
    committeeChannelId: "19:abc@thread.tacv2",
    chefforumTeamId: "team-2",
    chefforumChannelId: "19:def@thread.tacv2",
    direktoerforumAddress: "direktoerforum@demokommune.dk",
    minMeetingsPerYear: "4",
    budgetYears: "2026,2027,2028",
    largerProjectThreshold: "1000000",
    sourceSynonyms: "",
    competenceSynonyms: "",
    ...o,
  };
}
