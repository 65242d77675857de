package scoring

import (
	"os"
	"testing"
)

// TestDocs fails when docs/rules.md is not what the rule table generates;
// -update rewrites it.
func TestDocs(t *testing.T) {
	const path = "../docs/rules.md"
	want := RulesMarkdown()
	if *update {
		if err := os.WriteFile(path, []byte(want), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	got, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./scoring -run Docs -update)", err)
	}
	if string(got) != want {
		t.Errorf("%s is stale: run go test ./scoring -run Docs -update", path)
	}
}
