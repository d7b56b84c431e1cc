package serve

import (
	"context"
	"io/fs"

	"github.com/folio-sites/folio/generator"
	"github.com/folio-sites/folio/generator/build"
	"github.com/folio-sites/folio/generator/config"
	"github.com/folio-sites/folio/generator/sitefs"
)

// A Rebuilder builds the site after its files changed; Incremental is the
// one the server uses unless Options.Rebuilder names another.
type Rebuilder interface {
	// Rebuild returns the whole site, or a *generator.DiagnosticsError
	// (with the Result holding the diagnostics) when the site has errors.
	// changed lists the files changed since the last call, slash-separated
	// and relative to the site folder; it is nil for the first build.
	// Calls never overlap.
	Rebuild(ctx context.Context, changed []string) (*build.Result, error)
}

// serveOptions are the build options of a preview. Pages link relatively
// when there is no base URL, which suits a server at the root. A base URL
// in folio.yaml would make links start with its path (/portfolio/…),
// which the server does not have: "/" overrides it, so links are
// root-relative instead.
func serveOptions(source string, drafts bool) (fs.FS, build.Options) {
	fsys := sitefs.Dir(source)
	opts := build.Options{Source: source, Drafts: drafts}
	var ignored generator.Diagnostics // the build reports them again
	if config.Load(fsys, &ignored).BaseURL != "" {
		opts.BaseURL = "/"
	}
	return fsys, opts
}

// Incremental is the Rebuilder that keeps the built site in memory
// (build.Session) and, when only existing narratives changed, re-renders
// just the pages they touch; anything else rebuilds fully. It is what
// keeps the preview instant on a district of hundreds of schools.
type Incremental struct {
	Source string
	Drafts bool

	session *build.Session
}

// Rebuild implements Rebuilder.
func (inc *Incremental) Rebuild(ctx context.Context, changed []string) (*build.Result, error) {
	if inc.session == nil || changed == nil {
		fsys, opts := serveOptions(inc.Source, inc.Drafts)
		sess, res, err := build.Open(fsys, opts)
		inc.session = sess
		return res, err
	}
	res, _, err := inc.session.Rebuild(changed)
	if err != nil {
		return res, err
	}
	files := inc.session.Files()
	res.Files = make([]generator.File, 0, len(files))
	for _, f := range files {
		res.Files = append(res.Files, f)
	}
	return res, nil
}
