package content_test

import (
	"io/fs"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/folio-sites/folio/generator"
)

const narrativePath = "content/schools/x/a.md"

// loadNarrative loads a site whose only narrative is src, and returns that
// narrative (nil when it was left out) with every diagnostic but none about
// the school profile.
func loadNarrative(t *testing.T, src string) (*generator.Narrative, []string) {
	t.Helper()
	c, diags := load(t, fstest.MapFS{
		"content/schools/x/_index.md": file("---\nname: X\n---\n"),
		narrativePath:                 file(src),
	}, generator.Config{})
	if len(c.Schools) != 1 {
		t.Fatalf("schools = %d, diagnostics %v", len(c.Schools), diags)
	}
	if ns := c.Schools[0].Narratives; len(ns) == 1 {
		return ns[0], diags
	}
	return nil, diags
}

func TestFrontMatterSyntaxes(t *testing.T) {
	tests := []struct {
		name, src string
		bodyLine  int // file line of the chart fence in the body
	}{
		{"yaml", "---\ntitle: Rounds\ndate: 2025-10-01\nstandards: [ISSL 1a]\nweight: 3\n---\nBody text.\n\n```chart\nkind: x\n```\n", 9},
		{"yaml with ---yaml", "---yaml\ntitle: Rounds\ndate: 2025-10-01\nstandards: [ISSL 1a]\nweight: 3\n---\nBody text.\n\n```chart\nkind: x\n```\n", 9},
		{"byte order mark", "\ufeff---\ntitle: Rounds\ndate: 2025-10-01\nstandards: [ISSL 1a]\nweight: 3\n---\nBody text.\n\n```chart\nkind: x\n```\n", 9},
		{"CRLF", "---\r\ntitle: Rounds\r\ndate: 2025-10-01\r\nstandards: [ISSL 1a]\r\nweight: 3\r\n---\r\nBody text.\r\n\r\n```chart\r\nkind: x\r\n```\r\n", 9},
		{"BOM and CRLF", "\ufeff---\r\ntitle: Rounds\r\ndate: 2025-10-01\r\nstandards: [ISSL 1a]\r\nweight: 3\r\n---\r\nBody text.\r\n\r\n```chart\r\nkind: x\r\n```\r\n", 9},
		{"blank lines before front matter", "\n\n---\ntitle: Rounds\ndate: 2025-10-01\nstandards: [ISSL 1a]\nweight: 3\n---\nBody text.\n\n```chart\nkind: x\n```\n", 11},
		{"toml", "+++\ntitle = \"Rounds\"\ndate = 2025-10-01\nstandards = [\"ISSL 1a\"]\nweight = 3\n+++\nBody text.\n\n```chart\nkind: x\n```\n", 9},
		{"toml with ---toml", "---toml\ntitle = \"Rounds\"\ndate = 2025-10-01\nstandards = [\"ISSL 1a\"]\nweight = 3\n---\nBody text.\n\n```chart\nkind: x\n```\n", 9},
		{"json", "{\n  \"title\": \"Rounds\",\n  \"date\": \"2025-10-01\",\n  \"standards\": [\"ISSL 1a\"],\n\t\"weight\": 3\n}\n\nBody text.\n\n```chart\nkind: x\n```\n", 10},
		{"json with ;;;", ";;;\n{\"title\": \"Rounds\",\n\"date\": \"2025-10-01\",\n\"standards\": [\"ISSL 1a\"], \"weight\": 3}\n;;;\nBody text.\n\n```chart\nkind: x\n```\n", 8},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			n, diags := loadNarrative(t, tt.src)
			if len(diags) != 0 {
				t.Fatalf("unexpected diagnostics: %v", diags)
			}
			if n == nil {
				t.Fatal("narrative left out")
			}
			if n.Title != "Rounds" || n.Date.Format("2006-01-02") != "2025-10-01" || n.Weight != 3 ||
				len(n.Standards) != 1 || n.Standards[0].ID != "ISSL 1a" {
				t.Errorf("decoded %+v", n)
			}
			if n.Summary != "Body text." {
				t.Errorf("summary = %q: front matter leaked into the body?", n.Summary)
			}
			if len(n.Charts) != 1 || n.Charts[0].Pos.Line != tt.bodyLine || n.Charts[0].Param("kind") != "x" || n.Charts[0].Params[0].Pos.Line != tt.bodyLine+1 {
				t.Errorf("charts = %+v, want one at line %d", n.Charts, tt.bodyLine)
			}
		})
	}
}

func TestFrontMatterRefPositions(t *testing.T) {
	tests := []struct {
		name, src string
		line      int
	}{
		{"yaml", "---\ntitle: T\n\nstandards:\n  - ISSL 1a\n---\n", 5},
		{"toml", "+++\ntitle = \"T\"\n\nstandards = [\"ISSL 1a\"]\n+++\n", 4},
		{"json", "{\n\"title\": \"T\",\n\"standards\": [\n  \"ISSL 1a\"\n]\n}\n", 4},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			n, diags := loadNarrative(t, tt.src)
			if len(diags) != 0 || n == nil {
				t.Fatalf("narrative %v, diagnostics %v", n, diags)
			}
			if got := n.Standards[0].Pos; got.File != narrativePath || got.Line != tt.line {
				t.Errorf("standard at %s, want line %d", got, tt.line)
			}
		})
	}
}

func TestFrontMatterProblems(t *testing.T) {
	tests := []struct {
		name, src string
		want      []string
		kept      bool // the narrative is still in the result
	}{
		{"unclosed yaml", "---\ntitle: Rounds\n\nBody text that goes on.\n",
			[]string{"content/schools/x/a.md:1: front matter opened with '---' is never closed — add a line with only --- after the last field"}, false},
		{"unclosed toml", "+++\ntitle = \"Rounds\"\nBody.\n",
			[]string{"content/schools/x/a.md:1: front matter opened with '+++' is never closed — add a line with only +++ after the last field"}, false},
		{"unclosed json", "{\n\"title\": \"Rounds\"\n}\nBody right after the brace.\n",
			[]string{"content/schools/x/a.md:1: front matter opened with '{' is never closed — add a line with only } after the last field, followed by an empty line"}, false},
		{"unclosed after BOM and blank line", "\ufeff\n---\ntitle: Rounds\n",
			[]string{"content/schools/x/a.md:2: front matter opened with '---' is never closed — add a line with only --- after the last field"}, false},
		{"yaml syntax error at its file line", "---\ntitle: Rounds\ndate: 2025-10-01\nstandards: [ISSL 1a\nweight: 2\n---\n",
			[]string{"content/schools/x/a.md:5:7: invalid YAML: did not find expected ',' or ']' — check indentation, and quote text that contains ': ' or starts with a special character"}, false},
		{"yaml bad value", "---\ntitle: Rounds\nweight: heavy\n---\n",
			[]string{"content/schools/x/a.md:3:9: weight: 'heavy' is not a whole number — write digits only, e.g. 420"}, true},
		{"toml syntax error", "+++\ntitle = \"Rounds\"\nweight = = 2\n+++\n",
			[]string{"content/schools/x/a.md:3: invalid TOML: expected value but found '=' instead — write each field as key = value, with text in \"double quotes\""}, false},
		// The TOML library's memory grows with the square of the depth:
		// 101 levels are refused before it reads them, at the bracket
		// that goes past 100; brackets in strings and comments do not
		// count, and neither do 100 levels.
		{"toml nested too deep", "+++\ntitle = \"R\"\nx = " + strings.Repeat("{a=", 101) + "1" + strings.Repeat("}", 101) + "\n+++\n",
			[]string{"content/schools/x/a.md:3:305: TOML front matter nested more than 100 levels deep — front matter holds a few fields; arrays and tables in it may nest at most 100 levels deep"}, false},
		{"toml brackets in strings and comments", "+++\ntitle = \"" + strings.Repeat("[", 200) + "\" # " + strings.Repeat("{", 200) + "\nsummary = '''" + strings.Repeat("{", 200) + "'''\nweight = " + strings.Repeat("[", 100) + "1" + strings.Repeat("]", 100) + "\n+++\n",
			[]string{"content/schools/x/a.md:3:1: warning: unknown front matter key 'summary' — known keys are title, date, standards, practices, draft, weight",
				"content/schools/x/a.md:4:10: weight: expected a whole number, found a list"}, true},
		{"toml bad value", "+++\ntitle = \"Rounds\"\n\nweight = \"heavy\"\n+++\n",
			[]string{"content/schools/x/a.md:4:10: weight: 'heavy' is not a whole number — write digits only, e.g. 420"}, true},
		{"json syntax error", "{\n\"title\": \"Rounds\"\n\"weight\": 2\n}\n",
			[]string{"content/schools/x/a.md:3: invalid JSON: invalid character '\"' after object key:value pair — check for a missing comma, quote or brace near this line"}, false},
		// Saved by Notepad as "ANSI" (Windows-1252), or pasted from Word:
		// the bytes would reach the page as they are.
		{"body not UTF-8", "---\ntitle: Family nights\n---\n\nParents said it was \x93the best night\x94 at the caf\xe9.\n",
			[]string{`content/schools/x/a.md:5:21: text is not UTF-8: readers would see � in place of some letters or quotes — save the file as UTF-8 (in Notepad: File, Save As, Encoding UTF-8); text pasted from Word or saved as "ANSI" is often the cause`}, false},
		{"front matter not UTF-8", "---\ntitle: Caf\xe9 mornings\n---\n",
			[]string{`content/schools/x/a.md:2:11: text is not UTF-8: readers would see � in place of some letters or quotes — save the file as UTF-8 (in Notepad: File, Save As, Encoding UTF-8); text pasted from Word or saved as "ANSI" is often the cause`}, false},
		{"not UTF-8 after lines that end in CR, as old Macs saved them", "---\rtitle: Caf\xe9\r---\r",
			[]string{`content/schools/x/a.md:2:11: text is not UTF-8: readers would see � in place of some letters or quotes — save the file as UTF-8 (in Notepad: File, Save As, Encoding UTF-8); text pasted from Word or saved as "ANSI" is often the cause`}, false},
		{"UTF-16, as Notepad saves Unicode", "\xff\xfe-\x00-\x00-\x00\n\x00",
			[]string{`content/schools/x/a.md:1:1: text is not UTF-8: readers would see � in place of some letters or quotes — save the file as UTF-8 (in Notepad: File, Save As, Encoding UTF-8); text pasted from Word or saved as "ANSI" is often the cause`}, false},
		{"no front matter", "# Rounds\n\nJust text.\n",
			[]string{"content/schools/x/a.md:1: missing required field 'title' — add title: ... to the front matter at the top of the file"}, true},
		{"fields without the opening ---", "\ntitle: Rounds\ndate: 2025-10-01\n---\nText.\n",
			[]string{"content/schools/x/a.md:2: missing required field 'title' — the file has no front matter: put a line with only --- above 'title: Rounds', and another after the last field"}, true},
		{"prose that starts like a field", "Note: we began in May.\n",
			[]string{"content/schools/x/a.md:1: missing required field 'title' — add title: ... to the front matter at the top of the file"}, true},
		{"missing title", "---\ndate: 2025-10-01\n---\nText.\n",
			[]string{"content/schools/x/a.md:1: missing required field 'title' — add title: ... to the front matter at the top of the file"}, true},
		{"blank title", "---\ntitle: \"   \"\n---\nText.\n",
			[]string{"content/schools/x/a.md:1: missing required field 'title' — add title: ... to the front matter at the top of the file"}, true},
		{"empty front matter", "---\n---\nText.\n",
			[]string{"content/schools/x/a.md:1: missing required field 'title' — add title: ... to the front matter at the top of the file"}, true},
		{"front matter of comments only", "---\n# title: later\n\n---\nText.\n",
			[]string{"content/schools/x/a.md:1: missing required field 'title' — add title: ... to the front matter at the top of the file"}, true},
		{"empty toml", "+++\n+++\nText.\n",
			[]string{"content/schools/x/a.md:1: missing required field 'title' — add title = \"...\" to the front matter at the top of the file"}, true},
		{"empty json", "{\n}\n\nText.\n",
			[]string{"content/schools/x/a.md:1: missing required field 'title' — add \"title\": \"...\" to the front matter at the top of the file"}, true},
		{"missing title in toml", "+++\nweight = 1\n+++\n",
			[]string{"content/schools/x/a.md:1: missing required field 'title' — add title = \"...\" to the front matter at the top of the file"}, true},
		{"missing title in json", "{\n\"weight\": 1\n}\n",
			[]string{"content/schools/x/a.md:1: missing required field 'title' — add \"title\": \"...\" to the front matter at the top of the file"}, true},
		{"unknown key", "---\ntitle: Rounds\nstandrads: [ISSL 1a]\n---\n",
			[]string{"content/schools/x/a.md:3:1: warning: unknown front matter key 'standrads' — did you mean 'standards'?"}, true},
		{"unknown key in toml", "+++\ntitle = \"Rounds\"\ntilte = \"x\"\n+++\n",
			[]string{"content/schools/x/a.md:3:1: warning: unknown front matter key 'tilte' — did you mean 'title'?"}, true},
		{"several problems in one file", "---\ntitle:\nwieght: 2\ndraft: maybe\n---\n",
			[]string{
				"content/schools/x/a.md:1: missing required field 'title' — add title: ... to the front matter at the top of the file",
				"content/schools/x/a.md:3:1: warning: unknown front matter key 'wieght' — did you mean 'weight'?",
				"content/schools/x/a.md:4:8: draft: 'maybe' is not true or false — write true or false",
			}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			n, diags := loadNarrative(t, tt.src)
			if !slices.Equal(diags, tt.want) {
				t.Errorf("diagnostics:\n%s\nwant:\n%s", strings.Join(diags, "\n"), strings.Join(tt.want, "\n"))
			}
			if (n != nil) != tt.kept {
				t.Errorf("narrative kept = %v, want %v", n != nil, tt.kept)
			}
		})
	}
}

func TestSchoolProfileProblems(t *testing.T) {
	tests := []struct {
		name, src string
		want      []string
	}{
		{"missing name", "---\nlevel: middle\n---\n",
			[]string{"content/schools/x/_index.md:1: missing required field 'name' — add name: ... to the front matter at the top of the file"}},
		{"enrollment not a number", "---\nname: X\nenrollment: about 400\n---\n",
			[]string{"content/schools/x/_index.md:3:13: enrollment: 'about 400' is not a whole number — write digits only, e.g. 420"}},
		{"title instead of name", "---\ntitle: X\n---\n",
			[]string{
				"content/schools/x/_index.md:1: missing required field 'name' — add name: ... to the front matter at the top of the file",
				"content/schools/x/_index.md:2:1: warning: unknown front matter key 'title' — known keys are name, level, grades, enrollment, principal, summary",
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, diags := load(t, fstest.MapFS{"content/schools/x/_index.md": file(tt.src)}, generator.Config{})
			if !slices.Equal(diags, tt.want) {
				t.Errorf("diagnostics:\n%s\nwant:\n%s", strings.Join(diags, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}

// brokenFS fails to read one file, as a file without read permission does.
type brokenFS struct {
	fsys fs.FS
	bad  string
}

func (b brokenFS) Open(name string) (fs.File, error) {
	if name == b.bad {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrPermission}
	}
	return b.fsys.Open(name)
}

func TestUnreadableFile(t *testing.T) {
	site := smallSite()
	for _, bad := range []string{"content/schools/lincoln-middle/rounds.md", "content/_index.md", "content/schools/lincoln-middle/agenda.pdf"} {
		t.Run(bad, func(t *testing.T) {
			var ds generator.Diagnostics
			c := contentLoad(brokenFS{site, bad}, &ds)
			want := bad + ": cannot read file: permission denied — check that the file can be read"
			if len(ds) != 1 || ds[0].String() != want || ds[0].Severity != generator.Error {
				t.Errorf("diagnostics = %v, want [%s]", ds, want)
			}
			// The rest of the site is still loaded.
			if len(c.Schools) != 2 || len(c.District) != 1 {
				t.Errorf("site not loaded around the bad file: %d schools, %d district narratives", len(c.Schools), len(c.District))
			}
		})
	}
}

func TestUnreadableFolder(t *testing.T) {
	var ds generator.Diagnostics
	c := contentLoad(brokenFS{smallSite(), "content/schools/lincoln-middle"}, &ds)
	want := "content/schools/lincoln-middle: cannot read folder: permission denied — check that the folder can be read"
	if len(ds) != 1 || ds[0].String() != want {
		t.Errorf("diagnostics = %v, want [%s]", ds, want)
	}
	if len(c.Schools) != 1 || c.Schools[0].ID != "adams-elementary" {
		t.Errorf("schools = %+v", c.Schools)
	}
}
