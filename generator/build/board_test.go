package build_test

import (
	"bytes"
	"fmt"
	"github.com/folio-sites/folio/generator/benchsite"
	"github.com/folio-sites/folio/generator/site"
	"github.com/folio-sites/folio/generator/sitefs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/folio-sites/folio/generator/build"
)

// sample builds the sample district at the root of the repository in
// memory and returns its pages by path.
func sample(t *testing.T, opts build.Options) map[string]string {
	t.Helper()
	res, err := build.Generate(os.DirFS(filepath.Join("..", "..")), opts)
	if err != nil {
		t.Fatalf("the sample does not build: %v", err)
	}
	if len(res.Diagnostics) > 0 {
		t.Errorf("the sample has problems: %v", res.Diagnostics)
	}
	pages := map[string]string{}
	for _, f := range res.Files {
		if strings.HasSuffix(f.Path, ".html") {
			pages[f.Path] = string(f.Data)
		}
	}
	return pages
}

// fragment returns each element of page that starts with open (such as
// `<section class="since"`), through its matching end tag.
func fragment(page, open string) []string {
	tag := strings.TrimPrefix(strings.Fields(open)[0], "<")
	var out []string
	for rest := page; ; {
		i := strings.Index(rest, open)
		if i < 0 {
			return out
		}
		rest = rest[i:]
		depth, j := 0, 0
		re := regexp.MustCompile(`<(/?)` + tag + `[\s>]`)
		for _, m := range re.FindAllStringSubmatchIndex(rest, -1) {
			if rest[m[2]:m[3]] == "/" {
				depth--
			} else {
				depth++
			}
			if depth == 0 {
				j = m[1] + len(tag) // past "</tag>"
				break
			}
		}
		end := strings.Index(rest[j-len(tag)-1:], ">") + j - len(tag)
		out = append(out, rest[:end])
		rest = rest[end:]
	}
}

// TestSampleBoardGolden compares the board's pages and sections of the
// sample district with testdata/golden/board: /changes/, /goals/, a school
// page's data as of, since, goals and beside-the-district sections, and
// the board packet's cover, since and goals sections. Run `go test
// ./generator/build -update` after an intended change.
func TestSampleBoardGolden(t *testing.T) {
	pages := sample(t, build.Options{})
	golden := map[string][]string{
		"changes.html": fragment(pages["changes/index.html"], `<article class="changes-page"`),
		"goals.html":   fragment(pages["goals/index.html"], `<article class="goals-page"`),
	}
	school := pages["schools/jefferson-middle/index.html"]
	for _, open := range []string{`<p class="asof"`, `<section class="since"`, `<section class="goals"`, `<section class="beside"`} {
		golden["jefferson-middle.html"] = append(golden["jefferson-middle.html"], fragment(school, open)...)
	}
	district := pages["district/index.html"]
	for _, open := range []string{`<p class="asof"`, `<section class="since"`, `<section class="goals"`} {
		golden["district.html"] = append(golden["district.html"], fragment(district, open)...)
	}
	board := pages["board/index.html"]
	for _, open := range []string{`<p class="asof"`, `<nav class="board-toc"`, `<section class="board-section since" id="since"`, `<section class="board-section" id="goals"`} {
		golden["board.html"] = append(golden["board.html"], fragment(board, open)...)
	}
	for name, parts := range golden {
		if len(parts) == 0 {
			t.Errorf("%s: nothing found", name)
		}
		got := []byte(strings.Join(parts, "\n\n") + "\n")
		path := filepath.Join("testdata", "golden", "board", name)
		if *update {
			os.MkdirAll(filepath.Dir(path), 0o755)
			if err := os.WriteFile(path, got, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(path)
		if err != nil {
			t.Fatalf("%v (run with -update to create)", err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s differs from %s; run go test ./generator/build -update and review the diff", name, path)
		}
	}
	for _, page := range []string{"index.html", "district/index.html", "schools/lincoln-middle/index.html", "board/index.html"} {
		if !strings.Contains(pages[page], `<p class="asof"><strong>Data as of:</strong> installation observed through`) {
			t.Errorf("%s does not say how current the data is", page)
		}
	}
}

// TestSinceFlagWinsOverFolioYAML builds the sample with --since after the
// last of its data: nothing changed, and every page says so.
func TestSinceFlagWinsOverFolioYAML(t *testing.T) {
	pages := sample(t, build.Options{Since: time.Date(2025, 12, 1, 0, 0, 0, 0, time.UTC)})
	for _, page := range []string{"changes/index.html", "board/index.html", "schools/jefferson-middle/index.html"} {
		if !strings.Contains(pages[page], "No changes since December 1, 2025.") {
			t.Errorf("%s does not say there were no changes since --since", page)
		}
		if strings.Contains(pages[page], "June 17, 2024") {
			t.Errorf("%s still uses folio.yaml's board.since", page)
		}
	}
}

// TestNoSinceNoChanges: without board.since there is no /changes/ page and
// no since section; with no goals.yaml, no /goals/ page.
func TestNoSinceNoChanges(t *testing.T) {
	dir := writeSite(t, readArchive(t, "testdata/site.txtar"))
	_, out := buildSite(t, dir, build.Options{})
	files := readTree(t, out)
	for _, p := range []string{"changes/index.html", "goals/index.html"} {
		if _, ok := files[p]; ok {
			t.Errorf("%s was built", p)
		}
	}
	if strings.Contains(string(files["schools/oak-elementary/index.html"]), `class="since"`) {
		t.Error("a since section without a date")
	}
}

// The board packet holds each school's section up to site.BoardSchools
// schools; beyond, it lists every school with a link to its portfolio
// (which prints as its packet) instead of growing without bound. The
// charts that compare every school are on the home page (and printed in
// the packet) up to BoardSchools schools; beyond, each kind of evidence
// has a page of its own comparing the schools (/compare/<evidence>/, with
// its CSV downloads beside it), which the home page and the packet link:
// a phone does not load a 5 MB home page to reach a school. Built under a
// sub-path and minified, every link of the large district leads somewhere.
func TestLargeDistrictComparesSchoolsOnPagesOfTheirOwn(t *testing.T) {
	compare := []string{"compare/installation/", "compare/trust/", "compare/achievement/"}
	for _, n := range []int{site.BoardSchools, site.BoardSchools + 1} {
		dir := t.TempDir()
		if err := benchsite.Generate(dir, benchsite.Options{Schools: n, Narratives: 1, Years: 2}); err != nil {
			t.Fatal(err)
		}
		res, err := build.Generate(sitefs.Dir(dir), build.Options{Source: dir})
		if err != nil {
			t.Fatal(err)
		}
		files := map[string]string{}
		for _, f := range res.Files {
			files[f.Path] = string(f.Data)
		}
		board, home := files["board/index.html"], files["index.html"]
		sections := strings.Count(board, `class="board-section board-school"`)
		acrossIn := func(page string) int {
			return strings.Count(page, `class="chart chart-installation-heatmap`) + strings.Count(page, `class="chart chart-trust-schools`) + strings.Count(page, `class="chart chart-achievement-schools`)
		}
		linked := 0
		for _, c := range compare {
			if strings.Contains(board, `href="../`+c+`index.html"`) && strings.Contains(home, `href="`+c+`index.html"`) {
				linked++
			}
		}
		links := regexp.MustCompile(`<li id="school-school-\d+"><a href="[^"]*schools/school-\d+/index.html">`).FindAllString(board, -1)
		if n <= site.BoardSchools {
			if sections != n || strings.Contains(board, `id="schools"`) {
				t.Errorf("%d schools: %d school sections, want %d and no list", n, sections, n)
			}
			if acrossIn(board) != 4 || acrossIn(home) != 4 || linked != 0 || files[compare[0]+"index.html"] != "" {
				t.Errorf("%d schools: %d comparisons in the packet, %d on the home page, %d pages linked; want 4, 4 and none",
					n, acrossIn(board), acrossIn(home), linked)
			}
			continue
		}
		if acrossIn(board) != 0 || acrossIn(home) != 0 || linked != len(compare) {
			t.Errorf("%d schools: %d comparisons in the packet, %d on the home page, %d pages linked; want none, none and %d",
				n, acrossIn(board), acrossIn(home), linked, len(compare))
		}
		for i, c := range compare {
			page := files[c+"index.html"]
			want := []int{1, 1, 2}[i] // the heatmap; trust; mathematics and reading gains
			if got := acrossIn(page); got != want {
				t.Errorf("%d schools: %s has %d comparisons, want %d", n, c, got, want)
			}
			for _, csv := range regexp.MustCompile(`href="(chart_[a-z_]+\.csv)" download`).FindAllStringSubmatch(page, -1) {
				if _, ok := files[c+csv[1]]; !ok {
					t.Errorf("%d schools: %s links %s, which is not beside it", n, c, csv[1])
				}
			}
		}
		if sections != 0 || len(links) != n || !strings.Contains(board, `id="schools"`) {
			t.Errorf("%d schools: %d school sections and %d links, want none and %d", n, sections, len(links), n)
		}
		if want := fmt.Sprintf("The district has %d schools, more than the %d", n, site.BoardSchools); !strings.Contains(board, want) {
			t.Errorf("%d schools: the packet does not say %q", n, want)
		}
		if want := fmt.Sprintf("the district&#39;s %d schools compared one by one", n); !strings.Contains(board, want) {
			t.Errorf("%d schools: the packet does not say %q", n, want)
		}
		buildAndFollowLinks(t, build.Options{Source: dir, BaseURL: "https://example.github.io/region/", Minify: true, Fingerprint: true})
	}
}

// Every column of every CSV download of the sample has a name: a reader
// joining a download with other data must know what each column holds
// (the goal charts' downloads once had a blank one and " id").
func TestEveryCSVColumnIsNamed(t *testing.T) {
	res, err := build.Generate(os.DirFS(filepath.Join("..", "..")), build.Options{})
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, f := range res.Files {
		if !strings.HasSuffix(f.Path, ".csv") || !strings.HasPrefix(path.Base(f.Path), "chart_") {
			continue // the author's own spreadsheets are published as they are
		}
		n++
		head, _, _ := strings.Cut(string(f.Data), "\n")
		for _, col := range strings.Split(head, ",") {
			if col == "" || strings.TrimSpace(col) != col {
				t.Errorf("%s: header %q has a column without a name", f.Path, head)
				break
			}
		}
	}
	if n < 50 {
		t.Errorf("only %d CSV downloads", n)
	}
}
