package build_test

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"

	"github.com/folio-sites/folio/generator/build"
	"github.com/folio-sites/folio/generator/sitefs"
)

var update = flag.Bool("update", false, "rewrite golden files in testdata/golden")

func buildSite(t *testing.T, dir string, opts build.Options) (*build.Result, string) {
	t.Helper()
	opts.Source = dir
	if opts.Dest == "" {
		opts.Dest = filepath.Join(dir, "public")
	}
	res, err := build.Build(opts)
	if err != nil {
		t.Fatalf("build failed: %v", err)
	}
	return res, opts.Dest
}

func TestBuildWritesEveryPageAtItsCleanURL(t *testing.T) {
	dir := writeSite(t, readArchive(t, "testdata/site.txtar"))
	res, out := buildSite(t, dir, build.Options{})
	files := readTree(t, out)
	for _, want := range []string{
		"index.html",
		"district/index.html",
		"district/processes/index.html",
		"schools/index.html",
		"schools/oak-elementary/index.html",
		"schools/oak-elementary/walks/index.html",
		"schools/oak-elementary/plc/index.html",
		"schools/oak-elementary/agenda.pdf",
		"schools/pine-high/index.html",
		"standards/index.html",
		"standards/issl-1/index.html",
		"standards/issl-1a/index.html",
		"standards/issl-2a/index.html",
		"framework/index.html",
		"css/folio.css",
	} {
		if _, ok := files[want]; !ok {
			t.Errorf("missing %s", want)
		}
	}
	if _, ok := files["schools/oak-elementary/wip/index.html"]; ok {
		t.Error("draft narrative was published without --drafts")
	}
	if res.Pages != 16 {
		t.Errorf("Pages = %d, want 16 (14 plus the board packet and 404)", res.Pages)
	}
	if len(res.Diagnostics) != 0 {
		t.Errorf("unexpected diagnostics: %v", res.Diagnostics)
	}
	if got := string(files["schools/oak-elementary/agenda.pdf"]); got != "%PDF-1.4 tiny\n" {
		t.Errorf("artifact copied as %q", got)
	}
}

// TestGoldenPages compares rendered pages with testdata/golden; run
// `go test ./generator/build -update` after an intended change.
func TestGoldenPages(t *testing.T) {
	dir := writeSite(t, readArchive(t, "testdata/site.txtar"))
	_, out := buildSite(t, dir, build.Options{})
	files := readTree(t, out)
	for _, page := range []string{
		"index.html",
		"schools/oak-elementary/index.html",
		"schools/oak-elementary/walks/index.html",
		"standards/issl-1a/index.html",
		"standards/index.html",
		"framework/index.html",
	} {
		golden := filepath.Join("testdata", "golden", filepath.FromSlash(page))
		if *update {
			os.MkdirAll(filepath.Dir(golden), 0o755)
			if err := os.WriteFile(golden, files[page], 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(golden)
		if err != nil {
			t.Fatalf("%v (run with -update to create)", err)
		}
		if !bytes.Equal(files[page], want) {
			t.Errorf("%s differs from %s; run go test ./generator/build -update and review the diff", page, golden)
		}
	}
}

func TestPagesLinkWhatTheyShould(t *testing.T) {
	dir := writeSite(t, readArchive(t, "testdata/site.txtar"))
	_, out := buildSite(t, dir, build.Options{})
	files := readTree(t, out)
	page := func(p string) string { return string(files[p]) }

	walks := page("schools/oak-elementary/walks/index.html")
	for _, want := range []string{
		`<h1>Learning walks</h1>`,
		`href="../../../standards/issl-1a/index.html"`,                                            // cited criterion
		`href="../../../standards/issl-2/index.html"`,                                             // cited standard
		`href="../../../framework/index.html#partnership-1"`,                                      // cited practice
		`rel="prev" href="../../../schools/oak-elementary/plc/index.html"`,                        // weight 1 comes first
		`<li><a href="../../../schools/oak-elementary/index.html">Oak Elementary School</a></li>`, // breadcrumb
		`aria-label="Done"`, // accessible task list
	} {
		if !strings.Contains(walks, want) {
			t.Errorf("walks page lacks %s", want)
		}
	}
	school := page("schools/oak-elementary/index.html")
	if i, j := strings.Index(school, "Teams that learn"), strings.Index(school, "Learning walks"); i < 0 || j < 0 || i > j {
		t.Error("school page does not list narratives in weight order")
	}
	if !strings.Contains(school, `<a href="../../schools/oak-elementary/agenda.pdf">agenda.pdf</a></td><td>PDF</td><td>14 bytes</td>`) {
		t.Error("school page does not list its artifact with name, type and size")
	}
	std := page("standards/issl-1a/index.html")
	for _, want := range []string{"Uses data to steer improvement", "Leaders of Processes", "Learning walks"} {
		if !strings.Contains(std, want) {
			t.Errorf("standard page lacks %q", want)
		}
	}
	if strings.Contains(std, "Teams that learn") {
		t.Error("standard page lists a narrative that does not cite it")
	}
}

func TestDraftsAreBuiltOnlyWhenAsked(t *testing.T) {
	dir := writeSite(t, readArchive(t, "testdata/site.txtar"))
	_, out := buildSite(t, dir, build.Options{Drafts: true})
	draft, ok := readTree(t, out)["schools/oak-elementary/wip/index.html"]
	if !ok {
		t.Fatal("draft not built with Drafts")
	}
	if !bytes.Contains(draft, []byte("Draft")) {
		t.Error("draft page is not marked as a draft")
	}
}

func TestSiteOverridesOneTemplate(t *testing.T) {
	a := readArchive(t, "testdata/site.txtar")
	setFile(a, "layouts/narrative.html", `{{define "main"}}<p class="custom">{{.Page.Narrative.Title}} by {{with .Page.School}}{{.Name}}{{end}}</p>{{end}}`)
	setFile(a, "static/css/folio.css", "body{color:red}")
	dir := writeSite(t, a)
	_, out := buildSite(t, dir, build.Options{})
	files := readTree(t, out)
	if got := string(files["schools/oak-elementary/walks/index.html"]); !strings.Contains(got, `<p class="custom">Learning walks by Oak Elementary School</p>`) || !strings.Contains(got, `class="site-header"`) {
		t.Errorf("overridden narrative layout not used inside the default base:\n%s", got)
	}
	if got := string(files["schools/oak-elementary/index.html"]); !strings.Contains(got, `<h2 id="narratives-heading">Narratives</h2>`) {
		t.Error("school page no longer uses the default layout")
	}
	if got := string(files["css/folio.css"]); got != "body{color:red}" {
		t.Errorf("static override not used: %q", got)
	}
}

// A layout that fails names the line the author wrote, also when pages
// are rendered from minified layouts (whose lines are not the author's).
func TestTemplateErrorIsReportedAtTheLayout(t *testing.T) {
	a := readArchive(t, "testdata/site.txtar")
	setFile(a, "layouts/school.html", "{{define \"main\"}}\n<p>{{.Page.School.Nmae}}</p>\n{{end}}")
	dir := writeSite(t, a)
	for _, minify := range []bool{false, true} {
		res, err := build.Build(build.Options{Source: dir, Minify: minify})
		if err == nil {
			t.Fatal("build succeeded with a broken template")
		}
		got := res.Diagnostics[0].String()
		if !strings.HasPrefix(got, "layouts/school.html:2:") || !strings.Contains(got, "Nmae") {
			t.Errorf("minify %v: diagnostic = %q, want it at layouts/school.html:2 naming the field", minify, got)
		}
	}
}

// TestCheckRendersWhatBuildRenders: Check, which keeps no file, finds a
// layout that fails only while a page is rendered, and on a good site
// counts the pages Generate renders.
func TestCheckRendersWhatBuildRenders(t *testing.T) {
	a := readArchive(t, "testdata/site.txtar")
	dir := writeSite(t, a)
	gen, err := build.Generate(sitefs.Dir(dir), build.Options{Source: dir})
	if err != nil {
		t.Fatal(err)
	}
	checked, err := build.Check(sitefs.Dir(dir), build.Options{Source: dir})
	if err != nil {
		t.Fatal(err)
	}
	if checked.Pages != gen.Pages || checked.Pages == 0 || len(checked.Files) != 0 {
		t.Errorf("Check: %d pages and %d files kept; Generate: %d pages", checked.Pages, len(checked.Files), gen.Pages)
	}
	setFile(a, "layouts/school.html", "{{define \"main\"}}\n<p>{{.Page.School.Nmae}}</p>\n{{end}}")
	dir = writeSite(t, a)
	res, err := build.Check(sitefs.Dir(dir), build.Options{Source: dir})
	if err == nil {
		t.Fatal("check passed a layout that fails while rendering")
	}
	if got := res.Diagnostics[0].String(); !strings.HasPrefix(got, "layouts/school.html:2:") || !strings.Contains(got, "Nmae") {
		t.Errorf("diagnostic = %q, want it at layouts/school.html:2 naming the field", got)
	}
}

// TestScriptTheMinifierCannotReadIsAnErrorAtItsLine: a site's script with
// a syntax error fails the build and the check alike, at its line and
// column, not as an internal error.
func TestScriptTheMinifierCannotReadIsAnErrorAtItsLine(t *testing.T) {
	a := readArchive(t, "testdata/site.txtar")
	setFile(a, "static/js/x.js", "var ok = 1;\nfunction ( {\n")
	dir := writeSite(t, a)
	built, err := build.Build(build.Options{Source: dir, Minify: true})
	checked, cerr := build.Check(sitefs.Dir(dir), build.Options{Source: dir, Minify: true})
	for name, r := range map[string]struct {
		res *build.Result
		err error
	}{"build": {built, err}, "check": {checked, cerr}} {
		if !build.IsSiteError(r.err) || len(r.res.Diagnostics) == 0 {
			t.Fatalf("%s: err %v, want the site's error", name, r.err)
		}
		if got := r.res.Diagnostics[0].String(); !strings.HasPrefix(got, "static/js/x.js:2:10: x.js cannot be read to be minified: ") {
			t.Errorf("%s: %q, want it at static/js/x.js:2:10", name, got)
		}
	}
}

func TestInvalidSitesReportEveryProblem(t *testing.T) {
	cases, _ := filepath.Glob("testdata/invalid/*.txtar")
	if len(cases) == 0 {
		t.Fatal("no cases")
	}
	for _, c := range cases {
		t.Run(strings.TrimSuffix(filepath.Base(c), ".txtar"), func(t *testing.T) {
			a := readArchive(t, c)
			dir := writeSite(t, a)
			dest := filepath.Join(dir, "public")
			res, err := build.Build(build.Options{Source: dir, Dest: dest})
			if err == nil {
				t.Fatal("build succeeded")
			}
			var got []string
			for _, d := range res.Diagnostics {
				got = append(got, d.String())
			}
			want := strings.Split(strings.TrimSpace(archiveFile(a, "want")), "\n")
			if !slices.Equal(got, want) {
				t.Errorf("diagnostics:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
			}
			if _, err := os.Stat(dest); !os.IsNotExist(err) {
				t.Error("a failed build wrote output")
			}
		})
	}
}

// TestDanglingLinkIsAnError: a link to nowhere is a link, reported as
// such (TestSymbolicLinksAreRefused covers links that lead somewhere).
func TestDanglingLinkIsAnError(t *testing.T) {
	a := readArchive(t, "testdata/site.txtar")
	dir := writeSite(t, a)
	broken := filepath.Join(dir, "content", "schools", "oak-elementary", "broken.md")
	if err := os.Symlink(filepath.Join(dir, "nowhere.md"), broken); err != nil {
		t.Skip("symlinks unsupported:", err)
	}
	res, err := build.Build(build.Options{Source: dir})
	if err == nil {
		t.Fatal("build succeeded")
	}
	if got := res.Diagnostics[0].String(); !strings.HasPrefix(got, "content/schools/oak-elementary/broken.md: symbolic link") {
		t.Errorf("diagnostic = %q", got)
	}
}

func TestFailedBuildLeavesPreviousOutputIntact(t *testing.T) {
	a := readArchive(t, "testdata/site.txtar")
	dir := writeSite(t, a)
	_, out := buildSite(t, dir, build.Options{})
	before := readTree(t, out)

	bad := filepath.Join(dir, "content", "schools", "oak-elementary", "walks.md")
	if err := os.WriteFile(bad, []byte("---\ntitle: [unclosed\n---\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := build.Build(build.Options{Source: dir}); err == nil {
		t.Fatal("build of a broken site succeeded")
	}
	after := readTree(t, out)
	if len(after) != len(before) {
		t.Fatalf("output has %d files, had %d", len(after), len(before))
	}
	for name, data := range before {
		if !bytes.Equal(after[name], data) {
			t.Errorf("%s changed after a failed build", name)
		}
	}
}

func TestBuildsAreByteIdentical(t *testing.T) {
	dir := writeSite(t, readArchive(t, "testdata/site.txtar"))
	_, out1 := buildSite(t, dir, build.Options{Dest: filepath.Join(t.TempDir(), "one")})
	_, out2 := buildSite(t, dir, build.Options{Dest: filepath.Join(t.TempDir(), "two")})
	one, two := readTree(t, out1), readTree(t, out2)
	if len(one) != len(two) {
		t.Fatalf("%d files vs %d", len(one), len(two))
	}
	for name, data := range one {
		if !bytes.Equal(two[name], data) {
			t.Errorf("%s differs between two builds", name)
		}
	}
}

func TestRawHTMLIsEscapedUnlessAllowed(t *testing.T) {
	a := readArchive(t, "testdata/site.txtar")
	setFile(a, "content/district/processes.md", archiveFile(a, "content/district/processes.md")+"\n<script>alert(1)</script>\n\n<b onclick=\"x()\">bold</b>\n")
	for _, unsafe := range []bool{false, true} {
		setFile(a, "folio.yaml", "title: T\nmarkdown: {unsafe_html: "+map[bool]string{false: "false", true: "true"}[unsafe]+"}\n")
		dir := writeSite(t, a)
		_, out := buildSite(t, dir, build.Options{})
		page := string(readTree(t, out)["district/processes/index.html"])
		hasScript := strings.Contains(page, "<script>alert(1)</script>")
		if hasScript != unsafe {
			t.Errorf("unsafe_html=%v: raw <script> in output = %v", unsafe, hasScript)
		}
		if !unsafe && (strings.Contains(page, "<b onclick") || !strings.Contains(page, "&lt;script&gt;alert(1)&lt;/script&gt;")) {
			t.Error("raw HTML was not shown as escaped text")
		}
	}
}

func TestBaseURLPrefixesEveryLink(t *testing.T) {
	dir := writeSite(t, readArchive(t, "testdata/site.txtar"))
	_, out := buildSite(t, dir, build.Options{BaseURL: "https://example.github.io/district-portfolio/"})
	page := string(readTree(t, out)["schools/oak-elementary/walks/index.html"])
	for _, want := range []string{
		`href="/district-portfolio/css/folio.css"`,
		`href="/district-portfolio/standards/issl-1a/"`,
		`href="/district-portfolio/"`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("page lacks %s", want)
		}
	}
	if strings.Contains(page, `href="../`) {
		t.Error("relative link left with a base URL")
	}
}

func TestDestinationMustNotBeTheSource(t *testing.T) {
	dir := writeSite(t, readArchive(t, "testdata/site.txtar"))
	for _, dest := range []string{dir, filepath.Dir(dir), filepath.Join(dir, "content")} {
		if _, err := build.Build(build.Options{Source: dir, Dest: dest}); err == nil {
			t.Errorf("build into %s succeeded", dest)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "content", "_index.md")); err != nil {
		t.Errorf("source damaged: %v", err)
	}
}

// TestParallelBuildEqualsSerialBuild builds the sample district on one
// core and on several, minified and fingerprinted, and compares every byte.
func TestParallelBuildEqualsSerialBuild(t *testing.T) {
	build1 := func(procs int) map[string][]byte {
		old := runtime.GOMAXPROCS(procs)
		defer runtime.GOMAXPROCS(old)
		dest := filepath.Join(t.TempDir(), "public")
		if _, err := build.Build(build.Options{Source: "../..", Dest: dest, Minify: true, Fingerprint: true}); err != nil {
			t.Fatal(err)
		}
		return readTree(t, dest)
	}
	serial, par := build1(1), build1(8)
	if len(serial) != len(par) {
		t.Fatalf("serial build wrote %d files, parallel %d", len(serial), len(par))
	}
	for name, data := range serial {
		if !bytes.Equal(par[name], data) {
			t.Errorf("%s differs between the serial and the parallel build", name)
		}
	}
}

// An evidence file under content/ that the build would overwrite with a
// file of its own is an error at the evidence file, naming what writes
// there; other evidence files are published.
func TestEvidenceFileThatTheBuildWouldOverwrite(t *testing.T) {
	a := readArchive(t, "testdata/site.txtar")
	setFile(a, "content/robots.txt", "User-agent: *\n")
	setFile(a, "content/minutes.txt", "Minutes of the meeting\n")
	dir := writeSite(t, a)
	res, err := build.Build(build.Options{Source: dir})
	if err == nil {
		t.Fatal("build succeeded")
	}
	var got []string
	for _, d := range res.Diagnostics {
		got = append(got, d.String())
	}
	want := "content/robots.txt: this file would be overwritten by the site's robots.txt — rename or move the file"
	if !slices.Contains(got, want) || len(got) != 1 {
		t.Errorf("diagnostics = %q, want only %q", got, want)
	}
}

// Every page layout that does not parse is reported, each at its line, not
// only the first.
func TestEveryBrokenLayoutIsReported(t *testing.T) {
	a := readArchive(t, "testdata/site.txtar")
	setFile(a, "layouts/school.html", "{{define \"main\"}}\n{{if}}\n{{end}}")
	setFile(a, "layouts/narrative.html", "{{define \"main\"}}\n\n{{range}}\n{{end}}")
	dir := writeSite(t, a)
	res, err := build.Build(build.Options{Source: dir, Minify: true})
	if err == nil {
		t.Fatal("build succeeded with broken layouts")
	}
	var got []string
	for _, d := range res.Diagnostics {
		got = append(got, d.String())
	}
	for _, want := range []string{"layouts/school.html:2:", "layouts/narrative.html:3:"} {
		if !slices.ContainsFunc(got, func(s string) bool { return strings.HasPrefix(s, want) }) {
			t.Errorf("no diagnostic at %s in %q", want, got)
		}
	}
}

// Generate's files are the caller's: none still holds a buffer that a
// Release could hand to the next page.
func TestGeneratedFilesAreTheCallers(t *testing.T) {
	res, err := build.Generate(sitefs.Dir("../.."), build.Options{Source: "../..", Minify: true})
	if err != nil {
		t.Fatal(err)
	}
	pages := 0
	for _, f := range res.Files {
		if f.Release != nil {
			t.Errorf("%s still has a Release", f.Path)
		}
		if strings.HasSuffix(f.Path, ".html") {
			pages++
		}
	}
	if pages < 50 {
		t.Errorf("only %d pages", pages)
	}
}

// TestCitedPracticesByName: a narrative cites a practice by its short
// title where framework.yaml gives one, and else by its text alone; its
// id ("partnership-1") is the link's anchor, never what a reader reads.
func TestCitedPracticesByName(t *testing.T) {
	a := readArchive(t, "testdata/site.txtar")
	fw := archiveFile(a, "data/framework.yaml")
	const text = "        text: Central office and each principal meet about instruction.\n"
	if !strings.Contains(fw, text) {
		t.Fatal("the test site's framework changed")
	}
	setFile(a, "data/framework.yaml", strings.Replace(fw, text, text+"        short: Weekly instructional meetings\n", 1))
	_, out := buildSite(t, writeSite(t, a), build.Options{})
	page := string(readTree(t, out)["schools/oak-elementary/walks/index.html"])
	want := `<li><a href="../../../framework/index.html#partnership-1"><strong>Weekly instructional meetings</strong></a> Central office and each principal meet about instruction.</li>`
	if !strings.Contains(page, want) {
		t.Errorf("the cited practice is not named by its short title:\n%s", page[strings.Index(page, `id="practices-heading"`):])
	}
	if strings.Contains(page, ">partnership-1<") {
		t.Error("the practice's id is shown to readers")
	}
}
