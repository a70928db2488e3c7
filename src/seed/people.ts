/**
 * The demo people the seed writes as and refers to. Copied from the local directory
 * (src/emulator/directory.ts), which the app must not import: the seed talks to SharePoint and
 * Graph like any client, so it only knows the sign-in names.
 */
export const DEMO_DOMAIN = "demokommune.onmicrosoft.com";

const upn = (local: string) => `${local}@${DEMO_DOMAIN}`;

export const PEOPLE = {
  /** IT-administrator, owner of the site. */
  owner: upn("niels.fogh"),
  /** Afdelingschef i Økonomi & Stab, formand. */
  chair: upn("birgitte.holm"),
  /** Digitaliseringssekretær. */
  secretary: upn("mads.kjaer"),
  /** Leder af områdesekretariat, BKV. */
  jonas: upn("jonas.lind"),
  /** Leder af områdesekretariat, BMB. */
  maja: upn("maja.lundgaard"),
  /** IT-chef i Økonomi & Stab. */
  gitte: upn("gitte.iversen"),
  /** Afdelingschef, Kultur, Fritid og Forebyggende Sundhed. */
  mette: upn("mette.krogh"),
  /** Afdelingschef, Skoler & Uddannelse. */
  hanne: upn("hanne.kragh"),
  /** Afdelingschef, Arbejdsmarked, Erhverv & Ydelser. */
  jesper: upn("jesper.eriksen"),
  /** Afdelingschef, Social & Familie. */
  camilla: upn("camilla.engberg"),
  /** Projektleder, Social & Familie (forslagsstiller / projektejer). */
  thomas: upn("thomas.berg"),
  /** Udviklingskonsulent, Skoler & Uddannelse (forslagsstiller / projektejer). */
  sara: upn("sara.nielsen"),
} as const;

export type DemoPerson = keyof typeof PEOPLE;

/** The committee's members besides the chair (who is a member too). */
export const MEMBERS: readonly DemoPerson[] = [
  "jonas",
  "maja",
  "gitte",
  "mette",
  "hanne",
  "jesper",
  "camilla",
];

/** The Chefforum team and its minutes channel (the local Graph's demo teams). */
/** The committee's own team (members group) and its channel, from the local directory. */
export const COMMITTEE_TEAM = {
  teamId: "7c1d2e3f-0a1b-4c5d-8e9f-000000000001",
  channelId: "19:generelt-digistyr@thread.tacv2",
};

export const CHEFFORUM = {
  teamId: "7c1d2e3f-0a1b-4c5d-8e9f-000000000002",
  channelId: "19:referater-chefforum@thread.tacv2",
};

/** Direktørforum's shared mailbox (fictional). */
export const DIREKTOERFORUM_ADDRESS = upn("direktoerforum");
