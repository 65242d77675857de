package scoring

import (
	"bytes"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"

	"github.com/councilbench/councilbench"
	"github.com/councilbench/councilbench/simweb"
	"golang.org/x/net/html"
)

// The tests judge the simulated web: its sites are fetched through
// simweb's handler with httptest (no network), stored as the crawler
// stores pages, and assessed; simweb's manifest is the ground truth.

// simCouncil returns a test council.
func simCouncil(code, name string, tier councilbench.Tier, nation, website string) councilbench.Council {
	return councilbench.Council{Code: code, Name: name, Tier: tier, Nation: nation, Region: "Test", Website: website}
}

// simCouncils returns about 40 councils of every tier, like the demo's:
// two sharing a site, Welsh and Northern Irish ones, http and https URLs.
func simCouncils() []councilbench.Council {
	const (
		sd = councilbench.TierShireDistrict
		co = councilbench.TierCounty
		un = councilbench.TierUnitary
		me = councilbench.TierMetropolitan
		lb = councilbench.TierLondonBorough
		ni = councilbench.TierDistrict
	)
	return []councilbench.Council{
		simCouncil("ADU", "Adur District Council", sd, "England", "https://www.adur-worthing.gov.uk/"),
		simCouncil("WOT", "Worthing Borough Council", sd, "England", "https://www.adur-worthing.gov.uk/"),
		simCouncil("ASF", "Ashford Borough Council", sd, "England", "https://www.ashford.gov.uk/"),
		simCouncil("CAT", "Canterbury City Council", sd, "England", "https://www.canterbury.gov.uk/"),
		simCouncil("DOV", "Dover District Council", sd, "England", "http://www.dover.gov.uk/"),
		simCouncil("EDE", "East Devon District Council", sd, "England", "http://eastdevon.gov.uk"),
		simCouncil("SHE", "Folkestone and Hythe District Council", sd, "England", "https://www.folkestone-hythe.gov.uk/home"),
		simCouncil("MAI", "Maidstone Borough Council", sd, "England", "http://www.maidstone.gov.uk"),
		simCouncil("THA", "Thanet District Council", sd, "England", "http://thanet.gov.uk/"),
		simCouncil("HER", "Hertsmere Borough Council", sd, "England", "https://www.hertsmere.gov.uk/home.aspx"),
		simCouncil("NWA", "North Warwickshire Borough Council", sd, "England", "https://www.northwarks.gov.uk/site/"),
		simCouncil("UTT", "Uttlesford District Council", sd, "England", "https://www.uttlesford.gov.uk/home"),
		simCouncil("TUN", "Tunbridge Wells Borough Council", sd, "England", "https://www.tunbridgewells.gov.uk/"),
		simCouncil("LEE", "Lewes District Council", sd, "England", "https://www.lewes-eastbourne.gov.uk"),
		simCouncil("EAS", "Eastbourne Borough Council", sd, "England", "https://www.lewes-eastbourne.gov.uk"),
		simCouncil("CAM", "Cambridgeshire County Council", co, "England", "https://www.cambridgeshire.gov.uk/"),
		simCouncil("DEV", "Devon County Council", co, "England", "https://new.devon.gov.uk/"),
		simCouncil("KEN", "Kent County Council", co, "England", "http://www.kent.gov.uk/"),
		simCouncil("ESX", "East Sussex County Council", co, "England", "http://www.eastsussex.gov.uk/"),
		simCouncil("NFK", "Norfolk County Council", co, "England", "https://www.norfolk.gov.uk/"),
		simCouncil("CON", "Cornwall Council", un, "England", "https://www.cornwall.gov.uk/"),
		simCouncil("BPL", "Blackpool Council", un, "England", "https://www.blackpool.gov.uk/Home.aspx"),
		simCouncil("BGW", "Blaenau Gwent County Borough Council", un, "Wales", "https://www.blaenau-gwent.gov.uk/"),
		simCouncil("CAY", "Caerphilly County Borough Council", un, "Wales", "http://www.caerphilly.gov.uk"),
		simCouncil("CMN", "Carmarthenshire County Council", un, "Wales", "https://www.carmarthenshire.gov.wales/home/council-services/"),
		simCouncil("VGL", "Vale of Glamorgan Council", un, "Wales", "https://valeofglamorgan.gov.uk/en/index.aspx"),
		simCouncil("ABE", "Aberdeen City Council", un, "Scotland", "https://www.aberdeencity.gov.uk/"),
		simCouncil("FIF", "Fife Council", un, "Scotland", "https://www.fife.gov.uk/"),
		simCouncil("WIL", "Wiltshire Council", un, "England", "http://www.wiltshire.gov.uk"),
		simCouncil("LDS", "Leeds City Council", me, "England", "https://www.leeds.gov.uk/"),
		simCouncil("WGN", "Wigan Metropolitan Borough Council", me, "England", "http://www.wigan.gov.uk"),
		simCouncil("STY", "South Tyneside Council", me, "England", "http://www.southtyneside.gov.uk"),
		simCouncil("WLV", "City of Wolverhampton Council", me, "England", "http://www.wolverhampton.gov.uk"),
		simCouncil("SHF", "Sheffield City Council", me, "England", "https://www.sheffield.gov.uk/"),
		simCouncil("LND", "City of London Corporation", lb, "England", "https://www.cityoflondon.gov.uk/"),
		simCouncil("BNE", "London Borough of Barnet", lb, "England", "https://www.barnet.gov.uk/"),
		simCouncil("CRY", "London Borough of Croydon", lb, "England", "http://www.croydon.gov.uk"),
		simCouncil("HCK", "London Borough of Hackney", lb, "England", "https://hackney.gov.uk/"),
		simCouncil("ANN", "Antrim and Newtownabbey Borough Council", ni, "Northern Ireland", "https://antrimandnewtownabbey.gov.uk/"),
		simCouncil("AND", "Ards and North Down Borough Council", ni, "Northern Ireland", "https://www.ardsandnorthdown.gov.uk/"),
		simCouncil("BFS", "Belfast City Council", ni, "Northern Ireland", "https://www.belfastcity.gov.uk"),
		simCouncil("MEA", "Mid and East Antrim Borough Council", ni, "Northern Ireland", "https://www.midandeastantrim.gov.uk/"),
	}
}

// simSite is one simulated site as a crawl would have stored it.
type simSite struct {
	truth    *simweb.SiteTruth
	councils []councilbench.Council
	site     *councilbench.Site
	pages    []*councilbench.Page
}

// input returns the site as AssessSite's input.
func (s *simSite) input() SiteInput { return SiteInput{Site: s.site, Pages: s.pages} }

// simWeb is a simulated web crawled once for every test.
type simWeb struct {
	web   *simweb.Web
	sites []*simSite
}

// simCache builds the simulated web of simCouncils (seed 7, faults on),
// fetches every site and scores every HTML page's accessibility, once.
var simCache = sync.OnceValues(func() (*simWeb, error) {
	opts := simweb.Options{Seed: 7, Faults: true, SlowPageDelay: -1, PagesPerSite: 120}
	councils := simCouncils()
	w, err := simweb.New(councils, opts)
	if err != nil {
		return nil, err
	}
	sw := &simWeb{web: w}
	byCode := map[string]councilbench.Council{}
	for _, c := range councils {
		byCode[c.Code] = c
	}
	m := w.Manifest()
	for i := range m.Sites {
		st := &m.Sites[i]
		ss := &simSite{truth: st}
		for _, code := range st.Councils {
			ss.councils = append(ss.councils, byCode[code])
		}
		sw.sites = append(sw.sites, ss)
	}
	var wg sync.WaitGroup
	for _, ss := range sw.sites {
		wg.Add(1)
		go func() {
			defer wg.Done()
			ss.site, ss.pages = simCrawl(w.Handler(), ss.truth)
			judged(ss.pages...)
		}()
	}
	wg.Wait()
	return sw, nil
})

// crawledWeb returns the simulated web, crawled once for every test.
func crawledWeb(t testing.TB) *simWeb {
	t.Helper()
	sw, err := simCache()
	if err != nil {
		t.Fatal(err)
	}
	return sw
}

// simFetch requests a URL from the handler, following redirects as the
// crawler does, and returns the page as the crawler would store it (links
// not yet extracted).
func simFetch(h http.Handler, raw string) *councilbench.Page {
	p := &councilbench.Page{URL: raw, Depth: -1}
	cur := raw
	for hop := 0; hop < 10; hop++ {
		req := httptest.NewRequest(http.MethodGet, cur, nil)
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		res := rec.Result()
		body, _ := io.ReadAll(res.Body)
		if res.StatusCode >= 300 && res.StatusCode < 400 {
			loc, err := url.Parse(res.Header.Get("Location"))
			base, _ := url.Parse(cur)
			if err != nil {
				p.Status, p.Reason = res.StatusCode, councilbench.ReasonBadRedirect
				return p
			}
			p.Redirects = append(p.Redirects, cur)
			cur = base.ResolveReference(loc).String()
			continue
		}
		p.FinalURL, p.Status, p.Header = cur, res.StatusCode, res.Header
		p.ContentType = res.Header.Get("Content-Type")
		p.Bytes, p.Size = int64(len(body)), int64(len(body))
		p.TTFBMS = 5
		switch ct := strings.ToLower(p.ContentType); {
		case strings.HasPrefix(ct, "text/html"):
			p.Kind, p.Body = councilbench.KindHTML, body
		case strings.HasPrefix(ct, "application/pdf"), strings.Contains(ct, "msword"), strings.Contains(ct, "officedocument"):
			p.Kind = councilbench.KindDocument
		default:
			p.Kind = councilbench.KindOther
		}
		return p
	}
	p.Reason = councilbench.ReasonTooManyHops
	return p
}

// simLinks extracts a page's <a href> links as the crawler does: resolved
// against the final URL, without fragments, the aria-label or the text
// (with images' alt text) as the link text.
func simLinks(p *councilbench.Page, scope [2]string) []councilbench.Link {
	base, err := url.Parse(p.FinalURL)
	if err != nil {
		return nil
	}
	var out []councilbench.Link
	seen := map[string]bool{}
	z := html.NewTokenizer(bytes.NewReader(p.Body))
	var (
		in          bool
		href, label string
		text        strings.Builder
	)
	flush := func() {
		if !in {
			return
		}
		in = false
		u, err := base.Parse(strings.TrimSpace(href))
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") {
			return
		}
		u.Fragment = ""
		t := label
		if t == "" {
			t = text.String()
		}
		t = strings.Join(strings.Fields(t), " ")
		key := u.String() + "\x00" + t
		if seen[key] {
			return
		}
		seen[key] = true
		out = append(out, councilbench.Link{URL: u.String(), Text: t, External: u.Host != scope[0] && u.Host != scope[1]})
	}
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			flush()
			return out
		case html.TextToken:
			if in {
				text.Write(z.Text())
				text.WriteByte(' ')
			}
		case html.StartTagToken, html.SelfClosingTagToken:
			tok := z.Token()
			switch tok.Data {
			case "a", "area":
				flush()
				href, label = "", ""
				ok := false
				for _, a := range tok.Attr {
					switch a.Key {
					case "href":
						href, ok = a.Val, true
					case "aria-label":
						label = a.Val
					}
				}
				if ok {
					in = true
					text.Reset()
				}
				if tok.Data == "area" || tt == html.SelfClosingTagToken {
					flush()
				}
			case "img":
				if in {
					for _, a := range tok.Attr {
						if a.Key == "alt" {
							text.WriteString(a.Val)
							text.WriteByte(' ')
						}
					}
				}
			}
		case html.EndTagToken:
			if name, _ := z.TagName(); string(name) == "a" {
				flush()
			}
		}
	}
}

// simCrawl fetches a whole site breadth-first from its register URL, as
// the crawler would with no page budget and robots.txt ignored: the home
// page, the nonexistent-URL probe, then every internal link of the HTML
// pages, each URL once, depths counted in clicks over the links.
func simCrawl(h http.Handler, st *simweb.SiteTruth) (*councilbench.Site, []*councilbench.Page) {
	site := &councilbench.Site{Key: st.Key, StartURL: st.StartURL, Councils: st.Councils, Status: councilbench.SiteDone}
	home := simFetch(h, st.StartURL)
	home.Depth = 0
	site.FinalURL, site.Redirects = home.FinalURL, home.Redirects
	final, _ := url.Parse(home.FinalURL)
	host := strings.TrimPrefix(final.Host, "www.")
	scope := [2]string{host, "www." + host}
	fetched := map[string]*councilbench.Page{}
	mark := func(p *councilbench.Page) {
		fetched[p.URL] = p
		if p.FinalURL != "" && fetched[p.FinalURL] == nil {
			fetched[p.FinalURL] = p
		}
	}
	pages := []*councilbench.Page{home}
	mark(home)
	probe := simFetch(h, final.Scheme+"://"+final.Host+"/councilbench-probe-0123456789abcdef")
	probe.Kind = councilbench.KindProbe
	pages = append(pages, probe)
	queue := []*councilbench.Page{home}
	for len(queue) > 0 {
		p := queue[0]
		queue = queue[1:]
		if p.Kind != councilbench.KindHTML {
			continue
		}
		p.Links = simLinks(p, scope)
		if p.Status < 200 || p.Status >= 300 {
			continue
		}
		for _, l := range p.Links {
			if l.External || fetched[l.URL] != nil {
				continue
			}
			q := simFetch(h, l.URL)
			q.Depth = p.Depth + 1
			mark(q)
			pages = append(pages, q)
			queue = append(queue, q)
		}
	}
	return site, pages
}
