import { ComingSoonView } from "../components/ComingSoon.js";

/** Møder: meetings, agendas, minutes, decisions and actions. Filled by a later issue; until then it says what will come. */
export default function MeetingsView() {
  return <ComingSoonView view="meetings" />;
}
