package store

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"math/rand/v2"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/councilbench/councilbench"
	"github.com/councilbench/councilbench/internal/testenv"
)

// openTest opens a fresh file in a temporary directory.
func openTest(t testing.TB) *DB {
	t.Helper()
	db, err := Open(context.Background(), filepath.Join(t.TempDir(), "survey.db"))
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// fixture is a survey of four councils on three sites; ADU and ADV share
// the site adur-worthing.gov.uk, and NOW has no website.
type fixture struct {
	survey   *councilbench.Survey
	sites    []*councilbench.Site
	councils []councilbench.Council
}

var t0 = time.Date(2025, 6, 1, 9, 30, 0, 123_000_000, time.UTC)

func createFixture(t testing.TB, db *DB, name string, started time.Time) *fixture {
	t.Helper()
	f := &fixture{
		survey: &councilbench.Survey{Name: name, StartedAt: started, ToolVersion: "test", Settings: `{"pages":100}`},
		sites: []*councilbench.Site{
			{Key: "adur-worthing.gov.uk", StartURL: "https://www.adur-worthing.gov.uk/", Councils: []string{"ADV", "ADU"}},
			{Key: "york.gov.uk", StartURL: "https://www.york.gov.uk/", Councils: []string{"YOR"}},
			{Key: "bath.gov.uk", StartURL: "https://www.bath.gov.uk/", Councils: []string{"BAS"}},
		},
		councils: []councilbench.Council{
			{Code: "YOR", GSS: "E06000014", Name: "City of York", Tier: councilbench.TierUnitary, Nation: "England", Region: "Yorkshire and The Humber", Website: "https://www.york.gov.uk/"},
			{Code: "ADU", GSS: "E07000223", Name: "Adur", Tier: councilbench.TierShireDistrict, Nation: "England", Region: "South East", Website: "https://www.adur-worthing.gov.uk/", ParentCounty: "West Sussex"},
			{Code: "ADV", GSS: "E07000229", Name: "Worthing", Tier: councilbench.TierShireDistrict, Nation: "England", Region: "South East", Website: "https://www.adur-worthing.gov.uk/", ParentCounty: "West Sussex"},
			{Code: "BAS", GSS: "E06000022", Name: "Bath and North East Somerset", Tier: councilbench.TierUnitary, Nation: "England", Region: "South West", Website: "https://www.bath.gov.uk/"},
			{Code: "NOW", Name: "Nowhere", Tier: councilbench.TierDistrict, Nation: "Northern Ireland"},
		},
	}
	if err := db.CreateSurvey(context.Background(), f.survey, f.sites, f.councils); err != nil {
		t.Fatalf("CreateSurvey: %v", err)
	}
	return f
}

// newPage returns a page of site with a few links.
func newPage(siteID int64, url string, kind councilbench.PageKind, body []byte) *councilbench.Page {
	return &councilbench.Page{
		SiteID:      siteID,
		URL:         url,
		FinalURL:    url,
		Kind:        kind,
		Status:      200,
		ContentType: "text/html; charset=utf-8",
		Header:      http.Header{"Content-Type": {"text/html; charset=utf-8"}, "Set-Cookie": {"a=1", "b=2"}},
		Bytes:       int64(len(body)),
		Size:        int64(len(body)),
		FetchMS:     120,
		TTFBMS:      40,
		Depth:       1,
		FetchedAt:   t0,
		Body:        body,
		Links: []councilbench.Link{
			{URL: url + "a", Text: "A"},
			{URL: url + "b", Text: ""},
			{URL: "https://www.gov.uk/", Text: "GOV.UK", External: true},
		},
	}
}

// queryInt runs a query returning one integer.
func queryInt(t testing.TB, db *DB, query string, args ...any) int64 {
	t.Helper()
	var n int64
	if err := db.db.QueryRow(query, args...).Scan(&n); err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	return n
}

func TestOpen(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "survey.db")
	for i := range 2 { // the second Open finds nothing to migrate
		db, err := Open(ctx, path)
		if err != nil {
			t.Fatalf("Open #%d: %v", i+1, err)
		}
		ms, _ := migrations()
		if got, want := queryInt(t, db, "PRAGMA user_version"), int64(len(ms)); got != want {
			t.Errorf("Open #%d: user_version = %d, want %d", i+1, got, want)
		}
		var mode string
		if err := db.db.QueryRow("PRAGMA journal_mode").Scan(&mode); err != nil {
			t.Fatal(err)
		}
		if got, want := mode, "wal"; got != want {
			t.Errorf("journal_mode = %q, want %q", got, want)
		}
		if got, want := queryInt(t, db, "PRAGMA foreign_keys"), int64(1); got != want {
			t.Errorf("foreign_keys = %d, want %d", got, want)
		}
		if got, want := queryInt(t, db, "PRAGMA synchronous"), int64(1); got != want { // NORMAL
			t.Errorf("synchronous = %d, want %d", got, want)
		}
		if err := db.Close(); err != nil {
			t.Fatalf("Close: %v", err)
		}
	}
}

func TestOpenNewerSchema(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "survey.db")
	db, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.db.Exec("PRAGMA user_version = 99"); err != nil {
		t.Fatal(err)
	}
	db.Close()
	db, err = Open(ctx, path)
	if err == nil {
		db.Close()
		t.Fatalf("Open of a version 99 file: got no error, want one")
	}
	if got, want := err.Error(), "schema version 99 is newer"; !strings.Contains(got, want) {
		t.Errorf("error = %q, want it to contain %q", got, want)
	}
}

func TestMigrationsNumbered(t *testing.T) {
	ms, err := migrations()
	if err != nil {
		t.Fatal(err)
	}
	for i, m := range ms {
		if got, want := m.version, i+1; got != want {
			t.Errorf("migration %s: version %d, want %d", m.name, got, want)
		}
	}
}

func TestCreateSurvey(t *testing.T) {
	ctx := context.Background()
	db := openTest(t)
	f := createFixture(t, db, "2025", t0)

	if f.survey.ID == 0 {
		t.Fatalf("survey ID not set")
	}
	for _, s := range f.sites {
		if s.ID == 0 || s.SurveyID != f.survey.ID || s.Status != councilbench.SitePending {
			t.Errorf("site %s: got ID %d, SurveyID %d, Status %q; want ID set, SurveyID %d, Status pending",
				s.Key, s.ID, s.SurveyID, s.Status, f.survey.ID)
		}
	}

	got, err := db.Survey(ctx, "2025")
	if err != nil {
		t.Fatalf("Survey: %v", err)
	}
	if want := f.survey; !reflect.DeepEqual(got, want) {
		t.Errorf("Survey:\ngot  %+v\nwant %+v", got, want)
	}
	if _, err := db.Survey(ctx, "1999"); !errors.Is(err, ErrNotFound) {
		t.Errorf("Survey(1999): got %v, want ErrNotFound", err)
	}

	councils, err := db.Councils(ctx, f.survey.ID)
	if err != nil {
		t.Fatalf("Councils: %v", err)
	}
	var codes []string
	for _, c := range councils {
		codes = append(codes, c.Code)
	}
	if got, want := codes, []string{"ADU", "ADV", "BAS", "NOW", "YOR"}; !reflect.DeepEqual(got, want) {
		t.Errorf("Councils codes = %v, want %v", got, want)
	}
	if got, want := councils[0], f.councils[1]; !reflect.DeepEqual(got, want) {
		t.Errorf("Councils[0]:\ngot  %+v\nwant %+v", got, want)
	}

	sites, err := db.Sites(ctx, f.survey.ID)
	if err != nil {
		t.Fatalf("Sites: %v", err)
	}
	tests := []struct {
		key      string
		councils []string
	}{
		{"adur-worthing.gov.uk", []string{"ADU", "ADV"}},
		{"york.gov.uk", []string{"YOR"}},
		{"bath.gov.uk", []string{"BAS"}},
	}
	if got, want := len(sites), len(tests); got != want {
		t.Fatalf("len(Sites) = %d, want %d", got, want)
	}
	for i, tt := range tests {
		s := sites[i]
		if got, want := s.Key, tt.key; got != want {
			t.Errorf("Sites[%d].Key = %q, want %q", i, got, want)
		}
		if got, want := s.Councils, tt.councils; !reflect.DeepEqual(got, want) {
			t.Errorf("Sites[%d].Councils = %v, want %v", i, got, want)
		}
		if got, want := s.ID, f.sites[i].ID; got != want {
			t.Errorf("Sites[%d].ID = %d, want %d", i, got, want)
		}
		if got, want := s.Status, councilbench.SitePending; got != want {
			t.Errorf("Sites[%d].Status = %q, want %q", i, got, want)
		}
	}
	if got, want := queryInt(t, db, "SELECT count(*) FROM councils WHERE code = 'NOW' AND site_id IS NULL"), int64(1); got != want {
		t.Errorf("council without a site: %d rows with NULL site_id, want %d", got, want)
	}

	// The same name again is refused, and leaves nothing behind.
	err = db.CreateSurvey(ctx, &councilbench.Survey{Name: "2025"}, []*councilbench.Site{{Key: "x.gov.uk", StartURL: "https://x.gov.uk/"}}, nil)
	if err == nil {
		t.Errorf("CreateSurvey with a duplicate name: got no error, want one")
	}
	if got, want := queryInt(t, db, "SELECT count(*) FROM sites"), int64(3); got != want {
		t.Errorf("sites after a refused CreateSurvey = %d, want %d", got, want)
	}
}

func TestSavePage(t *testing.T) {
	ctx := context.Background()
	db := openTest(t)
	f := createFixture(t, db, "2025", t0)
	site := f.sites[1]
	w := db.NewWriter(f.survey.ID)

	html := []byte(strings.Repeat("<p>Bins, council tax and parking.</p>\n", 200))
	robots := []byte("User-agent: *\nDisallow: /admin\n")
	pages := []*councilbench.Page{
		newPage(site.ID, "https://www.york.gov.uk/", councilbench.KindHTML, html),
		newPage(site.ID, "https://www.york.gov.uk/robots.txt", councilbench.KindRobots, robots),
		{ // an error page: no response, no body, no links, no depth
			SiteID: site.ID, URL: "https://www.york.gov.uk/down", Kind: councilbench.KindOther, Depth: -1,
			SitemapOnly: true, Reason: councilbench.ReasonTimeout, Error: "context deadline exceeded", FetchedAt: t0,
		},
		newPage(site.ID, "https://www.york.gov.uk/empty", councilbench.KindHTML, []byte{}),
	}
	pages[0].Redirects = []string{"https://york.gov.uk/"}
	pages[0].Bot = true
	pages[1].Truncated = true
	for _, p := range pages {
		if err := w.SavePage(p); err != nil {
			t.Fatalf("SavePage(%s): %v", p.URL, err)
		}
	}
	if pages[0].ID != 0 {
		t.Errorf("SavePage set p.ID = %d, want it untouched", pages[0].ID)
	}
	if err := w.Close(); err != nil {
		t.Fatalf("Close: %v", err)
	}

	// want is what SitePages returns: the pages with their IDs and, for the
	// kinds asked for, their bodies.
	want := func(kinds ...councilbench.PageKind) []*councilbench.Page {
		var out []*councilbench.Page
		for i, p := range pages {
			q := *p
			q.ID = int64(i + 1)
			q.Body = nil
			for _, k := range kinds {
				if p.Kind == k {
					q.Body = p.Body
				}
			}
			out = append(out, &q)
		}
		return out
	}
	tests := []struct {
		name  string
		kinds []councilbench.PageKind
	}{
		{"no bodies", nil},
		{"robots bodies", []councilbench.PageKind{councilbench.KindRobots}},
		{"robots and html bodies", []councilbench.PageKind{councilbench.KindRobots, councilbench.KindHTML}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := db.SitePages(ctx, site.ID, PageOptions{Bodies: tt.kinds})
			if err != nil {
				t.Fatalf("SitePages: %v", err)
			}
			want := want(tt.kinds...)
			if len(got) != len(want) {
				t.Fatalf("SitePages: got %d pages, want %d", len(got), len(want))
			}
			for i := range want {
				if !reflect.DeepEqual(got[i], want[i]) {
					t.Errorf("page %d:\ngot  %+v\nwant %+v", i, got[i], want[i])
				}
			}
		})
	}

	// Depth -1 is stored as NULL; bodies as zstd; an absent body as NULL.
	if got, want := queryInt(t, db, "SELECT count(*) FROM pages WHERE depth IS NULL"), int64(1); got != want {
		t.Errorf("pages with NULL depth = %d, want %d", got, want)
	}
	if got, want := queryInt(t, db, "SELECT count(*) FROM pages WHERE body IS NULL"), int64(1); got != want {
		t.Errorf("pages with NULL body = %d, want %d", got, want)
	}
	if got, want := queryInt(t, db, "SELECT count(*) FROM pages WHERE hex(substr(body, 1, 4)) = '28B52FFD'"), int64(3); got != want {
		t.Errorf("bodies starting with the zstd magic number = %d, want %d", got, want)
	}
	var headers, redirects, reason string
	var errText sql.NullString
	if err := db.db.QueryRow("SELECT headers, redirects, reason, error FROM pages WHERE url = ?", "https://www.york.gov.uk/down").
		Scan(&headers, &redirects, &reason, &errText); err != nil {
		t.Fatal(err)
	}
	if got, want := headers+" "+redirects+" "+reason, "{} [] timeout"; got != want {
		t.Errorf("headers, redirects, reason of an error page = %q, want %q", got, want)
	}
	if err := db.db.QueryRow("SELECT error FROM pages WHERE url = ?", "https://www.york.gov.uk/").Scan(&errText); err != nil {
		t.Fatal(err)
	}
	if errText.Valid {
		t.Errorf("error of a good page = %q, want NULL", errText.String)
	}

	body, err := db.PageBody(ctx, f.survey.ID, "https://www.york.gov.uk/")
	if err != nil {
		t.Fatalf("PageBody: %v", err)
	}
	if !bytes.Equal(body, html) {
		t.Errorf("PageBody: got %d bytes, want the %d bytes saved", len(body), len(html))
	}
	if body, err := db.PageBody(ctx, f.survey.ID, "https://www.york.gov.uk/down"); err != nil || body != nil {
		t.Errorf("PageBody of a page without a body = %q, %v; want nil, nil", body, err)
	}
	if _, err := db.PageBody(ctx, f.survey.ID, "https://www.york.gov.uk/nope"); !errors.Is(err, ErrNotFound) {
		t.Errorf("PageBody of an unknown URL: got %v, want ErrNotFound", err)
	}
}

func TestSavePageDuplicate(t *testing.T) {
	ctx := context.Background()
	db := openTest(t)
	f := createFixture(t, db, "2025", t0)
	w := db.NewWriter(f.survey.ID)
	first := newPage(f.sites[0].ID, "https://www.adur-worthing.gov.uk/", councilbench.KindHTML, []byte("first"))
	second := newPage(f.sites[0].ID, "https://www.adur-worthing.gov.uk/", councilbench.KindHTML, []byte("second"))
	second.Links = append(second.Links, councilbench.Link{URL: "https://example.org/"})
	for _, p := range []*councilbench.Page{first, second} {
		if err := w.SavePage(p); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Flush(); err != nil {
		t.Fatalf("Flush: %v", err)
	}
	// In a later transaction too.
	if err := w.SavePage(second); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatalf("Close: %v", err)
	}
	if got, want := queryInt(t, db, "SELECT count(*) FROM pages"), int64(1); got != want {
		t.Errorf("pages = %d, want %d", got, want)
	}
	if got, want := queryInt(t, db, "SELECT count(*) FROM links"), int64(len(first.Links)); got != want {
		t.Errorf("links = %d, want %d", got, want)
	}
	body, err := db.PageBody(ctx, f.survey.ID, first.URL)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := string(body), "first"; got != want {
		t.Errorf("body = %q, want %q (the first copy)", got, want)
	}
}

func TestFinishSite(t *testing.T) {
	ctx := context.Background()
	db := openTest(t)
	f := createFixture(t, db, "2025", t0)
	site := f.sites[2]
	w := db.NewWriter(f.survey.ID)

	site.StartedAt = t0
	if err := w.StartSite(site); err != nil {
		t.Fatal(err)
	}
	if got, want := site.Status, councilbench.SiteCrawling; got != want {
		t.Errorf("after StartSite, Status = %q, want %q", got, want)
	}
	urls := []string{"https://www.bath.gov.uk/", "https://www.bath.gov.uk/bins", "https://www.bath.gov.uk/old"}
	for _, u := range urls {
		p := newPage(site.ID, u, councilbench.KindHTML, []byte("<html>"))
		p.Depth = -1
		if err := w.SavePage(p); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	sites, err := db.Sites(ctx, f.survey.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := sites[2].Status, councilbench.SiteCrawling; got != want {
		t.Errorf("stored status after StartSite = %q, want %q", got, want)
	}

	site.Status = councilbench.SiteDone
	site.FinalURL = "https://www.bath.gov.uk/"
	site.Redirects = []string{"https://bath.gov.uk/"}
	site.Robots = "User-agent: *\n"
	site.CrawlDelay = 1500 * time.Millisecond
	site.FinishedAt = t0.Add(time.Minute)
	depths := []councilbench.Depth{
		{URL: urls[0], Depth: 0},
		{URL: urls[1], Depth: 2},
		{URL: urls[2], Depth: -1, SitemapOnly: true},
	}
	if err := w.FinishSite(site, depths); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatalf("Close: %v", err)
	}

	sites, err = db.Sites(ctx, f.survey.ID)
	if err != nil {
		t.Fatal(err)
	}
	got := sites[2]
	if want := site; !reflect.DeepEqual(got, want) {
		t.Errorf("site after FinishSite:\ngot  %+v\nwant %+v", got, want)
	}
	if got, want := queryInt(t, db, "SELECT pages FROM sites WHERE id = ?", site.ID), int64(3); got != want {
		t.Errorf("sites.pages = %d, want %d", got, want)
	}
	pages, err := db.SitePages(ctx, site.ID, PageOptions{})
	if err != nil {
		t.Fatal(err)
	}
	for i, d := range depths {
		if got, want := pages[i].Depth, d.Depth; got != want {
			t.Errorf("%s: Depth = %d, want %d", d.URL, got, want)
		}
		if got, want := pages[i].SitemapOnly, d.SitemapOnly; got != want {
			t.Errorf("%s: SitemapOnly = %v, want %v", d.URL, got, want)
		}
	}
}

func TestFinishSiteOrdering(t *testing.T) {
	// A site finished straight after its pages are queued is committed with
	// them: its page count includes every one.
	db := openTest(t)
	f := createFixture(t, db, "2025", t0)
	site := f.sites[0]
	w := db.NewWriter(f.survey.ID)
	const n = 600 // more than two batches
	for i := range n {
		if err := w.SavePage(newPage(site.ID, fmt.Sprintf("https://www.adur-worthing.gov.uk/%d", i), councilbench.KindHTML, nil)); err != nil {
			t.Fatal(err)
		}
	}
	site.Status = councilbench.SiteDone
	if err := w.FinishSite(site, nil); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	if got, want := queryInt(t, db, "SELECT pages FROM sites WHERE id = ?", site.ID), int64(n); got != want {
		t.Errorf("sites.pages = %d, want %d", got, want)
	}
}

func TestWriterError(t *testing.T) {
	db := openTest(t)
	f := createFixture(t, db, "2025", t0)
	w := db.NewWriter(f.survey.ID)
	good := newPage(f.sites[0].ID, "https://www.adur-worthing.gov.uk/", councilbench.KindHTML, nil)
	bad := newPage(9999, "https://nowhere.example/", councilbench.KindHTML, nil) // no such site
	if err := w.SavePage(good); err != nil {
		t.Fatal(err)
	}
	if err := w.SavePage(bad); err != nil {
		t.Fatalf("SavePage of a bad page returned %v before it was written", err)
	}
	if err := w.Flush(); err == nil {
		t.Fatalf("Flush: got no error, want the failed write's")
	}
	if err := w.SavePage(good); err == nil {
		t.Errorf("SavePage after a failed write: got no error, want one")
	}
	if err := w.Close(); err == nil {
		t.Errorf("Close after a failed write: got no error, want one")
	}
	if got, want := queryInt(t, db, "SELECT count(*) FROM links"), int64(0); got != want {
		t.Errorf("links after a failed batch = %d, want %d", got, want)
	}

	w = db.NewWriter(f.survey.ID)
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	if err := w.SavePage(good); !errors.Is(err, ErrWriterClosed) {
		t.Errorf("SavePage after Close: got %v, want ErrWriterClosed", err)
	}
	if err := w.Flush(); err != nil {
		t.Errorf("Flush after Close: got %v, want nil", err)
	}
}

func TestWriterTimer(t *testing.T) {
	// A lone page is committed within the batch delay, without Flush.
	db := openTest(t)
	f := createFixture(t, db, "2025", t0)
	w := db.NewWriter(f.survey.ID)
	defer w.Close()
	if err := w.SavePage(newPage(f.sites[0].ID, "https://www.adur-worthing.gov.uk/", councilbench.KindHTML, nil)); err != nil {
		t.Fatal(err)
	}
	limit := testenv.Scale(10 * batchDelay)
	deadline := time.Now().Add(limit)
	for queryInt(t, db, "SELECT count(*) FROM pages") == 0 {
		if time.Now().After(deadline) {
			t.Fatalf("page not committed after %v", limit)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

func TestRetryFailed(t *testing.T) {
	ctx := context.Background()
	db := openTest(t)
	f := createFixture(t, db, "2025", t0)
	w := db.NewWriter(f.survey.ID)
	for i, site := range f.sites {
		if err := w.StartSite(site); err != nil {
			t.Fatal(err)
		}
		if err := w.SavePage(newPage(site.ID, site.StartURL, councilbench.KindHTML, []byte("x"))); err != nil {
			t.Fatal(err)
		}
		site.Status = councilbench.SiteDone
		if i > 0 {
			site.Status, site.Reason, site.Error = councilbench.SiteFailed, councilbench.ReasonTLS, "bad certificate"
		}
		if err := w.FinishSite(site, nil); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}

	n, err := db.RetryFailed(ctx, f.survey.ID)
	if err != nil {
		t.Fatalf("RetryFailed: %v", err)
	}
	if got, want := n, 2; got != want {
		t.Errorf("RetryFailed = %d, want %d", got, want)
	}
	sites, err := db.Sites(ctx, f.survey.ID)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		status councilbench.SiteStatus
		reason councilbench.Reason
		pages  int
	}{
		{councilbench.SiteDone, "", 1},
		{councilbench.SitePending, "", 0},
		{councilbench.SitePending, "", 0},
	}
	for i, tt := range tests {
		s := sites[i]
		if got, want := s.Status, tt.status; got != want {
			t.Errorf("site %s: Status = %q, want %q", s.Key, got, want)
		}
		if got, want := s.Reason, tt.reason; got != want {
			t.Errorf("site %s: Reason = %q, want %q", s.Key, got, want)
		}
		pages, err := db.SitePages(ctx, s.ID, PageOptions{})
		if err != nil {
			t.Fatal(err)
		}
		if got, want := len(pages), tt.pages; got != want {
			t.Errorf("site %s: %d pages, want %d", s.Key, got, want)
		}
	}
	if got, want := queryInt(t, db, "SELECT count(*) FROM links"), int64(3); got != want {
		t.Errorf("links = %d, want %d (those of the done site)", got, want)
	}
	if n, err := db.RetryFailed(ctx, f.survey.ID); err != nil || n != 0 {
		t.Errorf("second RetryFailed = %d, %v; want 0, nil", n, err)
	}
}

func TestSurveys(t *testing.T) {
	ctx := context.Background()
	db := openTest(t)
	later := createFixture(t, db, "2026", t0.AddDate(1, 0, 0))
	earlier := createFixture(t, db, "2025", t0)

	w := db.NewWriter(earlier.survey.ID)
	for i, site := range earlier.sites[:2] {
		if err := w.StartSite(site); err != nil {
			t.Fatal(err)
		}
		for j := range 3 {
			if err := w.SavePage(newPage(site.ID, fmt.Sprintf("%s%d", site.StartURL, j), councilbench.KindHTML, nil)); err != nil {
				t.Fatal(err)
			}
		}
		site.Status = []councilbench.SiteStatus{councilbench.SiteDone, councilbench.SiteFailed}[i]
		if err := w.FinishSite(site, nil); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	finished := t0.Add(time.Hour)
	if err := db.FinishSurvey(ctx, earlier.survey.ID, finished); err != nil {
		t.Fatalf("FinishSurvey: %v", err)
	}
	if err := db.FinishSurvey(ctx, 9999, finished); !errors.Is(err, ErrNotFound) {
		t.Errorf("FinishSurvey of an unknown survey: got %v, want ErrNotFound", err)
	}

	got, err := db.Surveys(ctx)
	if err != nil {
		t.Fatalf("Surveys: %v", err)
	}
	earlierSurvey := *earlier.survey
	earlierSurvey.FinishedAt = finished
	want := []SurveySummary{
		{Survey: earlierSurvey, Councils: 5, Sites: 3, SitesDone: 1, SitesFailed: 1, SitesPending: 1, Pages: 6},
		{Survey: *later.survey, Councils: 5, Sites: 3, SitesPending: 3},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Surveys:\ngot  %+v\nwant %+v", got, want)
	}
}

func TestCouncilPagesView(t *testing.T) {
	db := openTest(t)
	f := createFixture(t, db, "2025", t0)
	w := db.NewWriter(f.survey.ID)
	p := newPage(f.sites[0].ID, "https://www.adur-worthing.gov.uk/", councilbench.KindHTML, nil)
	if err := w.SavePage(p); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	rows, err := db.db.Query(`SELECT council_code, council_name, tier, url, kind, status, depth, fetched_at
		FROM council_pages WHERE survey_id = ? ORDER BY council_code`, f.survey.ID)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var got []string
	for rows.Next() {
		var code, name, tier, url, kind, fetched string
		var status, depth int
		if err := rows.Scan(&code, &name, &tier, &url, &kind, &status, &depth, &fetched); err != nil {
			t.Fatal(err)
		}
		got = append(got, fmt.Sprintf("%s %s %s %s %s %d %d %s", code, name, tier, url, kind, status, depth, fetched))
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	want := []string{
		"ADU Adur shire-district https://www.adur-worthing.gov.uk/ html 200 1 2025-06-01T09:30:00.123Z",
		"ADV Worthing shire-district https://www.adur-worthing.gov.uk/ html 200 1 2025-06-01T09:30:00.123Z",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("council_pages:\ngot  %q\nwant %q", got, want)
	}
}

func TestTimeFormat(t *testing.T) {
	tests := []struct {
		in   time.Time
		want any
	}{
		{time.Time{}, nil},
		{t0, "2025-06-01T09:30:00.123Z"},
		{time.Date(2025, 6, 1, 10, 0, 0, 0, time.FixedZone("BST", 3600)), "2025-06-01T09:00:00.000Z"},
	}
	for _, tt := range tests {
		if got, want := formatTime(tt.in), tt.want; got != want {
			t.Errorf("formatTime(%v) = %v, want %v", tt.in, got, want)
		}
	}
}

// benchPage returns a council-like page of about 60 KB with 150 links.
func benchPage(siteID int64) *councilbench.Page {
	words := strings.Fields(`council tax bins recycling collection planning application parking permit
		housing benefit library opening hours school admissions adult social care report a problem pothole
		street lighting licence register vote election councillor meeting agenda minutes budget consultation
		waste garden food glass paper cardboard bulky item fly tipping noise nuisance pest control births
		deaths marriages cemetery leisure centre swimming park allotment business rates grant funding`)
	for i := range 300 {
		words = append(words, fmt.Sprintf("w%x", i*7919))
	}
	rng := rand.New(rand.NewPCG(1, 2))
	var b strings.Builder
	b.WriteString("<!doctype html><html lang=en><head><title>Bins and recycling</title></head><body><main>\n")
	p := newPage(siteID, "", councilbench.KindHTML, nil)
	p.Links = nil
	for i := 0; b.Len() < 60_000; i++ {
		if i < 150 {
			u := fmt.Sprintf("https://www.example.gov.uk/services/section-%d/page-%d", i%12, i)
			fmt.Fprintf(&b, "<li><a href=%q>Service number %d</a></li>\n", u, i)
			p.Links = append(p.Links, councilbench.Link{URL: u, Text: fmt.Sprintf("Service number %d", i), External: i%10 == 0})
		} else {
			// Text drawn from a vocabulary compresses about as well as a
			// real page (3 to 4 times), unlike one repeated sentence.
			b.WriteString(`<p class="govuk-body">`)
			for range 12 {
				b.WriteString(words[rng.IntN(len(words))])
				b.WriteByte(' ')
			}
			fmt.Fprintf(&b, "%d.</p>\n", rng.IntN(100000))
		}
	}
	b.WriteString("</main></body></html>\n")
	p.Body = []byte(b.String())
	p.Bytes, p.Size = int64(len(p.Body)), int64(len(p.Body))
	return p
}

func BenchmarkSavePage(b *testing.B) {
	db := openTest(b)
	f := createFixture(b, db, "2025", t0)
	w := db.NewWriter(f.survey.ID)
	p := benchPage(f.sites[0].ID)
	b.SetBytes(int64(len(p.Body)))
	b.ReportAllocs()
	b.ResetTimer()
	for i := range b.N {
		p.URL = fmt.Sprintf("https://www.example.gov.uk/page/%d", i)
		if err := w.SavePage(p); err != nil {
			b.Fatal(err)
		}
	}
	if err := w.Close(); err != nil { // timed: the pages are only stored once committed
		b.Fatal(err)
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "pages/s")
}

// crashEnv names the file TestCrashHelper writes to until it is killed.
const crashEnv = "STORE_CRASH_DB"

// TestCrashHelper is not a test: TestCrash runs it in a child process,
// which writes sites of crashPages pages of crashLinks links each until it
// is killed.
func TestCrashHelper(t *testing.T) {
	path := os.Getenv(crashEnv)
	if path == "" {
		t.Skip("run by TestCrash")
	}
	ctx := context.Background()
	db, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	var sites []*councilbench.Site
	for i := range 10000 {
		sites = append(sites, &councilbench.Site{Key: fmt.Sprintf("s%d.gov.uk", i), StartURL: fmt.Sprintf("https://s%d.gov.uk/", i)})
	}
	if err := db.CreateSurvey(ctx, &councilbench.Survey{Name: "crash"}, sites, nil); err != nil {
		t.Fatal(err)
	}
	w := db.NewWriter(sites[0].SurveyID)
	for _, site := range sites {
		if err := w.StartSite(site); err != nil {
			t.Fatal(err)
		}
		var depths []councilbench.Depth
		for j := range crashPages {
			p := newPage(site.ID, fmt.Sprintf("%s%d", site.StartURL, j), councilbench.KindHTML, []byte("<html>"))
			p.Depth = -1
			p.Links = nil
			for k := range crashLinks {
				p.Links = append(p.Links, councilbench.Link{URL: fmt.Sprintf("%s%d", site.StartURL, k)})
			}
			if err := w.SavePage(p); err != nil {
				t.Fatal(err)
			}
			depths = append(depths, councilbench.Depth{URL: p.URL, Depth: j})
		}
		site.Status = councilbench.SiteDone
		if err := w.FinishSite(site, depths); err != nil {
			t.Fatal(err)
		}
	}
	t.Fatal("wrote every site before being killed")
}

const (
	crashPages = 40
	crashLinks = 25
)

// waitSitesDone waits until the file at path, written by another process,
// holds n sites done, reading it on a read-only connection of its own; it
// fails the test after limit.
func waitSitesDone(t *testing.T, path string, n int64, limit time.Duration) {
	t.Helper()
	ro, err := sql.Open("sqlite3", "file:"+escapeURIPath(path)+"?mode=ro&_busy_timeout=1000")
	if err != nil {
		t.Fatal(err)
	}
	defer ro.Close()
	deadline := time.Now().Add(limit)
	for {
		var done int64
		// Until the child has created the file and its tables, this fails.
		err := ro.QueryRow("SELECT count(*) FROM sites WHERE status = 'done'").Scan(&done)
		if err == nil && done >= n {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("after %v the child had %d sites done (%v), want %d", limit, done, err, n)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func TestCrash(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a child process")
	}
	path := filepath.Join(t.TempDir(), "crash.db")
	cmd := exec.Command(os.Args[0], "-test.run=^TestCrashHelper$")
	cmd.Env = append(os.Environ(), crashEnv+"="+path)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	// Several commits in (the sites done can be seen from outside), and
	// then at any moment of the next batch.
	waitSitesDone(t, path, 3, testenv.Scale(30*time.Second))
	time.Sleep(time.Duration(rand.Int64N(int64(batchDelay))))
	if err := cmd.Process.Kill(); err != nil { // SIGKILL: no chance to clean up
		t.Fatal(err)
	}
	cmd.Wait()

	db, err := Open(context.Background(), path)
	if err != nil {
		t.Fatalf("Open after kill -9: %v", err)
	}
	defer db.Close()
	var check string
	if err := db.db.QueryRow("PRAGMA integrity_check").Scan(&check); err != nil {
		t.Fatal(err)
	}
	if got, want := check, "ok"; got != want {
		t.Errorf("integrity_check = %q, want %q", got, want)
	}
	done := queryInt(t, db, "SELECT count(*) FROM sites WHERE status = 'done'")
	t.Logf("killed with %d sites done, %d pages stored", done, queryInt(t, db, "SELECT count(*) FROM pages"))
	if done == 0 {
		t.Fatalf("no site done when killed: the test proves nothing")
	}
	tests := []struct {
		name  string
		query string
	}{
		{"pages without all their links", fmt.Sprintf(
			"SELECT count(*) FROM pages AS p WHERE (SELECT count(*) FROM links WHERE page_id = p.id) != %d", crashLinks)},
		{"done sites without all their pages", fmt.Sprintf(
			"SELECT count(*) FROM sites AS s WHERE status = 'done' AND (pages != %d OR (SELECT count(*) FROM pages WHERE site_id = s.id) != %d)", crashPages, crashPages)},
		{"pages of done sites without their depth", "SELECT count(*) FROM pages AS p JOIN sites AS s ON s.id = p.site_id WHERE s.status = 'done' AND p.depth IS NULL"},
		{"pages of sites not started", "SELECT count(*) FROM pages AS p JOIN sites AS s ON s.id = p.site_id WHERE s.status = 'pending'"},
	}
	for _, tt := range tests {
		if got, want := queryInt(t, db, tt.query), int64(0); got != want {
			t.Errorf("%s: got %d, want %d", tt.name, got, want)
		}
	}
}

// TestScoredPage stores a page with its score and facts, reads them back
// as they were written, and replaces them as a rescore does.
func TestScoredPage(t *testing.T) {
	ctx := context.Background()
	db, err := Open(ctx, filepath.Join(t.TempDir(), "s.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	s := &councilbench.Survey{Name: "s"}
	site := &councilbench.Site{Key: "x.gov.uk", StartURL: "https://x.gov.uk/", Councils: []string{"XXX"}}
	if err := db.CreateSurvey(ctx, s, []*councilbench.Site{site}, []councilbench.Council{{Code: "XXX", Name: "X", Tier: councilbench.TierCounty, Website: "https://x.gov.uk/"}}); err != nil {
		t.Fatal(err)
	}
	if err := db.PutRules(ctx, []councilbench.RuleInfo{{ID: "image-alt", Version: 1, WCAG: []string{"1.1.1"}, Level: "A", ACT: []string{"23a2a8"}, Axe: "image-alt", Impact: "critical"}}); err != nil {
		t.Fatal(err)
	}
	w := db.NewWriter(s.ID)
	score := &councilbench.PageScore{URL: "https://x.gov.uk/", Charset: "utf-8", Elements: 10, Results: []councilbench.RuleResult{{Rule: "image-alt", Version: 1, Outcome: "failed", Applicable: 2, FailureCount: 2,
		Failures: []councilbench.Evidence{{Selector: "img:nth-child(1)", Snippet: "<img src=a>"}, {Selector: "img:nth-child(2)", Snippet: "<img src=b>"}}}}}
	facts := &councilbench.PageFacts{Version: 1, Title: "Home | X", H1: "Welcome", Lang: "en-GB", Viewport: "width=device-width", HasViewport: true, Main: true,
		Forms: []councilbench.Form{{Action: "/search", Method: "get", Search: true, Fields: 1, Names: []string{"q"}},
			{Action: "/pay", Method: "post", Fields: 2, Names: []string{"account", "email"}, Emails: 1}}}
	p := &councilbench.Page{SiteID: site.ID, URL: "https://x.gov.uk/", Kind: councilbench.KindHTML, Status: 200, Depth: 0, Score: score, Facts: facts}
	if err := w.SavePage(p); err != nil {
		t.Fatal(err)
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	if got := queryInt(t, db, "SELECT count(*) FROM v_rule_failures WHERE council_code = 'XXX' AND rule_id = 'image-alt' AND wcag = '1.1.1'"); got != 2 {
		t.Errorf("v_rule_failures rows: got %d, want 2", got)
	}
	ps, err := db.SitePages(ctx, site.ID, PageOptions{Judgements: true, Evidence: true})
	if err != nil {
		t.Fatal(err)
	}
	if got := ps[0].Score; !reflect.DeepEqual(got, score) {
		t.Errorf("score:\ngot  %+v\nwant %+v", got, score)
	}
	if got := ps[0].Facts; !reflect.DeepEqual(got, facts) {
		t.Errorf("facts:\ngot  %+v\nwant %+v", got, facts)
	}
	// Without evidence, the failures are left out and the rest is the same.
	ps, err = db.SitePages(ctx, site.ID, PageOptions{Judgements: true})
	if err != nil {
		t.Fatal(err)
	}
	if r := ps[0].Score.Results[0]; r.Failures != nil || r.FailureCount != 2 || r.Outcome != "failed" {
		t.Errorf("result without evidence: %+v", r)
	}
	// A rescore replaces the page's results and facts.
	ps[0].Score = &councilbench.PageScore{Elements: 10, Results: []councilbench.RuleResult{{Rule: "image-alt", Version: 1, Outcome: "passed", Applicable: 2}}}
	ps[0].Facts = &councilbench.PageFacts{Version: 2, Title: "Home"}
	if err := w.SaveScore(ps[0]); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	for q, want := range map[string]int64{
		"SELECT count(*) FROM rule_evidence":                     0,
		"SELECT count(*) FROM page_forms":                        0,
		"SELECT count(*) FROM page_facts WHERE version = 2":      1,
		"SELECT count(*) FROM page_facts WHERE viewport IS NULL": 1,
	} {
		if got := queryInt(t, db, q); got != want {
			t.Errorf("%s: got %d, want %d", q, got, want)
		}
	}
	sums, err := db.RuleSummaries(ctx, s.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(sums) != 1 || sums[0].Pages != 1 || sums[0].PagesFailed != 0 || sums[0].Impact != "critical" {
		t.Errorf("summaries: got %+v", sums)
	}
	if got := db.BodiesRead(); got != 0 {
		t.Errorf("bodies read: got %d, want 0 (no page has a body)", got)
	}
}

// TestAssessmentRoundTrip stores a site's assessment and its councils'
// scorecards, and reads back the same values.
func TestAssessmentRoundTrip(t *testing.T) {
	ctx := context.Background()
	db, err := Open(ctx, filepath.Join(t.TempDir(), "s.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	s := &councilbench.Survey{Name: "s"}
	site := &councilbench.Site{Key: "x.gov.uk", StartURL: "https://x.gov.uk/", Councils: []string{"XXX", "YYY"}}
	councils := []councilbench.Council{{Code: "XXX", Name: "X", Tier: councilbench.TierShireDistrict, Website: "https://x.gov.uk/"},
		{Code: "YYY", Name: "Y", Tier: councilbench.TierShireDistrict, Website: "https://x.gov.uk/"}}
	if err := db.CreateSurvey(ctx, s, []*councilbench.Site{site}, councils); err != nil {
		t.Fatal(err)
	}
	a := &councilbench.SiteAssessment{SiteKey: "x.gov.uk", Assessed: true, CatalogueVersion: 3, Home: "https://x.gov.uk/", Pages: 12, HTMLPages: 9,
		Tasks: []councilbench.TaskFinding{
			{ID: "pay-council-tax", Version: 2, LGSL: []int{57}, Found: true, URL: "https://x.gov.uk/pay", Clicks: 1, LinkedFromHome: true,
				Online: true, OnlineVia: "portal", OnlineURL: "https://pay.example/", LinkText: "Pay council tax", LinkedFrom: "https://x.gov.uk/", Match: "pay + council tax"},
			{ID: "school-place", Version: 1, LGSL: []int{13, 14}, Clicks: -1, BrokenURL: "https://x.gov.uk/schools",
				Why: "closest page: /schools (names the service area only; no application action)",
				Candidates: []councilbench.TaskCandidate{
					{URL: "https://x.gov.uk/schools", Matched: []string{"area"}},
					{URL: "https://x.gov.uk/admissions-policy", Matched: []string{"title", "context"}, NearMiss: "policy|policies", Action: true}}},
			{ID: "report-missed-bin", Version: 1, LGSL: []int{}, Found: true, URL: "https://x.gov.uk/f.pdf", Clicks: 2, PDFOnly: true, PDFURL: "https://x.gov.uk/f.pdf", Match: "document"},
		},
		Features: []councilbench.Feature{
			{ID: "https", Version: 1, Known: true, Pass: true, Value: 1, Unit: "bool", Evidence: []string{"home page: https://x.gov.uk/"}},
			{ID: "real-404", Version: 1, Unit: "bool", Evidence: []string{"no probe stored"}},
			{ID: "page-weight", Version: 1, Known: true, Value: 12345.5, Unit: "bytes", Evidence: []string{"median of 9 HTML pages"}},
		},
		Accessibility: councilbench.A11ySummary{Pages: 8, Rules: []councilbench.RuleRate{{Rule: "image-alt", Version: 1, Impact: "critical", Failed: 2, Rate: 0.25, Example: "https://x.gov.uk/"}}},
	}
	var scores []*councilbench.CouncilScore
	for _, c := range councils {
		scores = append(scores, &councilbench.CouncilScore{Code: c.Code, Tier: c.Tier, Site: "x.gov.uk", ModelVersion: "1", CatalogueVersion: 3,
			Assessed: true, Score: 71.5, Stars: 3, StarsNote: "no accessibility pass", PassFailures: []string{"why"},
			Components: []councilbench.Component{{ID: "tasks", Weight: 40, Score: 50, Points: 20, Items: []councilbench.Item{{ID: "tasks", Weight: 1, Known: true, Score: 0.5}}}},
			Tasks:      a.Tasks[:1], Features: a.Features})
	}
	w := db.NewWriter(s.ID)
	if err := w.SaveAssessment(site.ID, a, scores); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	got, err := db.SiteAssessments(ctx, s.ID)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got[site.ID], a) {
		t.Errorf("assessment:\ngot  %+v\nwant %+v", got[site.ID], a)
	}
	cs, err := db.CouncilScores(ctx, s.ID)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(cs, scores) {
		t.Errorf("scores:\ngot  %+v\nwant %+v", cs, scores)
	}
	one, err := db.CouncilScore(ctx, s.ID, "yyy")
	if err != nil || one.Code != "YYY" {
		t.Errorf("CouncilScore(yyy): %+v, %v", one, err)
	}
	if _, err := db.CouncilScore(ctx, s.ID, "ZZZ"); !errors.Is(err, ErrNotFound) {
		t.Errorf("CouncilScore(ZZZ): %v, want ErrNotFound", err)
	}
	results, err := db.CouncilResults(ctx, s.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(results) != 2 || results[0].Assessment == nil || results[0].Score == nil || results[0].Site == nil || results[0].SiteURL() != "https://x.gov.uk/" {
		t.Errorf("council results: %+v", results)
	}
	if got := queryInt(t, db, "SELECT count(*) FROM council_tasks WHERE task_id = 'pay-council-tax'"); got != 2 {
		t.Errorf("council_tasks: got %d, want 2", got)
	}
}

func TestExportResults(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	db, err := Open(ctx, filepath.Join(dir, "s.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var ids []int64
	for _, name := range []string{"keep", "drop"} {
		s := &councilbench.Survey{Name: name}
		site := &councilbench.Site{Key: "x.gov.uk", StartURL: "https://x.gov.uk/", Councils: []string{"XXX"}}
		if err := db.CreateSurvey(ctx, s, []*councilbench.Site{site}, []councilbench.Council{{Code: "XXX", Name: "X", Tier: councilbench.TierCounty, Website: "https://x.gov.uk/"}}); err != nil {
			t.Fatal(err)
		}
		w := db.NewWriter(s.ID)
		if err := w.SavePage(&councilbench.Page{SiteID: site.ID, URL: "https://x.gov.uk/" + name, Kind: councilbench.KindHTML, Status: 200, Body: []byte("<html>body</html>"),
			Links: []councilbench.Link{{URL: "https://x.gov.uk/gone", Text: "=1+1"}, {URL: "https://elsewhere.org/", Text: "Elsewhere", External: true}}}); err != nil {
			t.Fatal(err)
		}
		if err := w.Close(); err != nil {
			t.Fatal(err)
		}
		page := queryInt(t, db, "SELECT max(id) FROM pages")
		w = db.NewWriter(s.ID)
		a := &councilbench.SiteAssessment{Links: []councilbench.PageLinks{{PageID: page, Links: 2, Internal: 1, External: 1, Checked: 1, Broken: 1}}}
		if err := w.SaveAssessment(site.ID, a, nil); err != nil {
			t.Fatal(err)
		}
		if err := w.Close(); err != nil {
			t.Fatal(err)
		}
		ids = append(ids, s.ID)
	}
	var links []string
	err = db.EachLink(ctx, ids[0], func(id int64, page string, l councilbench.Link) error {
		links = append(links, fmt.Sprintf("%s %s %q %v", page, l.URL, l.Text, l.External))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := links, []string{`https://x.gov.uk/keep https://x.gov.uk/gone "=1+1" false`, `https://x.gov.uk/keep https://elsewhere.org/ "Elsewhere" true`}; !slices.Equal(got, want) {
		t.Errorf("EachLink: got %q, want %q", got, want)
	}
	out := filepath.Join(dir, "results.sqlite")
	if err := db.ExportResults(ctx, ids[0], out); err != nil {
		t.Fatal(err)
	}
	exp, err := Open(ctx, out)
	if err != nil {
		t.Fatal(err)
	}
	defer exp.Close()
	for q, want := range map[string]int64{
		"SELECT count(*) FROM surveys":                       1,
		"SELECT count(*) FROM pages":                         1,
		"SELECT count(*) FROM pages WHERE body IS NOT NULL":  0,
		"SELECT count(*) FROM pages WHERE url LIKE '%keep'":  1,
		"SELECT count(*) FROM councils WHERE survey_id <> 1": 0,
		// The links table is left out, summarised per page.
		"SELECT count(*) FROM links":      0,
		"SELECT count(*) FROM page_links": 1,
		"SELECT links + internal + external + checked + broken FROM page_links WHERE survey_id = 1": 6,
	} {
		if got := queryInt(t, exp, q); got != want {
			t.Errorf("%s: got %d, want %d", q, got, want)
		}
	}
}
