package store

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// schemaObject is a table, view or index of the schema, or a column of a
// table, with the migration that created it.
type schemaObject struct {
	kind, name string // kind: table, view, index or column; a column's name is table.column
	migration  string
}

// schemaObjects applies the migrations one by one to an empty database and
// returns every object they create, in order, with the migration that
// created it.
func schemaObjects(t *testing.T) []schemaObject {
	t.Helper()
	ms, err := migrations()
	if err != nil {
		t.Fatal(err)
	}
	db, err := sql.Open("sqlite3", "file::memory:")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	ctx := context.Background()
	seen := map[string]bool{}
	var out []schemaObject
	for _, m := range ms {
		if _, err := db.ExecContext(ctx, m.sql); err != nil {
			t.Fatalf("migration %s: %v", m.name, err)
		}
		rows, err := db.QueryContext(ctx, "SELECT type, name FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY rowid")
		if err != nil {
			t.Fatal(err)
		}
		var objs []schemaObject
		for rows.Next() {
			var o schemaObject
			if err := rows.Scan(&o.kind, &o.name); err != nil {
				t.Fatal(err)
			}
			objs = append(objs, o)
		}
		rows.Close()
		for _, o := range objs {
			if !seen[o.kind+" "+o.name] {
				seen[o.kind+" "+o.name] = true
				out = append(out, schemaObject{o.kind, o.name, m.name})
			}
			if o.kind != "table" {
				continue
			}
			cols, err := db.QueryContext(ctx, "SELECT name FROM pragma_table_info(?)", o.name)
			if err != nil {
				t.Fatal(err)
			}
			for cols.Next() {
				var c string
				if err := cols.Scan(&c); err != nil {
					t.Fatal(err)
				}
				if name := o.name + "." + c; !seen["column "+name] {
					seen["column "+name] = true
					out = append(out, schemaObject{"column", name, m.name})
				}
			}
			cols.Close()
		}
	}
	return out
}

// docSection returns the text of docs/schema.md under the heading that
// names table (### table, or a heading with `table` in it), up to the next
// heading of the same level or above; "" when there is none.
func docSection(doc, table string) string {
	lines := strings.Split(doc, "\n")
	for i, l := range lines {
		level := len(l) - len(strings.TrimLeft(l, "#"))
		if level == 0 || !(strings.TrimSpace(l[level:]) == table || strings.Contains(l, "`"+table+"`")) {
			continue
		}
		var b strings.Builder
		for _, m := range lines[i+1:] {
			if lv := len(m) - len(strings.TrimLeft(m, "#")); lv > 0 && lv <= level && strings.HasPrefix(m[lv:], " ") {
				break
			}
			b.WriteString(m + "\n")
		}
		return b.String()
	}
	return ""
}

// TestSchemaDoc fails when docs/schema.md does not describe the schema the
// migrations build: the version it states, a changelog entry for every
// migration, and every table, view, index and column, each named in
// backquotes (a column as `table.column` anywhere, or as `column` in its
// table's section or in the section on the migration that added it). Each
// failure says what to add, and for which migration.
func TestSchemaDoc(t *testing.T) {
	b, err := os.ReadFile("../docs/schema.md")
	if err != nil {
		t.Fatal(err)
	}
	ms, err := migrations()
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range schemaDocProblems(string(b), ms, schemaObjects(t)) {
		t.Error(p)
	}
}

// schemaDocProblems lists what doc, the text of docs/schema.md, lacks to
// describe the schema of the migrations ms, whose objects are objs.
func schemaDocProblems(doc string, ms []migration, objs []schemaObject) []string {
	var out []string
	latest := ms[len(ms)-1]
	m := regexp.MustCompile(`Schema version described here: \*\*(\d+)\*\*`).FindStringSubmatch(doc)
	if m == nil {
		out = append(out, fmt.Sprintf("docs/schema.md does not say \"Schema version described here: **%d**\" (the version of %s)", latest.version, latest.name))
	} else if m[1] != fmt.Sprint(latest.version) {
		out = append(out, fmt.Sprintf("docs/schema.md says \"Schema version described here: **%s**\"; the migrations reach %d (%s): make it **%d**", m[1], latest.version, latest.name, latest.version))
	}
	for _, mg := range ms {
		mark := fmt.Sprintf("\n- **%d** — ", mg.version)
		i := strings.Index(doc, mark)
		if i < 0 {
			out = append(out, fmt.Sprintf("docs/schema.md's changelog (## Versions and migrations) has no entry for version %d: add a line \"- **%d** — ...\" saying what store/migrations/%s adds", mg.version, mg.version, mg.name))
			continue
		}
		// A number held for another branch's migration says "reserved"
		// until that migration takes its place.
		entry, _, _ := strings.Cut(doc[i+len(mark):], "\n- **")
		if strings.HasPrefix(entry, "reserved") && !strings.Contains(mg.name, "reserved") {
			out = append(out, fmt.Sprintf("docs/schema.md's changelog entry for version %d still says it is reserved: say what store/migrations/%s adds", mg.version, mg.name))
		}
	}
	for _, o := range objs {
		switch o.kind {
		case "column":
			table, col, _ := strings.Cut(o.name, ".")
			if strings.Contains(doc, "`"+o.name+"`") || strings.Contains(docSection(doc, table), "`"+col+"`") ||
				strings.Contains(migrationSection(doc, o.migration), "`"+col+"`") {
				continue
			}
			out = append(out, fmt.Sprintf("docs/schema.md does not document column %s (added by store/migrations/%s): add `%s` to the %s table's section, or `%s` in the section on that migration",
				o.name, o.migration, col, table, o.name))
		default:
			// An index may be named with its columns: `name (columns)`.
			if !strings.Contains(doc, "`"+o.name+"`") && (o.kind != "index" || !strings.Contains(doc, "`"+o.name+" (")) {
				out = append(out, fmt.Sprintf("docs/schema.md does not document %s %s (created by store/migrations/%s): name it as `%s` where its migration is described, and in the changelog",
					o.kind, o.name, o.migration, o.name))
			}
		}
	}
	return out
}

// migrationSection returns the text of the section of docs/schema.md that
// describes a migration, "## ... (schema version N)", up to the next
// heading of level 2; "" when there is none.
func migrationSection(doc, migration string) string {
	num, _, _ := strings.Cut(migration, "_")
	v := strings.TrimLeft(num, "0")
	i := strings.Index(doc, "(schema version "+v+")")
	if i < 0 {
		return ""
	}
	rest := doc[i:]
	if j := strings.Index(rest, "\n## "); j >= 0 {
		rest = rest[:j]
	}
	return rest
}

// TestSchemaDocCatchesOmissions checks that TestSchemaDoc can fail: a doc
// with a stale version, without a changelog entry, a table or a column is
// caught, and the problem names what to add.
func TestSchemaDocCatchesOmissions(t *testing.T) {
	b, err := os.ReadFile("../docs/schema.md")
	if err != nil {
		t.Fatal(err)
	}
	doc := string(b)
	ms, err := migrations()
	if err != nil {
		t.Fatal(err)
	}
	objs := schemaObjects(t)
	if !slices.ContainsFunc(objs, func(o schemaObject) bool {
		return o.name == "page_links.broken" && o.migration == "0012_page_links.sql"
	}) {
		t.Errorf("schemaObjects does not attribute page_links.broken to 0012_page_links.sql")
	}
	if !slices.ContainsFunc(objs, func(o schemaObject) bool { return o.name == "rule_evidence.bold" && o.migration == "0009_contrast.sql" }) {
		t.Errorf("schemaObjects does not attribute rule_evidence.bold to 0009_contrast.sql")
	}
	for _, tt := range []struct {
		name, old, new, want string
	}{
		{"stale version", "Schema version described here: **12**", "Schema version described here: **1**", "make it **12**"},
		{"no changelog entry", "\n- **12** — ", "\n- version 12: ", "no entry for version 12"},
		{"stale reserved entry", "\n- **12** — links per page", "\n- **12** — reserved", "entry for version 12 still says it is reserved: say what store/migrations/0012_page_links.sql adds"},
		{"no table", "`page_links`", "page_links", "table page_links (created by store/migrations/0012_page_links.sql)"},
		{"no index", "`page_links_site", "page_links_site", "index page_links_site"},
		{"no column", "| `broken` |", "| broken |", "column page_links.broken (added by store/migrations/0012_page_links.sql)"},
		{"no ALTER TABLE column", "`bold`", "bold", "column rule_evidence.bold (added by store/migrations/0009_contrast.sql)"},
	} {
		if !strings.Contains(doc, tt.old) {
			t.Fatalf("%s: docs/schema.md has no %q to take out", tt.name, tt.old)
		}
		probs := schemaDocProblems(strings.ReplaceAll(doc, tt.old, tt.new), ms, objs)
		if !slices.ContainsFunc(probs, func(p string) bool { return strings.Contains(p, tt.want) }) {
			t.Errorf("%s: no problem says %q; got %q", tt.name, tt.want, probs)
		}
	}
}
