/**
 * The demo tenant of the local Microsoft 365: people, the portfolio site's SharePoint groups
 * and the Microsoft 365 groups / Teams that Graph answers for. Fictional people in a
 * municipality shaped like the committee's charter (../shared/seed/kommissorium.txt).
 *
 * The first user owns the site (full control). Group names are the ones the app's roles come
 * from (DESIGN.md §1): Medlemmer, Formand, Sekretariat, Bidragydere.
 */

export const TENANT_ID = "0b5a6f1e-3c1d-4a7e-9f52-6d2c8e1a4b01";
export const TENANT_DOMAIN = "demokommune.onmicrosoft.com";
export const SITE_PATH = "/sites/digistyr";
export const SITE_TITLE = "Digitaliseringsstyregruppen";

export type SiteGroupName = "Ejere" | "Medlemmer" | "Formand" | "Sekretariat" | "Bidragydere";

export interface DemoUser {
  /** Stable Entra object id (Graph `id`). */
  id: string;
  upn: string;
  displayName: string;
  givenName: string;
  surname: string;
  jobTitle: string;
  department: string;
  /** SharePoint groups of the portfolio site the user belongs to. */
  groups: SiteGroupName[];
}

function user(
  n: number,
  local: string,
  displayName: string,
  jobTitle: string,
  department: string,
  groups: SiteGroupName[],
): DemoUser {
  const [givenName = displayName, ...rest] = displayName.split(" ");
  return {
    id: `5f0c${n.toString(16).padStart(4, "0")}-7d1a-4c2e-8b3f-${(0x9a0000000000 + n).toString(16)}`,
    upn: `${local}@${TENANT_DOMAIN}`,
    displayName,
    givenName,
    surname: rest.join(" "),
    jobTitle,
    department,
    groups,
  };
}

/** The demo users, the site owner first. */
export const DEMO_USERS: readonly DemoUser[] = [
  user(1, "niels.fogh", "Niels Fogh", "IT-administrator", "Økonomi & Stab", ["Ejere"]),
  user(2, "birgitte.holm", "Birgitte Holm", "Afdelingschef", "Økonomi & Stab", [
    "Formand",
    "Medlemmer",
  ]),
  user(3, "mads.kjaer", "Mads Kjær", "Digitaliseringssekretær", "Økonomi & Stab", ["Sekretariat"]),
  user(
    4,
    "jonas.lind",
    "Jonas Lind",
    "Leder af områdesekretariat",
    "Borger, Kultur og Velfærd (BKV)",
    ["Medlemmer"],
  ),
  user(
    5,
    "maja.lundgaard",
    "Maja Lundgaard",
    "Leder af områdesekretariat",
    "By, Miljø og Beskæftigelse (BMB)",
    ["Medlemmer"],
  ),
  user(6, "gitte.iversen", "Gitte Iversen", "IT-chef", "Økonomi & Stab", ["Medlemmer"]),
  user(7, "mette.krogh", "Mette Krogh", "Afdelingschef", "Kultur, Fritid og Forebyggende Sundhed", [
    "Medlemmer",
  ]),
  user(8, "hanne.kragh", "Hanne Kragh", "Afdelingschef", "Skoler & Uddannelse", ["Medlemmer"]),
  user(9, "jesper.eriksen", "Jesper Eriksen", "Afdelingschef", "Arbejdsmarked, Erhverv & Ydelser", [
    "Medlemmer",
  ]),
  user(10, "camilla.engberg", "Camilla Engberg", "Afdelingschef", "Social & Familie", [
    "Medlemmer",
  ]),
  user(11, "thomas.berg", "Thomas Berg", "Projektleder", "Social & Familie", ["Bidragydere"]),
  user(12, "sara.nielsen", "Sara Nielsen", "Udviklingskonsulent", "Skoler & Uddannelse", [
    "Bidragydere",
  ]),
];

export const SITE_GROUPS: readonly { name: SiteGroupName; description: string }[] = [
  { name: "Ejere", description: "Ejere af porteføljewebstedet (fuld kontrol)" },
  { name: "Medlemmer", description: "Digitaliseringsstyregruppens medlemmer" },
  { name: "Formand", description: "Styregruppens formand" },
  { name: "Sekretariat", description: "Digitaliseringssekretariatet" },
  { name: "Bidragydere", description: "Forslagsstillere og projektejere" },
];

/** A Microsoft 365 group, optionally team-enabled with channels. */
export interface DemoGroup {
  id: string;
  displayName: string;
  description: string;
  mailNickname: string;
  memberUpns: string[];
  channels: { id: string; displayName: string; description: string }[];
}

const committee = DEMO_USERS.filter((u) =>
  u.groups.some((g) => g === "Medlemmer" || g === "Formand" || g === "Sekretariat"),
);

export const DEMO_GROUPS: readonly DemoGroup[] = [
  {
    id: "7c1d2e3f-0a1b-4c5d-8e9f-000000000001",
    displayName: "Digitaliseringsstyregruppen",
    description: "Kommunens digitaliseringsstyregruppe",
    mailNickname: "digitaliseringsstyregruppen",
    memberUpns: committee.map((u) => u.upn),
    channels: [
      {
        id: "19:generelt-digistyr@thread.tacv2",
        displayName: "Generelt",
        description: "Styregruppens kanal",
      },
    ],
  },
  {
    id: "7c1d2e3f-0a1b-4c5d-8e9f-000000000002",
    displayName: "Chefforum",
    description: "Kommunens chefer",
    mailNickname: "chefforum",
    memberUpns: DEMO_USERS.filter(
      (u) => u.jobTitle.startsWith("Afdelingschef") || u.jobTitle === "IT-chef",
    ).map((u) => u.upn),
    channels: [
      {
        id: "19:generelt-chefforum@thread.tacv2",
        displayName: "Generelt",
        description: "Chefforums kanal",
      },
      {
        id: "19:referater-chefforum@thread.tacv2",
        displayName: "Referater fra Digitaliseringsstyregruppen",
        description: "Godkendte referater fra styregruppen",
      },
    ],
  },
];

export function findUserByUpn(upn: string): DemoUser | undefined {
  const wanted = upn.toLowerCase();
  return DEMO_USERS.find((u) => u.upn.toLowerCase() === wanted);
}
