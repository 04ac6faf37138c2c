// The Query page: YASGUI on the endpoint, named queries one click away.
import Yasgui from "@zazuko/yasgui";
import "@zazuko/yasgui/build/yasgui.min.css";
import { clear, dateInputs, errorBox, h } from "./dom.js";
import { namedQueries } from "./api.js";

export const PREFIXES = {
  fkg: "https://w3id.org/fentanyl-kg/ontology#",
  fkr: "https://w3id.org/fentanyl-kg/id/",
  fkd: "https://w3id.org/fentanyl-kg/doc/",
  rdf: "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
  rdfs: "http://www.w3.org/2000/01/rdf-schema#",
  skos: "http://www.w3.org/2004/02/skos/core#",
  owl: "http://www.w3.org/2002/07/owl#",
  prov: "http://www.w3.org/ns/prov#",
  dcterms: "http://purl.org/dc/terms/",
  xsd: "http://www.w3.org/2001/XMLSchema#",
};

const prefixLines = Object.entries(PREFIXES)
  .map(([p, iri]) => `PREFIX ${p}: <${iri}>`)
  .join("\n");

const STARTER = `${prefixLines}

# Who supplies whom, with the evidence sentence.
SELECT ?supplier ?customer ?evidence WHERE {
  ?st rdf:subject ?s ; rdf:predicate fkg:suppliesTo ; rdf:object ?o ; fkg:evidence ?evidence .
  ?s rdfs:label ?supplier . ?o rdfs:label ?customer .
} LIMIT 50`;

let yasgui = null;

export function queryPage(root) {
  const list = h("ul", { class: "named-queries", "aria-label": "Named queries" });
  const editor = h("div", { id: "yasgui" });
  root.classList.add("query-page");
  root.append(
    h("aside", {},
      h("h2", {}, "Named queries"),
      h("p", { class: "hint" }, "From queries/ on the server. Click one to run it."),
      list),
    editor,
  );
  Yasgui.Yasqe.defaults.autocompleters = ["prefixes", "variables"];
  Yasgui.Yasqe.defaults.prefixCcApi = null;
  Yasgui.Yasqe.defaults.value = STARTER;
  yasgui = new Yasgui(editor, {
    requestConfig: { endpoint: `${location.origin}/sparql`, method: "POST" },
    copyEndpointOnNewTab: true,
    persistenceId: "fkg-workbench",
    endpointCatalogueOptions: { getData: () => [{ endpoint: `${location.origin}/sparql` }] },
    yasqe: { value: STARTER },
  });
  namedQueries()
    .then((queries) => {
      clear(list);
      for (const q of queries) {
        // A query that takes dates gets its since/until fields.
        const dates = q.takes_dates ? h("div", { class: "query-dates" }, dateInputs({})) : null;
        const value = (name) => dates?.querySelector(`input[name="${name}"]`)?.value ?? "";
        list.append(
          h("li", {},
            h("button", {
              class: "link",
              "data-query": q.name,
              title: q.summary,
              onclick: () => runNamed(q, value("since"), value("until")),
            }, q.name),
            h("div", { class: "summary" }, q.summary),
            dates),
        );
      }
      if (!queries.length) list.append(h("li", {}, "No named queries on this server."));
    })
    .catch((e) => list.replaceWith(errorBox(e)));
  return () => {
    yasgui?.destroy?.();
    yasgui = null;
  };
}

/**
 * The text of a named query with its dates: `$since` and `$until` become
 * xsd:date literals, as the server's `/api/queries/NAME?since=&until=` does;
 * left empty, the query reads them as no bound.
 */
export function withDates(text, since, until) {
  let lines = text.split("\n");
  for (const [name, v] of [["since", since], ["until", until]]) {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(v ?? "")) continue;
    const param = new RegExp(`\\$${name}(?![\\w])`, "g");
    // Comment lines keep their words.
    lines = lines.map((l) => l.trimStart().startsWith("#") ? l : l.replace(param, `"${v}"^^<http://www.w3.org/2001/XMLSchema#date>`));
  }
  return lines.join("\n");
}

function runNamed(q, since = "", until = "") {
  const tab = yasgui.getTab();
  tab.setQuery(withDates(q.query, since, until));
  tab.query();
}
