package scoring

import (
	"fmt"
	"net/url"
	"strings"

	"github.com/councilbench/councilbench"
)

// searchForm chooses the home page's site search form: the first search
// form (isSearch) that the survey may submit, a GET form with a text field
// and no CAPTCHA or password; otherwise the reason none can be used.
func searchForm(f *councilbench.PageFacts) (*councilbench.Form, councilbench.SearchReason) {
	reason := councilbench.SearchNoForm
	for i := range f.Forms {
		fm := &f.Forms[i]
		if !isSiteSearch(fm) || fm.Query == "" {
			continue
		}
		switch {
		case fm.Password:
			reason = worse(reason, councilbench.SearchLogin)
		case fm.Captcha:
			reason = worse(reason, councilbench.SearchCaptcha)
		case fm.Method != "" && fm.Method != "get":
			reason = worse(reason, councilbench.SearchPostOnly)
		default:
			return fm, ""
		}
	}
	return nil, reason
}

// worse keeps the more telling of two reasons: a form that cannot be used
// says more than no form at all.
func worse(a, b councilbench.SearchReason) councilbench.SearchReason {
	if a == councilbench.SearchNoForm {
		return b
	}
	return a
}

// PlanSearches plans the queries put to a site's own search, one per task:
// the task's Query (its WelshQuery when the home page's language is
// Welsh), submitted with the home page's search form as a browser submits
// a GET form (the action's own query string replaced by the form's hidden
// fields and the query). A form hosted elsewhere is planned like any
// other: the crawler follows it under the same guard and robots.txt. Each
// plan without a URL carries the reason the search cannot be used. A home
// page without facts (a survey that does not score) plans nothing.
func PlanSearches(home *councilbench.Page, tasks []*Task) []councilbench.SiteSearch {
	if home == nil || home.Facts == nil {
		return nil
	}
	welsh := strings.HasPrefix(strings.ToLower(home.Facts.Lang), "cy")
	fm, reason := searchForm(home.Facts)
	var action *url.URL
	if fm != nil {
		u, err := url.Parse(resolveRef(home, fm.Action))
		if err != nil || u.Scheme != "http" && u.Scheme != "https" {
			fm, reason = nil, councilbench.SearchNoForm
		} else {
			action = u
		}
	}
	out := make([]councilbench.SiteSearch, 0, len(tasks))
	for _, t := range tasks {
		ss := councilbench.SiteSearch{Task: t.ID, Query: t.Query, Results: []councilbench.SearchResult{}}
		if welsh {
			ss.Query = t.WelshQuery
		}
		if fm == nil {
			ss.Reason = reason
			out = append(out, ss)
			continue
		}
		q := url.Values{}
		q.Set(fm.Query, ss.Query)
		for _, h := range fm.Hidden {
			k, v, _ := strings.Cut(h, "=")
			if k != fm.Query {
				q.Add(k, v)
			}
		}
		u := *action
		u.RawQuery, u.Fragment = q.Encode(), ""
		ss.Form, ss.URL = action.String(), u.String()
		out = append(out, ss)
	}
	return out
}

// searchOf returns the site's search for a task, or nil.
func (x *siteIndex) searchOf(task string) *councilbench.SiteSearch {
	for i := range x.site.Searches {
		if x.site.Searches[i].Task == task {
			return &x.site.Searches[i]
		}
	}
	return nil
}

// searchRank judges the site's own search for a task: the rank of the
// first result that is a page the finder accepts for the task (the task's
// page it found, or any page it would take for the task), 0 when none of
// the first results is, -1 when the search was not used.
func (x *siteIndex) searchRank(ct *compiledTask, f *councilbench.TaskFinding) {
	ss := x.searchOf(ct.task.ID)
	switch {
	case ss == nil:
		f.SearchRank, f.SearchReason = -1, councilbench.SearchNotAsked
		return
	case ss.Reason != "":
		f.SearchRank, f.SearchReason = -1, ss.Reason
		return
	}
	f.SearchRank = 0
	var found *councilbench.Page
	if f.Found {
		found = x.byURL[f.URL]
	}
	for i, r := range ss.Results {
		if i >= councilbench.MaxSearchResults {
			break
		}
		p := x.byURL[r.URL]
		if p != nil && (p == found || x.acceptsResult(ct, p, r.Text)) {
			f.SearchRank = i + 1
			return
		}
	}
}

// acceptsResult reports whether a page a site search listed is one the
// finder takes for the task: fetched without error, not news, and named
// for the task (by its title, heading, URL, a link to it, or the result's
// own link text) without a near-miss word.
func (x *siteIndex) acceptsResult(ct *compiledTask, p *councilbench.Page, text string) bool {
	if p.Kind != councilbench.KindHTML && p.Kind != councilbench.KindSearchResult || p.Status < 200 || p.Status >= 300 ||
		p.Reason != "" || p.Facts == nil || saysNotFound(p.Facts) || x.isNews(p) || x.special[p] || p == x.home {
		return false
	}
	c := x.judge(ct, p)
	if c != nil && !c.area {
		return c.taken()
	}
	ws := x.textWords(text)
	lv, _, _ := ct.textLevel(ws, x.context(p))
	return lv != levelNone && ct.nearMissIn(ws) == nil && (c == nil || c.near == "")
}

// searchFinds judges the feature: the share of the tasks searched for
// whose page the site's own search lists among its first results.
func (x *siteIndex) searchFinds(f *councilbench.Feature) {
	f.Unit = "share"
	asked, found := 0, 0
	for _, t := range x.tasks {
		if t.SearchReason == councilbench.SearchNotAsked {
			continue
		}
		ss := x.searchOf(t.ID)
		switch {
		case t.SearchRank < 0:
			f.Evidence = append(f.Evidence, fmt.Sprintf("%s: not assessed (%s)", t.ID, t.SearchReason))
		case t.SearchRank == 0:
			asked++
			f.Evidence = append(f.Evidence, fmt.Sprintf("%s: %q not in the first %d results of %s", t.ID, ss.Query, councilbench.MaxSearchResults, ss.URL))
		default:
			asked++
			found++
			f.Evidence = append(f.Evidence, fmt.Sprintf("%s: %q rank %d, %s", t.ID, ss.Query, t.SearchRank, ss.Results[t.SearchRank-1].URL))
		}
	}
	if asked == 0 {
		f.Known = false
		if len(f.Evidence) == 0 {
			f.Evidence = []string{"the site's search was not asked"}
		}
		return
	}
	f.Value = share(found, asked)
	f.Pass = 2*found >= asked
	if ss := x.site.Searches; len(ss) > 0 && ss[0].Form != "" {
		f.URL = ss[0].Form
	}
}
