package scoring

import (
	"bytes"
	"fmt"
	"slices"
	"strings"
	"sync"

	"github.com/councilbench/councilbench"
	"github.com/councilbench/councilbench/charset"
	"github.com/councilbench/councilbench/css"
	"golang.org/x/net/html"
)

// rank orders outcomes for aggregation: a page fails if any element does.
func rank(o Outcome) int {
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

// Rule is one check, declared once in the table Rules: what the store
// records of it (RuleInfo), which elements it wants to see, and its check.
type Rule struct {
	councilbench.RuleInfo
	Target Target
	// Check judges one element. It returns Inapplicable when the element is
	// out of the rule's scope after all (hidden, say).
	Check func(p *Page, e *Element) Outcome
	// AxeDiffers declares where the rule and its axe-core rule (Axe)
	// answer differently on purpose, each with the source that decides:
	// docs/rules.md lists them, and the differential harness counts the
	// elements they cover apart from the disagreements.
	AxeDiffers []AxeDiff
	// Explain, when set, says what the check found on an element it did
	// not pass: why it can't tell, or what a failure measured.
	Explain func(p *Page, e *Element) Finding
	// NeedsCSS marks a rule that reads the cascade: it is not assessed on
	// a page whose stylesheets are unknown (Page.Styles is StylesUnknown),
	// and its result is then left out of the page's score.
	NeedsCSS bool
	// AxeAlso names the axe-core rules that report some of this rule's
	// failures under another name: the same element failing for the same
	// reason, where the two engines file it differently (axe-core judges
	// a <button role=menuitem> in button-name, councilbench by its role).
	// The differential harness counts such an element as found by both.
	AxeAlso []string
}

// Finding is what a rule's Explain says of an element.
type Finding struct {
	Reason   string                         // why the rule can't tell
	Contrast *councilbench.ContrastEvidence // what a contrast failure measured
}

// AxeDiff is one declared difference between a rule and its axe-core rule.
type AxeDiff struct {
	// Side is AxeOnly when axe-core fails the elements and councilbench
	// does not, OursOnly the other way.
	Side AxeSide
	// Selector matches the elements concerned, in the page's one DOM.
	Selector string
	// Match, when set, narrows Selector with what a selector cannot say
	// (a label whose for attribute names a duplicated id, say); Elements
	// then says in words which elements it covers, for docs/rules.md.
	Match    func(p *Page, e *Element) bool
	Elements string
	// Why gives the source that decides: the ACT rule, the HTML or ARIA
	// specification's section, or the browser behaviour.
	Why string
}

// AxeSide says which engine fails the elements of a declared difference.
type AxeSide string

// The sides of a declared difference.
const (
	AxeOnly  AxeSide = "axe-core only"
	OursOnly AxeSide = "councilbench only"
)

// Work limits per page and rule.
const (
	MaxFailures = 50  // failures recorded with evidence per rule and page
	MaxSnippet  = 200 // bytes of an evidence snippet
)

// Scorer scores pages against a set of rules, and reads their facts in the
// same walk. It is safe for concurrent use.
type Scorer struct {
	rules []*Rule
	// index maps tags and roles to the rules (entries 0 to len(rules)-1)
	// and the page facts (the entries after them) whose Target asks for
	// them: one lookup per element serves both.
	index targetIndex
	blank []councilbench.RuleResult // a result per rule, inapplicable
}

// targetIndex maps tags and roles to the entries of a table whose Target
// asks for them, so that the walk hands each element only to those.
type targetIndex struct {
	byTag, byRole map[string][]int
	all, aria     []int // every element; every element with ARIA markup
	doc           []int // the document, once, after the elements
}

func newTargetIndex(targets []Target) targetIndex {
	x := targetIndex{byTag: map[string][]int{}, byRole: map[string][]int{}}
	for i, t := range targets {
		for _, tag := range t.Tags {
			x.byTag[tag] = append(x.byTag[tag], i)
		}
		for _, ro := range t.Roles {
			x.byRole[ro] = append(x.byRole[ro], i)
		}
		switch {
		case t.All && t.ARIA:
			x.aria = append(x.aria, i)
		case t.All:
			x.all = append(x.all, i)
		}
		if t.Document {
			x.doc = append(x.doc, i)
		}
	}
	return x
}

// NewScorer returns a scorer for the rules, which it indexes by tag and
// role once, with the page facts.
func NewScorer(rules []*Rule) *Scorer {
	s := &Scorer{rules: rules}
	ts := make([]Target, 0, len(rules)+len(pageFacts))
	for _, r := range rules {
		s.blank = append(s.blank, councilbench.RuleResult{Rule: r.ID, Version: r.Version, Outcome: Inapplicable})
		ts = append(ts, r.Target)
	}
	for _, f := range pageFacts {
		ts = append(ts, f.Target)
	}
	s.index = newTargetIndex(ts)
	return s
}

// DefaultScorer returns the scorer of the table Rules.
var DefaultScorer = sync.OnceValue(func() *Scorer { return NewScorer(Rules) })

// factsOnly reads facts and judges no rule.
var factsOnly = sync.OnceValue(func() *Scorer { return NewScorer(nil) })

// ScorePage scores one page's stored bytes against every rule of the table
// Rules. contentType is the page's Content-Type header (for its charset);
// pageURL is recorded in the report and used by no rule to fetch anything.
func ScorePage(body []byte, contentType, pageURL string) (*councilbench.PageScore, error) {
	return DefaultScorer().Score(body, contentType, pageURL)
}

// Parse decodes and parses a page into the form the rules see, without
// its stylesheets: the rules that need them are not assessed.
func Parse(body []byte, contentType, pageURL string) (*Page, error) {
	return ParseStyled(body, contentType, pageURL, nil)
}

// ParseStyled decodes and parses a page and computes its styles from the
// stylesheets it links to, as src gives them, its <style> elements and
// style attributes. A nil src means the stylesheets are not known (a
// survey made before they were stored): the rules that need the cascade
// are then not assessed, and visibility comes from the HTML alone.
func ParseStyled(body []byte, contentType, pageURL string, src css.Source) (*Page, error) {
	text, cs := charset.Decode(body, contentType)
	root, err := html.Parse(bytes.NewReader(text))
	if err != nil {
		return nil, fmt.Errorf("parse %s: %w", pageURL, err)
	}
	p := newPage(root, pageURL, cs)
	p.computeStyles(src)
	p.XML = isXMLType(contentType)
	p.resolveRoles()
	return p, nil
}

// Score decodes, parses and scores one page.
func (s *Scorer) Score(body []byte, contentType, pageURL string) (*councilbench.PageScore, error) {
	score, _, err := s.Judge(body, contentType, pageURL, nil)
	return score, err
}

// Judge decodes, parses and walks one page once, with its stylesheets from
// src (nil when they are not known), and returns its score and its facts.
func (s *Scorer) Judge(body []byte, contentType, pageURL string, src css.Source) (*councilbench.PageScore, *councilbench.PageFacts, error) {
	p, err := ParseStyled(body, contentType, pageURL, src)
	if err != nil {
		return nil, nil, err
	}
	score, facts := s.walk(p)
	return score, facts, nil
}

// JudgePage is the page step of a survey: it sets a stored page's Score and
// Facts from its body, in one decode, one parse and one walk. A judgeable
// page (councilbench.Page.Judgeable) gets both; the not-found probe and a
// site search's result page get their facts alone
// (councilbench.Page.FactsOnly), since the site assessment reads them but
// no rule judges them; other responses get neither. A page whose Body is nil
// is left as it is. A page that cannot be parsed gets a Score with the
// Error and no facts. src gives the stylesheets the page links to; nil
// when the survey has none stored.
func (s *Scorer) JudgePage(p *councilbench.Page, src css.Source) {
	if p.Body == nil {
		return // nothing to read: a page whose body is not at hand keeps what it has, and is never judged as an empty page
	}
	p.Score, p.Facts = nil, nil
	scorer := s
	switch {
	case p.Judgeable():
	case p.FactsOnly():
		scorer = factsOnly()
	default:
		return
	}
	pageURL := p.FinalURL
	if pageURL == "" {
		pageURL = p.URL
	}
	score, facts, err := scorer.Judge(p.Body, p.ContentType, pageURL, src)
	switch {
	case err != nil && scorer == s:
		p.Score = &councilbench.PageScore{URL: pageURL, Error: err.Error()}
	case err != nil:
	case scorer == s:
		p.Score, p.Facts = score, facts
	default:
		p.Facts = facts
	}
}

// walk hands each element of the page to the rules and the facts that
// asked for it, in one pass in document order: each element goes to the
// entries that asked for its tag or role, and then the document's run.
func (s *Scorer) walk(p *Page) (*councilbench.PageScore, *councilbench.PageFacts) {
	w := walker{s: s, p: p,
		// Every rule starts inapplicable: one copy of a prepared slice is
		// cheaper than filling each result in (it matters on small pages).
		score: &councilbench.PageScore{URL: p.URL, Charset: p.Charset, Elements: len(p.Elements), Results: slices.Clone(s.blank)},
		facts: &councilbench.PageFacts{Version: FactsVersion},
		seen:  make([]int, len(s.rules)+len(pageFacts)),
	}
	x := &s.index
	for _, e := range p.Elements {
		w.visit(x.all, e)
		if e.hasARIA {
			w.visit(x.aria, e)
		}
		w.visit(x.byTag[e.Tag], e)
		if e.Role != "" {
			w.visit(x.byRole[e.Role], e)
		}
	}
	for _, i := range x.doc {
		w.apply(i, p.HTML)
	}
	w.score.Limited = p.Limited
	if p.Styles == StylesUnknown {
		// The rules that read the cascade are not assessed: no result,
		// never a pass.
		kept := w.score.Results[:0]
		for i, res := range w.score.Results {
			if !s.rules[i].NeedsCSS {
				kept = append(kept, res)
			}
		}
		w.score.Results = kept
	}
	return w.score, w.facts
}

// walker is one walk's state.
type walker struct {
	s     *Scorer
	p     *Page
	score *councilbench.PageScore
	facts *councilbench.PageFacts
	seen  []int // per entry, the index+1 of the last element it saw
}

// visit hands e to the entries is, each at most once.
func (w *walker) visit(is []int, e *Element) {
	for _, i := range is {
		if w.seen[i] != e.Index+1 {
			w.seen[i] = e.Index + 1
			w.apply(i, e)
		}
	}
}

// apply runs entry i (a rule, or a page fact after the rules) on e.
func (w *walker) apply(i int, e *Element) {
	if i >= len(w.s.rules) {
		pageFacts[i-len(w.s.rules)].Collect(w.p, e, w.facts)
		return
	}
	r := w.s.rules[i]
	if r.NeedsCSS && w.p.Styles == StylesUnknown {
		return
	}
	o := r.Check(w.p, e)
	res := &w.score.Results[i]
	if o != Inapplicable {
		res.Applicable++
	}
	if rank(o) > rank(res.Outcome) {
		res.Outcome = o
	}
	switch o {
	case Failed:
		res.FailureCount++
		if len(res.Failures) < MaxFailures {
			ev := councilbench.Evidence{Selector: w.p.Selector(e), Snippet: Snippet(e.Node)}
			if r.Explain != nil {
				ev.Contrast = r.Explain(w.p, e).Contrast
			}
			res.Failures = append(res.Failures, ev)
		}
	case CantTell:
		res.CantTellCount++
		if r.Explain != nil {
			if why := r.Explain(w.p, e).Reason; why != "" {
				if res.Reasons == nil {
					res.Reasons = map[string]int{}
				}
				res.Reasons[why]++
			}
		}
	}
}

// Rules returns the scorer's rules.
func (s *Scorer) Rules() []*Rule { return s.rules }

// RuleInfos returns what the store records of the scorer's rules.
func (s *Scorer) RuleInfos() []councilbench.RuleInfo {
	out := make([]councilbench.RuleInfo, len(s.rules))
	for i, r := range s.rules {
		out[i] = r.RuleInfo
	}
	return out
}

// isXMLType reports whether a Content-Type names an XML document (SVG,
// XHTML served as XML, MathML), to which the HTML page rules do not apply.
func isXMLType(ct string) bool {
	mt, _, _ := strings.Cut(strings.ToLower(ct), ";")
	mt = strings.TrimSpace(mt)
	return mt != "application/xhtml+xml" && (strings.HasSuffix(mt, "/xml") || strings.HasSuffix(mt, "+xml"))
}
