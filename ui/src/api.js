// The public HTTP API of `fkg serve`: everything the pages show comes from
// here, so anything on screen can be had from curl too.

export class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

async function answer(res) {
  if (!res.ok) {
    const text = (await res.text()).trim();
    throw new ApiError(res.status, text || `${res.status} ${res.statusText}`);
  }
  return res.json();
}

export function getJson(path, params = {}) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v !== undefined && v !== null && v !== "") q.set(k, String(v));
  }
  const qs = q.toString();
  return fetch(qs ? `${path}?${qs}` : path, {
    headers: { Accept: "application/json" },
  }).then(answer);
}

/** The id to put in /api/entity/{id}: the local name of our own IRIs. */
const ENTITY_NS = "https://w3id.org/fentanyl-kg/id/";
export function entityId(iri) {
  return iri.startsWith(ENTITY_NS) ? iri.slice(ENTITY_NS.length) : iri;
}

export const searchEntities = (q, limit = 10) =>
  getJson("/api/entities", { q, limit });
export const entity = (iri, dates = {}) =>
  getJson(`/api/entity/${encodeURIComponent(entityId(iri))}`, dates);
export const namedQueries = () => getJson("/api/queries");
export const documents = () => getJson("/api/documents");
export const documentReport = (id) =>
  getJson(`/api/documents/${encodeURIComponent(id)}`);
export const paths = (params) => getJson("/api/paths", params);

/** The URL of the GEXF of a path drawing (same parameters as paths()). */
export function pathsGexfUrl(params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries({ ...params, format: "gexf" })) {
    if (v !== undefined && v !== null && v !== "") q.set(k, String(v));
  }
  return `/api/paths?${q}`;
}
