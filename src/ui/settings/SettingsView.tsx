import { ComingSoonView } from "../components/ComingSoon.js";

/** Indstillinger: the committee's settings held in a list. Filled by a later issue; until then it says what will come. */
export default function SettingsView() {
  return <ComingSoonView view="settings" />;
}
