/**
 * Gevinster's data: one hook per use-case (src/use-cases/benefits.ts), keys from keys.ts. Every
 * query is under `queryKeys.benefits()`, so a saved benefit or measurement reads the register,
 * the due list, the charts and the initiative's section again (and the initiative's page, whose
 * gates count benefits).
 */
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";

import type { BenefitDraft, BenefitMeasurementDraft } from "../../domain/benefits.js";
import type { Benefit } from "../../domain/benefits.js";
import type { BenefitModel } from "../../domain/benefits-model.js";
import type { BenefitId, InitiativeId } from "../../domain/ids.js";
import type { Language } from "../../domain/language.js";
import {
  approveModel,
  type BenefitReminderRequest,
  type BenefitRow,
  exportBenefits,
  loadBenefitsPage,
  recordMeasurement,
  saveBenefit,
  sendBenefitReminders,
} from "../../use-cases/benefits.js";
import { useServices } from "../services.js";
import { queryKeys } from "./keys.js";

function usePorts() {
  const { repositories, currentUser, people, clock, mailer, files } = useServices();
  return { repositories, currentUser, people, clock, mailer, files };
}

/** The app's clock (a measurement's default date is today). */
export function useBenefitClock() {
  return useServices().clock;
}

/** The register, due measurements, models and charts' figures (or one initiative's part). */
export function useBenefitsPage(initiative?: InitiativeId) {
  const ports = usePorts();
  return useQuery({
    queryKey: queryKeys.benefitsOf(initiative ?? null),
    queryFn: () => loadBenefitsPage(ports, initiative === undefined ? {} : { initiative }),
  });
}

function useInvalidate() {
  const client = useQueryClient();
  return () =>
    Promise.all([
      client.invalidateQueries({ queryKey: queryKeys.benefits() }),
      client.invalidateQueries({ queryKey: queryKeys.initiatives() }),
      client.invalidateQueries({ queryKey: queryKeys.dashboard() }),
    ]);
}

export function useSaveBenefit() {
  const ports = usePorts();
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (v: { draft: BenefitDraft; existing: Pick<Benefit, "id" | "version"> | null }) =>
      saveBenefit(ports, v.draft, v.existing),
    onSuccess: (r) => (r.ok ? invalidate() : undefined),
  });
}

export function useRecordMeasurement() {
  const ports = usePorts();
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (draft: BenefitMeasurementDraft) => recordMeasurement(ports, draft),
    onSuccess: (r) => (r.ok ? invalidate() : undefined),
  });
}

export function useApproveModel() {
  const ports = usePorts();
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (
      draft: Pick<BenefitModel, "requiredFields" | "followUps"> & {
        decision: { id: number; title: string };
      },
    ) => approveModel(ports, draft),
    onSuccess: (r) => (r.ok ? invalidate() : undefined),
  });
}

export function useSendBenefitReminders() {
  const ports = usePorts();
  return useMutation({
    mutationFn: (request: BenefitReminderRequest) => sendBenefitReminders(ports, request),
  });
}

/** The register or the measurements as a workbook (the caller offers it as a download). */
export function useExportBenefits() {
  const { files, clock } = usePorts();
  return useMutation({
    mutationFn: (v: {
      what: "register" | "measurements";
      rows: readonly BenefitRow[];
      language: Language;
    }) => exportBenefits(files, clock, v.what, v.rows, v.language),
  });
}

export type { BenefitId };
