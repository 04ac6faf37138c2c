// The workbench: four pages behind a hash router, all over the public API.
import "./style.css";
import { clear, h } from "./dom.js";
import { queryPage } from "./query.js";
import { entityPage } from "./entity.js";
import { pathsPage } from "./paths.js";
import { documentsPage, documentPage } from "./documents.js";

const app = document.getElementById("app");
let leave = null;

function route() {
  const hash = location.hash.replace(/^#\/?/, "");
  const [page, ...rest] = hash.split("/");
  const arg = rest.length ? decodeURIComponent(rest.join("/")) : "";
  const params = new URLSearchParams(hash.includes("?") ? hash.slice(hash.indexOf("?") + 1) : "");
  if (leave) leave();
  leave = null;
  clear(app);
  for (const a of document.querySelectorAll("nav a")) {
    a.classList.toggle("active", a.dataset.page === (page.split("?")[0] || "query"));
  }
  const root = h("section", { class: "page" });
  app.append(root);
  switch (page.split("?")[0]) {
    case "entity":
      entityPage(root, arg.split("?")[0], params);
      break;
    case "paths":
      leave = pathsPage(root, params);
      break;
    case "documents":
      if (arg) documentPage(root, arg.split("?")[0]);
      else documentsPage(root);
      break;
    default:
      leave = queryPage(root);
  }
}

window.addEventListener("hashchange", route);
route();

fetch("/health")
  .then((r) => r.json())
  .then((s) => {
    document.getElementById("status").textContent =
      `${s.documents ?? "?"} documents`;
  })
  .catch(() => {
    document.getElementById("status").textContent = "server unreachable";
  });
