/**
 * An as-of read of the log: the events in effect by that business date, whatever their position (a
 * back-dated event recorded later is in; one dated after `asOf` is out). Every event's metadata carries
 * its effectiveDate; an entry without one cannot be placed in time and is left out.
 */
export function effectiveBy(asOf: string | undefined): (entry: { metadata: unknown }) => boolean {
  if (asOf === undefined) return () => true;
  return ({ metadata }) => {
    const date = typeof metadata === 'object' && metadata !== null ? (metadata as { effectiveDate?: unknown }).effectiveDate : undefined;
    // YYYY-MM-DD strings order as the dates do.
    return typeof date === 'string' && date <= asOf;
  };
}
