import { ComingSoon } from "../components/ComingSoon.js";

/** Statusrapporter (issue 4 §5): placeholder until the status report pages land. */
export default function StatusReportsView() {
  return (
    <ComingSoon title="Statusrapporter" description="Statusrapportering for igangværende tiltag." />
  );
}
