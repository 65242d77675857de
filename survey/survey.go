package survey

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/councilbench/councilbench"
	"github.com/councilbench/councilbench/crawler"
	"github.com/councilbench/councilbench/register"
	"github.com/councilbench/councilbench/store"
)

// Settings is what a survey stores of its crawl settings (as JSON in
// surveys.settings), so that a resumed run makes the same choices as the
// interrupted one.
type Settings struct {
	MaxPages     int    `json:"max_pages"`
	MaxDepth     int    `json:"max_depth"`
	MaxBody      int64  `json:"max_body"`
	IgnoreRobots bool   `json:"ignore_robots"`
	WaveSize     int    `json:"wave_size"`
	UserAgent    string `json:"user_agent"`
	Demo         bool   `json:"demo,omitempty"`
	// SearchBudget bounds the requests of each site's searches; 0 (and a
	// survey made before site searches) asks none.
	SearchBudget int `json:"search_budget,omitempty"`
	// MaxStylesheets and MaxStylesheetBytes are each site's stylesheet
	// budget; absent in a survey made before stylesheets were fetched.
	MaxStylesheets     int   `json:"max_stylesheets,omitempty"`
	MaxStylesheetBytes int64 `json:"max_stylesheet_bytes,omitempty"`
}

// SettingsOf returns the settings of a crawl configuration.
func SettingsOf(cfg crawler.Config, demo bool) Settings {
	return Settings{MaxPages: cfg.MaxPages, MaxDepth: cfg.MaxDepth, MaxBody: cfg.MaxBody, IgnoreRobots: cfg.IgnoreRobots,
		WaveSize: cfg.WaveSize, UserAgent: cfg.UserAgent, Demo: demo, SearchBudget: cfg.SearchBudget,
		MaxStylesheets: cfg.MaxStylesheets, MaxStylesheetBytes: cfg.MaxStylesheetBytes}
}

// StoredSettings returns the settings a survey was started with, and
// false for a survey that stored none (or none this version can read).
func StoredSettings(s *councilbench.Survey) (Settings, bool) {
	var st Settings
	if err := json.Unmarshal([]byte(s.Settings), &st); err != nil || st.MaxPages <= 0 {
		return Settings{}, false
	}
	return st, true
}

// Resume makes cfg choose as the survey's first run did: its page budget,
// depth, body cap, robots.txt setting, wave size, search budget and
// stylesheet budget come from the stored settings. A survey without stored
// settings leaves cfg as it is; one made before stylesheets were fetched
// fetches none (Runner.Run sees to it).
func Resume(s *councilbench.Survey, cfg *crawler.Config) {
	if st, ok := StoredSettings(s); ok {
		cfg.MaxPages, cfg.MaxDepth, cfg.MaxBody, cfg.IgnoreRobots, cfg.WaveSize = st.MaxPages, st.MaxDepth, st.MaxBody, st.IgnoreRobots, st.WaveSize
		cfg.SearchBudget = st.SearchBudget
		if s.Stylesheets {
			cfg.MaxStylesheets, cfg.MaxStylesheetBytes = st.MaxStylesheets, st.MaxStylesheetBytes
		}
	}
}

// Create starts a survey of the councils in db: one site per website
// (councils that share one share its crawl), every site pending. A demo
// survey (of the simulated web) is marked Simulated.
func Create(ctx context.Context, db *store.DB, name string, cfg crawler.Config, demo bool, councils []councilbench.Council) (*councilbench.Survey, error) {
	js, err := json.Marshal(SettingsOf(cfg, demo))
	if err != nil {
		return nil, err
	}
	s := &councilbench.Survey{Name: name, StartedAt: time.Now().UTC(), ToolVersion: councilbench.Version, Settings: string(js),
		Stylesheets: cfg.MaxStylesheets > 0, Simulated: demo}
	var sites []*councilbench.Site
	for _, g := range register.Sites(councils) {
		site := &councilbench.Site{Key: g.Key, StartURL: g.StartURL, Status: councilbench.SitePending}
		for _, c := range g.Councils {
			site.Councils = append(site.Councils, c.Code)
		}
		sites = append(sites, site)
	}
	if err := db.CreateSurvey(ctx, s, sites, councils); err != nil {
		return nil, fmt.Errorf("create survey %q: %w", name, err)
	}
	return s, nil
}

// Councils returns a survey's councils by code.
func Councils(ctx context.Context, db *store.DB, surveyID int64) (map[string]councilbench.Council, error) {
	cs, err := db.Councils(ctx, surveyID)
	if err != nil {
		return nil, err
	}
	m := make(map[string]councilbench.Council, len(cs))
	for _, c := range cs {
		m[c.Code] = c
	}
	return m, nil
}
