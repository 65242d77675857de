package scoring

import (
	"bytes"
	"fmt"
	"slices"
	"strings"
	"sync"

	"golang.org/x/net/html"
)

// Outcome is what a rule concludes about one page (or one element).
type Outcome string

// The outcomes of a rule, as in the W3C ACT Rules Format.
const (
	Inapplicable Outcome = "inapplicable" // nothing on the page is in the rule's scope
	Passed       Outcome = "passed"       // everything in scope meets the rule
	Failed       Outcome = "failed"       // at least one element fails; see the evidence
	CantTell     Outcome = "cantTell"     // the HTML alone cannot decide
)

// rank orders outcomes for aggregation: a page fails if any element does.
func (o Outcome) rank() int {
	switch o {
	case Failed:
		return 3
	case CantTell:
		return 2
	case Passed:
		return 1
	}
	return 0
}

// Impact is how badly a failure of the rule hurts users, on axe-core's scale.
// It weights a rule in the survey's accessibility score.
type Impact string

// The impacts, from worst to least.
const (
	Critical Impact = "critical"
	Serious  Impact = "serious"
	Moderate Impact = "moderate"
	Minor    Impact = "minor"
)

// Target says which elements a rule wants to see. The walk hands the rule
// every element whose tag name is in Tags or whose semantic role (implicit
// or explicit) is in Roles, every element when All is set, and, when
// Document is set, the <html> element once after all the others.
type Target struct {
	Tags     []string
	Roles    []string
	All      bool
	Document bool
	// ARIA narrows All to the elements with a role or aria-* attribute:
	// the rules about ARIA markup have nothing to judge elsewhere, and
	// most elements of a page have none.
	ARIA bool
}

// Rule is one check, declared once in the table Rules.
type Rule struct {
	ID          string   // stable id, e.g. "image-alt"
	Version     int      // bumped whenever the rule's logic changes
	WCAG        []string // WCAG 2.2 success criteria, e.g. "1.1.1"
	Level       string   // WCAG conformance level of the criteria: "A", "AA" or "AAA"; "" for best practice
	ACT         []string // W3C ACT rule ids the rule implements
	Axe         string   // the nearest axe-core rule id, "" when none
	Impact      Impact
	Description string // one line: what passes
	Target      Target
	// Check judges one element. It returns Inapplicable when the element is
	// out of the rule's scope after all (hidden, say).
	Check func(p *Page, e *Element) Outcome
}

// Evidence points at one failing element.
type Evidence struct {
	Selector string `json:"selector"` // CSS selector matching exactly that element (see Selector)
	Snippet  string `json:"snippet"`  // its opening tag, truncated to MaxSnippet bytes
}

// Result is one rule's outcome on one page.
type Result struct {
	Rule         string     `json:"rule"`
	Version      int        `json:"version"`
	Outcome      Outcome    `json:"outcome"`
	Failures     []Evidence `json:"failures,omitempty"` // the first MaxFailures failing elements
	FailureCount int        `json:"failure_count"`      // every failing element, including those not recorded
	Applicable   int        `json:"applicable"`         // elements the rule judged (passed, failed or cantTell)
}

// PageReport is the outcome of every rule on one page, in table order.
type PageReport struct {
	URL      string   `json:"url"`
	Charset  string   `json:"charset"`
	Elements int      `json:"elements"`
	Limited  bool     `json:"limited,omitempty"` // a work limit was reached (hostile or enormous page)
	Results  []Result `json:"results"`
}

// Failed reports whether any rule failed.
func (r *PageReport) Failed() bool {
	for i := range r.Results {
		if r.Results[i].Outcome == Failed {
			return true
		}
	}
	return false
}

// Result returns the result of the rule with the id, or nil.
func (r *PageReport) Result(id string) *Result {
	for i := range r.Results {
		if r.Results[i].Rule == id {
			return &r.Results[i]
		}
	}
	return nil
}

// Work limits per page and rule.
const (
	MaxFailures = 50  // failures recorded with evidence per rule and page
	MaxSnippet  = 200 // bytes of an evidence snippet
)

// Scorer scores pages against a set of rules. It is safe for concurrent use.
type Scorer struct {
	rules  []*Rule
	byTag  map[string][]int
	byRole map[string][]int
	all    []int
	blank  []Result // a result per rule, inapplicable
	aria   []int    // rules of every element with ARIA markup
	doc    []int
}

// NewScorer returns a scorer for the rules, which it indexes by tag and
// role once.
func NewScorer(rules []*Rule) *Scorer {
	s := &Scorer{rules: rules, byTag: map[string][]int{}, byRole: map[string][]int{}}
	for i, r := range rules {
		s.blank = append(s.blank, Result{Rule: r.ID, Version: r.Version, Outcome: Inapplicable})
		for _, t := range r.Target.Tags {
			s.byTag[t] = append(s.byTag[t], i)
		}
		for _, ro := range r.Target.Roles {
			s.byRole[ro] = append(s.byRole[ro], i)
		}
		switch {
		case r.Target.All && r.Target.ARIA:
			s.aria = append(s.aria, i)
		case r.Target.All:
			s.all = append(s.all, i)
		}
		if r.Target.Document {
			s.doc = append(s.doc, i)
		}
	}
	return s
}

var (
	defaultScorer     *Scorer
	defaultScorerOnce sync.Once
)

// DefaultScorer returns the scorer of the table Rules.
func DefaultScorer() *Scorer {
	defaultScorerOnce.Do(func() { defaultScorer = NewScorer(Rules) })
	return defaultScorer
}

// ScorePage scores one page's stored bytes against every rule of the table
// Rules. contentType is the page's Content-Type header (for its charset);
// pageURL is recorded in the report and used by no rule to fetch anything.
func ScorePage(body []byte, contentType, pageURL string) (*PageReport, error) {
	return DefaultScorer().Score(body, contentType, pageURL)
}

// Parse decodes and parses a page into the form the rules see.
func Parse(body []byte, contentType, pageURL string) (*Page, error) {
	text, cs := Decode(body, contentType)
	root, err := html.Parse(bytes.NewReader(text))
	if err != nil {
		return nil, fmt.Errorf("parse %s: %w", pageURL, err)
	}
	p := newPage(root, pageURL, cs)
	p.XML = isXMLType(contentType)
	p.resolveRoles()
	return p, nil
}

// Score decodes, parses and scores one page.
func (s *Scorer) Score(body []byte, contentType, pageURL string) (*PageReport, error) {
	p, err := Parse(body, contentType, pageURL)
	if err != nil {
		return nil, err
	}
	return s.ScoreParsed(p), nil
}

// ScoreParsed runs every rule over a parsed page: each element goes to the
// rules that asked for its tag or role, and then the document rules run.
func (s *Scorer) ScoreParsed(p *Page) *PageReport {
	// Every rule starts inapplicable: one copy of a prepared slice is
	// cheaper than filling each result in (it matters on small pages).
	rep := &PageReport{URL: p.URL, Charset: p.Charset, Elements: len(p.Elements), Results: slices.Clone(s.blank)}
	seen := make([]int, len(s.rules)) // index+1 of the last element each rule saw
	apply := func(i int, e *Element) {
		if seen[i] == e.Index+1 {
			return
		}
		seen[i] = e.Index + 1
		o := s.rules[i].Check(p, e)
		res := &rep.Results[i]
		if o != Inapplicable {
			res.Applicable++
		}
		if o.rank() > res.Outcome.rank() {
			res.Outcome = o
		}
		if o == Failed {
			res.FailureCount++
			if len(res.Failures) < MaxFailures {
				res.Failures = append(res.Failures, Evidence{Selector: p.Selector(e), Snippet: Snippet(e.Node)})
			}
		}
	}
	for _, e := range p.Elements {
		for _, i := range s.all {
			apply(i, e)
		}
		if e.hasARIA {
			for _, i := range s.aria {
				apply(i, e)
			}
		}
		for _, i := range s.byTag[e.Tag] {
			apply(i, e)
		}
		if e.Role != "" {
			for _, i := range s.byRole[e.Role] {
				apply(i, e)
			}
		}
	}
	for _, i := range s.doc {
		seen[i] = -1 // never an element's index+1
		apply(i, p.HTML)
	}
	rep.Limited = p.Limited
	return rep
}

// Rules returns the scorer's rules.
func (s *Scorer) Rules() []*Rule { return s.rules }

// isXMLType reports whether a Content-Type names an XML document (SVG,
// XHTML served as XML, MathML), to which the HTML page rules do not apply.
func isXMLType(ct string) bool {
	mt, _, _ := strings.Cut(strings.ToLower(ct), ";")
	mt = strings.TrimSpace(mt)
	return mt != "application/xhtml+xml" && (strings.HasSuffix(mt, "/xml") || strings.HasSuffix(mt, "+xml"))
}
