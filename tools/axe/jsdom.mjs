// Runs axe-core on jsdom (no browser, no layout) over pages given on stdin,
// for the differential harness against councilbench's rules
// (scoring/axediff_test.go):
//
//   node jsdom.mjs RULE[,RULE...] < pages.json
//
// stdin is a JSON array of {"id", "html"}. Only the named axe rules run,
// each enabled whatever its default. For each page it prints one JSON line:
// {"id", "violations": {rule: [selector...]}, "incomplete": {rule:
// [selector...]}, "error"}; then {"axe", "jsdom"} with the versions.
// Page scripts never run.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const { JSDOM, VirtualConsole } = require("jsdom");
const axeSource = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
const rules = (process.argv[2] || "").split(",").filter(Boolean);
const pages = JSON.parse(readFileSync(0, "utf8"));

// jsdom lays nothing out: give axe the layout calls it makes, answering
// "nothing here", so that rules which do not need layout run instead of
// erroring.
function stubLayout(w) {
  const D = w.Document.prototype;
  D.elementFromPoint ??= () => null;
  D.elementsFromPoint ??= () => [];
  const R = w.Range.prototype;
  R.getClientRects ??= () => [];
  R.getBoundingClientRect ??= () => ({ x: 0, y: 0, top: 0, left: 0, right: 0, bottom: 0, width: 0, height: 0 });
  w.HTMLCanvasElement.prototype.getContext = () => null;
  // jsdom's user-agent sheet hides every <title>, SVG's too; browsers hide
  // only HTML's (their sheet's rule is in the HTML namespace), and axe-core
  // names an <svg> from its <title> only when that is not hidden.
  const computed = w.getComputedStyle.bind(w);
  w.getComputedStyle = (el, pseudo) => {
    const style = computed(el, pseudo);
    if (!pseudo && el && el.namespaceURI === "http://www.w3.org/2000/svg" && el.localName === "title") {
      return new Proxy(style, {
        get(target, prop) {
          if (prop === "display") return "inline";
          if (prop === "getPropertyValue") return (name) => (name === "display" ? "inline" : target.getPropertyValue(name));
          const v = Reflect.get(target, prop, target);
          return typeof v === "function" ? v.bind(target) : v;
        },
      });
    }
    return style;
  };
}

// selectors turns axe's node targets into CSS selectors of the top
// document (targets inside frames or shadow roots are arrays: left out).
function selectors(nodes) {
  const out = [];
  for (const n of nodes) {
    if (n.target.length === 1 && typeof n.target[0] === "string") {
      out.push(n.target[0]);
    }
  }
  return out;
}

function byRule(results) {
  const m = {};
  for (const r of results) {
    m[r.id] = selectors(r.nodes);
  }
  return m;
}

for (const page of pages) {
  const line = { id: page.id, violations: {}, incomplete: {} };
  try {
    const dom = new JSDOM(page.html, {
      url: "https://example.invalid/",
      contentType: "text/html",
      pretendToBeVisual: true,
      runScripts: "outside-only",
      virtualConsole: new VirtualConsole(),
    });
    const w = dom.window;
    stubLayout(w);
    w.eval(axeSource);
    const config = { resultTypes: ["violations", "incomplete"], rules: {} };
    for (const r of rules) {
      config.rules[r] = { enabled: true };
    }
    config.runOnly = { type: "rule", values: rules };
    const res = await w.axe.run(w.document, config);
    line.violations = byRule(res.violations);
    line.incomplete = byRule(res.incomplete);
    w.close();
  } catch (e) {
    line.error = String(e && e.message ? e.message : e);
  }
  process.stdout.write(JSON.stringify(line) + "\n");
}
process.stdout.write(JSON.stringify({ axe: require("axe-core/package.json").version, jsdom: require("jsdom/package.json").version }) + "\n");
