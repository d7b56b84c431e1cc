package build_test

import (
	"bytes"
	"context"
	"errors"
	"io/fs"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"testing/fstest"

	"github.com/folio-sites/folio/generator"
	"github.com/folio-sites/folio/generator/build"
)

// mapFS copies a site into an fstest.MapFS that a test can edit.
func mapFS(t *testing.T, fsys fs.FS) fstest.MapFS {
	t.Helper()
	out := fstest.MapFS{}
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(fsys, p)
		out[p] = &fstest.MapFile{Data: data}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// rendered renders every file of m that the build holds in memory.
func rendered(t *testing.T, m *build.Model) map[string][]byte {
	t.Helper()
	var mu sync.Mutex
	out := map[string][]byte{}
	if _, err := build.Render(m, func(f generator.File) error {
		mu.Lock()
		defer mu.Unlock()
		if f.SourceFS == nil {
			out[f.Path] = f.Data
		} else {
			out[f.Path] = []byte("source:" + f.Source)
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	return out
}

func sameFiles(t *testing.T, what string, got, want map[string][]byte) {
	t.Helper()
	for p, w := range want {
		if g, ok := got[p]; !ok {
			t.Errorf("%s: %s is missing", what, p)
		} else if !bytes.Equal(g, w) {
			t.Errorf("%s: %s differs from a fresh load", what, p)
		}
	}
	for p := range got {
		if _, ok := want[p]; !ok {
			t.Errorf("%s: %s should not be there", what, p)
		}
	}
}

// TestLoadReusesWhatDidNotChange loads a site, edits it, and loads it again
// with the first model as prev, with and without the list of changed
// files: the result must render exactly as a fresh load, and reuse the
// narratives and charts that did not change.
func TestLoadReusesWhatDidNotChange(t *testing.T) {
	ctx := context.Background()
	for _, tt := range []struct {
		archive string
		tell    bool
	}{{"site", false}, {"site", true}, {"evidence", false}, {"evidence", true}} {
		tell := tt.tell
		fsys := mapFS(t, siteFS(t, readArchive(t, "testdata/"+tt.archive+".txtar")))
		first, err := build.Load(ctx, fsys, build.Options{}, nil)
		if err != nil {
			t.Fatal(err)
		}
		if len(first.Site.Content.Schools) == 0 || len(first.Site.Content.Schools[0].Narratives) == 0 {
			t.Fatal("the site has no school narrative")
		}
		edited := first.Site.Content.Schools[0].Narratives[0].Source
		fsys[edited] = &fstest.MapFile{Data: append(slices.Clone(fsys[edited].Data), "\nAn added paragraph.\n"...)}
		opts := build.Options{}
		if tell {
			opts.Changed = []string{edited}
		}
		again, err := build.Load(ctx, fsys, opts, first)
		if err != nil {
			t.Fatal(err)
		}
		// Before rendering, which lets a school's charts go once written.
		for i, p := range again.Site.Pages {
			if p.Kind == "school" && len(p.Sections()) > 0 && &p.Sections()[0] != &first.Site.Pages[i].Sections()[0] {
				t.Errorf("the charts of %s were drawn again", p.URL)
			}
		}
		fresh, err := build.Load(ctx, fsys, build.Options{}, nil)
		if err != nil {
			t.Fatal(err)
		}
		sameFiles(t, "after an edit", rendered(t, again), rendered(t, fresh))

		if again.Site.Evidence != first.Site.Evidence {
			t.Error("evidence was loaded again though data/ did not change")
		}
		reused, parsed := 0, 0
		for i, sc := range again.Site.Content.Schools {
			for j, n := range sc.Narratives {
				if n == first.Site.Content.Schools[i].Narratives[j] {
					reused++
				} else if n.Source != edited {
					t.Errorf("%s was parsed again though it did not change", n.Source)
				} else {
					parsed++
				}
			}
		}
		if parsed != 1 || (reused == 0 && tt.archive == "site") {
			t.Errorf("%d narratives parsed again, %d reused; want only %s parsed", parsed, reused, edited)
		}
	}
}

// panicFS panics when the file at path is opened, as a bug in a stage
// would while processing that file.
type panicFS struct {
	fs.FS
	path string
}

func (p panicFS) Open(name string) (fs.File, error) {
	if name == p.path {
		panic("a bug while reading " + name)
	}
	return p.FS.Open(name)
}

func TestPanicInAStageIsAnErrorAtItsFile(t *testing.T) {
	fsys := siteFS(t, readArchive(t, "testdata/site.txtar"))
	for _, file := range []string{"content/schools/oak-elementary/walks.md", "data/standards.yaml"} {
		m, err := build.Load(context.Background(), panicFS{fsys, file}, build.Options{}, nil)
		if !build.IsSiteError(err) {
			t.Fatalf("%s: err = %v, want the crash as a site error", file, err)
		}
		got := m.Diagnostics[len(m.Diagnostics)-1].String()
		if !strings.HasPrefix(got, file+": folio crashed in its ") || !strings.Contains(got, "a bug while reading "+file) ||
			!strings.Contains(got, "please report it at "+generator.BugReportURL) {
			t.Errorf("crash reported as %q", got)
		}
	}
}

// gateFS holds each open of a file under data/ until a narrative is
// opened, which cancels the load, and counts those opens.
type gateFS struct {
	fs.FS
	narrative string
	cancel    func()
	once      *sync.Once
	gate      chan struct{}
	dataOpens *atomic.Int32
}

func (g gateFS) Open(name string) (fs.File, error) {
	if name == g.narrative {
		g.once.Do(func() { g.cancel(); close(g.gate) })
	}
	if strings.HasPrefix(name, "data/") {
		<-g.gate
		g.dataOpens.Add(1)
	}
	return g.FS.Open(name)
}

// TestLoadGivenUpStopsTheEvidence: evidence loads beside the narratives;
// when the load is given up while they are read, it stops at its next
// step, not after reading, suppressing and auditing all of data/, and
// the load ends with the context's error.
func TestLoadGivenUpStopsTheEvidence(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	fsys := gateFS{FS: siteFS(t, readArchive(t, "testdata/site.txtar")), narrative: "content/schools/oak-elementary/walks.md",
		cancel: cancel, once: new(sync.Once), gate: make(chan struct{}), dataOpens: new(atomic.Int32)}
	m, err := build.Load(ctx, fsys, build.Options{}, nil)
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("Load = %v, want the context's error", err)
	}
	if m.Site != nil {
		t.Error("a load given up went on to assemble the site")
	}
	if n := fsys.dataOpens.Load(); n > 1 {
		t.Errorf("%d files of data/ were opened after the load was given up, want at most the one already being opened", n)
	}
}
