package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/councilbench/councilbench"
	"github.com/councilbench/councilbench/register"
)

// councilFlags are the flags that choose councils, shared by councils and
// survey.
type councilFlags struct {
	tier, nation, only, exclude, register string
}

// add registers --tier, --nation and --register on fs, and --only and
// --exclude too when withSelection.
func (cf *councilFlags) add(fs *flag.FlagSet, withSelection bool) {
	tiers := make([]string, len(councilbench.Tiers))
	for i, t := range councilbench.Tiers {
		tiers[i] = string(t)
	}
	fs.StringVar(&cf.tier, "tier", "", "only councils of these `tiers`, comma-separated: "+strings.Join(tiers, ", "))
	fs.StringVar(&cf.nation, "nation", "", "only councils in these `nations`, comma-separated: "+strings.Join(register.Nations, ", ")+" (or NI)")
	fs.StringVar(&cf.register, "register", "", "read the councils from this CSV `file` instead of the built-in register\n(columns "+strings.Join(register.Columns, ",")+"; the last two optional)")
	if withSelection {
		fs.StringVar(&cf.only, "only", "", "only these councils, by register `codes`, comma-separated (e.g. ADU,WOT)")
		fs.StringVar(&cf.exclude, "exclude", "", "leave out these councils, by register `codes`, comma-separated")
	}
}

// councils loads the register (the embedded one, or --register) and returns
// the councils the flags choose, in register order. Its errors are usage
// errors naming the flag at fault; a bad register file gives a usage error
// wrapping the *register.Error values.
func (cf *councilFlags) councils() ([]councilbench.Council, error) {
	var f register.Filter
	for _, s := range splitList(cf.tier) {
		t, err := councilbench.ParseTier(strings.ToLower(s))
		if err != nil {
			return nil, usagef("--tier: %w", err)
		}
		f.Tiers = append(f.Tiers, t)
	}
	for _, s := range splitList(cf.nation) {
		n, err := register.ParseNation(s)
		if err != nil {
			return nil, usagef("--nation: %w", err)
		}
		f.Nations = append(f.Nations, n)
	}
	f.Only, f.Exclude = splitList(cf.only), splitList(cf.exclude)

	cs := register.Embedded()
	if cf.register != "" {
		var err error
		if cs, err = register.Load(cf.register); err != nil {
			var re *register.Error
			if errors.As(err, &re) {
				return nil, &usageError{err} // it names the file and line
			}
			return nil, usagef("--register: %w", err)
		}
	}
	if err := register.CheckCodes(cs, f.Only); err != nil {
		return nil, usagef("--only: %w", err)
	}
	if err := register.CheckCodes(cs, f.Exclude); err != nil {
		return nil, usagef("--exclude: %w", err)
	}
	cs, err := f.Apply(cs)
	if err != nil {
		return nil, &usageError{err}
	}
	return cs, nil
}

// splitList splits a comma-separated flag value, trimming spaces and
// dropping empty items.
func splitList(s string) []string {
	var out []string
	for _, item := range strings.Split(s, ",") {
		if item = strings.TrimSpace(item); item != "" {
			out = append(out, item)
		}
	}
	return out
}

// councilFormats are the output formats of the councils command.
var councilFormats = []string{"table", "csv", "json"}

func (m *Main) runCouncils(ctx context.Context, args []string) error {
	fs := m.newFlagSet("councils", "[--tier T] [--nation N] [--register FILE] [--format table|csv|json]")
	var cf councilFlags
	cf.add(fs, false)
	format := fs.String("format", "table", "output `format`: table; csv, a register file; or json, an array of objects")
	if err := parseFlags(fs, args, false); err != nil {
		return err
	}
	switch *format {
	case "table", "csv", "json":
	default:
		return usagef("--format: unknown format %q (want one of %s)", *format, strings.Join(councilFormats, ", "))
	}
	cs, err := cf.councils()
	if err != nil {
		return err
	}
	switch *format {
	case "csv":
		err = register.Write(m.Stdout, cs)
	case "json":
		err = writeCouncilsJSON(m.Stdout, cs)
	default:
		err = writeCouncilsTable(m.Stdout, cs)
	}
	if err != nil {
		return fmt.Errorf("writing councils: %w", err)
	}
	return nil
}

// writeCouncilsTable writes the councils as aligned columns, then a line
// counting them and their websites.
func writeCouncilsTable(w io.Writer, cs []councilbench.Council) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "CODE\tNAME\tTIER\tNATION\tREGION\tWEBSITE")
	for _, c := range cs {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\n",
			oneLine(c.Code), oneLine(c.Name), c.Tier, oneLine(c.Nation), oneLine(c.Region), oneLine(c.Website))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	_, err := fmt.Fprintf(w, "%s (%s)\n",
		plural(len(cs), "council", "councils"), plural(len(register.Sites(cs)), "website", "websites"))
	return err
}

// oneLine collapses runs of white space, tabs and newlines included, so that
// a value from a user's register cannot break the table's columns.
func oneLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

// plural returns n and the word for one or many.
func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

// councilJSON is a council in the councils command's JSON output.
type councilJSON struct {
	Code         string `json:"code"`
	GSS          string `json:"gss"`
	Name         string `json:"name"`
	Tier         string `json:"tier"`
	Nation       string `json:"nation"`
	Region       string `json:"region"`
	Website      string `json:"website"`
	ParentCounty string `json:"parent_county"`
}

// writeCouncilsJSON writes the councils as an indented JSON array ([] when
// there are none).
func writeCouncilsJSON(w io.Writer, cs []councilbench.Council) error {
	out := make([]councilJSON, 0, len(cs))
	for _, c := range cs {
		out = append(out, councilJSON{
			Code: c.Code, GSS: c.GSS, Name: c.Name, Tier: string(c.Tier), Nation: c.Nation,
			Region: c.Region, Website: c.Website, ParentCounty: c.ParentCounty,
		})
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}
