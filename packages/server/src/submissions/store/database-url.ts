/** URL schemes that select the PostgreSQL store. */
export const POSTGRES_URL_SCHEMES = ["postgres:", "postgresql:"] as const;

/** True when `url` names a PostgreSQL database by its scheme. */
export function isPostgresUrl(url: string): boolean {
  return POSTGRES_URL_SCHEMES.some((scheme) => url.toLowerCase().startsWith(`${scheme}//`));
}

/** The URL as error messages and logs may show it: its password replaced by `***`. */
export function describeDatabaseUrl(url: string): string {
  return url.replace(/^([a-z][a-z0-9+.-]*:\/\/[^:/?#@]*):[^@/?#]*@/i, "$1:***@");
}
