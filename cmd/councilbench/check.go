package main

import (
	"context"
	"encoding/json"
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
	fset := m.newFlagSet("check", "[--format text|json] FILE|DIR|URL...")
	format := fset.String("format", "text", "output format: text (every rule's outcome and evidence) or json (one object per page and line)")
	var resolve resolveFlag
	fset.Var(&resolve, "resolve", "`HOST=ADDR:PORT`: fetch URLs of HOST from ADDR:PORT and trust that mapping (repeatable)")
	allowPrivate := fset.Bool("allow-private", false, "allow URLs on private, loopback and link-local addresses")
	caCert := fset.String("ca-cert", "", "PEM `file` of an extra certificate authority to trust")
	timeout := fset.Duration("timeout", 20*time.Second, "timeout of fetching one URL")
	if err := parseFlags(fset, args, true); err != nil {
		return err
	}
	if *format != "text" && *format != "json" {
		return usagef("--format must be text or json, not %q", *format)
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
	failed := 0
	for _, f := range files {
		if err := ctx.Err(); err != nil {
			return err
		}
		in, err := checkInput(ctx, cr, f)
		if err != nil {
			if ctx.Err() != nil {
				return ctx.Err()
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
		if scoredFailed, _ := checkFailed(sc.Rules(), rep); scoredFailed {
			failed++
		}
		if *format == "json" {
			err = writeCheckJSON(m.Stdout, f, sc.Rules(), rep)
		} else {
			err = writeCheckText(m.Stdout, f, sc.Rules(), rep)
		}
		if err != nil {
			return err
		}
	}
	if failed > 0 {
		return fmt.Errorf("%d of %d pages failed at least one accessibility rule", failed, len(files))
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

// checkFailed reports whether a scored rule (WCAG or best practice that
// is not advisory) failed on the page, and whether an advisory rule did.
// The page's results are in the order of rules.
func checkFailed(rules []*scoring.Rule, rep *councilbench.PageScore) (scored, advisory bool) {
	for _, r := range rules {
		res := rep.Result(r.ID)
		if res == nil || res.Outcome != scoring.Failed {
			continue // can't tell and not assessed never fail check
		}
		if r.Advisory {
			advisory = true
		} else {
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
// says whether a WCAG or other scored rule failed (what makes check exit
// 1), "advisory_failed" whether an advisory rule did.
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

// writeCheckText writes one page's results: a line of counts, every scored
// rule's outcome with its evidence, then, under advisoryHeading, the
// advisory rules' (when the table has any).
func writeCheckText(w io.Writer, path string, table []*scoring.Rule, rep *councilbench.PageScore) error {
	var scored, advisory []int
	for i, r := range table {
		if r.Advisory {
			advisory = append(advisory, i)
		} else {
			scored = append(scored, i)
		}
	}
	result := func(i int) councilbench.RuleResult {
		if res := rep.Result(table[i].ID); res != nil {
			return *res
		}
		return councilbench.RuleResult{Rule: table[i].ID, Outcome: notAssessed}
	}
	counts := func(idx []int) string {
		n := map[scoring.Outcome]int{}
		for _, i := range idx {
			n[result(i).Outcome]++
		}
		return fmt.Sprintf("%d failed, %d passed, %d inapplicable, %d can't tell",
			n[scoring.Failed], n[scoring.Passed], n[scoring.Inapplicable], n[scoring.CantTell])
	}
	list := func(idx []int) {
		for _, i := range idx {
			r, res := table[i], result(i)
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
			for _, ev := range res.Failures {
				fmt.Fprintf(w, "      %s\n        %s\n", ev.Selector, ev.Snippet)
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
	fmt.Fprintf(w, "%s: %s\n", path, counts(scored))
	list(scored)
	if len(advisory) > 0 {
		fmt.Fprintf(w, "  %s: %s\n", advisoryHeading, counts(advisory))
		list(advisory)
	}
	if rep.Limited {
		fmt.Fprintln(w, "  (a work limit was reached on this page: some outcomes may be incomplete)")
	}
	_, err := fmt.Fprintln(w)
	return err
}
