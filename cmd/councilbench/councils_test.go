package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"

	"github.com/councilbench/councilbench/register"
)

// runCouncilsCmd runs "councilbench councils ARGS..." and returns the exit
// code and outputs.
func runCouncilsCmd(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code = (&Main{Stdout: &out, Stderr: &errOut}).Run(context.Background(), append([]string{"councils"}, args...))
	return code, out.String(), errOut.String()
}

func TestCouncilsJSON(t *testing.T) {
	code, stdout, stderr := runCouncilsCmd(t, "--tier", "county", "--format", "json")
	if code != exitOK {
		t.Fatalf("exit code: got %v, want %v; stderr: %s", code, exitOK, stderr)
	}
	var got []map[string]any
	if err := json.Unmarshal([]byte(stdout), &got); err != nil {
		t.Fatalf("decoding the output: %v\n%s", err, stdout)
	}
	if len(got) != 21 {
		t.Errorf("got %v councils, want %v", len(got), 21)
	}
	wantKeys := []string{"code", "gss", "name", "nation", "parent_county", "region", "tier", "website"}
	for _, c := range got {
		var keys []string
		for k := range c {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		if !reflect.DeepEqual(keys, wantKeys) {
			t.Fatalf("keys: got %v, want %v", keys, wantKeys)
		}
		if c["tier"] != "county" {
			t.Errorf("%v: tier got %v, want county", c["code"], c["tier"])
		}
	}
}

func TestCouncilsJSONEmpty(t *testing.T) {
	code, stdout, stderr := runCouncilsCmd(t, "--tier", "county", "--nation", "wales", "--format", "json")
	if code != exitOK {
		t.Fatalf("exit code: got %v, want %v; stderr: %s", code, exitOK, stderr)
	}
	if got, want := strings.TrimSpace(stdout), "[]"; got != want {
		t.Errorf("got %v, want %v", got, want)
	}
}

func TestCouncilsTable(t *testing.T) {
	tests := []struct {
		args     []string
		rows     int    // council lines, header and total excluded
		lastLine string // the total
	}{
		{nil, 382, "382 councils (379 websites)"},
		{[]string{"--tier", "shire-district"}, 164, "164 councils (161 websites)"},
		{[]string{"--tier", "metropolitan, london-borough"}, 69, "69 councils (69 websites)"},
		{[]string{"--nation", "ni"}, 11, "11 councils (11 websites)"},
		{[]string{"--nation", "Scotland,Wales", "--tier", "unitary"}, 54, "54 councils (54 websites)"},
		{[]string{"--tier", "county", "--nation", "wales"}, 0, "0 councils (0 websites)"},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			code, stdout, stderr := runCouncilsCmd(t, tt.args...)
			if code != exitOK {
				t.Fatalf("exit code: got %v, want %v; stderr: %s", code, exitOK, stderr)
			}
			lines := strings.Split(strings.TrimSuffix(stdout, "\n"), "\n")
			if got, want := len(lines), tt.rows+2; got != want {
				t.Errorf("got %v lines, want %v", got, want)
			}
			if got := strings.Fields(lines[0]); !reflect.DeepEqual(got, []string{"CODE", "NAME", "TIER", "NATION", "REGION", "WEBSITE"}) {
				t.Errorf("header: got %v, want CODE NAME TIER NATION REGION WEBSITE", got)
			}
			if got := lines[len(lines)-1]; got != tt.lastLine {
				t.Errorf("last line: got %q, want %q", got, tt.lastLine)
			}
		})
	}
}

func TestCouncilsTableAligned(t *testing.T) {
	_, stdout, _ := runCouncilsCmd(t, "--tier", "county")
	lines := strings.Split(stdout, "\n")
	col := strings.Index(lines[0], "WEBSITE")
	for _, l := range lines[1:22] {
		if !strings.HasPrefix(l[col:], "http") {
			t.Errorf("website column not at %v: %q", col, l)
		}
	}
}

func TestCouncilsCSV(t *testing.T) {
	code, stdout, stderr := runCouncilsCmd(t, "--format", "csv", "--nation", "England")
	if code != exitOK {
		t.Fatalf("exit code: got %v, want %v; stderr: %s", code, exitOK, stderr)
	}
	if got, want := strings.SplitN(stdout, "\n", 2)[0], strings.Join(register.Columns, ","); got != want {
		t.Errorf("header: got %v, want %v", got, want)
	}
	got, err := register.Parse(strings.NewReader(stdout), "stdout")
	if err != nil {
		t.Fatalf("reading the output back: %v", err)
	}
	if len(got) != 317 {
		t.Errorf("got %v councils, want %v", len(got), 317)
	}
	// The output is a register file that --register reads.
	path := filepath.Join(t.TempDir(), "england.csv")
	if err := os.WriteFile(path, []byte(stdout), 0o644); err != nil {
		t.Fatal(err)
	}
	_, again, stderr := runCouncilsCmd(t, "--format", "csv", "--register", path)
	if again != stdout {
		t.Errorf("--register of the output: got a different register; stderr: %s", stderr)
	}
}

func TestCouncilsBadRegister(t *testing.T) {
	path := filepath.Join(t.TempDir(), "mine.csv")
	data := "code,gss,name,tier,nation,region,website\n" +
		"ADU,E07000223,Adur District Council,shire-district,England,South East,https://www.adur-worthing.gov.uk/\n" +
		"XYZ,,Somewhere Parish Council,parish,England,South East,https://somewhere.example/\n"
	if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
	code, stdout, stderr := runCouncilsCmd(t, "--register", path)
	if code != exitUsage {
		t.Errorf("exit code: got %v, want %v", code, exitUsage)
	}
	if stdout != "" {
		t.Errorf("stdout: got %q, want nothing", stdout)
	}
	if want := path + ":3: field tier: "; !strings.Contains(stderr, want) {
		t.Errorf("stderr: got %q, want it to contain %q", stderr, want)
	}
}

func TestCouncilFlagsErrors(t *testing.T) {
	tests := []struct {
		name string
		cf   councilFlags
		want string // part of the message
	}{
		{"tier", councilFlags{tier: "county,parish"}, `--tier: unknown tier "parish"`},
		{"nation", councilFlags{nation: "Mars"}, `--nation: unknown nation "Mars"`},
		{"only", councilFlags{only: "ADU,XXX"}, `--only: unknown council code "XXX"`},
		{"exclude", councilFlags{exclude: "YYY"}, `--exclude: unknown council code "YYY"`},
		{"missing register", councilFlags{register: filepath.Join(t.TempDir(), "none.csv")}, "--register: "},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := tt.cf.councils()
			var ue *usageError
			if !errors.As(err, &ue) {
				t.Fatalf("got %T %v, want a usage error", err, err)
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("got %q, want it to contain %q", err, tt.want)
			}
		})
	}
}

func TestCouncilFlagsRegisterError(t *testing.T) {
	path := filepath.Join(t.TempDir(), "short.csv")
	if err := os.WriteFile(path, []byte("code,gss,name,tier,nation,region,website\nADU,E07000223\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := (&councilFlags{register: path}).councils()
	var ue *usageError
	var re *register.Error
	if !errors.As(err, &ue) || !errors.As(err, &re) {
		t.Fatalf("got %T %v, want a usage error wrapping a *register.Error", err, err)
	}
	if re.Line != 2 {
		t.Errorf("Line: got %v, want %v", re.Line, 2)
	}
}

func TestCouncilFlagsSelection(t *testing.T) {
	cf := councilFlags{tier: "shire-district", only: "adu, WOT,KEN", exclude: "wot"}
	cs, err := cf.councils()
	if err != nil {
		t.Fatal(err)
	}
	var codes []string
	for _, c := range cs {
		codes = append(codes, c.Code)
	}
	if want := []string{"ADU"}; !reflect.DeepEqual(codes, want) {
		t.Errorf("got %v, want %v", codes, want)
	}
}

func TestCouncilsUsageErrors(t *testing.T) {
	tests := []struct {
		args []string
		want string // part of stderr
	}{
		{[]string{"--format", "xml"}, `--format: unknown format "xml"`},
		{[]string{"--tier", "x"}, `--tier: unknown tier "x" (want one of`},
		{[]string{"--nation", "x"}, `--nation: unknown nation "x"`},
		{[]string{"--only", "ADU"}, "flag provided but not defined: -only"},
		{[]string{"extra"}, `unexpected argument "extra"`},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			code, stdout, stderr := runCouncilsCmd(t, tt.args...)
			if code != exitUsage {
				t.Errorf("exit code: got %v, want %v", code, exitUsage)
			}
			if stdout != "" {
				t.Errorf("stdout: got %q, want nothing", stdout)
			}
			if !strings.Contains(stderr, tt.want) {
				t.Errorf("stderr: got %q, want it to contain %q", stderr, tt.want)
			}
		})
	}
}

func TestCouncilsHelp(t *testing.T) {
	code, _, stderr := runCouncilsCmd(t, "-h")
	if code != exitOK {
		t.Errorf("exit code: got %v, want %v", code, exitOK)
	}
	for _, flag := range []string{"-tier", "-nation", "-register", "-format"} {
		if !strings.Contains(stderr, flag) {
			t.Errorf("help: got %q, want it to mention %v", stderr, flag)
		}
	}
}
