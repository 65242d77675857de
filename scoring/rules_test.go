package scoring

import (
	"bytes"
	"errors"
	"fmt"
	"github.com/councilbench/councilbench/css"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/andybalholm/cascadia"
	"github.com/councilbench/councilbench"
	"github.com/councilbench/councilbench/charset"
	"golang.org/x/net/html"
)

// TestRuleTable checks that every declaration is complete and ids unique.
func TestRuleTable(t *testing.T) {
	seen := map[string]bool{}
	for _, r := range Rules {
		if r.ID == "" || seen[r.ID] {
			t.Errorf("rule id %q is empty or repeated", r.ID)
		}
		seen[r.ID] = true
		if r.Version < 1 || r.Description == "" || r.Check == nil {
			t.Errorf("%s: version, description and check are required", r.ID)
		}
		switch r.Impact {
		case Critical, Serious, Moderate, Minor:
		default:
			t.Errorf("%s: impact %q", r.ID, r.Impact)
		}
		tg := r.Target
		if len(tg.Tags) == 0 && len(tg.Roles) == 0 && !tg.All && !tg.Document {
			t.Errorf("%s: the target selects nothing", r.ID)
		}
		if (len(r.WCAG) == 0) != (r.Level == "") {
			t.Errorf("%s: WCAG criteria %v with level %q", r.ID, r.WCAG, r.Level)
		}
		// A declared difference with axe-core needs an axe rule, elements
		// the harness can match, and a source.
		for _, d := range r.AxeDiffers {
			if _, err := cascadia.Compile(d.Selector); err != nil || r.Axe == "" || d.Why == "" || (d.Side != AxeOnly && d.Side != OursOnly) {
				t.Errorf("%s: declared difference %q: axe rule %q, side %q, selector error %v, why %q", r.ID, d.Selector, r.Axe, d.Side, err, d.Why)
			}
		}
		for _, a := range r.AxeAlso {
			if r.Axe == "" || a == r.Axe {
				t.Errorf("%s: AxeAlso %q needs an axe rule of its own other than %q", r.ID, a, r.Axe)
			}
		}
	}
}

// TestRuleFix checks every rule's Fix, the line check prints under a
// failure: present, specific to its rule, and short enough for a terminal.
func TestRuleFix(t *testing.T) {
	seen := map[string]string{}
	for _, r := range Rules {
		t.Run(r.ID, func(t *testing.T) {
			if err := fixProblem(r.Fix); err != nil {
				t.Errorf("Fix %q: %v", r.Fix, err)
			}
			if r.Fix == r.Description {
				t.Errorf("Fix repeats the description: say what to change")
			}
			if other, ok := seen[r.Fix]; ok {
				t.Errorf("Fix is the same as %s's: say what fixes this rule", other)
			}
			seen[r.Fix] = r.ID
		})
	}
}

// TestRuleFixProblem holds fixProblem to each constraint, so that TestRuleFix
// can fail.
func TestRuleFixProblem(t *testing.T) {
	tests := []struct {
		fix  string
		want bool // a problem
	}{
		{`Give every <img> a text alternative in alt, or alt="" if it is decorative.`, false},
		{`Move the title into a <caption>. Remove the spanning row.`, false},
		{"", true},
		{`Give every <img> a text alternative`, true}, // no full stop
		{"Give every <img> alt text.\nOr alt=\"\".", true},
		{`The image has no alt text.`, true}, // not imperative
		{`give every <img> alt text.`, true},
		{`Add alt. Add it now. Add it everywhere.`, true}, // three sentences
		{"Remove " + strings.Repeat("x", 200) + ".", true},
	}
	for _, tt := range tests {
		err := fixProblem(tt.fix)
		if got := err != nil; got != tt.want {
			t.Errorf("fixProblem(%q) = %v, want a problem: %v", tt.fix, err, tt.want)
		}
	}
}

// fixVerbs are the verbs a Fix may start with: it is an instruction.
// Add a verb here when a new rule's fix needs one.
var fixVerbs = map[string]bool{
	"Add": true, "Change": true, "Correct": true, "Darken": true, "Give": true, "Keep": true,
	"Label": true, "Let": true, "Make": true, "Mark": true, "Move": true, "Name": true,
	"Nest": true, "Point": true, "Put": true, "Raise": true, "Remove": true, "Replace": true,
	"Set": true, "Take": true, "Underline": true, "Use": true, "Wrap": true, "Write": true,
}

// fixSentence finds the start of a sentence after the first.
var fixSentence = regexp.MustCompile(`[.!?]\s+[A-Z]`)

// fixProblem says what is wrong with a rule's Fix: one line of at most
// 200 characters, one or two sentences in the imperative, ending with a
// full stop.
func fixProblem(fix string) error {
	switch verb, _, _ := strings.Cut(fix, " "); {
	case fix == "":
		return errors.New("empty")
	case utf8.RuneCountInString(fix) > 200:
		return fmt.Errorf("%d characters, more than 200", utf8.RuneCountInString(fix))
	case strings.ContainsAny(fix, "\n\r\t"):
		return errors.New("not one line")
	case !strings.HasSuffix(fix, "."):
		return errors.New("does not end with a full stop")
	case len(fixSentence.FindAllStringIndex(fix, -1)) > 1:
		return errors.New("more than two sentences")
	case !fixVerbs[verb]:
		return fmt.Errorf("starts with %q, not an imperative verb of fixVerbs", verb)
	}
	return nil
}

// TestRuleFixtures scores every fixture of testdata/rules/<id>/: a file
// named passed-*, failed-*, inapplicable-* or cantTell-* must get that
// outcome from rule <id>. Every rule must have fixtures.
func TestRuleFixtures(t *testing.T) {
	for _, r := range Rules {
		files, _ := filepath.Glob(filepath.Join("testdata/rules", r.ID, "*.html"))
		var bad, good int
		for _, f := range files {
			want := Outcome(strings.SplitN(filepath.Base(f), "-", 2)[0])
			switch want {
			case Failed, CantTell:
				bad++
			case Passed, Inapplicable:
				good++
			default:
				t.Errorf("%s: name must start with passed-, failed-, inapplicable- or cantTell-", f)
				continue
			}
			body, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			// Fixtures may link stylesheets beside them.
			u, err := css.FileURL(f)
			if err != nil {
				t.Fatal(err)
			}
			rep, _, err := DefaultScorer().Judge(body, "text/html", u, css.NewCache(css.FileLoader))
			if err != nil {
				t.Fatal(err)
			}
			if rep.Result(r.ID) == nil {
				t.Errorf("%s: %s not assessed", f, r.ID)
				continue
			}
			if got := rep.Result(r.ID).Outcome; got != want {
				t.Errorf("%s: %s got %s, want %s", f, r.ID, got, want)
			}
			checkEvidence(t, f, body, rep)
		}
		if bad == 0 || good == 0 {
			t.Errorf("rule %s needs fixtures in testdata/rules/%s/: a failed- (or cantTell-) one and a passed- or inapplicable- one (has %d and %d)", r.ID, r.ID, bad, good)
		}
	}
}

// checkEvidence tests that each failure's selector matches exactly one
// element, and that snippets are short.
func checkEvidence(t *testing.T, name string, body []byte, rep *councilbench.PageScore) {
	t.Helper()
	text, _ := charset.Decode(body, "text/html")
	doc, err := html.Parse(bytes.NewReader(text))
	if err != nil {
		t.Fatal(err)
	}
	for _, res := range rep.Results {
		if len(res.Failures) > MaxFailures || res.FailureCount < len(res.Failures) {
			t.Errorf("%s %s: %d failures recorded of %d", name, res.Rule, len(res.Failures), res.FailureCount)
		}
		for _, ev := range res.Failures {
			sel, err := cascadia.Compile(ev.Selector)
			if err != nil {
				t.Errorf("%s %s: selector %q: %v", name, res.Rule, ev.Selector, err)
				continue
			}
			if n := len(cascadia.QueryAll(doc, sel)); n != 1 {
				t.Errorf("%s %s: selector %q matches %d elements, want 1", name, res.Rule, ev.Selector, n)
			}
			if len(ev.Snippet) > MaxSnippet || !strings.HasPrefix(ev.Snippet, "<") {
				t.Errorf("%s %s: snippet %q", name, res.Rule, ev.Snippet)
			}
		}
	}
}

// TestEvidenceACT checks the evidence of every failure on the ACT pages.
func TestEvidenceACT(t *testing.T) {
	for _, c := range loadACTCases(t) {
		body, err := os.ReadFile(filepath.Join("testdata/act", c.File))
		if err != nil {
			t.Fatal(err)
		}
		rep, err := ScorePage(body, contentTypeOf(c.File), c.File)
		if err != nil {
			t.Fatal(err)
		}
		checkEvidence(t, c.File, body, rep)
	}
}

func TestSelectorEscapes(t *testing.T) {
	for _, id := range []string{"a b", "1abc", "-1x", "x:y", "é", "a.b#c", "[x]", "-", "a\"b", "\\"} {
		body := []byte(`<!DOCTYPE html><html lang="en"><head><title>t</title></head><body><p id="` + strings.ReplaceAll(id, `"`, "&quot;") + `"><img src="x.png"></p></body></html>`)
		rep, err := ScorePage(body, "text/html", "x")
		if err != nil {
			t.Fatal(err)
		}
		r := rep.Result("image-alt")
		if len(r.Failures) != 1 {
			t.Fatalf("id %q: %+v", id, r)
		}
		checkEvidence(t, id, body, rep)
	}
}

func TestRuleByID(t *testing.T) {
	for _, r := range Rules {
		if got := RuleByID(r.ID); got != r {
			t.Errorf("RuleByID(%q) = %v, want the table's rule", r.ID, got)
		}
	}
	if got := RuleByID("no-such-rule"); got != nil {
		t.Errorf("RuleByID(no-such-rule) = %v, want nil", got)
	}
}
