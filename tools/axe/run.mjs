// Loads every page of a generated report in headless Chromium, runs
// axe-core on it, checks the sorting script and the Content-Security-Policy,
// checks the layout at a phone's width (390 px) and a desktop's (1280 px),
// and takes screenshots at both. Used by reports/browser_test.go:
//
//   node run.mjs SITE_DIR SCREENSHOTS_DIR CHROMIUM SHOTS page.html [page.html...]
//
// SHOTS names the pages to photograph, "name=page.html,...": each gives
// name-390.png and name-1280.png, whole pages. It prints one JSON object:
// {"axe", "pages": [{"page", "violations"}], "errors", "layout",
// "screenshots"}; "layout" lists what the layout checks found.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { chromium } from "playwright-core";

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
const [siteDir, shotsDir, executablePath, shotSpec, ...pages] = process.argv.slice(2);
const tags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];
const shots = new Map(shotSpec.split(",").filter(Boolean).map((s) => { const [name, p] = s.split("="); return [p, name]; }));
const widths = [1280, 390];

// layoutProblems runs in the page: what is wrong with its layout at the
// current viewport. The page must not scroll sideways; no element may
// reach outside the viewport unless a scroll container (overflow-x auto
// or scroll) holds it, and what scrolls sideways is a named region in the
// tab order; no chart may draw outside its SVG's box or need scrolling;
// no table cell's content may spill into the next (headers overlapping);
// the league table must show each council's name, stars and score
// without scrolling at a phone's width, and fit whole at a desktop's.
function layoutProblems() {
  const out = [];
  const vw = document.documentElement.clientWidth;
  const name = (el) => {
    let s = el.tagName.toLowerCase();
    if (el.id) s += "#" + el.id;
    else if (typeof el.className === "string" && el.className.trim()) s += "." + el.className.trim().split(/\s+/).join(".");
    const text = (el.textContent || "").trim().replace(/\s+/g, " ").slice(0, 40);
    return text ? `${s} ("${text}")` : s;
  };
  // scroller returns the scroll container that clips el, or null: an
  // absolutely positioned element escapes every scroll container below
  // its containing block, and a fixed one every scroll container.
  const scroller = (el) => {
    const pos = getComputedStyle(el).position;
    if (pos === "fixed") return null;
    const start = pos === "absolute" ? el.offsetParent : el.parentElement;
    for (let a = start; a && a !== document.body; a = a.parentElement) {
      const o = getComputedStyle(a).overflowX;
      if (o === "auto" || o === "scroll") return a;
    }
    return null;
  };
  const se = document.scrollingElement;
  if (se.scrollWidth > se.clientWidth) out.push(`the page scrolls sideways: ${se.scrollWidth}px wide in a ${se.clientWidth}px window`);
  let beyond = 0;
  for (const el of document.body.querySelectorAll("*")) {
    if (el.closest("svg")) continue; // charts are checked below
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.height === 0) continue;
    if (r.left >= -0.5 && r.right <= vw + 0.5) continue;
    if (scroller(el)) continue;
    if (beyond++ < 5) out.push(`${name(el)} reaches outside the ${vw}px window (from ${Math.round(r.left)} to ${Math.round(r.right)}px) and no scroll container holds it`);
  }
  if (beyond > 5) out.push(`... and ${beyond - 5} more elements outside the window`);
  for (const svg of document.querySelectorAll("svg")) {
    const b = svg.getBoundingClientRect();
    const chart = svg.id || svg.getAttribute("aria-labelledby") || "svg";
    if (b.left < -0.5 || b.right > vw + 0.5) out.push(`chart ${chart} is ${Math.round(b.width)}px wide and needs scrolling in a ${vw}px window`);
    const holder = svg.parentElement.getBoundingClientRect();
    if (b.right > holder.right + 0.5) out.push(`chart ${chart} is wider (${Math.round(b.width)}px) than its container (${Math.round(holder.width)}px)`);
    let outside = 0;
    for (const el of svg.querySelectorAll("*")) {
      if (el.closest("title, desc, defs")) continue;
      const r = el.getBoundingClientRect();
      if (r.width === 0 && r.height === 0) continue;
      if (r.left >= b.left - 0.5 && r.right <= b.right + 0.5 && r.top >= b.top - 0.5 && r.bottom <= b.bottom + 0.5) continue;
      if (outside++ < 5) out.push(`chart ${chart}: ${name(el)} draws outside the chart's box (${Math.round(r.left - b.left)} to ${Math.round(r.right - b.left)} of ${Math.round(b.width)}px across, ${Math.round(r.top - b.top)} to ${Math.round(r.bottom - b.top)} of ${Math.round(b.height)}px down)`);
    }
    if (outside > 5) out.push(`chart ${chart}: ... and ${outside - 5} more elements outside its box`);
  }
  // What scrolls sideways must say so and take the keyboard: a region
  // with a name, in the tab order.
  for (const el of document.body.querySelectorAll("*")) {
    const o = getComputedStyle(el).overflowX;
    if ((o !== "auto" && o !== "scroll") || el.scrollWidth <= el.clientWidth + 1) continue;
    const named = (el.getAttribute("aria-label") || "").trim() || (el.getAttribute("aria-labelledby") || "").split(/\s+/).some((id) => id && document.getElementById(id));
    if (el.getAttribute("role") !== "region" || !named || el.getAttribute("tabindex") !== "0") out.push(`${name(el)} scrolls sideways but is not a named region in the tab order (role="region", aria-label or aria-labelledby, tabindex="0")`);
  }
  let spill = 0;
  for (const c of document.querySelectorAll("th, td")) {
    if (c.scrollWidth > c.clientWidth + 1 && spill++ < 5) out.push(`${name(c)}: its content (${c.scrollWidth}px) spills out of its ${c.clientWidth}px cell over the next`);
  }
  if (spill > 5) out.push(`... and ${spill - 5} more cells whose content spills`);
  const table = document.querySelector("table[data-sortable]");
  if (table && table.tBodies[0].rows.length) {
    const wrap = table.closest(".table-wrap") || table.parentElement;
    const w = wrap.getBoundingClientRect();
    if (vw >= 1024 && wrap.scrollWidth > wrap.clientWidth + 1) out.push(`the league table needs ${wrap.scrollWidth}px and is clipped to ${wrap.clientWidth}px`);
    const heads = Array.from(table.tHead.rows[0].cells, (th) => th.textContent.trim());
    const row = table.tBodies[0].rows[0];
    for (const want of ["Council", "Stars", "Score"]) {
      const i = heads.indexOf(want);
      if (i < 0) { out.push(`the league table has no column "${want}"`); continue; }
      const r = row.cells[i].getBoundingClientRect();
      if (r.right > Math.min(vw, w.right) + 0.5) out.push(`the league table's "${want}" column is out of sight without scrolling (${Math.round(r.left)} to ${Math.round(r.right)}px in ${Math.round(Math.min(vw, w.right))}px)`);
    }
  }
  return out;
}

const out = { axe: "", pages: [], errors: [], layout: [], screenshots: [] };
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
    // The layout at each width, from the page as loaded (not sorted);
    // screenshots of the pages asked for.
    await page.goto(url, { waitUntil: "load" });
    if (shots.has(p)) await page.evaluate(axeSource);
    for (const width of widths) {
      await page.setViewportSize({ width, height: width < 600 ? 844 : 900 });
      for (const problem of await page.evaluate(layoutProblems)) out.layout.push(`${p} at ${width}px: ${problem}`);
      const name = shots.get(p);
      if (!name) continue;
      if (width !== 1280) {
        // The phone's layout must pass axe as well.
        const again = await page.evaluate(async (tags) => (await window.axe.run(document, { runOnly: { type: "tag", values: tags } })).violations.map((v) => v.id), tags);
        if (again.length) out.errors.push(`${p} at ${width}px: axe violations ${again.join(", ")}`);
      }
      const file = join(shotsDir, `${name}-${width}.png`);
      await page.screenshot({ path: file, fullPage: true });
      out.screenshots.push(file);
    }
  }
} finally {
  await browser.close();
}
process.stdout.write(JSON.stringify(out));
