// End-to-end tests of the analyst workbench: the real `fkg serve` on
// 127.0.0.1 with the seeds graph, and a second one with the dated
// documents of tests/dated (timeline, date filters), driven in headless
// Chromium.
//
//   node tests/ui/e2e.mjs FKG_BINARY [SCHEMA_DIR] [SCREENSHOT_DIR]
//
// Builds a store from seeds/ (and one from tests/dated/) in a temporary folder, serves it with the
// workbench from ui/dist, and walks the four pages as an analyst would.
// Screenshots of each page go to SCREENSHOT_DIR (tests/ui/screenshots).
import { chromium } from "playwright-core";
import assert from "node:assert/strict";
import { spawn, execFileSync } from "node:child_process";
import { mkdtempSync, mkdirSync, rmSync, readFileSync, existsSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve, dirname } from "node:path";
import { createServer } from "node:net";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const bin = resolve(process.argv[2] ?? join(root, "target/release/fkg"));
const schemas = resolve(process.argv[3] ?? join(root, "tests/schemas"));
const shots = resolve(process.argv[4] ?? join(root, "tests/ui/screenshots"));
const chromiumPath = process.env.CHROMIUM ?? "/usr/bin/chromium";
mkdirSync(shots, { recursive: true });
assert.ok(existsSync(join(root, "ui/dist/index.html")), "ui/dist is not built (cd ui && npm ci && npm run build)");

const freePort = () => new Promise((ok, fail) => {
  const s = createServer();
  s.once("error", fail);
  s.listen(0, "127.0.0.1", () => { const { port } = s.address(); s.close(() => ok(port)); });
});

const work = mkdtempSync(join(tmpdir(), "fkg-ui-"));
const store = join(work, "store");
execFileSync(bin, ["--store", store, "build", join(root, "seeds"), "--quiet"], { stdio: "inherit" });
// A page with its metadata in <meta> tags: the workbench names it by its
// title, publisher and date, not its file name.
const extra = join(work, "extra");
mkdirSync(extra);
writeFileSync(join(extra, "ledger-0412.html"), `<!DOCTYPE html><html><head><title>x</title>
<meta property="og:title" content="Harbor routes under watch">
<meta property="og:site_name" content="The Harbor Ledger">
<meta property="article:published_time" content="2024-03-05T08:15:00Z"></head>
<body><nav>Home · World</nav><article><p>The Gulf Cartel operates in Tamaulipas.</p></article></body></html>`);
// A two-page PDF (uncompressed, ASCII): its page break is drawn and its
// statements cite their page.
const pdf = (pages, title) => {
  const objs = ["<< /Type /Catalog /Pages 2 0 R >>",
    `<< /Type /Pages /Kids [${pages.map((_, i) => `${4 + 2 * i} 0 R`).join(" ")}] /Count ${pages.length} >>`,
    "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"];
  pages.forEach((text, i) => {
    const content = `BT /F1 12 Tf 72 720 Td (${text}) Tj ET`;
    objs.push(`<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >> /Contents ${5 + 2 * i} 0 R >>`,
      `<< /Length ${content.length} >>\nstream\n${content}\nendstream`);
  });
  objs.push(`<< /Title (${title}) /CreationDate (D:20230601120000Z) >>`);
  let out = "%PDF-1.4\n";
  const offsets = objs.map((o, i) => { const at = out.length; out += `${i + 1} 0 obj\n${o}\nendobj\n`; return at; });
  const xref = out.length;
  out += `xref\n0 ${objs.length + 1}\n0000000000 65535 f \n` + offsets.map((o) => `${String(o).padStart(10, "0")} 00000 n \n`).join("");
  return out + `trailer\n<< /Size ${objs.length + 1} /Root 1 0 R /Info ${objs.length} 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
};
writeFileSync(join(extra, "brief-7.pdf"), pdf(["Port inspections grew this spring.", "The Gulf Cartel operates in Tamaulipas."], "Spring port brief"));
execFileSync(bin, ["--store", store, "build", extra, "--quiet"], { stdio: "inherit" });
const datedStore = join(work, "dated-store");
execFileSync(bin, ["--store", datedStore, "build", join(root, "tests/dated"), "--quiet"], { stdio: "inherit" });
async function serve(storeDir) {
  const port = await freePort();
  const server = spawn(bin, ["--store", storeDir, "serve", "--bind", `127.0.0.1:${port}`,
    "--ui", join(root, "ui/dist"), "--queries", join(root, "queries")], { stdio: ["ignore", "pipe", "inherit"] });
  const exited = new Promise((resolve) => server.once("exit", resolve));
  return { base: `http://127.0.0.1:${port}`, server, exited };
}
const servers = [await serve(store), await serve(datedStore)];
const base = servers[0].base;
const datedBase = servers[1].base;
// Stops the servers, waits until they have closed their stores, then
// removes the temporary folder (RocksDB writes its last files during shutdown).
async function stop() {
  for (const { server, exited } of servers) {
    if (server.exitCode === null && server.signalCode === null) {
      server.kill("SIGTERM");
      const timer = setTimeout(() => server.kill("SIGKILL"), 10000);
      await exited;
      clearTimeout(timer);
    }
  }
  rmSync(work, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
}

async function waitHealthy() {
  for (const b of [base, datedBase]) {
    let up = false;
    for (let i = 0; i < 100 && !up; i++) {
      try { up = (await fetch(`${b}/health`)).ok; } catch { /* not yet */ }
      if (!up) await new Promise((r) => setTimeout(r, 100));
    }
    if (!up) throw new Error(`fkg serve at ${b} did not come up`);
  }
}

const results = [];
async function step(name, fn) {
  const t = Date.now();
  try {
    await fn();
    results.push([name, "ok"]);
    console.log(`ok   ${name} (${Date.now() - t} ms)`);
  } catch (e) {
    results.push([name, "FAILED"]);
    console.log(`FAIL ${name}: ${e.stack ?? e}`);
  }
}

let browser;
try {
  await waitHealthy();
  browser = await chromium.launch({ executablePath: chromiumPath, args: [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    // No background calls home: the machine's network is closed and the
    // pages must work without it.
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
  ] });
  const context = await browser.newContext({ viewport: { width: 1600, height: 1000 }, acceptDownloads: true });
  const page = await context.newPage();
  const pageErrors = [];
  page.on("pageerror", (e) => pageErrors.push(String(e)));
  // The pages must work with no internet: only the server itself is reachable.
  const foreign = [];
  await context.route("**/*", (route) => {
    const url = route.request().url();
    if (url.startsWith(base) || url.startsWith(datedBase) || url.startsWith("data:") || url.startsWith("blob:")) return route.continue();
    foreign.push(url);
    return route.abort();
  });

  await step("query page: a named query runs and shows rows", async () => {
    await page.goto(`${base}/#/query`);
    const button = page.locator('button[data-query="precursor-suppliers"]');
    await button.waitFor();
    await button.click();
    const rows = page.locator(".yasr table tbody tr");
    await rows.first().waitFor({ timeout: 15000 });
    const n = await rows.count();
    assert.ok(n > 0, "no result rows");
    // The same query through the API gives the same number of rows.
    const api = await (await fetch(`${base}/api/queries/precursor-suppliers`, { headers: { Accept: "application/sparql-results+json" } })).json();
    const shown = await page.locator(".yasr").innerText();
    assert.ok(shown.includes("China"), "the suppliers table does not name China");
    assert.ok(api.results.bindings.length >= n, `API ${api.results.bindings.length} rows, page ${n}`);
    assert.ok(await page.locator(".yasqe").innerText().then((t) => t.includes("PREFIX")), "the editor holds no query");
    await page.screenshot({ path: join(shots, "query.png"), fullPage: true });
  });

  await step("entity page: search 'Sinaloa', pick it, see facts with evidence", async () => {
    await page.goto(`${base}/#/entity`);
    const box = page.locator('input[name="entity-search"]');
    await box.fill("Sinaloa");
    const suggestion = page.locator(".suggestions li", { hasText: "Sinaloa Cartel" }).first();
    await suggestion.waitFor();
    await suggestion.click();
    await page.waitForURL(/#\/entity\/.+/);
    const title = page.locator(".entity h1");
    await title.waitFor();
    assert.match(await title.innerText(), /Sinaloa Cartel/);
    assert.match(await title.innerText(), /Cartel/);
    const sections = page.locator("section.property");
    assert.ok(await sections.count() >= 2, "fewer than two properties");
    const evidence = page.locator("td.evidence").first();
    assert.ok((await evidence.innerText()).length > 20, "no evidence sentence");
    assert.ok(await page.locator("dd.aliases").innerText().then((t) => /Sinaloa/i.test(t)), "no aliases");
    await page.screenshot({ path: join(shots, "entity.png"), fullPage: true });
  });

  await step("entity page: conflicting figures are flagged", async () => {
    await page.goto(`${base}/#/entity/Drug_Enforcement_Administration`);
    await page.locator(".entity h1").waitFor();
    const flagged = page.locator("tr.conflicting");
    assert.ok(await flagged.count() >= 2, "no conflicting office counts flagged");
    assert.match(await flagged.first().innerText(), /conflicting figure/);
  });

  await step("query page: a named query that takes dates runs with them", async () => {
    await page.goto(`${datedBase}/#/query`);
    const item = page.locator("li", { has: page.locator('button[data-query="new-suppliers-since"]') });
    await item.waitFor();
    await item.locator('input[name="since"]').fill("2023-01-01");
    await item.locator("button").click();
    const rows = page.locator(".yasr table tbody tr");
    await rows.first().waitFor({ timeout: 15000 });
    const shown = await page.locator(".yasr").innerText();
    assert.ok(shown.includes("Qingfeng") && !shown.includes("Chinese chemical companies"), shown);
    const api = await (await fetch(`${datedBase}/api/queries/new-suppliers-since?since=2023-01-01`, { headers: { Accept: "application/sparql-results+json" } })).json();
    assert.equal(await rows.count(), api.results.bindings.length);
    const text = await page.evaluate(() => document.querySelector(".yasqe .CodeMirror").CodeMirror.getValue());
    assert.ok(text.includes('"2023-01-01"^^') && text.includes("holds from $since on"), text);
    // A query that takes no dates shows no date fields.
    assert.equal(await page.locator("li", { has: page.locator('button[data-query="cartel-presence"]') }).locator("input").count(), 0);
    await page.screenshot({ path: join(shots, "query-dates.png"), fullPage: true });
  });

  await step("entity page: a timeline of the facts, figures that changed over time", async () => {
    await page.goto(`${datedBase}/#/entity/Drug_Enforcement_Administration`);
    await page.locator(".timeline").waitFor();
    const api = await (await fetch(`${datedBase}/api/entity/Drug_Enforcement_Administration`)).json();
    const dated = api.facts.filter((f) => f.date_start || f.date_end);
    assert.ok(dated.length >= 5, `${dated.length} dated facts`);
    assert.equal(api.facts.length, dated.length, "every fact of the DEA is dated in tests/dated");
    const marks = page.locator(".timeline .mark");
    assert.equal(await marks.count(), dated.length);
    // The years of the axis span the dated facts, March 2022 to January 2024.
    const ticks = await page.locator(".timeline .tick").allInnerTexts();
    assert.deepEqual(ticks, ["2022", "2023", "2024"]);
    // 330 offices in March 2022 and 93 in January 2024: a change over time,
    // shown with its dates and documents side by side.
    const changed = page.locator("tr.changed");
    assert.ok(await changed.count() >= 2, "no figure flagged as changed over time");
    const rows = await changed.allInnerTexts();
    // Each row names its document by its title and date.
    assert.ok(rows.some((t) => /330 offices/.test(t) && /2022-03-01 – 2022-03-31/.test(t) && /Port officials describe a year of seizures/.test(t) && /2022-11-18/.test(t)), rows.join("\n"));
    assert.ok(rows.some((t) => /93 offices/.test(t) && /2024-01-22/.test(t) && /document date/.test(t) && /published a review of the agency's foreign presence/.test(t)), rows.join("\n"));
    // A mark opens its fact's row.
    const i = api.facts.findIndex((f) => f.quantity === 93 && f.date_start === "2024-01-22");
    await page.locator(`.timeline .mark[data-fact="${i}"]`).click();
    const picked = page.locator("tr.picked");
    await picked.waitFor();
    assert.match(await picked.innerText(), /93 offices/);
    await page.locator(".timeline").screenshot({ path: join(shots, "timeline.png") });
    await page.screenshot({ path: join(shots, "entity-timeline.png"), fullPage: true });
  });

  await step("entity page: a date filter keeps the facts of its window", async () => {
    await page.goto(`${datedBase}/#/entity/Drug_Enforcement_Administration`);
    await page.locator(".timeline").waitFor();
    await page.locator('.date-filter input[name="since"]').fill("2023-06-01");
    await page.locator('.date-filter input[name="until"]').fill("2024-12-31");
    await page.locator(".date-filter button").click();
    await page.waitForURL(/since=2023-06-01/);
    await page.locator(".entity h1").waitFor();
    const api = await (await fetch(`${datedBase}/api/entity/Drug_Enforcement_Administration?since=2023-06-01&until=2024-12-31`)).json();
    assert.ok(api.facts.length > 0 && api.facts.length < 10, `${api.facts.length} facts in the window`);
    assert.equal(await page.locator("table.facts tbody tr").count(), api.facts.length);
    const spans = await page.locator("td.when .date").allInnerTexts();
    assert.ok(spans.every((d) => d >= "2023-06" || /– 202[34]/.test(d)), spans.join(", "));
    assert.ok(!(await page.locator(".entity").innerText()).includes("330 offices"));
    await page.screenshot({ path: join(shots, "entity-dates.png"), fullPage: true });
  });

  await step("paths page: a date filter follows only the relations of its window", async () => {
    const from = "Chinese chemical companies";
    await page.goto(`${datedBase}/#/paths?from=${encodeURIComponent(from)}&to=United%20States`);
    await page.locator(".path").first().waitFor();
    const before = await page.locator(".path-head").allInnerTexts();
    assert.ok(before.some((t) => /Jalisco Cartel/.test(t)) && before.some((t) => /Sinaloa Cartel/.test(t)), before.join("\n"));
    await page.locator('.paths-form input[name="until"]').fill("2022-12-31");
    await page.locator(".paths-form button[type=submit]").click();
    await page.locator(".path-list .window").waitFor();
    const after = await page.locator(".path-head").allInnerTexts();
    assert.ok(after.length > 0 && after.every((t) => !/Jalisco/.test(t)) && after.some((t) => /Sinaloa Cartel/.test(t)), after.join("\n"));
    const api = await (await fetch(`${datedBase}/api/paths?from=${encodeURIComponent(from)}&to=United%20States&until=2022-12-31`)).json();
    const drawnNow = await page.evaluate(() => document.getElementById("graph").cy.edges().length);
    assert.equal(drawnNow, api.edges.length);
    // A hop's evidence carries its dates.
    await page.locator(".path button.hop").first().click();
    const source = page.locator(".evidence-panel .support .source").first();
    await source.waitFor();
    assert.match(await source.innerText(), /20\d\d-\d\d-\d\d/);
    await page.screenshot({ path: join(shots, "paths-dates.png"), fullPage: true });
    // Its GEXF is the dated drawing: dynamic, with spells, valid.
    const [download] = await Promise.all([page.waitForEvent("download"), page.locator("#download-gexf").click()]);
    const file = join(work, "paths-dated.gexf");
    await download.saveAs(file);
    const xml = readFileSync(file, "utf8");
    assert.ok(xml.includes('mode="dynamic"') && xml.includes("<spell "), "no spells in the GEXF");
    assert.ok(!xml.includes("Jalisco"), "the GEXF is not the window's drawing");
    execFileSync("xmllint", ["--nonet", "--noout", "--relaxng", join(schemas, "gexf-1.3/gexf.rng"), file], { stdio: "inherit" });
  });

  let drawn = 0;
  let middle = "";
  await step("paths page: China → United States, click a hop, see its evidence", async () => {
    await page.goto(`${base}/#/paths`);
    const first = page.locator(".path").first();
    await first.waitFor();
    const head = await first.locator(".path-head").innerText();
    assert.match(head, /^1\. China → (.* → )?United States/);
    const all = await page.locator(".path-head").allInnerTexts();
    // A chain through an intermediary (the cartels that move the drug).
    const multi = all.find((t) => / → .+ → /.test(t));
    assert.ok(multi, `no path through an intermediary: ${all}`);
    middle = multi.split(" → ")[1];
    const hop = first.locator("button.hop").first();
    const edgeId = await hop.getAttribute("data-edge");
    await hop.click();
    const quote = page.locator(".evidence-panel blockquote.evidence").first();
    await quote.waitFor();
    const api = await (await fetch(`${base}/api/paths?from=China&to=United%20States`)).json();
    const edge = api.edges.find((e) => e.id === edgeId);
    assert.ok(edge, `hop ${edgeId} not in the API answer`);
    assert.equal(await quote.innerText(), `“${edge.support[0].evidence}”`);
    // The drawing shows the same relations as the API.
    drawn = await page.evaluate(() => document.getElementById("graph").cy.edges().length);
    assert.equal(drawn, api.edges.length);
    await page.screenshot({ path: join(shots, "paths.png"), fullPage: true });
  });

  await step("paths page: clicking a node on the drawing expands its neighbourhood", async () => {
    const target = await page.evaluate((label) => {
      const cy = document.getElementById("graph").cy;
      const n = cy.nodes().filter((n) => n.data("label") === label)[0];
      const p = n.renderedPosition();
      return { x: p.x, y: p.y, nodes: cy.nodes().length };
    }, middle);
    const box = await page.locator("#graph").boundingBox();
    await page.mouse.click(box.x + target.x, box.y + target.y);
    const expand = page.locator("button", { hasText: "Expand neighbourhood" });
    await expand.waitFor();
    await expand.click();
    await page.waitForFunction((before) => document.getElementById("graph").cy?.nodes().length > before, target.nodes);
    drawn = await page.evaluate(() => document.getElementById("graph").cy.edges().length);
    assert.ok((await page.locator(".path-list").innerText()).includes(`Expanded: ${middle}`));
    await page.screenshot({ path: join(shots, "paths-expanded.png"), fullPage: true });
  });

  await step("paths page: Download GEXF gives exactly the drawing, valid GEXF 1.3", async () => {
    const [download] = await Promise.all([page.waitForEvent("download"), page.locator("#download-gexf").click()]);
    const file = join(work, "paths.gexf");
    await download.saveAs(file);
    const xml = readFileSync(file, "utf8");
    execFileSync("xmllint", ["--nonet", "--noout", "--relaxng", join(schemas, "gexf-1.3/gexf.rng"), file], { stdio: "inherit" });
    const edges = (xml.match(/<edge /g) ?? []).length;
    const nodes = (xml.match(/<node /g) ?? []).length;
    const screen = await page.evaluate(() => {
      const cy = document.getElementById("graph").cy;
      return { edges: cy.edges().length, nodes: cy.nodes().length };
    });
    assert.deepEqual({ edges, nodes }, screen);
    assert.equal(edges, drawn);
  });

  await step("documents: the list with counts, a document with highlighted evidence", async () => {
    await page.goto(`${base}/#/documents`);
    const rows = page.locator("table.documents tbody tr");
    await rows.first().waitFor();
    const listed = await (await fetch(`${base}/api/documents`)).json();
    assert.equal(await rows.count(), listed.length);
    // Documents are listed by title, with publisher and date.
    const ledger = rows.filter({ hasText: "Harbor routes under watch" });
    assert.equal(await ledger.count(), 1);
    assert.equal(await ledger.locator("td.publisher").innerText(), "The Harbor Ledger");
    assert.equal(await ledger.locator("td.date").innerText(), "2024-03-05");
    assert.ok(!(await rows.first().locator("td.title").innerText()).match(/^\d{3}_[0-9a-f]{16}$/),
      "a seed document is listed by its file stem, not a title");
    await page.screenshot({ path: join(shots, "documents.png"), fullPage: true });
    await ledger.locator("a").click();
    await page.locator(".document h1", { hasText: "Harbor routes under watch" }).waitFor();
    assert.match(await page.locator(".document p.byline").innerText(), /The Harbor Ledger · 2024-03-05/);
    // The entity page names the documents that mention it by their titles.
    await page.goto(`${base}/#/entity/${encodeURIComponent("https://w3id.org/fentanyl-kg/id/Gulf_Cartel")}`);
    await page.locator("dd.mentioned a", { hasText: "Harbor routes under watch — The Harbor Ledger, 2024-03-05" }).waitFor();
    assert.ok(await page.locator("table.facts td.doc", { hasText: "Harbor routes under watch" }).count() > 0);
    // A PDF: its page break drawn, its statement on page 2.
    await page.goto(`${base}/#/documents`);
    await rows.filter({ hasText: "Spring port brief" }).locator("a").click();
    await page.locator(".doc-text .page-break", { hasText: "page 2" }).waitFor();
    assert.ok(await page.locator(".doc-facts li .page", { hasText: "p. 2" }).count() > 0);
    await page.screenshot({ path: join(shots, "document-pdf.png"), fullPage: true });
    await page.goto(`${base}/#/documents`);
    await rows.first().waitFor();
    await rows.first().locator("a").click();
    const marks = page.locator(".doc-text mark");
    await marks.first().waitFor();
    assert.ok(await marks.count() > 0);
    // A highlighted span is exactly the evidence of its statements.
    const doc = await (await fetch(`${base}/api/documents/${encodeURIComponent(listed[0].id)}`)).json();
    const mark = marks.first();
    const i = Number((await mark.getAttribute("data-facts")).split(",")[0]);
    const f = doc.facts[i];
    const spanText = Array.from(doc.text).slice(f.char_start, f.char_end).join("");
    assert.ok(spanText.startsWith(await mark.innerText()), "highlight is not the evidence span");
    await mark.click();
    await page.locator(".evidence-panel .span-facts li").first().waitFor();
    await page.screenshot({ path: join(shots, "document.png"), fullPage: true });
  });

  await step("no page errors and no request left the machine", async () => {
    assert.deepEqual(pageErrors, []);
    assert.deepEqual(foreign, []);
  });
} finally {
  await browser?.close();
  await stop();
}
const failed = results.filter(([, r]) => r !== "ok").length;
console.log(`${results.length - failed}/${results.length} workbench tests passed; screenshots in ${shots}`);
process.exit(failed ? 1 : 0);
