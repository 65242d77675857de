package scoring

import (
	"fmt"
	"strings"

	"github.com/councilbench/councilbench"
)

// MethodologyMarkdown renders the scoring model, the task catalogue and the
// site features as the Markdown of docs/methodology.md.
func MethodologyMarkdown() string {
	var b strings.Builder
	w := func(format string, args ...any) { fmt.Fprintf(&b, format, args...) }
	cell := func(s string) string {
		if s == "" {
			return "–"
		}
		return strings.ReplaceAll(strings.ReplaceAll(strings.ReplaceAll(s, "|", `\|`), "<", "&lt;"), ">", "&gt;")
	}
	list := func(xs []string) string {
		q := make([]string, len(xs))
		for i, x := range xs {
			q[i] = "`" + x + "`"
		}
		return strings.Join(q, ", ")
	}

	w("# Scoring methodology\n\n")
	w("<!-- Generated from scoring/model.go, tasks.go and features.go by `go test ./scoring -run Methodology -update`. Do not edit. -->\n\n")
	w("Model version **%s**; task catalogue version **%d**. Every stored score carries the model version, every task finding its task's version, ", ModelVersion, TaskCatalogueVersion)
	w("every feature its feature's version and every accessibility rate its rule's version ([rules.md](rules.md)).\n\n")
	w("councilbench scores each council's website as Socitm's Better Connected did: on whether residents can do the things they come for, ")
	w("judged only on the services the council's tier provides, together with navigation and search, mobile, technical health and accessibility, ")
	w("into a score from 0 to 100 and one to four stars. Everything is computed from the pages the survey stored, with no network, so a stored survey ")
	w("can be scored again (`councilbench rescore`) with a newer model.\n\n")

	w("## What is assessed\n\n")
	w("A website is assessed once, from its stored pages, and councils that share a website share its findings; each council is then scored on the tasks of its own tier. ")
	w("A site that could not be assessed gets **no score** and says why: the crawl failed (the site was down, robots.txt disallows the survey, bot protection answered, ")
	w("and the other failure reasons of [schema.md](schema.md)), the crawl did not finish, or no home page was stored. Such a council is never ranked as zero.\n\n")
	w("The pages judged are the HTML pages fetched with a 2xx status that are neither bot-protection challenges nor \"page not found\" pages (a title or main heading saying so).\n\n")

	w("## The score\n\n")
	w("The score is the weighted sum of five components, each from 0 to 100. Each component is the weighted mean of its items, each from 0 to 1. ")
	w("An item the stored pages cannot decide (for example the http redirect when the register's URL is https) is left out and the weights of the other items are scaled up; ")
	w("a component with no item known is left out likewise. Each component's points (score × weight, scaled) are stored, so the score can be traced to them and each item to its findings.\n\n")
	w("| Component | Weight | What it measures |\n| --- | --- | --- |\n")
	for _, c := range Components {
		w("| %s (`%s`) | %.0f | %s |\n", c.Name, c.ID, c.Weight, cell(c.Description))
	}
	w("\n### Items\n\n| Component | Item | Weight in the component | Score |\n| --- | --- | --- | --- |\n")
	for _, it := range Items {
		w("| `%s` | `%s` | %.2f | %s |\n", it.Component, it.ID, it.Weight, cell(it.Rule))
	}

	w("\n### Accessibility\n\n")
	w("Accessibility is judged by **rates**, never by counts, which grow with the number of pages crawled: for each rule of [rules.md](rules.md), the share of the judged pages on which it failed. ")
	w("The rules item is the product over rules of (1 − impact weight × rate), so a rule failing on every page costs its whole weight and one failing on 2%% of pages costs 2%% of it:\n\n")
	w("| Impact | Weight |\n| --- | --- |\n")
	for _, im := range []Impact{Critical, Serious, Moderate, Minor} {
		w("| %s | %.2f |\n", im, ImpactWeights[im])
	}
	w("\n**Advisory rules** (best practice, listed apart in [rules.md](rules.md)) count in neither the rules item nor the accessibility pass: ")
	w("their failures are stored and shown with their evidence, apart from the WCAG failures, and the rules item's evidence counts them apart.\n")
	w("\n**The accessibility pass** requires all of:\n\n")
	w("- an accessibility statement was found and the home page links to it;\n")
	w("- no rule of critical impact fails on more than %.0f%% of the judged pages;\n", 100*PassMaxCriticalRate)
	w("- the rules item scores at least %d (out of 100);\n", PassMinRulesScore)
	w("- at least one page was judged.\n\n")

	w("### Task points\n\n")
	w("The task component is the mean of the points of the tasks **asked of the council's tier** (see below), so councils of different tiers are comparable. A task scores:\n\n")
	w("- %.1f when its page was found (a link whose target was fetched and failed does not count);\n", TaskPointsFound)
	w("- + %.1f when it can be done online (a form on the page, or a payment, booking, reporting or application link, off-site portals included), or + %.1f instead when only a PDF (or other document) form is offered, as in Better Connected;\n", TaskPointsOnline, TaskPointsPDFOnly)
	w("- + %.1f when the page is at most %d clicks from the home page, or + %.1f at %d clicks (clicks are the page's stored depth: the fewest clicks over the links crawled).\n\n", TaskPointsShallow, ShallowClicks, TaskPointsDeeper, ShallowClicks+1)

	w("### Stars\n\n| Stars | Lowest score |\n| --- | --- |\n")
	for _, sb := range StarBands {
		w("| %d | %.0f |\n", sb.Stars, sb.Min)
	}
	w("\nFour stars also require the accessibility pass and every component scoring at least %d; a council in the four-star band without them gets three, and its scorecard says why.\n\n", FourStarMinComponent)

	w("## Who provides what\n\n")
	w("A council is asked the tasks its tier provides. District-only services are never asked of a county and county-only services never of a district; ")
	w("English unitaries, metropolitan and London boroughs, and the Scottish and Welsh councils (all of tier `unitary`) provide both. ")
	w("Northern Ireland's district councils provide waste and recycling, planning, councillors and environmental services, but not council tax, housing, schools, roads, ")
	w("libraries, Blue Badges or electoral registration, which other bodies run: they are asked only their own tasks.\n\n")
	w("| Tier | Services | Tasks asked |\n| --- | --- | --- |\n")
	for _, t := range councilbench.Tiers {
		var ids []string
		for _, task := range TasksForTier(t) {
			ids = append(ids, task.ID)
		}
		w("| `%s` | %s | %d: %s |\n", t, ServicesOf(t), len(ids), list(ids))
	}

	w("\n## The task catalogue\n\n")
	w("Each task is one declaration in `scoring.Tasks`. LGSL codes are those of GOV.UK's Local Government Services List (`scoring/data/lgsl-services.csv`, ")
	w("see its SOURCE file), where that list has the service; a test checks that each code exists and that the catalogue never asks a tier for a service the list gives to another tier. ")
	w("Find your councillor (LGSL 358) is listed for all tiers but asked, like the simulated web generates it, of lower-tier and Northern Ireland councils only.\n\n")
	w("**Finding a task's page.** A task's patterns name it in the words councils use (taken from 320 real council task pages and near-misses, `survey/testdata/task-pages-dev.csv`, and the LGSL's service names). ")
	w("A pattern is parts joined by `+`, all of which must occur as whole words; `a|b` gives alternatives; a part marked `~` may instead come from the page's context (the rest of its URL, its host name, the titles of the service pages linking to it), ")
	w("so that \"How to pay\" under `/council-tax/` pays council tax; `=` asks for the whole text. Case, Welsh accents and apostrophes are ignored. ")
	w("English words match their inflections (plurals, -ing, -ed, -al, -ion, -ment: *renew* matches *renewing* and *renewal*). ")
	w("Welsh words match their plural in -s or -es and every initial mutation (soft p→b, t→d, c→g, b→f, d→dd, g dropped, m→f, ll→l, rh→r; nasal p→mh, t→nh, c→ngh, b→m, d→n, g→ng; aspirate p→ph, t→th, c→ch), ")
	w("so *talu* matches *Sut i dalu* and *bathodyn* matches *Fathodyn*; other Welsh plurals are listed.\n\n")
	w("**Reading a URL.** A URL is named by its last path segment that names anything: numeric segments, ids (`page_101375`, `Q007`), CMS file names (`default.aspx`, `index.php`, SharePoint's `Pages`), language codes and list sort orders (`/councillors/name`) are skipped, ")
	w("file extensions dropped, and words glued together (`checkyourbinday`, `Diwrnodcasglubiniau`) or in camel case (`MissedBin`) split with the catalogue's vocabulary; `app` and `reg` are read as *application* and *register*. ")
	w("When the last segment is a generic file name, the query's values of words name the page (`index.cfm?fa=wastecalendar`). A `cy.` host, a `/cy/` segment or a `lang=cy` query marks the Welsh page. ")
	w("`/article/` is not news: several council CMSs put every service page there. News is a page under a news segment (`/news/`, `/newyddion/`...), a dated path (`/2025/09/`), a `news.` host, or a page whose facts say it is a dated article.\n\n")
	w("**Candidates.** Every HTML page judged, except the home page, news and the feature pages (contact, A to Z, accessibility statement), is a candidate when a link to it, its title or main heading, or its URL's name names the task, ")
	w("or when one of them names the task's service area (\"Council tax\"). A candidate scores 2 per level for the best link naming it, 1 per level for its URL and 1 per level for its title or heading (English patterns level 2, Welsh level 1), ")
	w("one less when naming it needed the context, and one more when the page offers the task's action (a transactional form, or a link to a portal or one that starts the task). ")
	w("**Near-misses**: a page whose name carries a near-miss word (the catalogue's list: %s; and the task's own) informs about the task rather than delivers it, and is not taken, unless its name also says how to do the task (%s). ", list(NearMissTexts[:12]), list(ActionTexts[:4]))
	w("A page named only for the service area is taken only when it offers the action itself. ")
	w("The highest-scoring page named for the task wins, then the fewest clicks, then the shortest URL. On a bilingual site the English page is the task's page and the best Welsh-only candidate its Welsh version.\n\n")
	w("**Why not found.** For a task not found, the finding keeps the closest %d candidates (stored in `task_candidates`) with what matched (link text, title, URL, area, context), the near-miss that ruled each out, and whether it offers the action, ", councilbench.MaxTaskCandidates)
	w("and says in one line why: \"closest page: /council-tax (names the service area only; no payment action)\".\n\n")
	w("When no page is found, a working document (a PDF form) that a link names is the finding, as PDF-only.\n\n")
	w("**Online.** The task's page holds a form that is not a site search or a newsletter sign-up (a lone email field) and has a field to fill in; or it links off-site, outside the links on most pages (the site's header and footer), ")
	w("to a known portal (%s, or the task's own portals below), or with a link text naming the task or starting it (\"Start now\", \"Apply online\"...); ", list(PortalHosts[:8]))
	w("or it links internally with such a start text. Otherwise, when it links a document, the task is PDF-only.\n\n")
	w("**Linked from the home page or a landing page**: the home page links to the task's page, or a page one click from the home page whose URL or title names the task's service area does.\n\n")
	w("| Task | Version | LGSL | Asked of | English names | Welsh names | Not the task | Online |\n| --- | --- | --- | --- | --- | --- | --- | --- |\n")
	for _, t := range Tasks {
		var codes []string
		for _, c := range t.LGSL {
			s, _ := LookupLGSL(c)
			codes = append(codes, fmt.Sprintf("%d (%s)", c, s.Tier))
		}
		w("| `%s` %s (%s) | %d | %s | %s | %s | %s | %s | %s |\n", t.ID, cell(t.Name), cell(t.Welsh), t.Version, cell(strings.Join(codes, ", ")), t.Provided,
			cell(list(t.Texts)), cell(list(t.WelshTexts)), cell(list(append(append([]string{}, t.NotTexts...), t.WelshNotTexts...))), cell(t.Online+"; portals: "+strings.Join(t.Portals, ", ")))
	}
	w("\nThe crawler fetches the pages these patterns name first: `scoring.Priority` ranks a link %d when its text or URL names a task, %d when it names a task's service area (its landing page), ", PriorityTask, PriorityArea)
	w("%d when it names the contact page, the A to Z or the accessibility statement, and 0 otherwise.\n\n", PriorityFeature)

	w("## Site features\n\n")
	w("Each feature is a stored finding with its evidence (URLs, header values, counts). Features that no component scores are recorded and shown only.\n\n")
	w("| Feature | Version | Component | How it is measured |\n| --- | --- | --- | --- |\n")
	for _, f := range Features {
		comp := "recorded only"
		if f.Component != "" {
			comp = "`" + f.Component + "`"
		}
		w("| %s (`%s`) | %d | %s | %s |\n", cell(f.Name), f.ID, f.Version, comp, cell(f.Description))
	}
	w("\nResponse time is measured as time to first byte (`httptrace`) and labelled indicative: it measures the surveyor's network as much as the council's, so it is never scored.\n")

	w("\n## The digital divide\n\n")
	w("`councilbench divide` (and the report's home page) compares shire districts with larger councils in England (counties, unitaries, metropolitan and London boroughs) on every measure: ")
	w("the score, the stars, the accessibility pass, each task found and doable online (among the councils asked it), the mobile viewport, HTTPS, page weight, the share of documents that are PDFs, ")
	w("and for each accessibility rule whether a council's pages fail it at all and the share of its pages failing it. ")
	w("Each measure gets, per group, n, quartiles (R's type 7), the mean and, for yes-or-no measures, a 95%% Wilson interval; between the groups, the differences in means and medians ")
	w("with 95%% percentile-bootstrap intervals (10,000 resamples from a fixed seed), a two-sided Mann–Whitney test and Cliff's delta. ")
	w("The p-values are adjusted for the number of tests by Holm's method, and a difference is called clear when its adjusted p is below 0.05 and its interval excludes 0.\n\n")
	w("**Measures with no variation are not tested.** A measure on which every shire district and every larger council has the same value (a rule that fails on no council's pages: 0%% against 0%%) ")
	w("cannot show a difference: its test would give p = 1 and only make Holm's adjustment stricter for the measures that do vary. ")
	w("Such measures are reported as having no variation (one line listing them in the text and Markdown reports, `no_variation` in JSON and CSV) and left out of Holm's family; ")
	w("the number of tests the adjustment counts is stated with the results. ")
	w("A measure constant within each group but different between them (every shire district fails a rule, no larger council does) varies, and is tested.\n")
	w("\n## Versions, and what a rescore does\n\n")
	w("Every stored result says which logic made it, so that any survey can be traced and scored again. The policy:\n\n")
	w("- a change to an accessibility rule's logic bumps **the rule's version** ([rules.md](rules.md)), stored with each of its results;\n")
	w("- a change to what a page fact records (title, heading, language, viewport, main landmark, forms) bumps **the facts version** (now %d), stored with every page's facts;\n", FactsVersion)
	w("- a change to a task's patterns or online test bumps **the task's version**, and a task added or removed, or a change to the task-finding logic that every task shares, bumps **the catalogue version** (now %d);\n", TaskCatalogueVersion)
	w("- a change to how a site feature is measured bumps **the feature's version** (the table above);\n")
	w("- a change to the model (its components, items, weights, thresholds, task points, star bands or the accessibility pass) bumps **the model version** (now %s), stored with every score.\n\n", ModelVersion)
	w("`councilbench rescore` recomputes a survey under the current versions from what the survey stored, without the network: each stored page body is judged again ")
	w("(rules and facts, in one parse), each crawled site assessed again from those pages, and each council scored again. It names any input it lacks: ")
	w("a page whose body was not stored (a results-only file) keeps the results stored with it, and the rescore says how many. ")
	w("An item that needs an input the survey does not hold is **not assessed**, left out with the other items' weights scaled up, and never counted as zero: ")
	w("the real-404 item when no probe was stored, the http redirect when the http variant was not requested, ")
	w("and whether the site search finds the tasks when the survey did not search (a survey made before model version 2): the stored searches and result pages are judged again, never searched again. ")
	w("The rules that read the CSS cascade (colour contrast) are **not assessed** on a survey made before stylesheets were stored (before model version 3): ")
	w("the site's rate is marked not assessed, left out of the rules' product, never counted as a failure or a pass, and the report and `show` say so.\n\n")
	w("**History.** Model version 3 added colour contrast (color-contrast, WCAG 1.4.3, serious) to the accessibility failure rates, judged from the stylesheets the survey fetched; ")
	w("its rate is over the pages it could judge, and a page it could not decide (a background image, a stylesheet not fetched) is no failure. Model version 2 (task catalogue version 2) added the site search item (search-finds-tasks, 0.2 of navigation, taken from the search form's 0.4) ")
	w("and the task finder built on real councils' pages (the words councils use, Welsh mutations, CMS URLs, near-misses); version 1 was the first published model.\n\n")
	w("`councilbench report --compare` compares two surveys only under one model: an earlier survey scored with another model version is rescored first, ")
	w("when every page it should judge has its body stored; otherwise the report says that the two are not compared, and why.\n")
	return b.String()
}
