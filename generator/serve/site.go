package serve

import (
	"io/fs"
	"path"
	"strings"
	"time"

	"github.com/folio-sites/folio/generator"
)

// snapshot is one complete build, as served. It is never modified once
// made: a rebuild makes a new one and swaps it in.
type snapshot struct {
	files map[string]servedFile // by slash path relative to the site root
	built time.Time
}

// servedFile is a generated file held in memory (data), or a file copied
// from the site or the theme, read from src in fsys when requested.
type servedFile struct {
	data []byte
	src  string
	fsys fs.FS
}

// newSnapshot indexes a build's files. The reload script is injected into
// pages as they are served, so a rebuild that changes a few pages of a
// large site does not copy all the others.
func newSnapshot(files []generator.File, built time.Time) *snapshot {
	s := &snapshot{files: make(map[string]servedFile, len(files)), built: built}
	for _, f := range files {
		if f.Source != "" {
			s.files[f.Path] = servedFile{src: f.Source, fsys: f.SourceFS}
			continue
		}
		s.files[f.Path] = servedFile{data: f.Data}
	}
	return s
}

// lookup finds the file for a URL path. A folder's URL ("/schools/x/")
// serves its index.html; redirect is set when the path names a folder
// without its trailing slash.
func (s *snapshot) lookup(urlPath string) (f servedFile, name string, redirect string, ok bool) {
	name = strings.TrimPrefix(urlPath, "/")
	if name == "" || strings.HasSuffix(name, "/") {
		name += "index.html"
	}
	if f, ok := s.files[name]; ok {
		return f, name, "", true
	}
	if !strings.HasSuffix(urlPath, "/") {
		if _, ok := s.files[name+"/index.html"]; ok {
			return servedFile{}, "", urlPath + "/", false
		}
	}
	return servedFile{}, name, "", false
}

func isHTML(p string) bool {
	ext := strings.ToLower(path.Ext(p))
	return ext == ".html" || ext == ".htm"
}

// state is what the server shows: the last snapshot that built, and the
// problems of the last build if it failed.
type state struct {
	site  *snapshot
	build string
	// problems are the diagnostics of the last build when it failed (nil
	// when it succeeded), as `folio check` prints them.
	problems generator.Diagnostics
}

func (st *state) message() Message {
	// Grouped as the terminal prints them: a file with the same problem
	// on every row of a large CSV is a few lines, not millions.
	m := Message{Build: st.build, Problems: st.problems.Lines(generator.PrintOptions{})}
	if m.Problems == nil {
		m.Problems = []string{}
	}
	m.Errors, m.Warnings = st.problems.Count()
	return m
}
