package e2e_test

// The sample site, built once and served over HTTP.

import (
	"io/fs"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/folio-sites/folio/generator/build"
)

// sampleSite is the repository root, which is itself a site folder.
const sampleSite = "../.."

// site is the sample district, built once per test binary and served over
// HTTP on the loopback interface.
type site struct {
	// Dir is the built folder; URL the server's root, without a slash.
	Dir string
	URL string
	// Pages are the slash paths of every HTML file, sorted.
	Pages []string
}

var (
	siteOnce sync.Once
	theSite  *site
	siteErr  error
	siteTmp  string
	server   *httptest.Server
)

// sampleDistrict builds and serves the sample site on first use.
func sampleDistrict(t *testing.T) *site {
	t.Helper()
	siteOnce.Do(func() { theSite, siteErr = buildSite() })
	if siteErr != nil {
		t.Fatalf("building the sample site: %v", siteErr)
	}
	return theSite
}

// buildSite builds the sample site as `folio build` does, minified and
// fingerprinted, into a temporary folder, and serves it.
func buildSite() (*site, error) {
	var err error
	siteTmp, err = os.MkdirTemp("", "folio-e2e-")
	if err != nil {
		return nil, err
	}
	dest := filepath.Join(siteTmp, "public")
	if _, err := build.Build(build.Options{Source: sampleSite, Dest: dest, Minify: true, Fingerprint: true}); err != nil {
		return nil, err
	}
	s := &site{Dir: dest}
	err = filepath.WalkDir(dest, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".html") {
			return err
		}
		rel, err := filepath.Rel(dest, p)
		s.Pages = append(s.Pages, filepath.ToSlash(rel))
		return err
	})
	if err != nil {
		return nil, err
	}
	slices.Sort(s.Pages)
	server = httptest.NewServer(http.FileServer(http.Dir(dest)))
	s.URL = server.URL
	return s, nil
}

// stopSite closes the server and removes the built site.
func stopSite() {
	if server != nil {
		server.Close()
	}
	if siteTmp != "" {
		os.RemoveAll(siteTmp)
	}
}

// PageURL returns the address of a page given by its file (index.html files
// by their folder, as readers see them) or by its URL path.
func (s *site) PageURL(page string) string {
	page = strings.TrimPrefix(page, "/")
	if page == "index.html" {
		return s.URL + "/"
	}
	return s.URL + "/" + strings.TrimSuffix(page, "index.html")
}

// ReadPage returns a built page's HTML.
func (s *site) ReadPage(t *testing.T, page string) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(s.Dir, filepath.FromSlash(page)))
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

// Pages of the sample site that the detailed checks visit, one or more of
// every kind, by URL path.
const (
	homePage          = "/"
	schoolPage        = "/schools/lincoln-middle/"         // ten charts, narratives, an evidence file
	narrativePage     = "/district/relationship-building/" // a table, footnotes, a chart
	schoolNarrative   = "/schools/jefferson-middle/algebra-placement/"
	taskListNarrative = "/district/communities-of-practice/" // a task list
	standardPage      = "/standards/issl-1a/"
	standardsPage     = "/standards/"
	frameworkPage     = "/framework/"
	boardPage         = "/board/"
	goalsPage         = "/goals/"   // every goal of the sample, one of each status
	changesPage       = "/changes/" // changes since folio.yaml's board.since
	districtPage      = "/district/"
	schoolsPage       = "/schools/"
	notFoundPage      = "/404.html"
)
