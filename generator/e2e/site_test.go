package e2e_test

// The sample site, built once per test binary the way it ships.

import (
	"fmt"
	"io"
	"io/fs"
	"log"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/folio-sites/folio/generator/benchsite"
	"github.com/folio-sites/folio/generator/build"
	sitemodel "github.com/folio-sites/folio/generator/site"
)

// sampleSite is the repository root, which is itself a site folder.
const sampleSite = "../.."

// pagesBaseURL is the address the tests build the sample for: a GitHub
// Pages project site, under a sub-path, as .github/workflows/pages.yml
// builds it (`folio build --base-url https://<owner>.github.io/<repo>/`).
const pagesBaseURL = "https://example.github.io/district/"

// site is one build of the sample district.
type site struct {
	// Dir is the built folder. URL is where its root is served, without a
	// trailing slash: https://example.github.io/district for the Pages
	// build, file:///…/public for the relative one.
	Dir string
	URL string
	// Pages are the slash paths of every HTML file, sorted.
	Pages []string
}

var (
	pagesOnce sync.Once
	pagesSite *site
	pagesErr  error

	relativeOnce sync.Once
	relativeSite *site
	relativeErr  error

	tmpMu   sync.Mutex
	tmpDirs []string

	serverOnce sync.Once
	server     *httptest.Server
	// served is the folder the server publishes under the base URL's
	// path; nil until the Pages build is done.
	served atomic.Pointer[string]

	largeOnce sync.Once
	largeSite *site
	largeErr  error
	// servedLarge is the folder published under largeBaseURL's path.
	servedLarge atomic.Pointer[string]
)

// largeBaseURL is where the tests publish a district of more than
// site.BoardSchools schools (see largeDistrict), beside the sample.
const largeBaseURL = "https://example.github.io/region/"

// pagesServer starts, on first use, the HTTPS server that stands in for
// GitHub Pages: it serves the Pages build under the base URL's path and
// answers 404 anywhere else, so a link or asset that forgot the sub-path
// fails the tests that watch requests. The browser reaches it by the base
// URL's own name (see hostRules), so the pages run at the origin they
// were built for, under their Content-Security-Policy.
func pagesServer() *httptest.Server {
	serverOnce.Do(func() {
		mux := http.NewServeMux()
		for base, folder := range map[string]*atomic.Pointer[string]{pagesBaseURL: &served, largeBaseURL: &servedLarge} {
			prefix := strings.TrimSuffix(mustURL(base).Path, "/") // "/district"
			mux.Handle(prefix+"/", http.StripPrefix(prefix, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				dir := folder.Load()
				if dir == nil {
					http.NotFound(w, r)
					return
				}
				http.FileServer(http.Dir(*dir)).ServeHTTP(w, r)
			})))
		}
		server = httptest.NewUnstartedServer(mux)
		// The browser is told to accept the test certificate; the
		// handshake noise of its probes is not a test failure.
		server.Config.ErrorLog = log.New(io.Discard, "", 0)
		server.StartTLS()
	})
	return server
}

// hostRules is Chromium's --host-resolver-rules value that sends requests
// for the base URL's host to the local test server.
func hostRules() string {
	port := pagesServer().Listener.Addr().(*net.TCPAddr).Port
	return fmt.Sprintf("MAP %s:443 127.0.0.1:%d", mustURL(pagesBaseURL).Hostname(), port)
}

// sampleDistrict returns the sample built as the Pages workflow builds it
// (base URL with a sub-path, minified, fingerprinted, with Subresource
// Integrity) and served over HTTP under that sub-path, as GitHub Pages
// serves it: what readers actually get. Built on first use.
func sampleDistrict(t *testing.T) *site {
	t.Helper()
	pagesOnce.Do(func() { pagesSite, pagesErr = buildPages() })
	if pagesErr != nil {
		t.Fatalf("building the sample site as the Pages workflow does: %v", pagesErr)
	}
	return pagesSite
}

// relativeDistrict returns the sample built without a base URL, as
// `folio build` does by default, for opening from disk (file://). Built on
// first use.
func relativeDistrict(t *testing.T) *site {
	t.Helper()
	relativeOnce.Do(func() {
		var dest string
		dest, relativeErr = buildInto(build.Options{Source: sampleSite, Minify: true, Fingerprint: true})
		if relativeErr == nil {
			relativeSite, relativeErr = newSite(dest, (&url.URL{Scheme: "file", Path: filepath.ToSlash(dest)}).String())
		}
	})
	if relativeErr != nil {
		t.Fatalf("building the sample site without a base URL: %v", relativeErr)
	}
	return relativeSite
}

// largeDistrict returns a synthetic district of one school more than the
// board packet prints (site.BoardSchools), built as the Pages workflow
// builds and served at largeBaseURL: its comparisons of every school are
// on pages of their own. Built on first use.
func largeDistrict(t *testing.T) *site {
	t.Helper()
	largeOnce.Do(func() {
		var src string
		if src, largeErr = os.MkdirTemp("", "folio-e2e-large-"); largeErr != nil {
			return
		}
		tmpMu.Lock()
		tmpDirs = append(tmpDirs, src)
		tmpMu.Unlock()
		if largeErr = benchsite.Generate(src, benchsite.Options{Schools: sitemodel.BoardSchools + 1, Narratives: 1, Years: 2}); largeErr != nil {
			return
		}
		var dest string
		if dest, largeErr = buildInto(build.Options{Source: src, BaseURL: largeBaseURL, Minify: true, Fingerprint: true}); largeErr != nil {
			return
		}
		pagesServer()
		servedLarge.Store(&dest)
		largeSite, largeErr = newSite(dest, strings.TrimSuffix(largeBaseURL, "/"))
	})
	if largeErr != nil {
		t.Fatalf("building a district of %d schools: %v", sitemodel.BoardSchools+1, largeErr)
	}
	return largeSite
}

// buildPages builds the Pages variant and serves it at pagesBaseURL.
func buildPages() (*site, error) {
	dest, err := buildInto(build.Options{Source: sampleSite, BaseURL: pagesBaseURL, Minify: true, Fingerprint: true})
	if err != nil {
		return nil, err
	}
	pagesServer()
	served.Store(&dest)
	return newSite(dest, strings.TrimSuffix(pagesBaseURL, "/"))
}

// buildInto builds the sample with opts into a new temporary folder and
// returns the folder.
func buildInto(opts build.Options) (string, error) {
	tmp, err := os.MkdirTemp("", "folio-e2e-")
	if err != nil {
		return "", err
	}
	tmpMu.Lock()
	tmpDirs = append(tmpDirs, tmp)
	tmpMu.Unlock()
	opts.Dest = filepath.Join(tmp, "public")
	if _, err := build.Build(opts); err != nil {
		return "", err
	}
	return opts.Dest, nil
}

// newSite lists the HTML pages of the build in dest, served at root.
func newSite(dest, root string) (*site, error) {
	s := &site{Dir: dest, URL: root}
	err := filepath.WalkDir(dest, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".html") {
			return err
		}
		rel, err := filepath.Rel(dest, p)
		s.Pages = append(s.Pages, filepath.ToSlash(rel))
		return err
	})
	slices.Sort(s.Pages)
	return s, err
}

func mustURL(raw string) *url.URL {
	u, err := url.Parse(raw)
	if err != nil {
		panic(err)
	}
	return u
}

// stopSite closes the server and removes the built sites.
func stopSite() {
	if server != nil {
		server.Close()
	}
	for _, d := range tmpDirs {
		os.RemoveAll(d)
	}
}

// PageURL returns the address of a page given by its file (index.html files
// by their folder, as readers see them) or by its URL path. From disk,
// folders do not open their index.html, so there the file is named.
func (s *site) PageURL(page string) string {
	page = strings.TrimPrefix(page, "/")
	if strings.HasPrefix(s.URL, "file:") {
		if page == "" || strings.HasSuffix(page, "/") {
			page += "index.html"
		}
		return s.URL + "/" + page
	}
	if page == "index.html" {
		return s.URL + "/"
	}
	return s.URL + "/" + strings.TrimSuffix(page, "index.html")
}

// ReadPage returns a built page's HTML.
func (s *site) ReadPage(t *testing.T, page string) string {
	t.Helper()
	page = strings.TrimPrefix(page, "/")
	if page == "" || strings.HasSuffix(page, "/") {
		page += "index.html"
	}
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

// readerPages are the pages the issue names for phones, desktops and axe:
// home, a school, a narrative, the board packet and the framework.
var readerPages = []struct{ Name, Path string }{
	{"home", homePage},
	{"school", schoolPage},
	{"narrative", narrativePage},
	{"board", boardPage},
	{"framework", frameworkPage},
}
