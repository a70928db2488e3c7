/**
 * Indstillinger's data: the stored settings, the user's teams and a team's channels, and the
 * save. A save invalidates every query but who-I-am, since settings feed many pages (budget
 * years in intake, the committee's team in the agenda, the meeting minimum in the plan…): each
 * reads the new values at once, without a reload.
 */
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";

import type { SettingValues } from "../../domain/settings.js";
import {
  listChannels,
  listMyTeams,
  loadSettings,
  saveSettings,
  type SettingsPage,
} from "../../use-cases/settings.js";
import { useServices } from "../services.js";
import { queryKeys } from "./keys.js";
import { useMe } from "./useMe.js";

/** The stored settings; `enabled` false for a role that may not use the page (no request). */
export function useSettings(enabled: boolean) {
  const { repositories } = useServices();
  return useQuery<SettingsPage>({
    queryKey: queryKeys.settings(),
    queryFn: () => loadSettings(repositories),
    enabled,
  });
}

export function useMyTeams(enabled: boolean) {
  const { teams } = useServices();
  return useQuery({
    queryKey: queryKeys.myTeams(),
    queryFn: () => (teams ? listMyTeams(teams) : Promise.resolve([])),
    enabled,
    staleTime: 5 * 60_000,
  });
}

export function useTeamChannels(teamId: string, enabled: boolean) {
  const { teams } = useServices();
  return useQuery({
    queryKey: queryKeys.teamChannels(teamId),
    queryFn: () => (teams ? listChannels(teams, teamId) : Promise.resolve([])),
    enabled: enabled && teamId !== "",
    staleTime: 5 * 60_000,
  });
}

export function useSaveSettings() {
  const { repositories } = useServices();
  const me = useMe();
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { read: SettingsPage; edited: Partial<SettingValues> }) =>
      saveSettings(repositories, me.data ?? { roles: [] }, input.read, input.edited),
    onSettled: () =>
      client.invalidateQueries({ predicate: (q) => q.queryKey[0] !== queryKeys.me("")[0] }),
  });
}
