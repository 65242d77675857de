package store

import (
	"context"
	"database/sql"
	"path/filepath"
	"testing"

	"github.com/councilbench/councilbench"
)

// TestMigrationSimulated opens a file of schema version 9 holding surveys
// as they were made before version 10: migration 10 marks as simulated
// only the one whose stored settings say --demo made it; a survey created
// now reads back as it was made.
func TestMigrationSimulated(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "v9.db")
	raw, err := sql.Open("sqlite3", "file:"+path+"?_foreign_keys=on")
	if err != nil {
		t.Fatal(err)
	}
	ms, err := migrations()
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range ms[:9] {
		if _, err := raw.Exec(m.sql); err != nil {
			t.Fatalf("%s: %v", m.name, err)
		}
	}
	old := map[string]string{ // name → settings
		"real":       `'{"max_pages":200,"user_agent":"councilbench"}'`,
		"none":       `NULL`,
		"broken":     `'{"demo":'`,
		"demo":       `'{"max_pages":200,"demo":true}'`,
		"demo-false": `'{"demo":false}'`,
	}
	want := map[string]bool{"demo": true}
	queries := []string{"PRAGMA user_version = 9"}
	for name, settings := range old {
		queries = append(queries, `INSERT INTO surveys (name, started_at, tool_version, settings) VALUES ('`+name+`', '2026-01-01T00:00:00.000Z', 'v', `+settings+`)`)
	}
	for _, q := range queries {
		if _, err := raw.Exec(q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	if err := raw.Close(); err != nil {
		t.Fatal(err)
	}
	db, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if got, want := queryInt(t, db, "PRAGMA user_version"), int64(len(ms)); got != want {
		t.Errorf("user_version %d, want %d", got, want)
	}
	for name := range old {
		s, err := db.Survey(ctx, name)
		if err != nil {
			t.Fatal(err)
		}
		if got, want := s.Simulated, want[name]; got != want {
			t.Errorf("survey %q made before version 10: Simulated %v, want %v", name, got, want)
		}
	}
	for _, sim := range []bool{true, false} {
		s := &councilbench.Survey{Name: "new-" + map[bool]string{true: "sim", false: "real"}[sim], Simulated: sim}
		if err := db.CreateSurvey(ctx, s, nil, nil); err != nil {
			t.Fatal(err)
		}
		got, err := db.Survey(ctx, s.Name)
		if err != nil {
			t.Fatal(err)
		}
		if got.Simulated != sim {
			t.Errorf("survey created with Simulated %v reads %v", sim, got.Simulated)
		}
		sums, err := db.Surveys(ctx)
		if err != nil {
			t.Fatal(err)
		}
		for _, sum := range sums {
			if sum.Survey.Name == s.Name && sum.Survey.Simulated != sim {
				t.Errorf("Surveys: %s Simulated %v, want %v", s.Name, sum.Survey.Simulated, sim)
			}
		}
	}
}
