// The oracle of the contrast differential harness
// (scoring/contrastdiff_test.go): loads pages in headless Chromium at the
// viewport for which package css evaluates media queries (css.Viewport,
// 1280x800, screen, light scheme, no reduced motion) and runs axe-core's
// colour rules on each:
//
//   node contrast.mjs CHROMIUM < pages.json
//
// stdin is a JSON array of {"id", "url"}: the pages, served over loopback
// by the Go test. Every request to an origin that is not one of the
// pages' own is aborted, and so is every request that is not http(s) or
// data:, so that nothing leaves the machine.
//
// Page scripts do not run (every page is served with the policy
// script-src 'none', and script requests are aborted): councilbench judges
// the HTML as served, with its stylesheets, so the oracle must see the
// same tree (a script that adds a class or wraps a cell in a button would
// otherwise leave the two engines looking at different documents).
//
// For each page it prints one JSON line:
//   {"id", "rules": {RULE: [{"target", "path", "outcome", "data", "html"}]},
//    "blocked": [url...], "error", "ms"}
// where outcome is "passed", "failed" or "incomplete", target is axe's
// selector (only nodes of the top document: targets in frames or shadow
// roots are arrays and are left out), path a selector of :nth-child steps
// given only for the rare target that does not name exactly one element,
// and data is what the rule's check recorded (for color-contrast: fgColor, bgColor, contrastRatio,
// expectedContrastRatio, fontSize, fontWeight, messageKey...). Then a last
// line {"axe", "chromium", "playwright"} with the versions.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { chromium } from "playwright-core";

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
const [executablePath] = process.argv.slice(2);
const pages = JSON.parse(readFileSync(0, "utf8"));

// The rules the harness compares, each enabled whatever its default
// (color-contrast-enhanced is off by default: it is AAA).
const rules = ["color-contrast", "color-contrast-enhanced", "link-in-text-block"];

// How many pages load at once, each worker in a browser context of its own.
const parallel = Math.max(1, Math.min(8, Number(process.env.CONTRAST_PARALLEL) || 4));

// Only the pages' own loopback origins may be asked for anything.
const origins = new Set(pages.map((p) => new URL(p.url).origin));
for (const o of origins) {
  const h = new URL(o).hostname;
  if (h !== "127.0.0.1" && h !== "localhost" && h !== "[::1]") {
    throw new Error(`page origin ${o} is not loopback`);
  }
}

// noScripts fetches a page and serves it with a Content-Security-Policy
// that lets none of its scripts run (axe-core itself is evaluated through
// the DevTools protocol, which the policy does not govern).
async function noScripts(route) {
  const response = await route.fetch();
  const headers = { ...response.headers(), "content-security-policy": "script-src 'none'" };
  return route.fulfill({ response, headers });
}

// node keeps what the harness needs of one axe node.
function node(n, outcome, rule) {
  const checks = [...(n.any || []), ...(n.all || []), ...(n.none || [])];
  const own = checks.find((c) => c.id === rule && c.data) || checks.find((c) => c.data);
  const out = { target: n.target[0], outcome };
  if (n.path) out.path = n.path;
  if (own && own.data && typeof own.data === "object") out.data = own.data;
  if (rule === "link-in-text-block") {
    // Which check passed or failed tells how the link was told apart.
    out.checks = checks.filter((c) => c.result !== undefined || c.data).map((c) => c.id);
  }
  if (rule === "color-contrast") out.html = n.html.length > 160 ? n.html.slice(0, 160) + "…" : n.html;
  return out;
}

function byRule(res) {
  const m = {};
  for (const r of rules) m[r] = [];
  for (const [type, outcome] of [["passes", "passed"], ["violations", "failed"], ["incomplete", "incomplete"]]) {
    for (const r of res[type]) {
      for (const n of r.nodes) {
        if (n.target.length === 1 && typeof n.target[0] === "string") m[r.id].push(node(n, outcome, r.id));
      }
    }
  }
  return m;
}

const browser = await chromium.launch({
  executablePath,
  headless: true,
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--disable-extensions", "--disable-default-apps",
    "--font-render-hinting=none"],
});

// newWorker opens a context and a page that load pages one after the
// other (a context costs more to open than a page to load), and returns
// the function that runs axe-core on one.
async function newWorker() {
  const context = await browser.newContext({
    viewport: { width: 1280, height: 800 },
    deviceScaleFactor: 1,
    colorScheme: "light",
    reducedMotion: "no-preference",
    forcedColors: "none",
    serviceWorkers: "block",
  });
  let line = null; // the page being loaded, for the requests it makes
  await context.route("**/*", (route) => {
    const u = route.request().url();
    let ok = u.startsWith("data:");
    try {
      ok ||= origins.has(new URL(u).origin);
    } catch {}
    if (ok && route.request().resourceType() === "script") ok = false;
    if (ok && route.request().isNavigationRequest()) return noScripts(route);
    if (ok) return route.continue();
    if (line) line.blocked.push(u);
    return route.abort("blockedbyclient");
  });
  const page = await context.newPage();
  return async (p) => {
    line = { id: p.id, rules: {}, blocked: [] };
    const start = Date.now();
    try {
      const resp = await page.goto(p.url, { waitUntil: "load", timeout: 60000 });
      if (!resp || !resp.ok()) throw new Error(`HTTP ${resp ? resp.status() : "no response"} for ${p.url}`);
      await page.evaluate(axeSource);
      const res = await page.evaluate(async (rules) => {
        const config = { runOnly: { type: "rule", values: rules }, rules: {}, iframes: false, elementRef: true,
          resultTypes: ["passes", "violations", "incomplete"] };
        for (const r of rules) config.rules[r] = { enabled: true };
        const res = await window.axe.run(document, config);
        // axe-core's target is meant to name one element, and does not
        // always (an attribute suffix that two links share): then the
        // element's path of :nth-child steps from the root names it.
        const path = (el) => {
          const steps = [];
          for (; el && el.parentElement; el = el.parentElement) {
            steps.unshift(`${el.localName}:nth-child(${Array.prototype.indexOf.call(el.parentElement.children, el) + 1})`);
          }
          return ":root > " + steps.join(" > ");
        };
        for (const type of ["passes", "violations", "incomplete"]) {
          for (const r of res[type]) {
            for (const n of r.nodes) {
              const t = n.target[0];
              if (n.element && n.target.length === 1 && typeof t === "string") {
                let unique = false;
                try {
                  unique = document.querySelectorAll(t).length === 1;
                } catch {}
                if (!unique) n.path = path(n.element);
              }
              delete n.element;
            }
          }
        }
        return res;
      }, rules);
      line.rules = byRule(res);
    } catch (e) {
      line.error = String(e && e.message ? e.message : e);
    }
    const done = line;
    line = null;
    if (!done.blocked.length) delete done.blocked;
    done.ms = Date.now() - start;
    return done;
  };
}

try {
  let next = 0;
  const worker = async () => {
    const run = await newWorker();
    while (next < pages.length) {
      const p = pages[next++];
      process.stdout.write(JSON.stringify(await run(p)) + "\n");
    }
  };
  await Promise.all(Array.from({ length: parallel }, worker));
  process.stdout.write(JSON.stringify({
    axe: require("axe-core/package.json").version,
    chromium: browser.version(),
    playwright: require("playwright-core/package.json").version,
  }) + "\n");
} finally {
  await browser.close();
}
