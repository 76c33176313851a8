// The one place the domain gets Temporal from: a polyfill on Node 20, swapped for the global once
// the runtime ships it. Nothing here reads the clock; callers pass instants in.
export { Temporal } from 'temporal-polyfill';
