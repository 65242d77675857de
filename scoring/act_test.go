package scoring

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite golden files (act-golden.json, docs/rules.md)")

// actCase is one test case of testdata/act/testcases.json.
type actCase struct {
	RuleID   string `json:"ruleId"`
	RuleName string `json:"ruleName"`
	Expected string `json:"expected"`
	File     string `json:"file"`
	Title    string `json:"testcaseTitle"`
	Approved bool   `json:"inApprovedRuleVersion"`
}

// actVerdict is a case's outcome as the golden file keeps it.
type actVerdict struct {
	Expected string `json:"expected"`
	Got      string `json:"got"` // failed, cantTell or "not failed"
	Agree    bool   `json:"agree"`
	Rules    string `json:"rules,omitempty"` // the councilbench rules that failed it
}

func loadACTCases(t testing.TB) []actCase {
	t.Helper()
	b, err := os.ReadFile("testdata/act/testcases.json")
	if err != nil {
		t.Fatal(err)
	}
	var m struct {
		Testcases []actCase `json:"testcases"`
	}
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	return m.Testcases
}

// contentTypeOf returns the Content-Type a test file would be served with.
func contentTypeOf(file string) string {
	switch filepath.Ext(file) {
	case ".svg":
		return "image/svg+xml"
	case ".xml":
		return "application/xml"
	}
	return "text/html; charset=utf-8"
}

// actRules maps each ACT rule id to the councilbench rules that implement it.
func actRules() map[string][]string {
	m := map[string][]string{}
	for _, r := range Rules {
		for _, a := range r.ACT {
			m[a] = append(m[a], r.ID)
		}
	}
	return m
}

// judgeACT scores one case with the rules mapped to its ACT rule.
func judgeACT(t testing.TB, c actCase, mapped []string) actVerdict {
	body, err := os.ReadFile(filepath.Join("testdata/act", c.File))
	if err != nil {
		t.Fatal(err)
	}
	rep, err := ScorePage(body, contentTypeOf(c.File), c.File)
	if err != nil {
		t.Fatalf("%s: %v", c.File, err)
	}
	got := "not failed"
	var failing []string
	for _, id := range mapped {
		r := rep.Result(id)
		switch r.Outcome {
		case Failed:
			got = "failed"
			failing = append(failing, id)
		case CantTell:
			if got != "failed" {
				got = "cantTell"
			}
		}
	}
	agree := got == "failed"
	if c.Expected != "failed" {
		agree = got != "failed"
	}
	return actVerdict{Expected: c.Expected, Got: got, Agree: agree, Rules: strings.Join(failing, " ")}
}

// TestACT runs every W3C ACT test case of the implemented rules. A case
// that agreed in testdata/act-golden.json must still agree (a ratchet);
// -update rewrites the golden file. go test -v prints the per-rule table.
func TestACT(t *testing.T) {
	cases := loadACTCases(t)
	mapping := actRules()
	golden := map[string]actVerdict{}
	if b, err := os.ReadFile("testdata/act-golden.json"); err == nil {
		if err := json.Unmarshal(b, &golden); err != nil {
			t.Fatalf("act-golden.json: %v", err)
		}
	} else if !*update {
		t.Fatalf("no golden file (run go test ./scoring -run ACT -update): %v", err)
	}
	type tally struct {
		name         string
		cases, agree int
	}
	perRule := map[string]*tally{}
	now := map[string]actVerdict{}
	total, agreed := 0, 0
	for _, c := range cases {
		mapped := mapping[c.RuleID]
		if len(mapped) == 0 {
			continue
		}
		v := judgeACT(t, c, mapped)
		now[c.File] = v
		tl := perRule[c.RuleID]
		if tl == nil {
			tl = &tally{name: c.RuleName}
			perRule[c.RuleID] = tl
		}
		tl.cases++
		total++
		if v.Agree {
			tl.agree++
			agreed++
		} else {
			t.Logf("disagree %s (%s): expected %s, got %s %s", c.File, c.RuleName, c.Expected, v.Got, v.Rules)
		}
		if g, ok := golden[c.File]; ok && g.Agree && !v.Agree && !*update {
			t.Errorf("%s: agreed with ACT (%s) before, now %s (%s)", c.File, c.Expected, v.Got, v.Rules)
		}
	}
	ids := make([]string, 0, len(perRule))
	for id := range perRule {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	var b strings.Builder
	fmt.Fprintf(&b, "\n%-7s %-70s %5s %5s\n", "ACT", "rule", "cases", "agree")
	for _, id := range ids {
		tl := perRule[id]
		fmt.Fprintf(&b, "%-7s %-70s %5d %5d\n", id, tl.name+" → "+strings.Join(mapping[id], ","), tl.cases, tl.agree)
	}
	fmt.Fprintf(&b, "total: %d of %d cases agree (%.1f%%) over %d ACT rules\n", agreed, total, 100*float64(agreed)/float64(max(total, 1)), len(ids))
	t.Log(b.String())
	if *update {
		out, err := json.MarshalIndent(now, "", " ")
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile("testdata/act-golden.json", append(out, '\n'), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}
