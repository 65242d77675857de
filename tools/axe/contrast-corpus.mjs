// Writes the GOV.UK Frontend part of the contrast corpus
// (scoring/testdata/contrast/govuk) from the pinned govuk-frontend
// package, and copies the compiled stylesheets of govuk-frontend and
// bootstrap beside their pages:
//
//   node contrast-corpus.mjs ../../scoring/testdata/contrast
//
// The GOV.UK pages are built from the package's own fixtures.json, the
// rendered HTML of every example its documentation and review app show,
// so that the markup is exactly what a service gets from the Nunjucks
// macros: no page is written by hand to suit either engine. Fixtures that
// force a state with a fake class (":hover", ":focus", ":active", for
// screenshots) and fixtures the package marks hidden (test-only) are left
// out. Each page is the package's page template (template.njk) rendered
// with its default header, skip link and footer, as a service that uses
// the template serves it. The Bootstrap pages are written by hand from
// Bootstrap's documentation and are not touched here.
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

const require = createRequire(import.meta.url);
const out = process.argv[2];
if (!out) throw new Error("usage: node contrast-corpus.mjs OUT_DIR");
const govuk = dirname(require.resolve("govuk-frontend/package.json"));
const govukVersion = require("govuk-frontend/package.json").version;
const components = join(govuk, "dist/govuk/components");

function fixtures(component) {
  const all = JSON.parse(readFileSync(join(components, component, "fixtures.json"), "utf8")).fixtures;
  return all.filter((f) => !f.hidden && !/class="[^"]*(^|\s):(hover|focus|active)\b/.test(f.html));
}

const escape = (s) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

// The pages: a title and, for each, the components whose fixtures it
// shows (inverse fixtures go to the inverse page, on the dark background
// their documentation asks for).
const pages = [
  ["buttons", "Buttons", ["button"]],
  ["tags", "Tags and task lists", ["tag", "task-list"]],
  ["banners", "Banners and warnings", ["notification-banner", "cookie-banner", "phase-banner", "warning-text", "exit-this-page"]],
  ["panels", "Panels, inset text, details and hints", ["panel", "inset-text", "details", "hint", "feedback"]],
  ["tables", "Tables and summary lists", ["table", "summary-list"]],
  ["navigation", "Breadcrumbs, back links, pagination and navigation", ["breadcrumbs", "back-link", "pagination", "skip-link", "service-navigation", "language-navigation"]],
  ["text-inputs", "Text inputs", ["input", "textarea", "character-count", "password-input", "label", "error-message"]],
  ["choices", "Radios, checkboxes, selects and dates", ["radios", "checkboxes", "select", "date-input", "fieldset"]],
  ["errors", "Error summary, file upload, accordion and tabs", ["error-summary", "file-upload", "accordion", "tabs"]],
  ["headers", "Headers", ["header", "generic-header"]],
  ["footers", "Footers", ["footer"]],
];

function template(title, body, { bodyClasses = "", head = "" } = {}) {
  const skip = fixtures("skip-link")[0].html.replace("#test-target-element", "#main-content");
  const header = fixtures("header")[0].html;
  const footer = fixtures("footer")[0].html;
  return `<!DOCTYPE html>
<html lang="en" class="govuk-template">
  <head>
    <meta charset="utf-8">
    <title>${escape(title)} - GOV.UK Frontend ${govukVersion} examples</title>
    <meta name="viewport" content="width=device-width, initial-scale=1, viewport-fit=cover">
    <meta name="theme-color" content="#1d70b8">
    <link rel="stylesheet" href="/stylesheets/govuk-frontend.min.css">${head}
  </head>
  <body class="govuk-template__body${bodyClasses ? " " + bodyClasses : ""}">
    <script>document.body.className += ' js-enabled' + ('noModule' in HTMLScriptElement.prototype ? ' govuk-frontend-supported' : '');</script>
    ${skip}
    <header class="govuk-template__header">
${header}
    </header>
    <div class="govuk-width-container">
      <main class="govuk-main-wrapper" id="main-content">
        <h1 class="govuk-heading-l">${escape(title)}</h1>
${body}
      </main>
    </div>
    <footer class="govuk-template__footer">
${footer}
    </footer>
  </body>
</html>
`;
}

function section(component, f) {
  return `        <h2 class="govuk-heading-m">${escape(component)}: ${escape(f.name)}</h2>
        <div class="app-example">
${f.html}
        </div>
`;
}

mkdirSync(join(out, "govuk/stylesheets"), { recursive: true });
const inverse = [];
const written = [];
for (const [file, title, comps] of pages) {
  let body = "";
  for (const c of comps) {
    for (const f of fixtures(c)) {
      if ((f.pageTemplateOptions || {}).bodyClasses === "app-template__body--inverse") {
        inverse.push([c, f]);
        continue;
      }
      body += section(c, f);
    }
  }
  writeFileSync(join(out, "govuk", file + ".html"), template(title, body));
  written.push(file + ".html");
}
// The Design System's "Styles" pages (typography, links, lists, section
// breaks, colour) are documentation, not fixtures: their examples are
// copied here as the pages show them.
const styles = `        <h2 class="govuk-heading-m">Headings and captions</h2>
        <span class="govuk-caption-xl">Caption xl</span>
        <h2 class="govuk-heading-xl">Heading xl</h2>
        <span class="govuk-caption-l">Caption l</span>
        <h2 class="govuk-heading-l">Heading l</h2>
        <span class="govuk-caption-m">Caption m</span>
        <h2 class="govuk-heading-m">Heading m</h2>
        <h2 class="govuk-heading-s">Heading s</h2>
        <h2 class="govuk-heading-l"><span class="govuk-caption-l">Caption inside a heading</span>Heading with a caption</h2>
        <h2 class="govuk-heading-m">Paragraphs</h2>
        <p class="govuk-body-l">Lead paragraph: a short introduction to the page, in larger text.</p>
        <p class="govuk-body">Body paragraph: the default size of body text on GOV.UK.</p>
        <p class="govuk-body-s">Small paragraph: for fine print and secondary content.</p>
        <p class="govuk-body govuk-!-font-weight-bold">Bold text with the font-weight override class.</p>
        <p class="govuk-body">Text with <strong class="govuk-!-font-weight-bold">a bold phrase</strong> inside a paragraph.</p>
        <p class="govuk-hint">Hint text outside a form, as some services use it.</p>
        <h2 class="govuk-heading-m">Links</h2>
        <p class="govuk-body"><a href="#" class="govuk-link">Link text</a> on its own line.</p>
        <p class="govuk-body">A sentence with <a href="#" class="govuk-link">a link inside it</a> and more words after the link.</p>
        <p class="govuk-body"><a href="#" class="govuk-link govuk-link--no-visited-state">Link with no visited state</a></p>
        <p class="govuk-body"><a href="#" class="govuk-link govuk-link--no-underline">Link with no underline</a> in running text, with words after it.</p>
        <p class="govuk-body"><a href="#" class="govuk-link govuk-link--text-colour">Link in the text colour</a> in a sentence of running text.</p>
        <p class="govuk-body">Text with <a href="https://www.gov.uk/" class="govuk-link" rel="noreferrer noopener" target="_blank">a link that opens in a new tab (opens in new tab)</a>.</p>
        <div class="govuk-!-padding-3" style="background-color: var(--govuk-brand-colour);">
          <p class="govuk-body" style="color: var(--govuk-inverse-text-colour);">An inverse link on a dark background: <a href="#" class="govuk-link govuk-link--inverse">Inverse link</a>.</p>
        </div>
        <h2 class="govuk-heading-m">Lists</h2>
        <ul class="govuk-list">
          <li><a href="#" class="govuk-link">related link</a></li>
          <li><a href="#" class="govuk-link">related link</a></li>
        </ul>
        <ul class="govuk-list govuk-list--bullet">
          <li>apples</li>
          <li>oranges</li>
          <li>pears</li>
        </ul>
        <ol class="govuk-list govuk-list--number">
          <li>Delivery address.</li>
          <li>Payment.</li>
          <li>Confirmation.</li>
        </ol>
        <ul class="govuk-list govuk-list--bullet govuk-list--spaced">
          <li>Spaced list item with a longer sentence of text inside it.</li>
          <li>Another spaced list item.</li>
        </ul>
        <hr class="govuk-section-break govuk-section-break--l govuk-section-break--visible">
        <h2 class="govuk-heading-m">Visually hidden text</h2>
        <p class="govuk-body">Text that sighted users see<span class="govuk-visually-hidden"> and more that only screen readers read</span>.</p>
        <h2 class="govuk-heading-m">Typography: the !-font-size overrides</h2>
        <p class="govuk-body govuk-!-font-size-16">Font size 16 override.</p>
        <p class="govuk-body govuk-!-font-size-19">Font size 19 override.</p>
        <p class="govuk-body govuk-!-font-size-24">Font size 24 override.</p>
        <p class="govuk-body govuk-!-font-size-27">Font size 27 override.</p>
        <p class="govuk-body govuk-!-font-size-24 govuk-!-font-weight-bold">Font size 24 bold.</p>
        <p class="govuk-body govuk-!-font-size-19 govuk-!-font-weight-bold">Font size 19 bold.</p>
`;
writeFileSync(join(out, "govuk", "styles.html"), template("Styles: typography, links and lists", styles));
written.push("styles.html");

// The review app shows inverse components on the brand colour; its own
// stylesheet, which sets that background, is not in the package, so the
// page sets it with the package's custom property.
writeFileSync(join(out, "govuk", "inverse.html"), template("Inverse components", inverse.map(([c, f]) => section(c, f)).join(""), {
  bodyClasses: "app-template__body--inverse",
  head: "\n    <style>.app-template__body--inverse { background-color: var(--govuk-brand-colour); }</style>",
}));
written.push("inverse.html");
copyFileSync(join(govuk, "dist/govuk/govuk-frontend.min.css"), join(out, "govuk/stylesheets/govuk-frontend.min.css"));

const bootstrap = dirname(require.resolve("bootstrap/package.json"));
mkdirSync(join(out, "bootstrap/css"), { recursive: true });
copyFileSync(join(bootstrap, "dist/css/bootstrap.min.css"), join(out, "bootstrap/css/bootstrap.min.css"));
copyFileSync(join(bootstrap, "LICENSE"), join(out, "bootstrap/LICENSE"));

process.stdout.write(`govuk-frontend ${govukVersion}: ${written.join(", ")}\nbootstrap ${require("bootstrap/package.json").version}\n`);
