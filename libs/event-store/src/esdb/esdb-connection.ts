// EVENT_STORE_URL for EventStoreDB / KurrentDB → the connection string the client takes. Writes
// must reach the leader: nodePreference=leader is added when the URL names none (an explicit
// choice is kept, but appends still send requires-leader, so a follower redirects them).

const SCHEMES: Record<string, string> = {
  'esdb:': 'esdb',
  'esdb+discover:': 'esdb+discover',
  // KurrentDB is EventStoreDB renamed; the client of this build speaks to both under esdb://.
  'kurrentdb:': 'esdb',
  'kurrentdb+discover:': 'esdb+discover',
  'kdb:': 'esdb',
  'kdb+discover:': 'esdb+discover',
};

export function isEsdbUrl(url: string): boolean {
  return schemeOf(url) in SCHEMES;
}

/** The client's connection string: esdb scheme, nodePreference=leader unless one is given. */
export function toEsdbConnectionString(url: string): string {
  const scheme = schemeOf(url);
  const target = SCHEMES[scheme];
  if (!target) throw new TypeError(`not an EventStoreDB URL (scheme '${scheme}')`);
  let rest = url.trim().slice(scheme.length);
  if (!/[?&]nodepreference=/i.test(rest)) rest += `${rest.includes('?') ? '&' : '?'}nodePreference=leader`;
  return `${target}:${rest}`;
}

/** "EventStoreDB at host:port,host:port" for logs: never credentials, nor the query string. */
export function describeEsdbUrl(url: string): string {
  const scheme = schemeOf(url);
  const afterScheme = url.trim().slice(scheme.length).replace(/^\/\//, '');
  const authority = afterScheme.split(/[/?]/)[0];
  const hosts = authority.includes('@') ? authority.slice(authority.lastIndexOf('@') + 1) : authority;
  const discover = scheme.endsWith('+discover:') ? ' (cluster discovery)' : '';
  return `EventStoreDB event store at ${hosts || 'localhost:2113'}${discover}`;
}

function schemeOf(url: string): string {
  return /^[a-z][a-z0-9+.-]*:/i.exec(url.trim())?.[0].toLowerCase() ?? '';
}
