package serve

import (
	"path"
	"strings"
	"time"

	"github.com/folio-sites/folio/generator"
	"github.com/folio-sites/folio/generator/build"
)

// served is the last model that loaded without errors, as served. Pages
// are rendered when they are first asked for (the model keeps them); a
// reload makes a new one and swaps it in.
type served struct {
	model *build.Model // nil before any load succeeded
	built time.Time
}

// lookup finds the file for a URL path. A folder's URL ("/schools/x/")
// serves its index.html; redirect is set when the path names a folder
// without its trailing slash. err is a page that failed to render.
func (s *served) lookup(urlPath string) (f generator.File, name, redirect string, ok bool, err error) {
	if s.model == nil {
		return generator.File{}, "", "", false, nil
	}
	name = strings.TrimPrefix(urlPath, "/")
	if name == "" || strings.HasSuffix(name, "/") {
		name += "index.html"
	}
	f, ok, err = s.model.Lookup(name)
	if ok || err != nil {
		return f, name, "", ok, err
	}
	if !strings.HasSuffix(urlPath, "/") {
		if _, ok, _ := s.model.Lookup(name + "/index.html"); ok {
			return generator.File{}, "", urlPath + "/", false, nil
		}
	}
	return generator.File{}, name, "", false, nil
}

func isHTML(p string) bool {
	ext := strings.ToLower(path.Ext(p))
	return ext == ".html" || ext == ".htm"
}

// state is what the server shows: the last model that loaded, and the
// problems of the last load if it failed.
type state struct {
	site  *served
	build string
	// problems are the diagnostics of the last load when it failed (nil
	// when it succeeded), as `folio check` prints them.
	problems generator.Diagnostics
	// warnings counts the warnings of the last load when it succeeded:
	// the terminal prints them, and the status counts them, though no
	// page shows them.
	warnings int
}

func (st *state) message() Message {
	// Grouped as the terminal prints them: a file with the same problem
	// on every row of a large CSV is a few lines, not millions.
	m := Message{Build: st.build, Problems: st.problems.Lines(generator.PrintOptions{})}
	if m.Problems == nil {
		m.Problems = []string{}
	}
	m.Errors, m.Warnings = st.problems.Count()
	if st.problems == nil {
		m.Warnings = st.warnings
	}
	return m
}
