// Loads every page of a generated report in headless Chromium, runs
// axe-core on it, checks the sorting script and the Content-Security-Policy,
// and takes screenshots. Used by reports/browser_test.go:
//
//   node run.mjs SITE_DIR ARTIFACTS_DIR CHROMIUM page.html [page.html...]
//
// It prints one JSON object: {"pages": [{"page", "violations"}], "errors",
// "screenshots"}.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { chromium } from "playwright-core";

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
const [siteDir, artifacts, executablePath, ...pages] = process.argv.slice(2);
const tags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];
const shots = {
  "index.html": ["home.png", "home-mobile.png"],
};

const out = { axe: "", pages: [], errors: [], screenshots: [] };
const browser = await chromium.launch({
  executablePath,
  headless: true,
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync"],
});
try {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, reducedMotion: "reduce" });
  const page = await context.newPage();
  page.on("console", (m) => { if (m.type() === "error") out.errors.push(`${page.url()}: console: ${m.text()}`); });
  page.on("pageerror", (e) => out.errors.push(`${page.url()}: ${e.message}`));
  page.on("dialog", async (d) => { out.errors.push(`${page.url()}: a dialog opened: ${d.message()}`); await d.dismiss(); });
  page.on("request", (r) => {
    if (!r.url().startsWith("file:") && !r.url().startsWith("data:")) out.errors.push(`${page.url()}: requested ${r.url()}`);
  });
  let councilShot = false;
  for (const p of pages) {
    const url = pathToFileURL(resolve(siteDir, p)).href;
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(url, { waitUntil: "load" });
    // The style and the script must run under the page's own CSP.
    const styled = await page.evaluate(() => getComputedStyle(document.querySelector(".site-header")).backgroundColor);
    if (styled === "rgba(0, 0, 0, 0)") out.errors.push(`${p}: the inline style did not apply (CSP hash?)`);
    const sortable = await page.evaluate(() => document.querySelectorAll("table[data-sortable]").length);
    const buttons = await page.evaluate(() => document.querySelectorAll("table[data-sortable] th button").length);
    if (sortable > 0 && buttons === 0) out.errors.push(`${p}: the sorting script did not run (CSP hash?)`);
    await page.evaluate(axeSource);
    const res = await page.evaluate(async (tags) => {
      const r = await window.axe.run(document, { runOnly: { type: "tag", values: tags }, resultTypes: ["violations"] });
      return { version: window.axe.version, violations: r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help,
        nodes: v.nodes.slice(0, 5).map((n) => ({ target: n.target.join(" "), html: n.html, summary: n.failureSummary })) })) };
    }, tags);
    out.axe = res.version;
    out.pages.push({ page: p, violations: res.violations });
    if (sortable > 0 && p === "league.html") {
      // Sort by council name and check the order and aria-sort.
      await page.click("table[data-sortable] th:nth-child(2) button");
      const got = await page.evaluate(() => {
        const t = document.querySelector("table[data-sortable]");
        return { sort: t.tHead.rows[0].cells[1].getAttribute("aria-sort"), rank: t.tHead.rows[0].cells[0].getAttribute("aria-sort"),
          names: Array.from(t.tBodies[0].rows, (r) => r.cells[1].textContent.trim()),
          status: document.getElementById(t.getAttribute("data-status")).textContent };
      });
      const sorted = [...got.names].sort((a, b) => a.toLowerCase() < b.toLowerCase() ? -1 : a.toLowerCase() > b.toLowerCase() ? 1 : 0);
      if (got.sort !== "ascending" || got.rank !== null || JSON.stringify(sorted) !== JSON.stringify(got.names) || !got.status.includes("Sorted by Council")) {
        out.errors.push(`league.html: sorting by council gave ${JSON.stringify(got)}`);
      }
      // The sorted table must pass axe too.
      const again = await page.evaluate(async (tags) => (await window.axe.run(document, { runOnly: { type: "tag", values: tags } })).violations.map((v) => v.id), tags);
      if (again.length) out.errors.push(`league.html after sorting: axe violations ${again.join(", ")}`);
    }
    const names = shots[p] || (!councilShot && p.startsWith("councils/") && p !== "councils/" ? ["council.png", "council-mobile.png"] : null);
    if (names) {
      if (p.startsWith("councils/")) councilShot = true;
      const file = join(artifacts, names[0]);
      await page.screenshot({ path: file, fullPage: true });
      const top = file.replace(/\.png$/, "-top.png");
      await page.screenshot({ path: top });
      out.screenshots.push(file, top);
      await page.setViewportSize({ width: 390, height: 844 });
      const mobile = join(artifacts, names[1]);
      await page.screenshot({ path: mobile, fullPage: true });
      out.screenshots.push(mobile);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      if (overflow > 0) out.errors.push(`${p}: the page scrolls sideways by ${overflow}px at 390px wide`);
    }
  }
} finally {
  await browser.close();
}
process.stdout.write(JSON.stringify(out));
