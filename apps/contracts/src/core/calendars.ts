/**
 * The working-day calendar versions this build knows (a CalendarCatalog from the domain): what a new
 * contract records, what an adoption may name, and what every view computes deadlines with. One
 * injected catalog, so a test can start the app with a release the build does not ship yet.
 */
export const CALENDARS = Symbol('CALENDARS');
