package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/councilbench/councilbench"
	"github.com/councilbench/councilbench/crawler"
	"github.com/councilbench/councilbench/css"
	"github.com/councilbench/councilbench/scoring"
)

// maxCheckFile bounds the size of a file that check reads.
const maxCheckFile = 20 << 20

// runCheck scores local HTML files (or every HTML file under a folder)
// against the accessibility rules. It exits 0 when no WCAG or other scored
// rule failed, 1 when one did and 2 for bad input: an advisory rule's
// failure is printed apart and never makes it exit 1.
func (m *Main) runCheck(ctx context.Context, args []string) error {
	fset := m.newFlagSet("check", "[--format text|json|sarif] [--all] FILE|DIR|URL...")
	format := fset.String("format", "text", "output format: text (the failures, with their fix), json (one object per page and line: every rule) or sarif (SARIF 2.1.0, for code-scanning tools)")
	all := fset.Bool("all", false, "text: every rule's outcome, not only the failures")
	var resolve resolveFlag
	fset.Var(&resolve, "resolve", "`HOST=ADDR:PORT`: fetch URLs of HOST from ADDR:PORT and trust that mapping (repeatable)")
	allowPrivate := fset.Bool("allow-private", false, "allow URLs on private, loopback and link-local addresses")
	caCert := fset.String("ca-cert", "", "PEM `file` of an extra certificate authority to trust")
	timeout := fset.Duration("timeout", 20*time.Second, "timeout of fetching one URL")
	if err := parseFlags(fset, args, true); err != nil {
		return err
	}
	if *format != "text" && *format != "json" && *format != "sarif" {
		return usagef("--format must be text, json or sarif, not %q", *format)
	}
	if fset.NArg() == 0 {
		return usagef("name at least one HTML file, folder or URL")
	}
	files, err := checkFiles(fset.Args())
	if err != nil {
		return err
	}
	// URLs, and the stylesheets their pages link to, are fetched once,
	// with the survey crawler's safety rules: the private-address guard,
	// timeouts and the body cap.
	cfg := crawler.DefaultConfig()
	cfg.Timeout, cfg.Resolve, cfg.AllowPrivate, cfg.Retries = *timeout, resolve, *allowPrivate, 0
	if *caCert != "" {
		if cfg.RootCAs, err = loadCertPool(*caCert); err != nil {
			return usagef("--ca-cert: %w", err)
		}
	}
	cr, err := crawler.New(cfg)
	if err != nil {
		return err
	}
	sc := m.scorer
	if sc == nil {
		sc = scoring.DefaultScorer()
	}
	var tally checkTally
	var sarifLog *sarifReport
	if *format == "sarif" {
		sarifLog = newSarifReport(sc.Rules())
	}
	for _, f := range files {
		if err := ctx.Err(); err != nil {
			return err
		}
		in, err := checkInput(ctx, cr, f)
		if err != nil {
			if ctx.Err() != nil {
				return ctx.Err()
			}
			if errors.Is(err, crawler.ErrPrivateAddress) && !*allowPrivate {
				return usagef("%w (--allow-private checks pages on this machine or a private network)", err)
			}
			return usagef("%w", err)
		}
		rep, _, err := sc.Judge(in.body, in.contentType, in.url, in.sheets)
		if err != nil {
			return usagef("%s: %w", f, err)
		}
		if err := in.sheets.Err(); err != nil {
			return fmt.Errorf("%s: %w", f, err)
		}
		pc := newPageCheck(f, in, sc.Rules(), rep)
		tally.add(pc)
		switch *format {
		case "json":
			err = writeCheckJSON(m.Stdout, f, sc.Rules(), rep)
		case "sarif":
			sarifLog.add(pc)
		default:
			if *all {
				err = writeCheckText(m.Stdout, pc)
			} else {
				err = writeCheckFailures(m.Stdout, pc)
			}
		}
		if err != nil {
			return err
		}
	}
	switch *format {
	case "sarif":
		if err := sarifLog.write(m.Stdout); err != nil {
			return err
		}
	case "text":
		fmt.Fprintln(m.Stdout, tally.String())
	}
	if tally.failed > 0 {
		return fmt.Errorf("%d of %d pages failed at least one WCAG A or AA rule", tally.failed, len(files))
	}
	return nil
}

func isURL(s string) bool { return strings.HasPrefix(s, "http://") || strings.HasPrefix(s, "https://") }

// checked is a page to check, with what judging it needs.
type checked struct {
	body        []byte
	contentType string
	url         string     // what its links resolve against
	sheets      *css.Cache // the stylesheets it links to
}

// checkInput reads a file or fetches a URL to check, with its
// stylesheets. A file's URL is the file: URL of its absolute path, so
// that the stylesheets it links to by relative paths are read from beside
// it. A URL's stylesheets (and their @imports) are fetched by the
// crawler, under its address guard.
func checkInput(ctx context.Context, cr *crawler.Crawler, name string) (*checked, error) {
	if !isURL(name) {
		body, err := readCapped(name)
		if err != nil {
			return nil, err
		}
		u, err := css.FileURL(name)
		if err != nil {
			return nil, err
		}
		return &checked{body: body, contentType: checkContentType(name), url: u, sheets: css.NewCache(css.FileLoader)}, nil
	}
	p, err := cr.Fetch(ctx, name)
	if err != nil {
		return nil, err
	}
	if p.Status < 200 || p.Status >= 300 {
		return nil, fmt.Errorf("%s answered %d", name, p.Status)
	}
	if p.Kind != councilbench.KindHTML {
		return nil, fmt.Errorf("%s is not HTML (%s)", name, p.ContentType)
	}
	sheets, err := cr.FetchStylesheets(ctx, p)
	if err != nil {
		return nil, fmt.Errorf("stylesheets of %s: %w", name, err)
	}
	return &checked{body: p.Body, contentType: p.ContentType, url: p.FinalURL, sheets: css.NewCache(fetchedSheets(sheets))}, nil
}

// fetchedSheets is a loader of the stylesheets fetched for a page, by the
// URL the crawler records (a page or an @import may spell it otherwise).
// A sheet the guard refused is missing, not dropped: what it would set is
// unknown.
func fetchedSheets(sheets []*councilbench.Stylesheet) css.Loader {
	byURL := make(map[string]*councilbench.Stylesheet, len(sheets))
	for _, st := range sheets {
		byURL[st.URL] = st
	}
	return func(u string) (*councilbench.Stylesheet, error) {
		if n, ok := crawler.NormalizeURL(u); ok {
			u = n
		}
		if st := byURL[u]; st != nil && !st.Unfetched() {
			return st, nil
		}
		return nil, nil
	}
}

// checkFiles expands the arguments into the files to check: files as
// named, folders to the .html, .htm and .xhtml files under them.
func checkFiles(args []string) ([]string, error) {
	var files []string
	for _, a := range args {
		if isURL(a) {
			files = append(files, a)
			continue
		}
		st, err := os.Stat(a)
		if err != nil {
			return nil, usagef("%w", err)
		}
		if !st.IsDir() {
			files = append(files, a)
			continue
		}
		var found []string
		err = filepath.WalkDir(a, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			switch strings.ToLower(filepath.Ext(p)) {
			case ".html", ".htm", ".xhtml":
				if !d.IsDir() {
					found = append(found, p)
				}
			}
			return nil
		})
		if err != nil {
			return nil, usagef("%w", err)
		}
		if len(found) == 0 {
			return nil, usagef("no .html, .htm or .xhtml files under %s", a)
		}
		sort.Strings(found)
		files = append(files, found...)
	}
	return files, nil
}

func readCapped(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	body, err := io.ReadAll(io.LimitReader(f, maxCheckFile+1))
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	if len(body) > maxCheckFile {
		return nil, fmt.Errorf("%s is larger than %d MB", path, maxCheckFile>>20)
	}
	return body, nil
}

// checkContentType is the Content-Type a file would be served with.
func checkContentType(path string) string {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".svg":
		return "image/svg+xml"
	case ".xml":
		return "application/xml"
	}
	return "text/html"
}

// blocking reports whether a failure of r makes check exit 1: a WCAG A or
// AA rule that is not advisory. Best-practice and AAA rules are scored in
// a survey but are no conformance failure; advisory rules and can't tell
// never fail anything.
func blocking(r *scoring.Rule) bool {
	return !r.Advisory && (r.Level == "A" || r.Level == "AA")
}

// checkFailed reports whether a blocking rule failed on the page, and
// whether an advisory rule did. The page's results are in the order of
// rules.
func checkFailed(rules []*scoring.Rule, rep *councilbench.PageScore) (scored, advisory bool) {
	for _, r := range rules {
		res := rep.Result(r.ID)
		if res == nil || res.Outcome != scoring.Failed {
			continue // can't tell and not assessed never fail check
		}
		if r.Advisory {
			advisory = true
		} else if blocking(r) {
			scored = true
		}
	}
	return scored, advisory
}

// checkRule is one rule's entry in the JSON output.
type checkRule struct {
	Outcome      scoring.Outcome         `json:"outcome"`
	Version      int                     `json:"version"`
	WCAG         []string                `json:"wcag"`
	Level        string                  `json:"level"`
	ACT          []string                `json:"act"`
	Axe          string                  `json:"axe"`
	Impact       scoring.Impact          `json:"impact"`
	FailureCount int                     `json:"failure_count"`
	Failures     []councilbench.Evidence `json:"failures"`
	// Advisory marks a best-practice rule reported apart: its failure
	// never makes check exit 1.
	Advisory bool `json:"advisory,omitempty"`
	// CantTell counts the elements the rule could not decide, by reason
	// in Reasons (never a failure: check does not exit 1 on them).
	CantTell int            `json:"cant_tell,omitempty"`
	Reasons  map[string]int `json:"reasons,omitempty"`
}

// notAssessed is the outcome check prints for a rule that reads the
// stylesheets when they are not known.
const notAssessed scoring.Outcome = "notAssessed"

// writeCheckJSON writes one page's results as a line of JSON: "failed"
// says whether a WCAG A or AA rule failed (what makes check exit 1),
// "advisory_failed" whether an advisory rule did.
func writeCheckJSON(w io.Writer, path string, table []*scoring.Rule, rep *councilbench.PageScore) error {
	rules := map[string]checkRule{}
	for _, r := range table {
		res := rep.Result(r.ID)
		if res == nil {
			// Not assessed: a rule that reads the stylesheets, which were
			// not known.
			rules[r.ID] = checkRule{Outcome: notAssessed, Version: r.Version, WCAG: r.WCAG, Level: r.Level, ACT: r.ACT, Axe: r.Axe,
				Impact: r.Impact, Failures: []councilbench.Evidence{}, Advisory: r.Advisory}
			continue
		}
		cr := checkRule{Outcome: res.Outcome, Version: r.Version, WCAG: r.WCAG, Level: r.Level, ACT: r.ACT, Axe: r.Axe,
			Impact: r.Impact, FailureCount: res.FailureCount, Failures: res.Failures, Advisory: r.Advisory,
			CantTell: res.CantTellCount, Reasons: res.Reasons}
		if cr.WCAG == nil {
			cr.WCAG = []string{}
		}
		if cr.ACT == nil {
			cr.ACT = []string{}
		}
		if cr.Failures == nil {
			cr.Failures = []councilbench.Evidence{}
		}
		rules[r.ID] = cr
	}
	scored, advisory := checkFailed(table, rep)
	return json.NewEncoder(w).Encode(struct {
		Page           string               `json:"page"`
		Charset        string               `json:"charset"`
		Failed         bool                 `json:"failed"`
		AdvisoryFailed bool                 `json:"advisory_failed"`
		Limited        bool                 `json:"limited"`
		Rules          map[string]checkRule `json:"rules"`
	}{path, rep.Charset, scored, advisory, rep.Limited, rules})
}

// advisoryHeading heads the advisory rules wherever results are listed.
const advisoryHeading = "Advisory (best practice, not scored)"

// pageCheck is one checked page: its results by rule, and where in its
// source each failing element's start tag is, as far as it is known.
type pageCheck struct {
	name  string
	table []*scoring.Rule
	rep   *councilbench.PageScore
	at    map[string]scoring.Position // by evidence selector
}

func newPageCheck(name string, in *checked, table []*scoring.Rule, rep *councilbench.PageScore) *pageCheck {
	pc := &pageCheck{name: name, table: table, rep: rep}
	var sels []string
	for _, r := range table {
		if res := rep.Result(r.ID); res != nil && res.Outcome == scoring.Failed {
			for _, ev := range res.Failures {
				sels = append(sels, ev.Selector)
			}
		}
	}
	if len(sels) > 0 {
		pc.at = map[string]scoring.Position{}
		for i, p := range scoring.Locate(in.body, in.contentType, sels) {
			pc.at[sels[i]] = p
		}
	}
	return pc
}

// result is a rule's result on the page; a rule that reads the
// stylesheets when they were not known is notAssessed.
func (pc *pageCheck) result(r *scoring.Rule) councilbench.RuleResult {
	if res := pc.rep.Result(r.ID); res != nil {
		return *res
	}
	return councilbench.RuleResult{Rule: r.ID, Outcome: notAssessed}
}

// where is an evidence's place as editors and terminals read it,
// "page.html:12:5", or the page's name alone when it is not known.
func (pc *pageCheck) where(sel string) string {
	if p := pc.at[sel]; p.Known() {
		return fmt.Sprintf("%s:%d:%d", pc.name, p.Line, p.Column)
	}
	return pc.name
}

// checkTally counts the pages and failures of one check, for its last
// line and its exit code.
type checkTally struct {
	pages, failed, advisoryOnly int
	rules, elements             int // blocking failures
}

func (t *checkTally) add(pc *pageCheck) {
	t.pages++
	blocked, advisory := checkFailed(pc.table, pc.rep)
	switch {
	case blocked:
		t.failed++
	case advisory:
		t.advisoryOnly++
	}
	for _, r := range pc.table {
		if res := pc.result(r); res.Outcome == scoring.Failed && blocking(r) {
			t.rules++
			t.elements += res.FailureCount
		}
	}
}

func (t *checkTally) String() string {
	s := fmt.Sprintf("Checked %s: ", plural(t.pages, "page", "pages"))
	if t.failed == 0 {
		s += "no WCAG A or AA failures"
	} else {
		s += fmt.Sprintf("%d with WCAG A or AA failures (%s, %s)", t.failed, plural(t.rules, "rule failure", "rule failures"), plural(t.elements, "element", "elements"))
	}
	if t.advisoryOnly > 0 {
		s += fmt.Sprintf("; %d with advisory failures only", t.advisoryOnly)
	}
	return s + "."
}

// ruleHeading is how a rule is named above its failures: its id, what it
// tests and its impact.
func ruleHeading(r *scoring.Rule) string {
	crit := "best practice"
	if len(r.WCAG) > 0 {
		crit = "WCAG " + strings.Join(r.WCAG, ", ") + " " + r.Level
	}
	return fmt.Sprintf("%s (%s, %s)", r.ID, crit, r.Impact)
}

// writeFailures lists a failed rule's evidence, with its fix and where it
// is explained.
func writeFailures(w io.Writer, pc *pageCheck, r *scoring.Rule, res councilbench.RuleResult) {
	fmt.Fprintf(w, "  %s: %s\n", ruleHeading(r), plural(res.FailureCount, "element", "elements"))
	if r.Fix != "" {
		fmt.Fprintf(w, "    Fix: %s\n", r.Fix)
	}
	fmt.Fprintf(w, "    See: %s\n", scoring.DocURL(&r.RuleInfo))
	for _, ev := range res.Failures {
		fmt.Fprintf(w, "    %s  %s\n", pc.where(ev.Selector), ev.Selector)
		fmt.Fprintf(w, "      %s\n", ev.Snippet)
		if c := ev.Contrast; c != nil {
			fmt.Fprintf(w, "      %s\n", c)
		}
	}
	if n := res.FailureCount - len(res.Failures); n > 0 {
		fmt.Fprintf(w, "    … and %d more (the first %d are kept)\n", n, len(res.Failures))
	}
}

// writeCheckFailures writes one page as a web team's CI wants it: a line
// that says whether it passed, then each failed rule with its fix, the
// page that explains it and every failing element with its line; the
// advisory rules' failures apart, and the rules that could not decide in
// one line.
func writeCheckFailures(w io.Writer, pc *pageCheck) error {
	var blockers, others, advisory []*scoring.Rule
	cantTell, undecided := 0, 0
	for _, r := range pc.table {
		res := pc.result(r)
		if res.CantTellCount > 0 {
			cantTell++
			undecided += res.CantTellCount
		}
		if res.Outcome != scoring.Failed {
			continue
		}
		switch {
		case r.Advisory:
			advisory = append(advisory, r)
		case blocking(r):
			blockers = append(blockers, r)
		default:
			others = append(others, r)
		}
	}
	var head []string
	if len(blockers) == 0 {
		head = append(head, "no WCAG A or AA failures")
	} else {
		n := 0
		for _, r := range blockers {
			n += pc.result(r).FailureCount
		}
		head = append(head, fmt.Sprintf("FAIL: %s of WCAG A or AA on %s", plural(len(blockers), "rule", "rules"), plural(n, "element", "elements")))
	}
	if len(others) > 0 {
		head = append(head, fmt.Sprintf("%d best-practice or AAA", len(others)))
	}
	if len(advisory) > 0 {
		head = append(head, fmt.Sprintf("%d advisory", len(advisory)))
	}
	if cantTell > 0 {
		head = append(head, fmt.Sprintf("%s could not decide on %s", plural(cantTell, "rule", "rules"), plural(undecided, "element", "elements")))
	}
	fmt.Fprintf(w, "%s: %s\n", pc.name, strings.Join(head, "; "))
	for _, r := range blockers {
		writeFailures(w, pc, r, pc.result(r))
	}
	if len(others) > 0 {
		fmt.Fprintln(w, "  Best practice and WCAG AAA (scored in a survey; check does not fail on them):")
		for _, r := range others {
			writeFailures(w, pc, r, pc.result(r))
		}
	}
	if len(advisory) > 0 {
		fmt.Fprintf(w, "  %s:\n", advisoryHeading)
		for _, r := range advisory {
			writeFailures(w, pc, r, pc.result(r))
		}
	}
	if pc.rep.Limited {
		fmt.Fprintln(w, "  (a work limit was reached on this page: some outcomes may be incomplete)")
	}
	if len(blockers)+len(others)+len(advisory) > 0 {
		_, err := fmt.Fprintln(w)
		return err
	}
	return nil
}

// writeCheckText writes one page's results in full (--all): a line of
// counts, every scored rule's outcome with its evidence, then, under
// advisoryHeading, the advisory rules' (when the table has any).
func writeCheckText(w io.Writer, pc *pageCheck) error {
	table := pc.table
	var scored, advisory []int
	for i, r := range table {
		if r.Advisory {
			advisory = append(advisory, i)
		} else {
			scored = append(scored, i)
		}
	}
	counts := func(idx []int) string {
		n := map[scoring.Outcome]int{}
		for _, i := range idx {
			n[pc.result(table[i]).Outcome]++
		}
		return fmt.Sprintf("%d failed, %d passed, %d inapplicable, %d can't tell",
			n[scoring.Failed], n[scoring.Passed], n[scoring.Inapplicable], n[scoring.CantTell])
	}
	list := func(idx []int) {
		for _, i := range idx {
			r, res := table[i], pc.result(table[i])
			crit := strings.Join(r.WCAG, ", ")
			if crit == "" {
				crit = "best practice"
			} else {
				crit += " " + r.Level
			}
			fmt.Fprintf(w, "  %-12s %-28s %s", res.Outcome, r.ID, crit)
			if res.FailureCount > 0 {
				fmt.Fprintf(w, " — %d failing, %s", res.FailureCount, r.Impact)
			}
			fmt.Fprintln(w)
			if res.Outcome == scoring.Failed {
				if r.Fix != "" {
					fmt.Fprintf(w, "      Fix: %s\n", r.Fix)
				}
				fmt.Fprintf(w, "      See: %s\n", scoring.DocURL(&r.RuleInfo))
			}
			for _, ev := range res.Failures {
				fmt.Fprintf(w, "      %s  %s\n        %s\n", pc.where(ev.Selector), ev.Selector, ev.Snippet)
				if c := ev.Contrast; c != nil {
					fmt.Fprintf(w, "        %s\n", c)
				}
			}
			if res.CantTellCount > 0 {
				fmt.Fprintf(w, "      can't tell on %d elements (%s)\n", res.CantTellCount, councilbench.ReasonCounts(res.Reasons))
			}
			if n := res.FailureCount - len(res.Failures); n > 0 {
				fmt.Fprintf(w, "      … and %d more\n", n)
			}
		}
	}
	fmt.Fprintf(w, "%s: %s\n", pc.name, counts(scored))
	list(scored)
	if len(advisory) > 0 {
		fmt.Fprintf(w, "  %s: %s\n", advisoryHeading, counts(advisory))
		list(advisory)
	}
	if pc.rep.Limited {
		fmt.Fprintln(w, "  (a work limit was reached on this page: some outcomes may be incomplete)")
	}
	_, err := fmt.Fprintln(w)
	return err
}
