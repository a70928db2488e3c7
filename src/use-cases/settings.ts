/**
 * Indstillinger: read the committee's settings, and save changed values — each checked by its
 * key's rule, each written with the version it was read at (SharePoint's ETag), so a value
 * someone changed meanwhile is refused and the refusal names who changed it (Editor, the
 * server's record of the last writer), never overwritten.
 */
import { isStoreError } from "../domain/errors.js";
import type { Problem } from "../domain/problems.js";
import { problem } from "../domain/problems.js";
import type { Me } from "../domain/roles.js";
import {
  checkSettings,
  EDITED_SETTINGS,
  type EditedSetting,
  mayEditSettings,
  type SettingValues,
  settingValues,
  settingWrites,
} from "../domain/settings.js";
import type { Setting } from "../domain/strategy.js";
import type { Repositories } from "../ports/repositories.js";
import type { ChannelSummary, TeamsCatalog, TeamSummary } from "../ports/teams.js";

export interface SettingsPage {
  values: SettingValues;
  items: Partial<Record<EditedSetting, Setting>>;
}

/** Every setting the page edits, as stored (a key without an item reads as ""). */
export async function loadSettings(repositories: Repositories): Promise<SettingsPage> {
  return settingValues(await repositories.settings.list());
}

export type SaveSettingsResult =
  | { ok: true; written: EditedSetting[] }
  /** Nothing or only part was written: `written` says what was. */
  | { ok: false; problems: Problem[]; written: EditedSetting[] };

/**
 * Saves the values that changed. Refused as a whole when the user may not edit settings or a
 * value breaks its rule; otherwise each changed value is written on its own, and a value
 * changed by someone else since it was read is refused with `settings.problem.conflict`
 * naming them (the others are still written).
 */
export async function saveSettings(
  repositories: Repositories,
  me: Pick<Me, "roles">,
  read: SettingsPage,
  edited: Partial<SettingValues>,
): Promise<SaveSettingsResult> {
  if (!mayEditSettings(me)) {
    return { ok: false, problems: [problem("settings.problem.notAllowed")], written: [] };
  }
  const merged = { ...read.values };
  for (const name of EDITED_SETTINGS) {
    const v = edited[name];
    if (v !== undefined) merged[name] = v;
  }
  const problems = checkSettings(merged);
  if (problems.length > 0) return { ok: false, problems, written: [] };

  const written: EditedSetting[] = [];
  const refused: Problem[] = [];
  for (const w of settingWrites(read, edited)) {
    try {
      if (w.kind === "update") await repositories.settings.update(w.setting);
      else await repositories.settings.add(w.draft);
      written.push(w.name);
    } catch (e) {
      if (!isStoreError(e, "Conflict") || w.kind !== "update") throw e;
      const now = await repositories.settings.get(w.setting.id).catch(() => null);
      const by = now?.modifiedBy?.name;
      refused.push(
        by
          ? problem("settings.problem.conflict", { by }, w.name)
          : problem("settings.problem.conflictUnknown", {}, w.name),
      );
    }
  }
  return refused.length > 0 ? { ok: false, problems: refused, written } : { ok: true, written };
}

/** The teams the user can pick from (the teams they are a member of). */
export function listMyTeams(teams: TeamsCatalog): Promise<TeamSummary[]> {
  return teams.joinedTeams();
}

/** A team's channels; none for no team. */
export function listChannels(teams: TeamsCatalog, teamId: string): Promise<ChannelSummary[]> {
  return teamId ? teams.channels(teamId) : Promise.resolve([]);
}
