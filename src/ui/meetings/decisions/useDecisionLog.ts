/**
 * The decision log's data: every decision and the open actions (Åben, I gang), read in
 * parallel. Under MEETINGS_QUERY_KEY, so minutes that record decisions refresh it too.
 */
import { useQuery } from "@tanstack/react-query";

import { OPEN_ACTION_STATES } from "../../../domain/meeting-plan.js";
import { useServices } from "../../services.js";
import { MEETINGS_QUERY_KEY } from "../useMeeting.js";

export function useDecisionLog() {
  const { repositories } = useServices();
  return useQuery({
    queryKey: [...MEETINGS_QUERY_KEY, "decision-log"],
    queryFn: async () => {
      const [decisions, actions] = await Promise.all([
        repositories.decisions.list(),
        repositories.actions.list({ where: { state: OPEN_ACTION_STATES } }),
      ]);
      return { decisions, actions };
    },
  });
}
