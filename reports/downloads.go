package reports

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"strconv"
	"strings"

	"github.com/councilbench/councilbench"
	"github.com/councilbench/councilbench/scoring"
)

// The download files Write makes.
const (
	CSVFile  = "league-table.csv"
	JSONFile = "league-table.json"
)

// CSVSafe returns the cell text with a single quote in front when it
// starts with a character that makes a spreadsheet read it as a formula
// (=, +, -, @, tab or carriage return).
func CSVSafe(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}

// leagueRecord is one council in the JSON download.
type leagueRecord struct {
	Rank              int                `json:"rank,omitempty"`
	Code              string             `json:"code"`
	Name              string             `json:"name"`
	Tier              string             `json:"tier"`
	Nation            string             `json:"nation"`
	Region            string             `json:"region"`
	Assessed          bool               `json:"assessed"`
	Reason            string             `json:"reason,omitempty"`
	Stars             int                `json:"stars,omitempty"`
	Score             *float64           `json:"score,omitempty"`
	Components        map[string]float64 `json:"components,omitempty"`
	AccessibilityPass *bool              `json:"accessibility_pass,omitempty"`
	PagesCrawled      int                `json:"pages_crawled"`
	SiteURL           string             `json:"site_url,omitempty"`
	SurveyDate        string             `json:"survey_date,omitempty"`
	Page              string             `json:"page"`
	EarlierRank       int                `json:"earlier_rank,omitempty"`
	RankChange        *int               `json:"rank_change,omitempty"` // places up (positive) or down
	EarlierScore      *float64           `json:"earlier_score,omitempty"`
	ScoreChange       *float64           `json:"score_change,omitempty"`
	New               bool               `json:"new_since_earlier,omitempty"`
}

// leagueJSON is the JSON download.
type leagueJSON struct {
	// Simulated and Note are only there for a simulated survey (the
	// demo): true, and councilbench.SimulatedNote.
	Simulated    bool           `json:"simulated,omitempty"`
	Note         string         `json:"note,omitempty"`
	Survey       string         `json:"survey"`
	ModelVersion string         `json:"model_version"`
	ToolVersion  string         `json:"tool_version"`
	ComparedWith string         `json:"compared_with,omitempty"`
	Councils     []leagueRecord `json:"councils"`
}

// records returns the download rows: the ranked councils in rank order,
// then those not assessed.
func records(s *Site, all *league, files map[string]string) []leagueRecord {
	var out []leagueRecord
	add := func(c *Council, rank int, ch *change) {
		r := leagueRecord{Rank: rank, Code: c.Code, Name: c.Name, Tier: string(c.Tier), Nation: c.Nation, Region: c.Region,
			Assessed: ranked(c), Reason: c.Reason, PagesCrawled: c.PagesCrawled, SiteURL: c.SiteURL, Page: files[c.Code]}
		if !c.SurveyDate.IsZero() {
			r.SurveyDate = c.SurveyDate.Format("2006-01-02")
		}
		if ranked(c) {
			sc := c.Score.Score
			pass := c.Score.AccessibilityPass
			r.Stars, r.Score, r.AccessibilityPass = c.Score.Stars, &sc, &pass
			r.Components = map[string]float64{}
			for _, cd := range scoring.Components {
				if v, ok := componentScore(c.Score, cd.ID); ok {
					r.Components[cd.ID] = v
				}
			}
		}
		if ch != nil {
			if ch.New {
				r.New = true
			} else {
				e := s.Compare.Earlier[c.Code]
				rc, es, sd := ch.RankDelta, e.Score, ch.ScoreDelta
				r.EarlierRank, r.RankChange, r.EarlierScore, r.ScoreChange = ch.EarlierRank, &rc, &es, &sd
			}
		}
		out = append(out, r)
	}
	for _, rw := range all.Rows {
		add(rw.C, rw.Rank, rw.Change)
	}
	for _, c := range all.NotAssessed {
		add(c, 0, nil)
	}
	return out
}

// leagueTableJSON renders the JSON download.
func leagueTableJSON(s *Site, recs []leagueRecord) ([]byte, error) {
	doc := leagueJSON{Survey: s.Survey.Name, ModelVersion: s.Survey.ModelVersion, ToolVersion: s.Survey.ToolVersion, Councils: recs}
	if s.Survey.Simulated {
		doc.Simulated, doc.Note = true, councilbench.SimulatedNote
	}
	if cmpOK(s) {
		doc.ComparedWith = s.Compare.Name
	}
	if doc.Councils == nil {
		doc.Councils = []leagueRecord{}
	}
	b, err := json.MarshalIndent(doc, "", "  ")
	return append(b, '\n'), err
}

// csvHeader is the CSV download's header row; the comparison columns
// follow when the report compares.
var csvHeader = []string{"rank", "code", "name", "tier", "nation", "region", "assessed", "reason", "stars", "score",
	"accessibility", "tasks", "navigation", "mobile", "technical", "accessibility_pass", "pages_crawled", "site_url", "survey_date", "page"}

// leagueTableCSV renders the CSV download. Every text cell passes through
// CSVSafe; numeric cells are written as plain numbers (a negative change
// starts with a minus sign, which spreadsheets read as a number). A
// simulated survey's file has a first column more, simulated, true on
// every row, so that no row can be taken for a real council's.
func leagueTableCSV(s *Site, recs []leagueRecord) ([]byte, error) {
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	header := csvHeader
	if cmpOK(s) {
		header = append(header[:len(header):len(header)], "earlier_rank", "rank_change", "earlier_score", "score_change", "new_since_earlier")
	}
	if s.Survey.Simulated {
		header = append([]string{"simulated"}, header...)
	}
	if err := w.Write(header); err != nil {
		return nil, err
	}
	num := func(f *float64) string {
		if f == nil {
			return ""
		}
		return strconv.FormatFloat(*f, 'f', 1, 64)
	}
	for _, r := range recs {
		rank, stars := "", ""
		if r.Rank > 0 {
			rank = strconv.Itoa(r.Rank)
		}
		if r.Stars > 0 {
			stars = strconv.Itoa(r.Stars)
		}
		pass := ""
		if r.AccessibilityPass != nil {
			pass = strconv.FormatBool(*r.AccessibilityPass)
		}
		row := []string{rank, CSVSafe(r.Code), CSVSafe(r.Name), CSVSafe(r.Tier), CSVSafe(r.Nation), CSVSafe(r.Region),
			strconv.FormatBool(r.Assessed), CSVSafe(r.Reason), stars, num(r.Score)}
		for _, cd := range scoring.Components {
			if v, ok := r.Components[cd.ID]; ok {
				row = append(row, num(&v))
			} else {
				row = append(row, "")
			}
		}
		row = append(row, pass, strconv.Itoa(r.PagesCrawled), CSVSafe(r.SiteURL), r.SurveyDate, CSVSafe(r.Page))
		if cmpOK(s) {
			er, rc := "", ""
			if r.EarlierRank > 0 {
				er = strconv.Itoa(r.EarlierRank)
			}
			if r.RankChange != nil {
				rc = strconv.Itoa(*r.RankChange)
			}
			row = append(row, er, rc, num(r.EarlierScore), num(r.ScoreChange), strconv.FormatBool(r.New))
		}
		if s.Survey.Simulated {
			row = append([]string{"true"}, row...)
		}
		if err := w.Write(row); err != nil {
			return nil, err
		}
	}
	w.Flush()
	return buf.Bytes(), w.Error()
}
