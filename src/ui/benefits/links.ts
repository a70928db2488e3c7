/**
 * Places in Gevinster reached by a link: one benefit on the Gevinster page (its chart and
 * measurement form: `#/gevinster#gevinst-12`, the link a reminder mail carries) and the new
 * benefit form on an initiative's page (`#/initiativ/4#gevinst-ny`, the link a lifecycle gate
 * missing a benefit shows). The part after the second `#` is a place inside the page, so the
 * routes stay as they are.
 */
import { useEffect, useState } from "react";

import { hrefFor, hrefForInitiative } from "../shell/routes.js";

export const NEW_BENEFIT_ANCHOR = "gevinst-ny";

export function benefitAnchor(id: number): string {
  return `gevinst-${id}`;
}

/** The Gevinster page opened at one benefit. */
export function hrefForBenefit(id: number): string {
  return `${hrefFor("benefits")}#${benefitAnchor(id)}`;
}

/** The initiative's page with the new benefit form open. */
export function hrefForNewBenefit(initiative: number): string {
  return `${hrefForInitiative(initiative)}#${NEW_BENEFIT_ANCHOR}`;
}

/** The place inside the page the address names (after its second `#`), followed as it changes. */
export function usePageAnchor(): string | null {
  const read = () => /^#[^#]*#(.+)$/.exec(window.location.hash)?.[1] ?? null;
  const [anchor, setAnchor] = useState(read);
  useEffect(() => {
    const on = () => setAnchor(read());
    window.addEventListener("hashchange", on);
    return () => window.removeEventListener("hashchange", on);
  }, []);
  return anchor;
}
