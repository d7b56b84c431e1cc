package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A CSV cell cannot rewrite the terminal (or a CI log) through a
// diagnostic, and a 20 MB cell is not echoed whole.
func TestHostileCSVCellsArePrintedSafely(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "site")
	if code, _, errs := runCLI("new", "site", dir); code != exitOK {
		t.Fatalf("new site: %s", errs)
	}
	// Erase the line, go back to its start, print a fake green success.
	fake := "\x1b[2K\r\x1b[32mfolio: built 12 pages\x1b[0m"
	huge := strings.Repeat("7", 20<<20) + "x"
	csv := "school,indicator,date,status,value,evidence,note\n" +
		`"` + fake + `",partnership-1a,2025-01-01,,` + huge + ",,\n" +
		"example-elementary,\"x\n::error file=a::pwned\",2025-01-01,partial,,,\n"
	if err := os.WriteFile(filepath.Join(dir, "data", "installation.csv"), []byte(csv), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, errs := runCLI("check", "--source", dir)
	if code != exitSite {
		t.Fatalf("check: exit %d: %s%s", code, out, errs)
	}
	for _, want := range []string{
		`data/installation.csv:2:1: unknown school '\x1b[2K\r\x1b[32mfolio: built 12 pages\x1b[0m' — `,
		`data/installation.csv:2:66: value: '` + strings.Repeat("7", 60) + `…' is not a number — `,
		`data/installation.csv:3:20: unknown indicator 'x\n::error file=a::pwned' — `,
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %s\n%.1000s", want, out)
		}
	}
	if len(out) > 4000 {
		t.Errorf("check printed %d bytes for three problems", len(out))
	}
	for i, line := range strings.Split(strings.TrimSuffix(out, "\n"), "\n") {
		if strings.HasPrefix(line, "::") {
			t.Errorf("line %d starts a workflow command: %q", i+1, line)
		}
		if strings.ContainsFunc(line, func(r rune) bool { return r < 0x20 || r == 0x7f }) {
			t.Errorf("line %d holds a control character: %.200q", i+1, line)
		}
	}
}
