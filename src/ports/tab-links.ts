/**
 * Links to places in the tab for messages that leave it (channel posts, mails, the meeting
 * invitation's agenda): inside Teams a deep link that opens the tab at the place, elsewhere the
 * tab's own address with the hash route.
 */
export interface TabLinks {
  /** An absolute link to a hash route of the tab, e.g. `to("#/prioritering/runder/7")`. */
  to(route: string): string;
}
