/**
 * What the site scripts (provision, doctor, audit) share after parsing their arguments: help,
 * the site's address (`--site`) and the token (`--token` or DIGISTYR_TOKEN). Either the two,
 * or the exit code the script ends with (0 after help, 2 for a missing or wrong argument), the
 * reason and the help already printed.
 */
export function siteAndToken(
  values: { site?: string; token?: string; help?: boolean },
  help: string,
  siteMissing: string,
): { site: string; token: string } | number {
  if (values.help) {
    console.log(help);
    return 0;
  }
  const site = values.site;
  const token = values.token ?? process.env.DIGISTYR_TOKEN;
  if (!site || !/^https?:\/\//.test(site)) {
    console.error(`${siteMissing}\n`);
    console.error(help);
    return 2;
  }
  if (!token) {
    console.error("Der mangler et adgangstoken: angiv --token <token> eller DIGISTYR_TOKEN.\n");
    console.error(help);
    return 2;
  }
  return { site, token };
}

/** An argument parseArgs refused: the reason and the help, exit code 2. */
export function refusedArguments(e: unknown, help: string): number {
  console.error(e instanceof Error ? e.message : String(e));
  console.error(help);
  return 2;
}
