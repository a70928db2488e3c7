/** Finansiering's data: one hook per use-case. */
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";

import type { FrameEdit } from "../../domain/funding-frames.js";
import { loadFundingPage, saveFrame } from "../../use-cases/funding.js";
import { useServices } from "../services.js";
import { queryKeys } from "./keys.js";

export function useFundingPage() {
  const { currentUser, repositories, people } = useServices();
  return useQuery({
    queryKey: queryKeys.funding(),
    queryFn: () => loadFundingPage({ currentUser, repositories, people }),
  });
}

/** Sets a frame (an Outcome: refused with a problem naming the field). */
export function useSaveFrame() {
  const { currentUser, repositories, people } = useServices();
  const client = useQueryClient();
  return useMutation({
    mutationFn: (edit: FrameEdit) => saveFrame({ currentUser, repositories, people }, edit),
    onSettled: async () => {
      await Promise.all([
        client.invalidateQueries({ queryKey: queryKeys.funding() }),
        // The optimizer reads the frames.
        client.invalidateQueries({ queryKey: queryKeys.scenarios() }),
      ]);
    },
  });
}
