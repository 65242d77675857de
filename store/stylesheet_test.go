package store

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"net/http"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/councilbench/councilbench"
)

// newSheet returns a stylesheet of site with body (nil for none).
func newSheet(siteID int64, url string, body []byte) *councilbench.Stylesheet {
	st := &councilbench.Stylesheet{
		SiteID: siteID, URL: url, FinalURL: url, Status: 200, ContentType: "text/css",
		Header: http.Header{"Content-Type": {"text/css"}, "Cache-Control": {"max-age=600"}},
		Bytes:  int64(len(body)), FetchMS: 30, FetchedAt: t0, Body: body,
	}
	if body != nil {
		sum := sha256.Sum256(body)
		st.SHA256 = hex.EncodeToString(sum[:])
	}
	return st
}

// TestStylesheetRoundTrip stores stylesheets of every kind (with a body,
// imported, failed, refused by robots.txt, cut at the cap) and reads each
// back as it was: with its body from Stylesheet, without from
// Stylesheets; an unknown URL is nil, not an error.
func TestStylesheetRoundTrip(t *testing.T) {
	ctx := context.Background()
	db := openTest(t)
	f := createFixture(t, db, "2025", t0)
	site := f.sites[0].ID
	imported := newSheet(site, "https://cdn.example/base.css", []byte("body{color:#222}"))
	imported.Depth = 1
	cut := newSheet(site, "https://cdn.example/huge.css", []byte("a{}a{}"))
	cut.Truncated = true
	gone := newSheet(site, "https://www.adur-worthing.gov.uk/old.css", nil)
	gone.Status, gone.ContentType, gone.Header = 404, "text/html", http.Header{"Content-Type": {"text/html"}}
	refused := &councilbench.Stylesheet{SiteID: site, URL: "https://cdn.example/private/x.css", FinalURL: "https://cdn.example/private/x.css",
		FetchedAt: t0, Reason: councilbench.ReasonRobots, Error: "robots.txt of cdn.example disallows /private/x.css"}
	empty := newSheet(site, "https://www.adur-worthing.gov.uk/empty.css", []byte{})
	sheets := []*councilbench.Stylesheet{
		newSheet(site, "https://www.adur-worthing.gov.uk/site.css", []byte(`@import "https://cdn.example/base.css"; h1{color:red}`)),
		imported, cut, gone, refused, empty,
	}
	w := db.NewWriter(f.survey.ID)
	for _, st := range sheets {
		if err := w.SaveStylesheet(st); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	all, err := db.Stylesheets(ctx, f.survey.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(all) != len(sheets) {
		t.Fatalf("Stylesheets: got %d, want %d", len(all), len(sheets))
	}
	for i, want := range sheets {
		got, err := db.Stylesheet(ctx, f.survey.ID, want.URL)
		if err != nil {
			t.Fatal(err)
		}
		want.ID = all[i].ID
		if !reflect.DeepEqual(got, want) {
			t.Errorf("Stylesheet(%s):\ngot  %+v\nwant %+v", want.URL, got, want)
		}
		bodiless := *want
		bodiless.Body = nil
		if !reflect.DeepEqual(all[i], &bodiless) {
			t.Errorf("Stylesheets[%d]:\ngot  %+v\nwant %+v", i, all[i], &bodiless)
		}
	}
	if got, err := db.Stylesheet(ctx, f.survey.ID, "https://nowhere.example/x.css"); got != nil || err != nil {
		t.Errorf("unknown stylesheet: got %+v, %v; want nil, nil", got, err)
	}
	if n := db.BodiesRead(); n != 0 {
		t.Errorf("reading stylesheets counted %d page bodies, want 0", n)
	}
}

// TestStylesheetDedup stores the same bytes at two URLs (as a supplier
// serves one sheet to many councils) and one URL twice: one body, two
// rows, the first copy of a URL kept.
func TestStylesheetDedup(t *testing.T) {
	ctx := context.Background()
	db := openTest(t)
	f := createFixture(t, db, "2025", t0)
	body := []byte(".govuk-header{background:#0b0c0c;color:#fff}")
	w := db.NewWriter(f.survey.ID)
	first := newSheet(f.sites[0].ID, "https://cdn.example/a.css", body)
	for _, st := range []*councilbench.Stylesheet{
		first,
		newSheet(f.sites[1].ID, "https://www.york.gov.uk/copy.css", body),
		newSheet(f.sites[2].ID, "https://cdn.example/a.css", []byte("different")),
	} {
		if err := w.SaveStylesheet(st); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		query string
		want  int64
	}{
		{"SELECT count(*) FROM css_bodies", 1},
		{"SELECT count(*) FROM stylesheets", 2},
		{"SELECT count(DISTINCT sha256) FROM stylesheets", 1},
	}
	for _, tt := range tests {
		if got := queryInt(t, db, tt.query); got != tt.want {
			t.Errorf("%s: got %d, want %d", tt.query, got, tt.want)
		}
	}
	got, err := db.Stylesheet(ctx, f.survey.ID, "https://cdn.example/a.css")
	if err != nil {
		t.Fatal(err)
	}
	if got.SiteID != first.SiteID || string(got.Body) != string(body) {
		t.Errorf("a.css: site %d, body %q; want the first copy (site %d, %q)", got.SiteID, got.Body, first.SiteID, body)
	}
}

// TestMigrationStylesheets opens a file of schema version 7 holding a
// survey, as one made before stylesheets were stored left it: migration 8
// marks the survey as without stylesheets and adds the empty tables; a
// survey created now says whether it fetches them.
func TestMigrationStylesheets(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "v7.db")
	raw, err := sql.Open("sqlite3", "file:"+path+"?_foreign_keys=on")
	if err != nil {
		t.Fatal(err)
	}
	ms, err := migrations()
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range ms[:7] {
		if _, err := raw.Exec(m.sql); err != nil {
			t.Fatalf("%s: %v", m.name, err)
		}
	}
	for _, q := range []string{
		"PRAGMA user_version = 7",
		`INSERT INTO surveys (id, name, started_at, tool_version) VALUES (1, 'old', '2026-01-01T00:00:00.000Z', 'v')`,
	} {
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
	for q, want := range map[string]int64{
		"PRAGMA user_version":              int64(len(ms)),
		"SELECT stylesheets FROM surveys":  0,
		"SELECT count(*) FROM stylesheets": 0,
		"SELECT count(*) FROM css_bodies":  0,
	} {
		if got := queryInt(t, db, q); got != want {
			t.Errorf("%s: got %d, want %d", q, got, want)
		}
	}
	old, err := db.Survey(ctx, "old")
	if err != nil {
		t.Fatal(err)
	}
	if old.Stylesheets {
		t.Errorf("a survey made before version 8 reads Stylesheets true")
	}
	s := &councilbench.Survey{Name: "new", Stylesheets: true}
	if err := db.CreateSurvey(ctx, s, nil, nil); err != nil {
		t.Fatal(err)
	}
	got, err := db.Survey(ctx, "new")
	if err != nil {
		t.Fatal(err)
	}
	if !got.Stylesheets {
		t.Errorf("a new survey that fetches stylesheets reads Stylesheets false")
	}
}

// TestExportResultsStylesheets checks that the results-only file keeps
// the survey's stylesheet rows but not their bodies: a rescore of it
// finds each sheet without a body, which it must not take for an empty
// sheet.
func TestExportResultsStylesheets(t *testing.T) {
	ctx := context.Background()
	db := openTest(t)
	f := createFixture(t, db, "2025", t0)
	w := db.NewWriter(f.survey.ID)
	if err := w.SaveStylesheet(newSheet(f.sites[0].ID, "https://cdn.example/a.css", []byte("a{color:red}"))); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "results.db")
	if err := db.ExportResults(ctx, f.survey.ID, out); err != nil {
		t.Fatal(err)
	}
	rdb, err := Open(ctx, out)
	if err != nil {
		t.Fatal(err)
	}
	defer rdb.Close()
	st, err := rdb.Stylesheet(ctx, f.survey.ID, "https://cdn.example/a.css")
	if err != nil {
		t.Fatal(err)
	}
	if st == nil || st.SHA256 == "" || st.Body != nil {
		t.Errorf("exported stylesheet: got %+v, want its row with the SHA-256 and no body", st)
	}
	if n := queryInt(t, rdb, "SELECT count(*) FROM css_bodies"); n != 0 {
		t.Errorf("exported file keeps %d stylesheet bodies, want 0", n)
	}
}
