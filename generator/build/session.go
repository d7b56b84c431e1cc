package build

import (
	"bytes"
	"cmp"
	"io/fs"
	"slices"
	"sync"
	"time"

	"github.com/folio-sites/folio/generator"
	"github.com/folio-sites/folio/generator/content"
	"github.com/folio-sites/folio/generator/render"
	"github.com/folio-sites/folio/generator/site"
)

// Session is a site built in memory and kept for rebuilds: `folio serve`
// opens one, and after each change asks it to rebuild only what the change
// touched. An edit of existing narratives re-renders their pages and the
// pages that list or cite them; any other change (data, templates,
// configuration, new or removed files) rebuilds everything. Files always
// holds the last good build: a rebuild that fails leaves it as it was.
type Session struct {
	fsys fs.FS
	opts Options

	mu    sync.Mutex
	last  *Result // the last good build
	files map[string]generator.File
	// broken is set when the last rebuild had errors: the next one is
	// full, since the problems of files it did not re-read are not in
	// last.
	broken bool
}

// Open builds the site in fsys in memory.
func Open(fsys fs.FS, opts Options) (*Session, *Result, error) {
	s := &Session{fsys: fsys, opts: opts}
	res, _, err := s.full()
	return s, res, err
}

// Files returns the files of the last good build by output path. The map
// must not be changed; a rebuild replaces it rather than changing it.
func (s *Session) Files() map[string]generator.File {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.files
}

// Rebuild brings the site up to date after the files at the given
// site-relative paths changed, and returns the output paths whose bytes
// changed. On site errors it returns a *generator.DiagnosticsError and
// keeps the last good files.
func (s *Session) Rebuild(changed []string) (*Result, []string, error) {
	s.mu.Lock()
	ok := s.last != nil && !s.broken && s.onlyNarratives(changed)
	s.mu.Unlock()
	if ok {
		if res, out, err, done := s.narratives(changed); done {
			s.setFailed(err != nil)
			return res, out, err
		}
	}
	res, out, err := s.full()
	s.setFailed(err != nil)
	return res, out, err
}

func (s *Session) setFailed(failed bool) {
	s.mu.Lock()
	s.broken = failed
	s.mu.Unlock()
}

// full rebuilds everything.
func (s *Session) full() (*Result, []string, error) {
	var mu sync.Mutex
	files := map[string]generator.File{}
	// Static files and artifacts keep their Source: they stay on disk
	// until asked for.
	res, err := run(s.fsys, s.opts, func(f generator.File) error {
		mu.Lock()
		files[f.Path] = f
		mu.Unlock()
		return nil
	})
	if err != nil {
		return res, nil, err
	}
	res.Files = make([]generator.File, 0, len(files))
	for _, f := range files {
		res.Files = append(res.Files, f)
	}
	slices.SortFunc(res.Files, func(a, b generator.File) int { return cmp.Compare(a.Path, b.Path) })
	s.mu.Lock()
	defer s.mu.Unlock()
	changed := diff(s.files, files)
	s.last, s.files = res, files
	return res, changed, nil
}

// onlyNarratives reports whether every path is a narrative of the last
// build that still exists.
func (s *Session) onlyNarratives(paths []string) bool {
	known := map[string]bool{}
	for _, n := range s.last.Site.Content.District {
		known[n.Source] = true
	}
	for _, sc := range s.last.Site.Content.Schools {
		for _, n := range sc.Narratives {
			known[n.Source] = true
		}
	}
	for _, p := range paths {
		if !known[p] {
			return false
		}
		if _, err := fs.Stat(s.fsys, p); err != nil {
			return false
		}
	}
	return len(paths) > 0
}

// narratives re-reads the narratives at paths and re-renders the pages
// they touch. done is false when the edit needs a full rebuild after all.
func (s *Session) narratives(paths []string) (res *Result, changed []string, err error, done bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	start := time.Now()
	last := s.last
	cfg := last.Site.Config
	// Problems of other files stand; those of the edited files are found
	// anew.
	ds := slices.DeleteFunc(slices.Clone(last.Diagnostics), func(d generator.Diagnostic) bool {
		return slices.Contains(paths, d.Pos.File)
	})
	var touched []*site.Page
	listings := false
	for _, p := range paths {
		n := content.Narrative(s.fsys, cfg, p, &ds)
		if n == nil {
			if ds.HasErrors() {
				return s.failed(ds, start), nil, ds.Err(), true
			}
			return nil, nil, nil, false // now a draft: the page goes away
		}
		pages, listed, ok := last.Site.ReplaceNarrative(n, &ds)
		if !ok {
			return nil, nil, nil, false
		}
		touched = append(touched, pages...)
		listings = listings || listed
	}
	if s.opts.Strict {
		ds = ds.Promote()
	}
	ds.Sort()
	if ds.HasErrors() {
		return s.failed(ds, start), nil, ds.Err(), true
	}
	var mu sync.Mutex
	var rdiags generator.Diagnostics
	fresh := map[string]generator.File{}
	emit := func(f generator.File) error {
		if last.minifier != nil {
			if _, err := last.minifier.File(&f); err != nil {
				return err
			}
		}
		mu.Lock()
		fresh[f.Path] = f
		mu.Unlock()
		return nil
	}
	err = render.StreamPages(last.Site, slices.Compact(touched), last.templates, last.assets, &rdiags, func(_ int, f generator.File) error { return emit(f) })
	if err == nil && listings {
		for _, f := range render.Extras(last.Site) {
			if err = emit(f); err != nil {
				break
			}
		}
	}
	if err != nil {
		return s.failed(ds, start), nil, err, true
	}
	if rdiags.HasErrors() {
		ds = append(ds, rdiags...)
		ds.Sort()
		return s.failed(ds, start), nil, ds.Err(), true
	}
	res = &Result{Site: last.Site, Diagnostics: ds, Pages: last.Pages, Charts: last.Charts,
		templates: last.templates, assets: last.assets, minifier: last.minifier,
		Duration: time.Since(start), Stages: []Stage{{Name: "incremental", Duration: time.Since(start)}}}
	// Only the re-rendered files can have changed: compare those alone,
	// then lay them over a copy of the file index.
	files := make(map[string]generator.File, len(s.files))
	for k, v := range s.files {
		files[k] = v
	}
	for p, f := range fresh {
		if old, ok := files[p]; !ok || !sameFile(old, f) {
			changed = append(changed, p)
		}
		files[p] = f
	}
	slices.Sort(changed)
	s.last, s.files = res, files
	return res, changed, nil, true
}

// failed is the Result of a rebuild that found errors; the last good
// build stays.
func (s *Session) failed(ds generator.Diagnostics, start time.Time) *Result {
	return &Result{Site: s.last.Site, Diagnostics: ds, Duration: time.Since(start)}
}

// diff lists the paths whose bytes differ between two builds, sorted.
func diff(before, after map[string]generator.File) []string {
	var out []string
	for p, f := range after {
		old, ok := before[p]
		if !ok || !sameFile(old, f) {
			out = append(out, p)
		}
	}
	for p := range before {
		if _, ok := after[p]; !ok {
			out = append(out, p)
		}
	}
	slices.Sort(out)
	return out
}

func sameFile(a, b generator.File) bool {
	if a.SourceFS != nil || b.SourceFS != nil {
		return a.Source == b.Source && a.SourceFS == b.SourceFS
	}
	return bytes.Equal(a.Data, b.Data)
}
