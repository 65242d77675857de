package css

import (
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"sync"

	"github.com/councilbench/councilbench"
)

// State says what is known of a stylesheet a page links to.
type State int

// The states of a linked stylesheet.
const (
	// Missing: the survey did not fetch it (the site's stylesheet budget,
	// robots.txt, an address the guard refused, or a survey made before
	// stylesheets were stored). What it would have set is unknown.
	Missing State = iota
	// Loaded: fetched and compiled.
	Loaded
	// Dropped: fetched, and a browser would not apply it (a 404, a
	// failed fetch): the page renders without it, and so does the
	// cascade.
	Dropped
)

// Source gives the stylesheets a page links to, by absolute URL.
type Source interface {
	Sheet(url string) (*Sheet, State)
}

// Loader returns the stored stylesheet of an absolute URL, or nil and no
// error when none was stored.
type Loader func(url string) (*councilbench.Stylesheet, error)

// Cache is a Source over a Loader that compiles each stylesheet once,
// however many pages use it: a site's pages share their sheets, and a
// survey's sites share the sheets of common CDNs. It is safe for
// concurrent use.
type Cache struct {
	load  Loader
	mu    sync.Mutex
	byURL map[string]*cacheEntry
	bySum map[string]*Sheet // compiled sheets by SHA-256 and final URL
	err   error
}

type cacheEntry struct {
	once  sync.Once
	sheet *Sheet
	state State
}

// NewCache returns a cache over load.
func NewCache(load Loader) *Cache {
	return &Cache{load: load, byURL: map[string]*cacheEntry{}, bySum: map[string]*Sheet{}}
}

// Sheet returns the compiled stylesheet of url and its state. A loader
// error makes the sheet Missing; Err returns the first.
func (c *Cache) Sheet(u string) (*Sheet, State) {
	c.mu.Lock()
	e := c.byURL[u]
	if e == nil {
		e = &cacheEntry{}
		c.byURL[u] = e
	}
	c.mu.Unlock()
	e.once.Do(func() {
		st, err := c.load(u)
		switch {
		case err != nil:
			c.mu.Lock()
			if c.err == nil {
				c.err = fmt.Errorf("stylesheet %s: %w", u, err)
			}
			c.mu.Unlock()
			e.state = Missing
		case st == nil:
			e.state = Missing
		case !st.Usable():
			e.state = Dropped
		default:
			base := st.FinalURL
			if base == "" {
				base = st.URL
			}
			key := st.SHA256 + " " + base
			c.mu.Lock()
			sh := c.bySum[key]
			c.mu.Unlock()
			if sh == nil || st.SHA256 == "" {
				sh = Compile(st.Body, base)
				if st.Truncated {
					sh.Truncated = true
				}
				if st.SHA256 != "" {
					c.mu.Lock()
					c.bySum[key] = sh
					c.mu.Unlock()
				}
			}
			e.sheet, e.state = sh, Loaded
		}
	})
	return e.sheet, e.state
}

// Err returns the first error the loader returned.
func (c *Cache) Err() error {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.err
}

// FileURL returns the file: URL of a local path, made absolute: the URL
// a local HTML file is judged under, so that FileLoader finds the
// stylesheets it links to by relative paths.
func FileURL(path string) (string, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return "", err
	}
	return (&url.URL{Scheme: "file", Path: filepath.ToSlash(abs)}).String(), nil
}

// FileLoader loads file:// URLs from the local disk, for check on local
// HTML files: a stylesheet a page links to by a relative path is read
// from beside it. Other schemes are not stored (nil). A file that cannot
// be read is Dropped, as a browser drops it.
func FileLoader(u string) (*councilbench.Stylesheet, error) {
	pu, err := url.Parse(u)
	if err != nil || pu.Scheme != "file" {
		return nil, nil
	}
	st := &councilbench.Stylesheet{URL: u, FinalURL: u, Status: 200, ContentType: "text/css"}
	f, err := os.Open(pu.Path)
	if err != nil {
		st.Status, st.Reason, st.Error = 404, councilbench.ReasonOther, err.Error()
		return st, nil
	}
	defer f.Close()
	body, err := io.ReadAll(io.LimitReader(f, MaxSheetBytes+1))
	if err != nil {
		st.Status, st.Reason, st.Error = 0, councilbench.ReasonOther, err.Error()
		return st, nil
	}
	if len(body) > MaxSheetBytes {
		body, st.Truncated = body[:MaxSheetBytes], true
	}
	st.Body, st.Bytes = body, int64(len(body))
	return st, nil
}
