// Package optimize prepares built files for publishing: it minifies HTML,
// CSS, JavaScript, SVG, JSON and XML with tdewolff/minify, and gives CSS
// and JavaScript files a content hash in their names (cache busting) with
// a Subresource Integrity digest for the tags that load them.
package optimize

import (
	"crypto/sha256"
	"crypto/sha512"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"path"
	"regexp"
	"strings"

	"github.com/folio-sites/folio/generator"
	"github.com/folio-sites/folio/generator/internal/parallel"
	"github.com/tdewolff/minify/v2"
	"github.com/tdewolff/minify/v2/css"
	"github.com/tdewolff/minify/v2/html"
	"github.com/tdewolff/minify/v2/js"
	"github.com/tdewolff/minify/v2/json"
	"github.com/tdewolff/minify/v2/svg"
	"github.com/tdewolff/minify/v2/xml"
	"github.com/tdewolff/parse/v2"
)

// Minifier minifies files by their extension. It is safe for concurrent
// use.
type Minifier struct {
	m *minify.M
	// layouts minifies HTML templates: text between {{ and }} is kept.
	layouts *minify.M
}

// NewMinifier sets up the minifiers. HTML keeps its document and end tags
// and attribute quotes: the output stays valid for the W3C checker and
// readable as source, at a cost of a few percent.
func NewMinifier() *Minifier {
	m := minify.New()
	page := html.Minifier{KeepDocumentTags: true, KeepEndTags: true, KeepQuotes: true, KeepDefaultAttrVals: true}
	m.Add("text/html", &page)
	m.AddFunc("text/css", css.Minify)
	m.AddFunc("application/javascript", js.Minify)
	m.AddFunc("image/svg+xml", svg.Minify)
	m.AddFunc("application/json", json.Minify)
	m.AddFuncRegexp(regexp.MustCompile(`[/+]xml$`), xml.Minify)
	layout := page
	layout.TemplateDelims = html.GoTemplateDelims
	layouts := minify.New()
	layouts.Add("text/html", &layout)
	return &Minifier{m: m, layouts: layouts}
}

var mediaTypes = map[string]string{
	".html": "text/html",
	".css":  "text/css",
	".js":   "application/javascript",
	".svg":  "image/svg+xml",
	".json": "application/json",
	".xml":  "application/xml",
}

// mediaType returns the type to minify p as, or "" to leave it alone.
// Already minified files (*.min.js, *.min.css) are skipped: minifying
// ECharts again saves about 1% for a noticeable cost.
func mediaType(p string) string {
	base := path.Base(p)
	if strings.Contains(base, ".min.") {
		return ""
	}
	return mediaTypes[path.Ext(base)]
}

// SyntaxError is a file the minifier cannot read (a theme's script with
// a syntax error): where, as the site names the file, and what.
type SyntaxError struct {
	Pos     generator.Pos
	Message string
}

func (e *SyntaxError) Error() string { return e.Pos.String() + ": " + e.Message }

// Stats says how much minifying saved.
type Stats struct {
	Before, After int64
}

// Saved is the number of bytes minifying removed.
func (s Stats) Saved() int64 { return s.Before - s.After }

// File minifies f in place if it is of a kind the minifier knows, and
// says how many bytes it had before and after (equal when untouched). A
// file to be copied from a source is read first when it needs minifying.
func (mn *Minifier) File(f *generator.File) (Stats, error) {
	mt := mediaType(f.Path)
	if mt == "" {
		return Stats{}, nil
	}
	at := f.Source // as the site names the file, before load forgets it
	if at == "" {
		at = f.Path
	}
	if err := load(f); err != nil {
		return Stats{}, err
	}
	out, err := mn.m.Bytes(mt, f.Data)
	if err != nil {
		var perr *parse.Error
		if errors.As(err, &perr) {
			return Stats{}, &SyntaxError{Pos: generator.Pos{File: at, Line: perr.Line, Col: perr.Column}, Message: perr.Message}
		}
		return Stats{}, fmt.Errorf("minify %s: %w", f.Path, err)
	}
	st := Stats{Before: int64(len(f.Data)), After: int64(len(out))}
	f.Data = out
	return st, nil
}

// Add adds the counts of o to s.
func (s *Stats) Add(o Stats) {
	s.Before += o.Before
	s.After += o.After
}

// Files minifies every file it knows how to, in place, on every core.
func (mn *Minifier) Files(files []generator.File) (Stats, error) {
	type result struct {
		st  Stats
		err error
	}
	results := parallel.Map(len(files), func(i int) result {
		st, err := mn.File(&files[i])
		return result{st, err}
	})
	var st Stats
	for _, r := range results {
		if r.err != nil {
			return st, r.err
		}
		st.Add(r.st)
	}
	return st, nil
}

// load reads a file to be copied into memory.
func load(f *generator.File) error {
	if f.SourceFS == nil {
		return nil
	}
	r, err := f.SourceFS.Open(f.Source)
	if err != nil {
		return fmt.Errorf("read %s: %w", f.Source, err)
	}
	defer r.Close()
	data, err := io.ReadAll(r)
	if err != nil {
		return fmt.Errorf("read %s: %w", f.Source, err)
	}
	f.Data, f.Source, f.SourceFS = data, "", nil
	return nil
}

// Asset is how a page links a static file.
type Asset struct {
	// Path is the site-absolute path of the file as published, e.g.
	// "/css/folio.1a2b3c4d5e.css".
	Path string
	// Integrity is the Subresource Integrity value ("sha384-…"), or ""
	// when not fingerprinted.
	Integrity string
}

// Assets maps a static file's own site-absolute path ("/css/folio.css")
// to how it is published.
type Assets map[string]Asset

// Lookup returns the published path and integrity digest of the static
// file at p; files that were not fingerprinted keep their path and have no
// digest. (It is the render stage's Assets interface.)
func (a Assets) Lookup(p string) (path, integrity string) {
	if as, ok := a[p]; ok {
		return as.Path, as.Integrity
	}
	return p, ""
}

// Fingerprint renames every CSS and JavaScript file to carry a hash of its
// content ("folio.css" → "folio.1a2b3c4d5e.css") and records its integrity
// digest. Call it after minifying, so the hash is of the final bytes.
func Fingerprint(files []generator.File) (Assets, error) {
	assets := Assets{}
	for i := range files {
		f := &files[i]
		ext := path.Ext(f.Path)
		if ext != ".css" && ext != ".js" {
			continue
		}
		if err := load(f); err != nil {
			return nil, err
		}
		sum := sha256.Sum256(f.Data)
		name := strings.TrimSuffix(f.Path, ext) + "." + hex.EncodeToString(sum[:])[:10] + ext
		sri := sha512.Sum384(f.Data)
		assets["/"+f.Path] = Asset{Path: "/" + name, Integrity: "sha384-" + base64.StdEncoding.EncodeToString(sri[:])}
		f.Path = name
	}
	return assets, nil
}

// Layout minifies the source of an HTML layout (a Go template), leaving
// its {{ }} actions as they are, with the options pages are minified
// with: a page rendered from minified layouts is as small as the same
// page minified, and costs nothing more to render.
func (mn *Minifier) Layout(src []byte) ([]byte, error) {
	return mn.layouts.Bytes("text/html", src)
}
