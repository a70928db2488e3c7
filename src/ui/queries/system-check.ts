/**
 * Runs the doctor's checks (the `systemCheck` service) and collects the rows as they arrive, so
 * the page fills in while the checks run. One run at a time; a new run starts from empty.
 */
import { useCallback, useRef, useState } from "react";

import type { CheckRow } from "../../domain/readiness.js";
import type { DoctorReport } from "../../use-cases/doctor.js";
import { useServices } from "../services.js";

export type SystemCheckState =
  | { phase: "idle"; rows: CheckRow[] }
  | { phase: "running"; rows: CheckRow[] }
  | { phase: "done"; rows: CheckRow[]; report: DoctorReport }
  | { phase: "error"; rows: CheckRow[]; message: string };

export function useSystemCheck() {
  const service = useServices().systemCheck;
  const [state, setState] = useState<SystemCheckState>({ phase: "idle", rows: [] });
  const running = useRef(false);
  const run = useCallback(() => {
    if (running.current) return;
    if (!service) {
      setState({ phase: "error", rows: [], message: "systemCheck" });
      return;
    }
    running.current = true;
    setState({ phase: "running", rows: [] });
    service
      .run({
        onRow: (row) =>
          setState((s) => (s.phase === "running" ? { ...s, rows: [...s.rows, row] } : s)),
      })
      .then(
        (report) => setState({ phase: "done", rows: report.rows, report }),
        (e: unknown) =>
          setState((s) => ({
            phase: "error",
            rows: s.rows,
            message: e instanceof Error ? e.message : String(e),
          })),
      )
      .finally(() => {
        running.current = false;
      });
  }, [service]);
  return { state, run };
}
