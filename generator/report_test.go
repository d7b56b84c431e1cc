package generator_test

import (
	"fmt"
	"math/rand/v2"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/folio-sites/folio/generator"
)

// wantLines fails t unless ds prints as want.
func wantLines(t *testing.T, ds generator.Diagnostics, want []string) {
	t.Helper()
	if got := ds.Lines(generator.PrintOptions{}); !slices.Equal(got, want) {
		t.Errorf("lines:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestLinesGroupsRepeatedProblemsOfOneFile(t *testing.T) {
	var ds generator.Diagnostics
	ds.Errorf(generator.Pos{File: "content/a.md", Line: 3, Col: 13}, "did you mean 'ISSL 1a'?", "unknown standard 'ISSL 1x'")
	for line := 2; line <= 20_161; line++ {
		ds.Errorf(generator.Pos{File: "data/achievement.csv", Line: line, Col: 30}, "did you mean 'ell'?", "unknown subgroup 'nonell'")
	}
	missing := func(line int, status string) generator.Diagnostic {
		return generator.Diagnostic{Pos: generator.Pos{File: "data/installation.csv", Line: line, Col: 40}, Severity: generator.Warning,
			Message: "status '" + status + "' has no evidence", Hint: "add a link or file in the evidence column",
			Group: "observations in place or sustained have no evidence"}
	}
	ds = append(ds, missing(3, "in-place"), missing(6, "sustained"), missing(7, "in-place"))
	for line := 94; line < 94+94; line++ {
		ds = append(ds, missing(line, "sustained"))
	}
	// Two of a kind are printed one by one.
	ds.Errorf(generator.Pos{File: "data/trust.csv", Line: 2, Col: 1}, "", "unknown school 'oak'")
	ds.Errorf(generator.Pos{File: "data/trust.csv", Line: 5, Col: 1}, "", "unknown school 'oak'")

	wantLines(t, ds, []string{
		"content/a.md:3:13: unknown standard 'ISSL 1x' — did you mean 'ISSL 1a'?",
		"data/achievement.csv: unknown subgroup 'nonell' on 20,160 rows, first at line 2 — did you mean 'ell'?",
		"data/installation.csv: warning: 97 observations in place or sustained have no evidence (lines 3, 6, 7 and 94 more) — add a link or file in the evidence column",
		"data/trust.csv:2:1: unknown school 'oak'",
		"data/trust.csv:5:1: unknown school 'oak'",
	})

	all := ds.Lines(generator.PrintOptions{All: true})
	if len(all) != len(ds) || all[2] != "data/achievement.csv:3:30: unknown subgroup 'nonell' — did you mean 'ell'?" {
		t.Errorf("--all printed %d lines (want %d), third %q", len(all), len(ds), all[2])
	}
}

func TestLinesCapsEachFileAt50(t *testing.T) {
	var ds generator.Diagnostics
	// Each with a hint of its own: no two alike.
	for i := range 70 {
		ds.Errorf(generator.Pos{File: "data/trust.csv", Line: i + 2, Col: 1}, fmt.Sprintf("did you mean 'school-%d'?", 100+i), "unknown school 'school-%d'", i)
	}
	ds.Errorf(generator.Pos{File: "folio.yaml", Line: 1}, "", "base_url: bad")
	got := ds.Lines(generator.PrintOptions{})
	if len(got) != generator.MaxPerFile+2 {
		t.Fatalf("%d lines, want %d", len(got), generator.MaxPerFile+2)
	}
	if got[49] != "data/trust.csv:51:1: unknown school 'school-49' — did you mean 'school-149'?" || got[50] != "folio.yaml:1: base_url: bad" {
		t.Errorf("lines 50-51: %q, %q", got[49], got[50])
	}
	if want := "data/trust.csv: 20 more problems in this file are not shown — folio check --all lists every one"; got[51] != want {
		t.Errorf("last line %q, want %q", got[51], want)
	}
}

// TestLinesCountsTheProblemsNotShown: past MaxPerFile lines, the count
// is of problems, a grouped line's every row included.
func TestLinesCountsTheProblemsNotShown(t *testing.T) {
	var ds generator.Diagnostics
	for i := range 55 {
		ds.Errorf(generator.Pos{File: "data/trust.csv", Line: i + 2, Col: 1}, fmt.Sprintf("did you mean 'school-%d'?", 100+i), "unknown school 'school-%d'", i)
	}
	for line := 100; line < 1100; line++ {
		ds.Errorf(generator.Pos{File: "data/trust.csv", Line: line, Col: 9}, "", "unknown group 'staf'")
	}
	ds.Sort()
	got := ds.Lines(generator.PrintOptions{})
	if want := "data/trust.csv: 1,005 more problems in this file are not shown — folio check --all lists every one"; got[len(got)-1] != want {
		t.Errorf("last line %q, want %q", got[len(got)-1], want)
	}
}

// TestLinesGroupsProblemsAlikeButForTheirValues: AlikeAt or more
// different values with one message and hint, on as many lines (a
// different wrong year on each row, or a few years each on many rows), are
// one line; fewer keep a line each (five unknown subgroups are five to
// declare), or one grouped line each when found on many rows; so do
// problems all on one line (a header's missing columns, a narrative's
// citations); messages alike with different hints are printed one by one.
func TestLinesGroupsProblemsAlikeButForTheirValues(t *testing.T) {
	var ds generator.Diagnostics
	const yearHint = "write the school year as 2023-24 (or its spring year, 2024)"
	for line := 2; line < 1002; line++ {
		ds.Errorf(generator.Pos{File: "data/achievement.csv", Line: line, Col: 16}, yearHint, "year: 'y%d' is not a school year", line)
	}
	for line := 1002; line < 1502; line++ {
		ds.Errorf(generator.Pos{File: "data/achievement.csv", Line: line, Col: 16}, yearHint, "year: '24' is not a school year")
	}
	// Three wrong schools, each on many rows: a line each.
	for line := 2; line < 302; line++ {
		ds.Errorf(generator.Pos{File: "data/installation.csv", Line: line, Col: 1}, "", "unknown school '%s'", []string{"oak", "elm", "ash"}[line%3])
	}
	// Twelve columns missing from one header: a line each.
	for i := range 12 {
		ds.Errorf(generator.Pos{File: "data/goals.csv", Line: 1}, "columns found: a, b", "missing column 'c%d'", i)
	}
	// Three alike: one by one.
	for i, v := range []string{"oak", "elm", "ash"} {
		ds.Errorf(generator.Pos{File: "data/trust.csv", Line: 2 + i, Col: 1}, "", "unknown school '%s'", v)
	}
	// Alike but for their hints: one by one.
	for i, v := range []string{"staf", "teachrs", "parnts", "studnts"} {
		ds.Errorf(generator.Pos{File: "data/trust.csv", Line: 10 + i, Col: 9}, "did you mean '"+v+"x'?", "unknown group '%s'", v)
	}
	// Hints that differ by the number they write, each the value
	// corrected (a different date a spreadsheet wrote on every row): one
	// line.
	for i := range 60 {
		d := fmt.Sprintf("%d/%d/2024", 1+i%12, 1+i/12)
		ds.Errorf(generator.Pos{File: "data/installation.csv", Line: 400 + i, Col: 35},
			fmt.Sprintf("did you mean 2024-%02d-%02d? (or set dates: us in folio.yaml to read %s as written)", 1+i%12, 1+i/12, d), "date: '%s' is not a date", d)
	}
	ds.Sort()
	wantLines(t, ds, []string{
		"data/achievement.csv: year: 'y2' is not a school year, and the same for 1,000 other values on 1,499 more rows (lines 2, 3, 4 and 1,497 more) — " + yearHint,
		"data/goals.csv:1: missing column 'c0' — columns found: a, b",
		"data/goals.csv:1: missing column 'c1' — columns found: a, b",
		"data/goals.csv:1: missing column 'c10' — columns found: a, b",
		"data/goals.csv:1: missing column 'c11' — columns found: a, b",
		"data/goals.csv:1: missing column 'c2' — columns found: a, b",
		"data/goals.csv:1: missing column 'c3' — columns found: a, b",
		"data/goals.csv:1: missing column 'c4' — columns found: a, b",
		"data/goals.csv:1: missing column 'c5' — columns found: a, b",
		"data/goals.csv:1: missing column 'c6' — columns found: a, b",
		"data/goals.csv:1: missing column 'c7' — columns found: a, b",
		"data/goals.csv:1: missing column 'c8' — columns found: a, b",
		"data/goals.csv:1: missing column 'c9' — columns found: a, b",
		"data/installation.csv: unknown school 'ash' on 100 rows, first at line 2",
		"data/installation.csv: unknown school 'oak' on 100 rows, first at line 3",
		"data/installation.csv: unknown school 'elm' on 100 rows, first at line 4",
		"data/installation.csv: date: '1/1/2024' is not a date, and the same for 59 other values on 59 more rows (lines 400, 401, 402 and 57 more) — did you mean 2024-01-01? (or set dates: us in folio.yaml to read 1/1/2024 as written)",
		"data/trust.csv:2:1: unknown school 'oak'",
		"data/trust.csv:3:1: unknown school 'elm'",
		"data/trust.csv:4:1: unknown school 'ash'",
		"data/trust.csv:10:9: unknown group 'staf' — did you mean 'stafx'?",
		"data/trust.csv:11:9: unknown group 'teachrs' — did you mean 'teachrsx'?",
		"data/trust.csv:12:9: unknown group 'parnts' — did you mean 'parntsx'?",
		"data/trust.csv:13:9: unknown group 'studnts' — did you mean 'studntsx'?",
	})
	if all := ds.Lines(generator.PrintOptions{All: true}); len(all) != len(ds) {
		t.Errorf("--all printed %d lines, want %d", len(all), len(ds))
	}
}

// TestLinesGroupsOneProblemAcrossFiles: one message and hint in GroupAt
// or more files (a practice renamed in framework.yaml that a thousand
// narratives cite) is one line at the first, naming the next two; in
// fewer files, one line a file. The cause, in another file, keeps its
// own line.
func TestLinesGroupsOneProblemAcrossFiles(t *testing.T) {
	var ds generator.Diagnostics
	for i := range 1037 {
		ds.Errorf(generator.Pos{File: fmt.Sprintf("content/schools/school-%04d/plan.md", i), Line: 4, Col: 5}, "did you mean 'partnership-04'?", "unknown practice 'partnership-4'")
	}
	for i := range 3 {
		ds.Errorf(generator.Pos{File: fmt.Sprintf("content/district/n%d.md", i), Line: 2, Col: 1}, "", "unknown standard 'ISSL 9z'")
	}
	ds.Errorf(generator.Pos{File: "data/framework.yaml", Line: 30, Col: 9}, "", "practice 'partnership-04' has no indicators")
	ds.Sort()
	wantLines(t, ds, []string{
		"content/district/n0.md:2:1: unknown standard 'ISSL 9z'",
		"content/district/n1.md:2:1: unknown standard 'ISSL 9z'",
		"content/district/n2.md:2:1: unknown standard 'ISSL 9z'",
		"content/schools/school-0000/plan.md:4:5: unknown practice 'partnership-4', and the same in 1,036 more files (content/schools/school-0001/plan.md:4, content/schools/school-0002/plan.md:4 and 1,034 more) — did you mean 'partnership-04'?",
		"data/framework.yaml:30:9: practice 'partnership-04' has no indicators",
	})
	if all := ds.Lines(generator.PrintOptions{All: true}); len(all) != len(ds) {
		t.Errorf("--all printed %d lines, want %d", len(all), len(ds))
	}
}

// TestLinesAcrossFilesKeepsEachFilesOwnLines: a file where the problem
// is found on many rows keeps its own line; files past their cap do not
// swallow the line that stands for other files; files are counted, not
// changes of file, whatever the order.
func TestLinesAcrossFilesKeepsEachFilesOwnLines(t *testing.T) {
	var ds generator.Diagnostics
	for line := 2; line < 502; line++ {
		ds.Errorf(generator.Pos{File: "data/trust.csv", Line: line, Col: 1}, "", "unknown school 'oak'")
	}
	for _, f := range []string{"data/achievement.csv", "data/enrollment.csv", "data/installation.csv"} {
		ds.Errorf(generator.Pos{File: f, Line: 5, Col: 1}, "", "unknown school 'oak'")
	}
	ds.Sort()
	wantLines(t, ds, []string{
		"data/achievement.csv:5:1: unknown school 'oak'",
		"data/enrollment.csv:5:1: unknown school 'oak'",
		"data/installation.csv:5:1: unknown school 'oak'",
		"data/trust.csv: unknown school 'oak' on 500 rows, first at line 2",
	})

	ds = nil
	for i := range generator.MaxPerFile {
		ds.Errorf(generator.Pos{File: "content/a.md", Line: i + 1}, "", "problem %d", i)
	}
	for i := range 1000 {
		ds.Errorf(generator.Pos{File: fmt.Sprintf("content/n%04d.md", i), Line: 3}, "", "unknown practice 'p-4'")
	}
	ds.Errorf(generator.Pos{File: "content/a.md", Line: 99}, "", "unknown practice 'p-4'")
	ds.Sort()
	got := ds.Lines(generator.PrintOptions{})
	want := "content/a.md:99: unknown practice 'p-4', and the same in 1,000 more files (content/n0000.md:3, content/n0001.md:3 and 998 more)"
	if !slices.Contains(got, want) || slices.ContainsFunc(got, func(l string) bool { return strings.Contains(l, "not shown") }) {
		t.Errorf("lines past a.md's cap:\n%s\nwant %q among them, and nothing hidden", strings.Join(got[len(got)-3:], "\n"), want)
	}

	// The file that sorts first, and one among those named next, keep
	// their own lines; the line of the others is at the first of them and
	// names only files it stands for.
	ds = nil
	for _, f := range []string{"a", "c"} {
		for line := range 6 {
			ds.Errorf(generator.Pos{File: "data/" + f + ".csv", Line: 2 + line}, "", "unknown school 'oak'")
		}
	}
	for _, f := range []string{"b", "d", "e", "f"} {
		ds.Errorf(generator.Pos{File: "data/" + f + ".csv", Line: 9}, "", "unknown school 'oak'")
	}
	ds.Sort()
	wantLines(t, ds, []string{
		"data/a.csv: unknown school 'oak' on 6 rows, first at line 2",
		"data/b.csv:9: unknown school 'oak', and the same in 3 more files (data/d.csv:9, data/e.csv:9 and 1 more)",
		"data/c.csv: unknown school 'oak' on 6 rows, first at line 2",
	})

	ds = nil
	for _, f := range []string{"a", "b", "a", "b", "a", "b"} {
		ds.Errorf(generator.Pos{File: "content/" + f + ".md", Line: 1}, "", "unknown standard 'x'")
	}
	for _, l := range ds.Lines(generator.PrintOptions{}) {
		if strings.Contains(l, "more files") {
			t.Errorf("two files counted as more: %q", l)
		}
	}
}

// TestLinesGroupsPlacesOfOneFile: repeated in a file that is not a CSV,
// a problem is "in N places".
func TestLinesGroupsPlacesOfOneFile(t *testing.T) {
	var ds generator.Diagnostics
	for line := range 5 {
		ds.Errorf(generator.Pos{File: "data/standards.yaml", Line: 10 + line}, "", "criterion code '1a' is used twice")
	}
	wantLines(t, ds, []string{"data/standards.yaml: criterion code '1a' is used twice in 5 places, first at line 10"})
}

func TestGitHubFormatEscapes(t *testing.T) {
	tests := []struct {
		d    generator.Diagnostic
		want string
	}{
		{generator.Diagnostic{Pos: generator.Pos{File: "content/a.md", Line: 3, Col: 13}, Message: "unknown standard 'ISSL 9z'", Hint: "did you mean 'ISSL 1a'?"},
			"::error file=content/a.md,line=3,col=13::unknown standard 'ISSL 9z' — did you mean 'ISSL 1a'?"},
		{generator.Diagnostic{Pos: generator.Pos{File: "data/a,b:c.csv", Line: 2}, Severity: generator.Warning, Message: "100% sure\r\nnext: line"},
			"::warning file=data/a%2Cb%3Ac.csv,line=2::100%25 sure%0D%0Anext: line"},
		{generator.Diagnostic{Pos: generator.Pos{File: "folio.yaml"}, Message: "cannot read"},
			"::error file=folio.yaml::cannot read"},
	}
	for _, tt := range tests {
		if got := tt.d.GitHub(); got != tt.want {
			t.Errorf("GitHub() = %q, want %q", got, tt.want)
		}
	}
	var ds generator.Diagnostics
	for i := range 5 {
		ds.Errorf(generator.Pos{File: "data/trust.csv", Line: i + 2, Col: 7}, "", "unknown group 'staff'")
	}
	got := ds.Lines(generator.PrintOptions{Format: generator.GitHub})
	if want := "::error file=data/trust.csv,line=2::unknown group 'staff' on 5 rows, first at line 2"; len(got) != 1 || got[0] != want {
		t.Errorf("grouped annotation %q, want %q", got, want)
	}
}

func TestThousands(t *testing.T) {
	for n, want := range map[int]string{0: "0", 999: "999", 1000: "1,000", 2016000: "2,016,000", -1234: "-1,234"} {
		if got := generator.Thousands(n); got != want {
			t.Errorf("Thousands(%d) = %q, want %q", n, got, want)
		}
	}
}

// TestLinesGroupsValuesWithApostrophes: a value's own apostrophe ('O'Brien
// Elementary') does not end its quote, so such values are alike too.
func TestLinesGroupsValuesWithApostrophes(t *testing.T) {
	var ds generator.Diagnostics
	for i := range 12 {
		ds.Errorf(generator.Pos{File: "data/trust.csv", Line: 2 + i, Col: 1}, "school ids are folder names", "unknown school '%s'", fmt.Sprintf("O'Brien Elementary %d", i))
	}
	wantLines(t, ds, []string{
		"data/trust.csv: unknown school 'O'Brien Elementary 0', and the same for 11 other values on 11 more rows (lines 2, 3, 4 and 9 more) — school ids are folder names",
	})
}

// TestLinesGroupsNumbersOfAColumn: a different number out of range on
// every row ("mean: 6.5 is outside the scale") is one line, as quoted
// values are; numbers elsewhere in a message are not taken out.
func TestLinesGroupsNumbersOfAColumn(t *testing.T) {
	var ds generator.Diagnostics
	for i := range 12 {
		ds.Errorf(generator.Pos{File: "data/trust.csv", Line: 2 + i, Col: 30}, "write a mean from 1 to 6", "mean: %s is outside the scale (1–6)", fmt.Sprintf("6.%d", 5+i))
	}
	for i := range 3 {
		ds.Errorf(generator.Pos{File: "data/trust.csv", Line: 20 + i, Col: 1}, "check the counts", "the groups add up to %d, not %d", 190+i, 200)
	}
	wantLines(t, ds, []string{
		"data/trust.csv: mean: 6.5 is outside the scale (1–6), and the same for 11 other values on 11 more rows (lines 2, 3, 4 and 9 more) — write a mean from 1 to 6",
		"data/trust.csv:20:1: the groups add up to 190, not 200 — check the counts",
		"data/trust.csv:21:1: the groups add up to 191, not 200 — check the counts",
		"data/trust.csv:22:1: the groups add up to 192, not 200 — check the counts",
	})
}

// TestLinesAccountForEveryProblem draws random diagnostics from a small
// vocabulary (so that repeats, values alike but for their values, hints
// alike and not, problems across files, grouped phrases and the 50-line
// cap all meet) and checks that the printed lines stand for every problem
// once: a line alone is one, a grouped line the count it names, the last
// line of a capped file the problems it says are not shown.
func TestLinesAccountForEveryProblem(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 5))
	number := regexp.MustCompile(`\d[\d,]*`)
	count := func(s string) int {
		n, err := strconv.Atoi(strings.ReplaceAll(number.FindString(s), ",", ""))
		if err != nil {
			t.Fatalf("no count in %q", s)
		}
		return n
	}
	notShown := regexp.MustCompile(`: [\d,]+ more problems in this file are not shown`)
	alike := regexp.MustCompile(`, and the same for [\d,]+ other values on ([\d,]+) more (rows|lines) \(([^)]*)\)`)
	alikeOnRows := regexp.MustCompile(`, and the same for [\d,]+ other values: ([\d,]+) problems(?:, ([\d,]+) of them)? on ([\d,]+) (rows|lines) \(([^)]*)\)`)
	// listed is how many lines "lines 2, 3, 4 and 7 more" names.
	listed := func(list string) int {
		n := strings.Count(list, ",") + 1
		if more := regexp.MustCompile(` and ([\d,]+) more$`).FindStringSubmatch(list); more != nil {
			n += count(more[1])
		}
		return n
	}
	onRows := regexp.MustCompile(` (on|in) \d[\d,]* (rows|places)(, first at line \d+)?( — |$)`)
	phrase := regexp.MustCompile(`^[^:]+: (warning: )?[\d,]+ observations have no evidence \(`)
	seen := map[string]int{}
	for round := range 2000 {
		var ds generator.Diagnostics
		files := []string{"data/trust.csv", "content/a.md", "content/b.md", "content/c.md", "content/d.md"}[:1+rng.IntN(5)]
		values := []string{"oak", "elm", "ash", "fir", "yew", "s-1", "s-2"}[:1+rng.IntN(7)]
		if rng.IntN(4) == 0 {
			values = nil
			for i := range 80 {
				values = append(values, fmt.Sprintf("v%d", i))
			}
		}
		hints := []string{"", "did you mean 'x'?", "school ids are folder names", "own"}[:1+rng.IntN(4)]
		for range rng.IntN([]int{8, 60, 300, 2000}[rng.IntN(4)]) {
			pos := generator.Pos{File: files[rng.IntN(len(files))], Line: 1 + rng.IntN(400), Col: 1 + rng.IntN(3)}
			if rng.IntN(40) == 0 {
				pos.Line, pos.Col = 0, 0 // a problem of the whole file
			}
			v := values[rng.IntN(len(values))]
			switch rng.IntN(4) {
			case 0:
				ds = append(ds, generator.Diagnostic{Pos: pos, Severity: generator.Warning, Message: "status of '" + v + "' lacks a link",
					Hint: "add a link", Group: "observations have no evidence"})
			case 1:
				ds.Warnf(pos, hints[rng.IntN(len(hints))], "count %d of '%s' is odd", rng.IntN(3), v)
			default:
				hint := hints[rng.IntN(len(hints))]
				if hint == "own" {
					hint = "did you mean '" + v + "x'?" // a hint of its own: never alike
				}
				ds.Errorf(pos, hint, "unknown school '%s'", v)
			}
		}
		ds.Sort()
		lines := ds.Lines(generator.PrintOptions{})
		accounted := 0
		for _, l := range lines {
			switch {
			case notShown.MatchString(l):
				seen["capped"]++
				accounted += count(l[strings.Index(l, ": ")+2:])
			case strings.Contains(l, ", and the same in "):
				seen["across files"]++
				// Every problem with its message and hint, in the files
				// where it is found fewer than GroupAt times.
				var first generator.Diagnostic
				for _, d := range ds {
					prefix := strings.SplitN(d.String(), " — ", 2)[0] + ", and the same in "
					sameHint := strings.HasSuffix(l, " — "+d.Hint) || d.Hint == "" && !strings.Contains(l[min(len(prefix), len(l)):], " — ")
					if strings.HasPrefix(l, prefix) && sameHint {
						first = d
						break
					}
				}
				inFile := map[string]int{}
				for _, d := range ds {
					if d.Message == first.Message && d.Hint == first.Hint && d.Severity == first.Severity {
						inFile[d.Pos.File]++
					}
				}
				for _, n := range inFile {
					if n < generator.GroupAt {
						accounted += n
					}
				}
			case alike.MatchString(l):
				seen["alike"]++
				m := alike.FindStringSubmatch(l)
				accounted += count(m[1]) + 1
				// One problem a row: the rows it names are the problems.
				if rows := listed(m[3]); rows != count(m[1])+1 {
					t.Errorf("%q: says %d problems on as many rows, but its list names %d rows", l, count(m[1])+1, rows)
				}
			case alikeOnRows.MatchString(l):
				m := alikeOnRows.FindStringSubmatch(l)
				problems, rows := count(m[1]), count(m[3])
				onRows := problems
				if m[2] != "" {
					seen["alike, some on no row"]++
					onRows = count(m[2])
				} else {
					seen["alike on shared rows"]++
				}
				accounted += problems
				if rows != listed(m[5]) {
					t.Errorf("%q: %d rows but its list names %d", l, rows, listed(m[5]))
				}
				// This wording is for rows that share problems, or
				// problems on no row: never one problem a row.
				if onRows == rows && onRows == problems {
					t.Errorf("%q: one problem a row, worded as if rows shared them", l)
				}
				if onRows < rows || onRows > problems {
					t.Errorf("%q: %d of %d problems on %d rows", l, onRows, problems, rows)
				}
			case phrase.MatchString(l):
				accounted += count(strings.TrimPrefix(phrase.FindString(l)[strings.Index(l, ": ")+2:], "warning: "))
			case onRows.MatchString(l):
				accounted += count(onRows.FindString(l))
			default:
				accounted++
			}
		}
		if accounted != len(ds) {
			t.Fatalf("round %d: the lines stand for %d problems, there are %d:\n%s", round, accounted, len(ds), strings.Join(lines, "\n"))
		}
	}
	for _, kind := range []string{"capped", "across files", "alike", "alike on shared rows", "alike, some on no row"} {
		if seen[kind] == 0 {
			t.Errorf("no round printed a line %s: the vocabulary does not reach it", kind)
		}
	}
	t.Log(seen)
}
