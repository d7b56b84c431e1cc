package content_test

import (
	"fmt"
	"io/fs"
	"reflect"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/folio-sites/folio/generator"
	"github.com/folio-sites/folio/generator/content"
)

// load runs content.Load and returns the result with its diagnostics as
// strings, sorted.
func load(t *testing.T, fsys fstest.MapFS, cfg generator.Config) (*generator.Content, []string) {
	t.Helper()
	var ds generator.Diagnostics
	c := content.Load(fsys, cfg, &ds)
	if c == nil {
		t.Fatal("Load returned nil")
	}
	ds.Sort()
	var out []string
	for _, d := range ds {
		out = append(out, d.String())
	}
	return c, out
}

func file(s string) *fstest.MapFile { return &fstest.MapFile{Data: []byte(s)} }

// smallSite is a whole site: home, a district narrative, two schools (one
// with two narratives, a draft and an artifact).
func smallSite() fstest.MapFS {
	return fstest.MapFS{
		"content/_index.md":                               file("---\ntitle: Prairie River\ndistrict: Prairie River CSD\nsummary: Our improvement story.\n---\nWelcome to **our** portfolio.\n"),
		"content/district/strategic-plan.md":              file("---\ntitle: Strategic plan\ndate: 2025-08-01\nstandards: [ISSL 1a, ISSL 2b]\n---\nThe plan has three goals.\n"),
		"content/schools/lincoln-middle/_index.md":        file("---\nname: Lincoln Middle School\nlevel: middle\ngrades: 6-8\nenrollment: 420\nprincipal: Dana Ortiz\n---\nLincoln serves the north side.\n"),
		"content/schools/lincoln-middle/family-nights.md": file("---\ntitle: Family nights\ndate: 2025-10-01\npractices: [p1-2]\nweight: 2\n---\nFamily nights grew.\n"),
		"content/schools/lincoln-middle/rounds.md":        file("---\ntitle: Instructional rounds\ndate: 2025-09-15\nstandards:\n  - ISSL 3c\nweight: 1\n---\nTeams observe.\n"),
		"content/schools/lincoln-middle/budget.md":        file("---\ntitle: Budget draft\ndraft: true\n---\nNot yet.\n"),
		"content/schools/lincoln-middle/agenda.pdf":       {Data: make([]byte, 1234)},
		"content/schools/adams-elementary/_index.md":      file("---\nname: Adams Elementary\n---\n"),
	}
}

func TestLoadSite(t *testing.T) {
	c, diags := load(t, smallSite(), generator.Config{})
	if len(diags) != 0 {
		t.Fatalf("unexpected diagnostics:\n%s", strings.Join(diags, "\n"))
	}

	h := c.Home
	if h.Source != "content/_index.md" || h.Title != "Prairie River" || h.District != "Prairie River CSD" || h.Summary != "Our improvement story." {
		t.Errorf("home = %+v", h)
	}
	if want := "<p>Welcome to <strong>our</strong> portfolio.</p>\n"; string(h.Body) != want {
		t.Errorf("home body = %q, want %q", h.Body, want)
	}

	if len(c.District) != 1 {
		t.Fatalf("district narratives = %d, want 1", len(c.District))
	}
	d := c.District[0]
	if d.Slug != "strategic-plan" || d.School != "" || d.Title != "Strategic plan" || d.Source != "content/district/strategic-plan.md" ||
		d.Date.Format("2006-01-02") != "2025-08-01" || d.Summary != "The plan has three goals." {
		t.Errorf("district narrative = %+v", d)
	}
	wantRefs := []generator.Ref{
		{ID: "ISSL 1a", Pos: generator.Pos{File: "content/district/strategic-plan.md", Line: 4, Col: 13}},
		{ID: "ISSL 2b", Pos: generator.Pos{File: "content/district/strategic-plan.md", Line: 4, Col: 22}},
	}
	if !slices.Equal(d.Standards, wantRefs) {
		t.Errorf("standards = %+v, want %+v", d.Standards, wantRefs)
	}

	var ids []string
	for _, s := range c.Schools {
		ids = append(ids, s.ID)
	}
	if !slices.Equal(ids, []string{"adams-elementary", "lincoln-middle"}) {
		t.Fatalf("schools = %v, want sorted by id", ids)
	}
	s := c.Schools[1]
	if s.Name != "Lincoln Middle School" || s.Level != "middle" || s.Grades != "6-8" || s.Enrollment != 420 ||
		s.Principal != "Dana Ortiz" || s.Source != "content/schools/lincoln-middle/_index.md" {
		t.Errorf("school = %+v", s)
	}
	if s.Summary != "Lincoln serves the north side." {
		t.Errorf("school summary = %q, want the first paragraph when front matter has none", s.Summary)
	}
	var slugs []string
	for _, n := range s.Narratives {
		slugs = append(slugs, n.Slug)
		if n.School != "lincoln-middle" {
			t.Errorf("%s: School = %q", n.Slug, n.School)
		}
	}
	if !slices.Equal(slugs, []string{"rounds", "family-nights"}) {
		t.Errorf("narratives = %v, want [rounds family-nights] (weight order, draft left out)", slugs)
	}
	if got := s.Narratives[1].Practices; len(got) != 1 || got[0].ID != "p1-2" || got[0].Pos.Line != 4 {
		t.Errorf("practices = %+v", got)
	}

	wantArt := []generator.Artifact{{Path: "schools/lincoln-middle/agenda.pdf", Name: "agenda.pdf", Type: "PDF", Size: 1234}}
	if !slices.Equal(c.Artifacts, wantArt) {
		t.Errorf("artifacts = %+v, want %+v", c.Artifacts, wantArt)
	}
}

func TestLoadDrafts(t *testing.T) {
	c, diags := load(t, smallSite(), generator.Config{Drafts: true})
	if len(diags) != 0 {
		t.Fatalf("unexpected diagnostics: %v", diags)
	}
	var got []string
	for _, n := range c.Schools[1].Narratives {
		got = append(got, n.Slug)
	}
	// The draft has no weight (0), so it comes first.
	if !slices.Equal(got, []string{"budget", "rounds", "family-nights"}) {
		t.Errorf("with drafts: %v", got)
	}
	if !c.Schools[1].Narratives[0].Draft {
		t.Error("draft not marked Draft")
	}
}

func TestDraftsAreChecked(t *testing.T) {
	fsys := fstest.MapFS{
		"content/district/wip.md": file("---\ndraft: true\nweigth: 2\n---\nHalf written.\n"),
	}
	c, diags := load(t, fsys, generator.Config{})
	want := []string{
		"content/district/wip.md:1: missing required field 'title' — add title: ... to the front matter at the top of the file",
		"content/district/wip.md:3:1: warning: unknown front matter key 'weigth' — did you mean 'weight'?",
	}
	if !slices.Equal(diags, want) {
		t.Errorf("diagnostics:\n%s\nwant:\n%s", strings.Join(diags, "\n"), strings.Join(want, "\n"))
	}
	if len(c.District) != 0 {
		t.Error("draft included without Drafts")
	}
}

func TestNarrativeOrder(t *testing.T) {
	fsys := fstest.MapFS{
		"content/district/a.md": file("---\ntitle: Zeta\nweight: 1\ndate: 2025-01-01\n---\n"),
		"content/district/b.md": file("---\ntitle: Alpha\nweight: 1\ndate: 2025-01-01\n---\n"),
		"content/district/c.md": file("---\ntitle: Older\nweight: 1\ndate: 2024-01-01\n---\n"),
		"content/district/d.md": file("---\ntitle: Heavy\nweight: 5\n---\n"),
		"content/district/e.md": file("---\ntitle: Light\nweight: -1\ndate: 2026-01-01\n---\n"),
		"content/district/f.md": file("---\ntitle: Alpha\nweight: 1\ndate: 2025-01-01\n---\n"),
	}
	c, diags := load(t, fsys, generator.Config{})
	if len(diags) != 0 {
		t.Fatalf("unexpected diagnostics: %v", diags)
	}
	var got []string
	for _, n := range c.District {
		got = append(got, n.Slug)
	}
	// weight, then date (older first), then title, then slug.
	if want := []string{"e", "c", "b", "f", "a", "d"}; !slices.Equal(got, want) {
		t.Errorf("order = %v, want %v", got, want)
	}
}

func TestMissingHome(t *testing.T) {
	c, diags := load(t, fstest.MapFS{"content/district/a.md": file("---\ntitle: A\n---\n")}, generator.Config{})
	if len(diags) != 0 {
		t.Fatalf("unexpected diagnostics: %v", diags)
	}
	if !reflect.DeepEqual(c.Home, generator.Home{}) {
		t.Errorf("home = %+v, want zero", c.Home)
	}
}

func TestLayoutProblems(t *testing.T) {
	tests := []struct {
		name  string
		fsys  fstest.MapFS
		want  []string
		check func(t *testing.T, c *generator.Content)
	}{
		{
			name: "school folder not a slug",
			fsys: fstest.MapFS{"content/schools/Lincoln Middle/_index.md": file("---\nname: Lincoln\n---\n")},
			want: []string{"content/schools/Lincoln Middle: school folder name 'Lincoln Middle' is not a lowercase slug — rename the folder to 'lincoln-middle' (lowercase letters, digits and single hyphens)"},
			check: func(t *testing.T, c *generator.Content) {
				if len(c.Schools) != 0 {
					t.Errorf("school with a bad id kept: %+v", c.Schools[0])
				}
			},
		},
		{
			name: "district is reserved",
			fsys: fstest.MapFS{"content/schools/district/_index.md": file("---\nname: Central office\n---\n")},
			want: []string{"content/schools/district: 'district' cannot be a school id: it is reserved for the central office — put district narratives in content/district/ and give the school another folder name"},
		},
		{
			name: "school folder without _index.md",
			fsys: fstest.MapFS{"content/schools/x/a.md": file("---\ntitle: A\n---\n")},
			want: []string{"content/schools/x: school folder 'x' has no _index.md — create content/schools/x/_index.md with at least a name:"},
			check: func(t *testing.T, c *generator.Content) {
				if len(c.Schools) != 0 {
					t.Errorf("school without profile kept")
				}
			},
		},
		{
			name: "narrative file name not a slug",
			fsys: fstest.MapFS{"content/district/Family Night.md": file("---\ntitle: Family night\n---\n")},
			want: []string{"content/district/Family Night.md: narrative file name 'Family Night.md' is not a lowercase slug — rename it to family-night.md; the name becomes the page's address"},
			check: func(t *testing.T, c *generator.Content) {
				if len(c.District) != 0 {
					t.Error("narrative with a bad slug kept")
				}
			},
		},
		{
			name: "markdown named with capitals",
			fsys: fstest.MapFS{
				"content/schools/a/_Index.md": file("---\nname: A\n---\n"),
				"content/district/plan.MD":    file("---\ntitle: Plan\n---\n"),
			},
			want: []string{
				"content/district/plan.MD: 'plan.MD' is a markdown file folio does not read under that name — rename it to plan.md: folio reads markdown files by names in lowercase .md, and _index.md for a home or profile page",
				"content/schools/a/_Index.md: '_Index.md' is a markdown file folio does not read under that name — rename it to _index.md: folio reads markdown files by names in lowercase .md, and _index.md for a home or profile page",
			},
		},
		{
			name: "index.md is a narrative, said so",
			fsys: fstest.MapFS{
				"content/schools/a/_index.md": file("---\nname: A\n---\n"),
				"content/schools/a/index.md":  file("---\ntitle: About A\n---\n"),
			},
			want: []string{
				"content/schools/a/index.md: warning: index.md is read as a narrative called \"index\", at /schools/a/index/ — a home or profile page is _index.md; rename it so if that is what it is, or give the narrative a name of its own",
			},
		},
		{
			name: "misplaced markdown files are warnings",
			fsys: fstest.MapFS{
				"content/foo.md":                     file("---\ntitle: Foo\n---\n"),
				"content/schools/x.md":               file("---\ntitle: X\n---\n"),
				"content/schools/a/_index.md":        file("---\nname: A\n---\n"),
				"content/schools/a/notes/old.md":     file("---\ntitle: Old\n---\n"),
				"content/district/_index.md":         file("---\ntitle: D\n---\n"),
				"content/district/archive/2019.md":   file("---\ntitle: 2019\n---\n"),
				"content/schools/a/notes/agenda.pdf": file("%PDF"),
			},
			want: []string{
				"content/district/_index.md: warning: this file is ignored: the district home page is content/_index.md — move its text to content/_index.md, or rename the file to make it a district narrative",
				"content/district/archive/2019.md: warning: markdown file in a subfolder is ignored: narratives belong directly in content/district/ — move it to content/district/2019.md",
				"content/foo.md: warning: markdown file is ignored: folio reads content/_index.md, content/district/ and content/schools/<id>/ — move a district narrative to content/district/foo.md, a school narrative to content/schools/<id>/foo.md",
				"content/schools/a/notes/old.md: warning: markdown file in a subfolder is ignored: narratives belong directly in content/schools/<id>/ — move it to content/schools/a/old.md",
				"content/schools/x.md: warning: markdown file is ignored: each school's pages go in its own folder — a school profile is content/schools/<id>/_index.md, a school narrative content/schools/<id>/x.md",
			},
			check: func(t *testing.T, c *generator.Content) {
				if len(c.Schools) != 1 || len(c.Schools[0].Narratives) != 0 || len(c.District) != 0 {
					t.Errorf("ignored files were loaded: %+v", c)
				}
				if len(c.Artifacts) != 1 || c.Artifacts[0].Path != "schools/a/notes/agenda.pdf" {
					t.Errorf("artifact in a subfolder: %+v", c.Artifacts)
				}
			},
		},
		{
			name: "no content folder",
			fsys: fstest.MapFS{"folio.yaml": file("title: x\n")},
			want: []string{"content: content folder not found — create content/_index.md for the district home and content/schools/<id>/_index.md for each school"},
		},
		{
			name: "chart in a profile",
			fsys: fstest.MapFS{"content/schools/a/_index.md": file("---\nname: A\n---\n\n```chart\ntype: bar\n```\n")},
			want: []string{"content/schools/a/_index.md:5: chart blocks are shown only in narratives, not in _index.md — move the chart into a narrative, in content/district/ or content/schools/<id>/"},
		},
		{
			name: "chart blocks are decoded with their positions",
			fsys: fstest.MapFS{
				"content/schools/a/_index.md": file("---\nname: A\n---\n"),
				"content/schools/a/n.md":      file("---\ntitle: N\n---\n\n```chart\nkind: trust\n\nfacet: honesty\nschool: ~\n```\n"),
			},
			check: func(t *testing.T, c *generator.Content) {
				got := c.Schools[0].Narratives[0].Charts
				want := []generator.Param{
					{Name: "kind", Value: "trust", Pos: generator.Pos{File: "content/schools/a/n.md", Line: 6, Col: 1}},
					{Name: "facet", Value: "honesty", Pos: generator.Pos{File: "content/schools/a/n.md", Line: 8, Col: 1}},
				}
				if len(got) != 1 || !slices.Equal(got[0].Params, want) || got[0].Invalid {
					t.Errorf("chart blocks = %+v, want params %+v", got, want)
				}
			},
		},
		{
			name: "chart blocks that are not flat YAML",
			fsys: fstest.MapFS{
				"content/schools/a/_index.md": file("---\nname: A\n---\n"),
				"content/schools/a/n.md": file("---\ntitle: N\n---\n\n```chart\nkind: [trust\n```\n\n```chart\n- trust\n```\n\n" +
					"```chart\nkind: trust\nfacet: [a, b]\nkind: trust\n```\n"),
			},
			want: []string{
				"content/schools/a/n.md:7:1: invalid YAML: did not find expected ',' or ']' — check indentation, and quote text that contains ': ' or starts with a special character",
				"content/schools/a/n.md:10:1: document: expected a set of 'key: value' lines, found a list",
				"content/schools/a/n.md:15:8: facet: expected text, found a list",
				"content/schools/a/n.md:16:1: duplicate key 'kind' — remove one of the two",
			},
			check: func(t *testing.T, c *generator.Content) {
				for i, b := range c.Schools[0].Narratives[0].Charts {
					if !b.Invalid {
						t.Errorf("block %d is not marked invalid: %+v", i, b)
					}
				}
			},
		},
		{
			name: "every problem is reported in one run",
			fsys: fstest.MapFS{
				"content/schools/B/_index.md": file("---\nname:\n---\n"),
				"content/schools/c/a.md":      file("---\ntitle: [\n---\n"),
				"content/district/d.md":       file("---\ntitle: D\n"),
			},
			want: []string{
				"content/district/d.md:1: front matter opened with '---' is never closed — add a line with only --- after the last field",
				"content/schools/B: school folder name 'B' is not a lowercase slug — rename the folder to 'b' (lowercase letters, digits and single hyphens)",
				"content/schools/B/_index.md:1: missing required field 'name' — add name: ... to the front matter at the top of the file",
				"content/schools/c: school folder 'c' has no _index.md — create content/schools/c/_index.md with at least a name:",
				"content/schools/c/a.md:3:1: invalid YAML: did not find expected node content — check indentation, and quote text that contains ': ' or starts with a special character",
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, diags := load(t, tt.fsys, generator.Config{})
			if !slices.Equal(diags, tt.want) {
				t.Errorf("diagnostics:\n%s\nwant:\n%s", strings.Join(diags, "\n"), strings.Join(tt.want, "\n"))
			}
			if tt.check != nil {
				t.Run("result", func(t *testing.T) { tt.check(t, c) })
			}
		})
	}
}

func contentLoad(fsys fs.FS, ds *generator.Diagnostics) *generator.Content {
	return content.Load(fsys, generator.Config{}, ds)
}

// TestOutlineIsWhatFinishReturns checks that what Start has found before
// the narratives are parsed — the schools by id and name, and the
// evidence files, which evidence loads beside the narratives — is what the
// finished load holds, and what a fresh load of the same files holds,
// whatever is wrong with the site: on a first load and on loads that reuse
// the last, told what changed as the preview tells it (the walk replayed,
// unchanged files not read), with drafts shown or not, the markdown kept
// or not.
func TestOutlineIsWhatFinishReturns(t *testing.T) {
	type edit struct {
		changed []string // the paths the preview would say changed
		do      func(fstest.MapFS)
		// unlisted: the edit is not among changed, so a load told
		// what changed keeps the last one (Outline and Finish alike).
		unlisted bool
	}
	const adams = "content/schools/adams-elementary/_index.md"
	edits := map[string]edit{
		"profile renamed":            {[]string{adams}, func(f fstest.MapFS) { f[adams] = file("---\nname: Adams Primary\n---\n") }, false},
		"profile that does not read": {[]string{adams}, func(f fstest.MapFS) { f[adams] = file("---\nname: [Adams\n---\n") }, false},
		"profile without a name":     {[]string{adams}, func(f fstest.MapFS) { f[adams] = file("---\nlevel: elementary\n---\n") }, false},
		"draft profile":              {[]string{adams}, func(f fstest.MapFS) { f[adams] = file("---\nname: Adams\ndraft: true\n---\n") }, false},
		"profile removed":            {[]string{adams}, func(f fstest.MapFS) { delete(f, adams) }, false},
		"school folder removed":      {[]string{"content/schools/adams-elementary"}, func(f fstest.MapFS) { delete(f, adams) }, false},
		"folder without a profile": {[]string{adams, "content/schools/adams-elementary/plan.md"}, func(f fstest.MapFS) {
			delete(f, adams)
			f["content/schools/adams-elementary/plan.md"] = file("---\ntitle: Plan\n---\n")
		}, false},
		"profile named with capitals": {[]string{adams, "content/schools/adams-elementary/_Index.md"}, func(f fstest.MapFS) {
			f["content/schools/adams-elementary/_Index.md"] = f[adams]
			delete(f, adams)
		}, false},
		"profile that is a symbolic link": {[]string{adams}, func(f fstest.MapFS) {
			f[adams] = &fstest.MapFile{Data: []byte("../lincoln-middle/_index.md"), Mode: fs.ModeSymlink}
		}, false},
		"profile that is a named pipe": {[]string{adams}, func(f fstest.MapFS) { f[adams] = &fstest.MapFile{Mode: fs.ModeNamedPipe} }, false},
		"new school": {[]string{"content/schools/new-school"}, func(f fstest.MapFS) {
			f["content/schools/new-school/_index.md"] = file("---\nname: New\n---\n")
			f["content/schools/new-school/x.pdf"] = file("%PDF")
		}, false},
		"school folder that is a symbolic link": {[]string{"content/schools/zed"}, func(f fstest.MapFS) {
			f["content/schools/zed"] = &fstest.MapFile{Data: []byte("lincoln-middle"), Mode: fs.ModeSymlink}
		}, false},
		"folder name that is not a slug": {[]string{"content/schools/Oak Hill"}, func(f fstest.MapFS) {
			f["content/schools/Oak Hill/_index.md"] = file("---\nname: Oak Hill\n---\n")
			f["content/schools/Oak Hill/report.pdf"] = file("%PDF-1.4\n")
		}, false},
		"folder name with a separate accent": {[]string{"content/schools/e\u0301cole"}, func(f fstest.MapFS) {
			f["content/schools/e\u0301cole/_index.md"] = file("---\nname: E\n---\n")
		}, false},
		"folder named district": {[]string{"content/schools/district"}, func(f fstest.MapFS) {
			f["content/schools/district/_index.md"] = file("---\nname: Central\n---\n")
		}, false},
		"evidence files everywhere": {[]string{"content/district/budget.xlsx", "content/schools/adams-elementary/photos", "content/minutes.pdf"}, func(f fstest.MapFS) {
			f["content/district/budget.xlsx"] = file("xlsx")
			f["content/schools/adams-elementary/photos/walk.jpg"] = file("jpg")
			f["content/minutes.pdf"] = file("%PDF-1.4\n")
		}, false},
		"evidence file that is a symbolic link": {[]string{"content/schools/lincoln-middle/agenda.pdf"}, func(f fstest.MapFS) {
			f["content/schools/lincoln-middle/agenda.pdf"] = &fstest.MapFile{Data: []byte("x.pdf"), Mode: fs.ModeSymlink}
		}, false},
		"narrative that does not read": {[]string{"content/schools/lincoln-middle/rounds.md"}, func(f fstest.MapFS) {
			f["content/schools/lincoln-middle/rounds.md"] = file("---\ntitle: [Rounds\n---\n")
		}, false},
		"profile edited, another file said to be": {[]string{"content/schools/lincoln-middle/rounds.md"}, func(f fstest.MapFS) {
			f[adams] = file("---\nname: Unlisted\n---\n")
		}, true},
	}
	outline := func(c *generator.Content) []string {
		var out []string
		for _, s := range c.Schools {
			out = append(out, "school "+s.ID+" "+s.Name)
		}
		for _, a := range c.Artifacts {
			out = append(out, "evidence "+a.Path)
		}
		return out
	}
	for name, e := range edits {
		for _, drafts := range []bool{false, true} {
			for _, keep := range []bool{false, true} {
				t.Run(fmt.Sprintf("%s/drafts=%v/keep=%v", name, drafts, keep), func(t *testing.T) {
					before, after := smallSite(), smallSite()
					e.do(after)
					cfg := generator.Config{Drafts: drafts}
					var prev *content.Cache
					for i, step := range []struct {
						fsys    fstest.MapFS
						changed []string
					}{{before, nil}, {after, e.changed}, {before, e.changed}, {after, e.changed}, {after, []string{}}, {after, nil}} {
						var ds generator.Diagnostics
						loading := content.Start(step.fsys, cfg, prev, step.changed, keep, &ds)
						early := outline(loading.Outline())
						c, cache := loading.Finish()
						if got := outline(c); !slices.Equal(early, got) {
							t.Fatalf("step %d: Outline:\n%s\nFinish:\n%s", i, strings.Join(early, "\n"), strings.Join(got, "\n"))
						}
						var fresh generator.Diagnostics
						if got := outline(content.Load(step.fsys, cfg, &fresh)); !e.unlisted && !slices.Equal(early, got) {
							t.Errorf("step %d: Outline:\n%s\na fresh load:\n%s", i, strings.Join(early, "\n"), strings.Join(got, "\n"))
						}
						prev = cache
					}
				})
			}
		}
	}
}
