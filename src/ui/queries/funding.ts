/** Finansiering's data: one hook per use-case. */
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";

import type { FrameEdit } from "../../domain/funding-frames.js";
import type { ProposalDocument } from "../../ports/files.js";
import { loadFundingPage, saveFrame } from "../../use-cases/funding.js";
import { listProposals } from "../../use-cases/funding-proposals.js";
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

export function useProposals() {
  const { repositories } = useServices();
  return useQuery({
    queryKey: queryKeys.fundingProposals(),
    queryFn: () => listProposals(repositories),
  });
}

/** Writes a proposal's Word document and hands it to the browser as a download. */
export function useProposalDocument() {
  const { documents } = useServices();
  return useMutation({
    mutationFn: async (r: { doc: ProposalDocument; fileName: string }) => {
      if (!documents) throw new Error("No document writer");
      const bytes = await documents.writeProposalDocument(r.doc);
      const url = URL.createObjectURL(
        new Blob([bytes], {
          type: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        }),
      );
      const a = document.createElement("a");
      a.href = url;
      a.download = r.fileName;
      a.click();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    },
  });
}
