package build_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/folio-sites/folio/generator"
	"github.com/folio-sites/folio/generator/build"
	"github.com/folio-sites/folio/generator/sitefs"
)

// secret is what a link points at, outside the site: it must never be
// read, let alone published.
const secret = "root:x:0:0:SECRET-TOKEN:/root:/bin/bash\n"

// TestSymbolicLinksAreRefused puts one symbolic link at a time under each
// input folder of a site, pointing at a file or a folder outside it, and
// checks that build, check and serve each report it at its path and read
// nothing through it (issue 11: a committed link to /etc/passwd or to
// .git/config was published).
func TestSymbolicLinksAreRefused(t *testing.T) {
	outside := t.TempDir()
	passwd := filepath.Join(outside, "passwd")
	if err := os.WriteFile(passwd, []byte(secret), 0o644); err != nil {
		t.Fatal(err)
	}
	folder := filepath.Join(outside, "folder")
	if err := os.MkdirAll(filepath.Join(folder, "layouts"), 0o755); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"secret.txt", "layouts/base.html", "base.html", "_index.md"} {
		if err := os.WriteFile(filepath.Join(folder, name), []byte(secret), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	const msg = ": symbolic link: folio reads only files inside the site folder, never what a link points to — replace the link with the file or folder itself"
	tests := []struct {
		link, target string
		want         string // a line of the diagnostics
	}{
		{"content/schools/oak-elementary/notes.txt", passwd, "content/schools/oak-elementary/notes.txt" + msg},
		{"content/schools/oak-elementary/config", "../../../.git/config", "content/schools/oak-elementary/config" + msg},
		{"content/schools/oak-elementary/minutes", folder, "content/schools/oak-elementary/minutes" + msg},
		{"content/schools/elm-middle", folder, "content/schools/elm-middle" + msg},
		{"content/district/plan.md", passwd, "content/district/plan.md" + msg},
		{"data/trust.csv", passwd, "data/trust.csv" + msg},
		{"layouts/base.html", passwd, "layouts/base.html" + msg},
		{"layouts/partials", folder, "layouts/partials" + msg},
		{"static", folder, "static" + msg},
		{"static/notes.txt", passwd, "static/notes.txt" + msg},
		{"themes", folder, "themes" + msg},
		{"i18n/en.yaml", passwd, "i18n/en.yaml" + msg},
		{"folio.yaml", passwd, "folio.yaml" + msg},
	}
	for _, tt := range tests {
		t.Run(strings.ReplaceAll(tt.link, "/", "_"), func(t *testing.T) {
			dir := writeSite(t, readArchive(t, "testdata/site.txtar"))
			// The link to .git/config points at a real file of the checkout.
			if err := os.MkdirAll(filepath.Join(dir, ".git"), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(dir, ".git", "config"), []byte(secret), 0o644); err != nil {
				t.Fatal(err)
			}
			link := filepath.Join(dir, filepath.FromSlash(tt.link))
			if err := os.MkdirAll(filepath.Dir(link), 0o755); err != nil {
				t.Fatal(err)
			}
			os.Remove(link)
			if err := os.Symlink(tt.target, link); err != nil {
				t.Fatal(err)
			}

			dest := filepath.Join(t.TempDir(), "public")
			res, err := build.Build(build.Options{Source: dir, Dest: dest})
			checkRefused(t, "build", res, err, tt.want)
			if _, err := os.Stat(dest); !errors.Is(err, os.ErrNotExist) {
				t.Errorf("build wrote %s", dest)
			}

			res, err = build.Generate(sitefs.Dir(dir), build.Options{Drafts: true}) // what folio check runs
			checkRefused(t, "check", res, err, tt.want)

			m, err := build.Load(context.Background(), sitefs.Dir(dir), build.Options{AtRoot: true}, nil) // what folio serve loads
			checkRefused(t, "serve", &build.Result{Diagnostics: m.Diagnostics}, err, tt.want)
		})
	}
}

func checkRefused(t *testing.T, what string, res *build.Result, err error, want string) {
	t.Helper()
	var de *generator.DiagnosticsError
	if !errors.As(err, &de) {
		t.Fatalf("%s: err = %v, want the site's errors", what, err)
	}
	var lines []string
	for _, d := range res.Diagnostics {
		lines = append(lines, d.String())
	}
	got := strings.Join(lines, "\n")
	if !strings.Contains(got, want) {
		t.Errorf("%s: diagnostics:\n%s\nwant the line:\n%s", what, got, want)
	}
	for _, f := range res.Files {
		if strings.Contains(string(f.Data), "SECRET-TOKEN") {
			t.Errorf("%s: %s holds the file behind the link", what, f.Path)
		}
	}
}

// TestSymbolicLinkIsReportedWhenTheContentCrashes: the link check runs
// beside the loading of the content; a crash in the content stage still
// reports the link, with the crash.
func TestSymbolicLinkIsReportedWhenTheContentCrashes(t *testing.T) {
	dir := writeSite(t, readArchive(t, "testdata/site.txtar"))
	if err := os.Symlink(filepath.Join(t.TempDir(), "x.pdf"), filepath.Join(dir, "content/schools/oak-elementary/linked.pdf")); err != nil {
		t.Fatal(err)
	}
	const crashing = "content/schools/oak-elementary/walks.md"
	m, err := build.Load(context.Background(), panicFS{sitefs.Dir(dir), crashing}, build.Options{}, nil)
	if !build.IsSiteError(err) {
		t.Fatalf("err = %v, want the crash as a site error", err)
	}
	var got []string
	for _, d := range m.Diagnostics {
		got = append(got, d.String())
	}
	link := slices.IndexFunc(got, func(s string) bool {
		return strings.HasPrefix(s, "content/schools/oak-elementary/linked.pdf: symbolic link")
	})
	crash := slices.IndexFunc(got, func(s string) bool { return strings.HasPrefix(s, crashing+": folio crashed in its content stage") })
	if link < 0 || crash < 0 {
		t.Errorf("diagnostics = %q, want the link and the crash", got)
	}
}
